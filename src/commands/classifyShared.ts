/** What Classify Image and Classify Folder share: the checkpoint and the request. */
import * as vscode from 'vscode';
import { Services } from '../services';
import { ClassifyResult } from '../shared/checkpointMeta';
import { ProgressEvent } from '../shared/metrics';
import { progressText } from '../shared/progressLines';
import { CheckpointInfo } from '../runs/runStore';
import { uiLocale } from '../uiLanguage';

/** The checkpoint for predictions, or undefined after telling the user there is none yet. */
export async function checkpointOrExplain(s: Services): Promise<CheckpointInfo | undefined> {
  const cp = await s.runs.checkpointForPredictions();
  if (cp) return cp;
  const train = vscode.l10n.t('Train');
  void vscode.window.showWarningMessage(vscode.l10n.t('AlexNet: no checkpoint to classify with in {0}. Train a model first.', s.runs.runsFolder), train).then((c) => {
    if (c === train) void vscode.commands.executeCommand('alexnet.train');
  });
  return undefined;
}

export async function classifyWithProgress(s: Services, cp: CheckpointInfo, paths: string[], title: string): Promise<ClassifyResult> {
  const topK = s.settings<number>('topK') ?? 5;
  return withCounts(title, (onEvent, signal) => s.trainer.request('classify', { checkpoint: cp.dir, paths, topK, backend: s.backend }, { onEvent, signal }));
}

/**
 * A cancellable notification that shows a long step's counts ("classifying images: 2,400 of 7,178 (33%)") and
 * fills its bar as they grow; Cancel reaches the trainer, which stops between files.
 */
export async function withCounts<T>(title: string, run: (onEvent: (e: ProgressEvent) => void, signal: AbortSignal) => Promise<T>): Promise<T> {
  return await vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title, cancellable: true }, (progress, token) => {
    const abort = new AbortController();
    token.onCancellationRequested(() => abort.abort());
    let shown = 0;
    let phase = '';
    return run((e) => {
      // The bar restarts with each phase (a check scans, then decodes); the message always has the counts.
      if (e.phase !== phase) {
        phase = e.phase;
        shown = 0;
      }
      const pct = e.total > 0 ? (e.done / e.total) * 100 : 0;
      progress.report({ message: progressText(e, uiLocale()), increment: Math.max(0, pct - shown) });
      shown = Math.max(shown, pct);
    }, abort.signal);
  });
}
