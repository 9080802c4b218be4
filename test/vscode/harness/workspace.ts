import * as fs from 'fs';
import * as path from 'path';
import { freshDir, vscodeTestDir } from './paths';

/**
 * Extension settings for test workspaces: a small input and few epochs so a training run takes about a minute
 * on two CPU cores. The Python-tutorial defaults (224 px, 10 epochs) would take hours there.
 */
export const FAST_TRAINING_SETTINGS: Record<string, unknown> = {
  'alexnet.epochs': 2,
  'alexnet.inputSize': 67,
  'alexnet.batchSize': 16,
};

/** A fresh workspace folder .vscode-test/workspaces/<name> with the given workspace settings. */
export function freshWorkspace(name: string, settings: Record<string, unknown> = FAST_TRAINING_SETTINGS): string {
  const ws = freshDir(path.join(vscodeTestDir(), 'workspaces', name));
  fs.mkdirSync(path.join(ws, '.vscode'));
  fs.writeFileSync(path.join(ws, '.vscode', 'settings.json'), JSON.stringify(settings, null, 2) + '\n');
  return ws;
}
