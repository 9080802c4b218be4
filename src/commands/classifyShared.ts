/** What Classify Image and Classify Folder share: the checkpoint and the request. */
import * as vscode from 'vscode';
import { Services } from '../services';
import { ClassifyResult } from '../shared/checkpointMeta';
import { CheckpointInfo } from '../runs/runStore';

/** The checkpoint for predictions, or undefined after telling the user there is none yet. */
export async function checkpointOrExplain(s: Services): Promise<CheckpointInfo | undefined> {
  const cp = await s.runs.checkpointForPredictions();
  if (cp) return cp;
  const train = 'Train';
  void vscode.window.showWarningMessage(`AlexNet: no checkpoint to classify with in ${s.runs.runsFolder}. Train a model first.`, train).then((c) => {
    if (c === train) void vscode.commands.executeCommand('alexnet.train');
  });
  return undefined;
}

export async function classifyWithProgress(s: Services, cp: CheckpointInfo, paths: string[], title: string): Promise<ClassifyResult> {
  const topK = s.settings<number>('topK') ?? 5;
  return vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title, cancellable: true }, (_p, token) => {
    const abort = new AbortController();
    token.onCancellationRequested(() => abort.abort());
    return s.trainer.request('classify', { checkpoint: cp.dir, paths, topK, backend: s.backend }, { signal: abort.signal });
  });
}
