/** What Classify Image and Classify Folder share: the checkpoint, the request, and feeding the panel. */
import * as fs from 'fs/promises';
import * as path from 'path';
import * as vscode from 'vscode';
import { Services } from '../services';
import { ClassifiedFile, ClassifyResult } from '../shared/checkpointMeta';
import { PredictionView } from '../shared/panelState';
import { CheckpointInfo } from '../runs/runStore';

const BROWSER_IMAGES: Record<string, string> = {
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.bmp': 'image/bmp',
};
const MAX_INLINE_BYTES = 2 * 1024 * 1024;

/** The checkpoint for predictions, or undefined after telling the user there is none yet. */
export async function checkpointOrExplain(s: Services): Promise<CheckpointInfo | undefined> {
  const cp = await s.predictionCheckpoint();
  if (cp) return cp;
  const train = 'Train';
  void vscode.window.showWarningMessage(`AlexNet: no checkpoint to classify with in ${s.runsFolder()}. Train a model first.`, train).then((c) => {
    if (c === train) void vscode.commands.executeCommand('alexnet.train');
  });
  return undefined;
}

export async function classifyWithProgress(s: Services, cp: CheckpointInfo, paths: string[], title: string): Promise<ClassifyResult> {
  const topK = s.settings<number>('topK') ?? 5;
  return vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title, cancellable: true }, (_p, token) => {
    const abort = new AbortController();
    token.onCancellationRequested(() => abort.abort());
    return s.trainer.classify(cp.dir, paths, topK, s.backend, { signal: abort.signal });
  });
}

function folderClass(file: string, classes: string[]): string | undefined {
  const folder = path.basename(path.dirname(file));
  return classes.includes(folder) ? folder : undefined;
}

/** Sends classified files to the panel; images the webview cannot load from disk go inline as data: URIs. */
export async function showPredictions(s: Services, result: ClassifyResult, files: ClassifiedFile[]): Promise<void> {
  const at = new Date().toISOString();
  for (const f of files) {
    const mime = BROWSER_IMAGES[path.extname(f.file).toLowerCase()];
    if (!mime || s.panel.canLoad(f.file)) continue;
    const stat = await fs.stat(f.file).catch(() => undefined);
    if (!stat || stat.size > MAX_INLINE_BYTES) continue;
    const bytes = await fs.readFile(f.file);
    s.panel.setInlineThumbnail(f.file, `data:${mime};base64,${bytes.toString('base64')}`);
  }
  const items: PredictionView[] = files.map((f) => ({
    file: f.file,
    thumbnail: null,
    checkpoint: result.checkpoint,
    top: f.top,
    error: f.error,
    // In a class-folder layout the folder names the class (ImageFolder): worth a right/wrong mark.
    trueClass: f.trueClass ?? folderClass(f.file, result.classes),
    at,
  }));
  s.panel.update({ type: 'predictions', items });
}
