import * as vscode from 'vscode';
import { readRun, runMeta } from '../runs/runStore';
import { Services } from '../services';
import { compareRuns, CompareView } from '../shared/compareRuns';
import { readEpochMetrics } from '../shared/runLayout';
import { asPath, isNode } from './args';

/** The run folders a Runs-view multi-selection (clicked, all selected) or a list of paths names, once each. */
function runDirs(first: unknown, all: unknown): string[] {
  const items = Array.isArray(all) && all.length > 0 ? all : Array.isArray(first) ? first : [first];
  const dirs = items.map((item) => (isNode(item) ? (item.kind === 'run' ? item.run.dir : item.checkpoint.runDir) : asPath(item))).filter((d): d is string => d !== undefined);
  return [...new Set(dirs)];
}

/** AlexNet: Compare Runs: the selected runs' curves overlaid and what differs in their settings, in the panel. */
export function compareRunsCommand(s: Services) {
  return async (first?: unknown, all?: unknown): Promise<CompareView | undefined> => {
    let dirs = runDirs(first, all);
    if (dirs.length < 2) {
      const runs = await s.runs.load();
      if (runs.length < 2) {
        void vscode.window.showInformationMessage(vscode.l10n.t('AlexNet: Compare Runs needs two runs or more; train another one first.'));
        return undefined;
      }
      const picked = await vscode.window.showQuickPick(
        runs.map((r) => ({ label: r.name, description: r.dir, picked: dirs.includes(r.dir), dir: r.dir })),
        { canPickMany: true, title: vscode.l10n.t('Runs to compare (two or more)') },
      );
      if (!picked || picked.length < 2) return undefined;
      dirs = picked.map((p) => p.dir);
    }
    const runs = [];
    for (const dir of dirs) {
      const run = await readRun(dir);
      if (!run) continue;
      runs.push({ name: run.name, dir, meta: runMeta(run), epochs: await readEpochMetrics(dir) });
    }
    const view = compareRuns(runs);
    s.panel.showComparison(view);
    void s.panel.reveal('compare');
    return view;
  };
}
