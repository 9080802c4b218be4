/** QuickPicks over the runs folder, for commands run from the palette instead of the Runs view. */
import * as vscode from 'vscode';
import { CheckpointInfo, RunInfo, runMeta } from '../runs/runStore';
import { Services } from '../services';
import { checkpointSummary } from '../shared/checkpointText';
import { uiLocale } from '../uiLanguage';

export async function pickRun(s: Services, placeHolder: string, filter: (r: RunInfo) => boolean = () => true): Promise<RunInfo | undefined> {
  const runs = (await s.runs.load()).filter(filter);
  if (runs.length === 0) {
    void vscode.window.showInformationMessage(vscode.l10n.t('AlexNet: no runs in {0}.', s.runs.runsFolder));
    return undefined;
  }
  const pick = await vscode.window.showQuickPick(
    runs.map((run) => {
      const meta = runMeta(run);
      return {
        label: run.name,
        description: meta ? vscode.l10n.t('{0} classes · epoch {1}/{2}', meta.classes.length, meta.epoch, meta.config.epochs) : vscode.l10n.t('no checkpoint'),
        detail: run.dir,
        run,
      };
    }),
    { placeHolder },
  );
  return pick?.run;
}

export async function pickCheckpoint(s: Services, placeHolder: string): Promise<CheckpointInfo | undefined> {
  const runs = await s.runs.load();
  const items = runs.flatMap((run) =>
    run.checkpoints
      .filter((c) => c.meta)
      .map((c) => ({
        label: `${run.name} / ${c.kind}`,
        description: checkpointSummary(c.meta!, uiLocale()),
        detail: c.dir,
        checkpoint: c,
      })),
  );
  if (items.length === 0) {
    void vscode.window.showInformationMessage(vscode.l10n.t('AlexNet: no checkpoints in {0}. Train first.', s.runs.runsFolder));
    return undefined;
  }
  return (await vscode.window.showQuickPick(items, { placeHolder }))?.checkpoint;
}
