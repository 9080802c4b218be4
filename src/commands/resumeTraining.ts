import * as vscode from 'vscode';
import { readEpochMetrics } from '../runs/runStore';
import { Services } from '../services';
import { DoneEvent } from '../shared/metrics';
import { isNode } from './args';
import { pickRun } from './pickRunOrCheckpoint';
import { startSession } from './train';

/** AlexNet: Resume Training: continues a run from its `last` checkpoint, asking for more epochs when it had finished. */
export function resumeTrainingCommand(s: Services) {
  return async (arg?: unknown, epochs?: number): Promise<DoneEvent | undefined> => {
    if (!s.requireTrust('Training')) return undefined;
    const runs = await s.runs.load();
    const fromArg = isNode(arg) && arg.kind === 'run' ? arg.run : typeof arg === 'string' ? runs.find((r) => r.dir === arg) : undefined;
    const hasLast = (r: (typeof runs)[number]) => r.checkpoints.some((c) => c.kind === 'last' && c.meta);
    const run = fromArg ?? (await pickRun(s, 'Resume which run? (it continues from its last checkpoint)', hasLast));
    if (!run) return undefined;
    const last = run.checkpoints.find((c) => c.kind === 'last')?.meta;
    if (!last) {
      void vscode.window.showErrorMessage(`AlexNet: ${run.dir} has no usable last checkpoint to resume from.`);
      return undefined;
    }
    let total = epochs ?? last.config.epochs;
    if (epochs === undefined && last.epoch >= total) {
      const answer = await vscode.window.showInputBox({
        title: `AlexNet: ${run.name} finished its ${total} epochs`,
        prompt: 'Train until which epoch?',
        value: String(last.epoch + (s.settings<number>('epochs') ?? 10)),
        validateInput: (v) => (/^\d+$/.test(v) && Number(v) > last.epoch ? undefined : `a whole number above ${last.epoch}`),
      });
      if (!answer) return undefined;
      total = Number(answer);
    }
    // A crash can leave a line for an epoch past last/; the trainer drops it, and so does the panel's history.
    const history = (await readEpochMetrics(run.dir)).filter((e) => e.epoch <= last.epoch);
    // The saved run fixes model and data; the backend follows the current setting.
    return startSession(s, { ...last.config, epochs: total, resume: run.dir, outDir: run.dir, backend: s.backend }, history);
  };
}
