/** QuickPicks over the runs folder, for commands run from the palette instead of the Runs view. */
import * as vscode from 'vscode';
import { CheckpointInfo, RunInfo, runMeta } from '../runs/runStore';
import { Services } from '../services';
import { checkpointSummary } from '../shared/checkpointText';

export async function pickRun(s: Services, placeHolder: string, filter: (r: RunInfo) => boolean = () => true): Promise<RunInfo | undefined> {
  const runs = (await s.runs.load()).filter(filter);
  if (runs.length === 0) {
    void vscode.window.showInformationMessage(`AlexNet: no runs in ${s.runs.runsFolder}.`);
    return undefined;
  }
  const pick = await vscode.window.showQuickPick(
    runs.map((run) => {
      const meta = runMeta(run);
      return {
        label: run.name,
        description: meta ? `${meta.classes.length} classes · epoch ${meta.epoch}/${meta.config.epochs}` : 'no checkpoint',
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
        description: checkpointSummary(c.meta!),
        detail: c.dir,
        checkpoint: c,
      })),
  );
  if (items.length === 0) {
    void vscode.window.showInformationMessage(`AlexNet: no checkpoints in ${s.runs.runsFolder}. Train first.`);
    return undefined;
  }
  return (await vscode.window.showQuickPick(items, { placeHolder }))?.checkpoint;
}
