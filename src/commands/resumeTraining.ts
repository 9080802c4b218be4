import * as vscode from 'vscode';
import { Services } from '../services';
import { DoneEvent } from '../shared/metrics';
import { requireTrust } from '../workspaceTrust';
import { isNode } from './args';
import { pickRun } from './pickRunOrCheckpoint';

/**
 * AlexNet: Resume Training: continues a run from its `last` checkpoint, asking for more epochs when it had
 * finished. The engine reads the run's settings and history from the run folder; the backend follows the setting.
 */
export function resumeTrainingCommand(s: Services) {
  return async (arg?: unknown, epochs?: number): Promise<DoneEvent | undefined> => {
    if (!requireTrust(vscode.l10n.t('Training'))) return undefined;
    const runs = await s.runs.load();
    const fromArg = isNode(arg) && arg.kind === 'run' ? arg.run : typeof arg === 'string' ? runs.find((r) => r.dir === arg) : undefined;
    const hasLast = (r: (typeof runs)[number]) => r.checkpoints.some((c) => c.kind === 'last' && c.meta);
    const run = fromArg ?? (await pickRun(s, vscode.l10n.t('Resume which run? (it continues from its last checkpoint)'), hasLast));
    if (!run) return undefined;
    const last = run.checkpoints.find((c) => c.kind === 'last')?.meta;
    if (!last) {
      void vscode.window.showErrorMessage(vscode.l10n.t('AlexNet: {0} has no usable last checkpoint to resume from.', run.dir));
      return undefined;
    }
    let total = epochs;
    if (total === undefined && last.epoch >= last.config.epochs) {
      const answer = await vscode.window.showInputBox({
        title: vscode.l10n.t('AlexNet: {0} finished its {1} epochs', run.name, last.config.epochs),
        prompt: vscode.l10n.t('Train until which epoch?'),
        value: String(last.epoch + (s.settings<number>('epochs') ?? 10)),
        validateInput: (v) => (/^\d+$/.test(v) && Number(v) > last.epoch ? undefined : vscode.l10n.t('a whole number above {0}', last.epoch)),
      });
      if (!answer) return undefined;
      total = Number(answer);
    }
    return s.training.start({ resume: run.dir, epochs: total, backend: s.backend }, last.config.datasetDir);
  };
}
