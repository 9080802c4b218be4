/** The Runs view: each run folder with its best and last checkpoints (epoch, test accuracy, date). */
import * as path from 'path';
import * as vscode from 'vscode';
import { percent } from '../shared/format';
import { CheckpointInfo, RunInfo, checkpointForPredictions, listRuns } from './runStore';

export type RunsNode = { kind: 'run'; run: RunInfo } | { kind: 'checkpoint'; checkpoint: CheckpointInfo };

function shortDate(iso: string | undefined): string {
  if (!iso) return '';
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return '';
  return d.toLocaleString('en-GB', { day: 'numeric', month: 'short', hour: '2-digit', minute: '2-digit' });
}

export class RunsTreeProvider implements vscode.TreeDataProvider<RunsNode>, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<RunsNode | undefined>();
  readonly onDidChangeTreeData = this.changed.event;
  private runs: RunInfo[] = [];
  private inUse: CheckpointInfo | null = null;
  private watcher: vscode.FileSystemWatcher | undefined;
  private watchedFolder: string | undefined;
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly runsFolder: () => string,
    private readonly selected: () => string | undefined,
    private readonly activeRun: () => string | undefined,
  ) {}

  /** The checkpoint predictions use (the chosen one, or the default), as of the last load(); marked in the tree. */
  get checkpointInUse(): CheckpointInfo | null {
    return this.inUse;
  }

  /** The runs as last read from disk, newest first. */
  get current(): RunInfo[] {
    return this.runs;
  }

  async load(): Promise<RunInfo[]> {
    const folder = this.runsFolder();
    this.watch(folder);
    const runs = await listRuns(folder);
    // A run that is training shows before its first checkpoint, even outside the runs folder.
    const active = this.activeRun();
    if (active && !runs.some((r) => r.dir === active)) {
      runs.unshift({ dir: active, name: path.basename(active), checkpoints: [], modified: Date.now() });
    }
    this.runs = runs;
    this.inUse = await checkpointForPredictions(runs, this.selected());
    return this.runs;
  }

  refresh(): void {
    this.changed.fire(undefined);
  }

  /** Coalesces bursts of file events (a checkpoint is several files) into one refresh. */
  refreshSoon(): void {
    clearTimeout(this.timer);
    this.timer = setTimeout(() => this.refresh(), 400);
  }

  async getChildren(node?: RunsNode): Promise<RunsNode[]> {
    if (!node) return (await this.load()).map((run) => ({ kind: 'run', run }));
    if (node.kind === 'run') return node.run.checkpoints.map((checkpoint) => ({ kind: 'checkpoint', checkpoint }));
    return [];
  }

  getTreeItem(node: RunsNode): vscode.TreeItem {
    return node.kind === 'run' ? this.runItem(node.run) : this.checkpointItem(node.checkpoint);
  }

  dispose(): void {
    clearTimeout(this.timer);
    this.watcher?.dispose();
    this.changed.dispose();
  }

  private runItem(run: RunInfo): vscode.TreeItem {
    const meta = run.checkpoints.find((c) => c.kind === 'last')?.meta ?? run.checkpoints.find((c) => c.meta)?.meta;
    const item = new vscode.TreeItem(run.name, vscode.TreeItemCollapsibleState.Expanded);
    item.id = run.dir;
    item.contextValue = 'run';
    item.resourceUri = vscode.Uri.file(run.dir);
    const training = this.activeRun() === run.dir;
    item.iconPath = new vscode.ThemeIcon(training ? 'sync~spin' : 'folder');
    if (meta) {
      item.description = `${path.basename(meta.config.datasetDir)} · ${meta.classes.length} classes · ${meta.epoch}/${meta.config.epochs} epochs${training ? ' · training' : ''}`;
      item.tooltip = new vscode.MarkdownString(
        [
          `**${run.name}**`,
          `dataset: \`${meta.config.datasetDir}\``,
          `classes: ${meta.classes.join(', ')}`,
          `input ${meta.inputSize} px, batch ${meta.config.batchSize}, lr ${meta.config.lr}, backend ${meta.backend}`,
        ].join('\n\n'),
      );
    } else {
      item.description = training ? 'training' : 'no checkpoint yet';
      item.tooltip = run.dir;
    }
    return item;
  }

  private checkpointItem(cp: CheckpointInfo): vscode.TreeItem {
    const item = new vscode.TreeItem(cp.kind, vscode.TreeItemCollapsibleState.None);
    item.id = cp.dir;
    item.resourceUri = vscode.Uri.file(cp.dir);
    const isSelected = this.inUse?.dir === cp.dir;
    item.contextValue = isSelected ? 'checkpoint.selected' : 'checkpoint';
    if (!cp.meta) {
      item.description = cp.problem ?? 'unreadable';
      item.iconPath = new vscode.ThemeIcon('warning');
      item.tooltip = `${cp.dir}\n${cp.problem ?? ''}`;
      return item;
    }
    const m = cp.meta;
    item.description = `epoch ${m.epoch} · test ${percent(m.metrics.testAcc)} · ${shortDate(m.createdAt)}${isSelected ? ' · used for predictions' : ''}`;
    item.iconPath = new vscode.ThemeIcon(isSelected ? 'pass-filled' : cp.kind === 'best' ? 'star-full' : 'history');
    item.tooltip = new vscode.MarkdownString(
      [
        `**${cp.kind}** checkpoint, epoch ${m.epoch}`,
        `test accuracy ${percent(m.metrics.testAcc, 2)}, test loss ${m.metrics.testLoss.toFixed(4)}`,
        `train accuracy ${percent(m.metrics.trainAcc, 2)}, train loss ${m.metrics.trainLoss.toFixed(4)}`,
        `saved ${m.createdAt}`,
        `\`${cp.dir}\``,
      ].join('\n\n'),
    );
    return item;
  }

  private watch(folder: string): void {
    if (this.watchedFolder === folder) return;
    this.watcher?.dispose();
    this.watchedFolder = folder;
    this.watcher = vscode.workspace.createFileSystemWatcher(new vscode.RelativePattern(vscode.Uri.file(folder), '**/meta.json'));
    this.watcher.onDidCreate(() => this.refreshSoon());
    this.watcher.onDidChange(() => this.refreshSoon());
    this.watcher.onDidDelete(() => this.refreshSoon());
  }
}
