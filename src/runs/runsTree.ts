/**
 * The Runs view renders the runs model: each run folder with its best and last checkpoints (epoch, test accuracy,
 * date). It also watches the runs folder's meta.json files and tells the model when they change.
 */
import * as path from 'path';
import * as vscode from 'vscode';
import { CheckpointMeta } from '../shared/checkpointMeta';
import { checkpointDetails, checkpointSummary } from '../shared/checkpointText';
import { RunsModel } from './runsModel';
import { CheckpointInfo, RunInfo, runMeta } from './runStore';

export type RunsNode = { kind: 'run'; run: RunInfo } | { kind: 'checkpoint'; checkpoint: CheckpointInfo };

function shortDate(iso: string | undefined): string {
  if (!iso) return '';
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return '';
  return d.toLocaleString('en-GB', { day: 'numeric', month: 'short', hour: '2-digit', minute: '2-digit' });
}

function importedTooltip(title: string, m: CheckpointMeta): vscode.MarkdownString {
  const source = m.source as NonNullable<CheckpointMeta['source']>;
  const network = m.variant === 'tutorial' ? "the tutorial's model.py forward(): no ReLU after fc6 and fc7" : 'ReLU after fc6 and fc7';
  return new vscode.MarkdownString(
    [
      `**${title}**: imported from PyTorch`,
      `\`${source.file}\``,
      `layout: ${source.layout === 'tutorial' ? "the tutorial's model.py (c1 … output)" : 'nn.Sequential (features.N, classifier.N)'}; ${network}`,
      `classes: ${m.classes.join(', ')}; input ${m.inputSize} px`,
      `SHA-256 ${source.sha256.slice(0, 16)}…, imported ${source.importedAt}`,
    ].join('\n\n'),
  );
}

export class RunsTreeProvider implements vscode.TreeDataProvider<RunsNode>, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<RunsNode | undefined>();
  readonly onDidChangeTreeData = this.changed.event;
  private readonly subscription: { dispose(): void };
  private watcher: vscode.FileSystemWatcher | undefined;
  private watchedFolder: string | undefined;

  constructor(private readonly model: RunsModel) {
    this.subscription = model.onDidChange(() => this.changed.fire(undefined));
  }

  async getChildren(node?: RunsNode): Promise<RunsNode[]> {
    if (!node) {
      this.watch(this.model.runsFolder);
      return (await this.model.load()).map((run) => ({ kind: 'run', run }));
    }
    if (node.kind === 'run') return node.run.checkpoints.map((checkpoint) => ({ kind: 'checkpoint', checkpoint }));
    return [];
  }

  getTreeItem(node: RunsNode): vscode.TreeItem {
    return node.kind === 'run' ? this.runItem(node.run) : this.checkpointItem(node.checkpoint);
  }

  dispose(): void {
    this.subscription.dispose();
    this.watcher?.dispose();
    this.changed.dispose();
  }

  private runItem(run: RunInfo): vscode.TreeItem {
    const meta = runMeta(run);
    const item = new vscode.TreeItem(run.name, vscode.TreeItemCollapsibleState.Expanded);
    item.id = run.dir;
    item.contextValue = 'run';
    item.resourceUri = vscode.Uri.file(run.dir);
    const training = this.model.activeRun === run.dir;
    item.iconPath = new vscode.ThemeIcon(training ? 'sync~spin' : 'folder');
    if (meta?.source && meta.epoch === 0) {
      // Imported from PyTorch and not trained here yet: where it came from instead of a dataset and epochs.
      item.iconPath = new vscode.ThemeIcon(training ? 'sync~spin' : 'cloud-download');
      item.description = `imported · ${path.basename(meta.source.file)} · ${meta.classes.length} classes · ${meta.inputSize} px${training ? ' · training' : ''}`;
      item.tooltip = importedTooltip(run.name, meta);
    } else if (meta) {
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
    const isSelected = this.model.checkpointInUse?.dir === cp.dir;
    item.contextValue = isSelected ? 'checkpoint.selected' : 'checkpoint';
    if (!cp.meta) {
      item.description = cp.problem ?? 'unreadable';
      item.iconPath = new vscode.ThemeIcon('warning');
      item.tooltip = `${cp.dir}\n${cp.problem ?? ''}`;
      return item;
    }
    const m = cp.meta;
    if (m.source && m.epoch === 0) {
      item.description = `imported ${shortDate(m.source.importedAt)}${isSelected ? ' · used for predictions' : ''}`;
      item.iconPath = new vscode.ThemeIcon(isSelected ? 'pass-filled' : 'cloud-download');
      item.tooltip = importedTooltip(cp.kind, m);
      return item;
    }
    item.description = `${checkpointSummary(m)} · ${shortDate(m.createdAt)}${isSelected ? ' · used for predictions' : ''}`;
    item.iconPath = new vscode.ThemeIcon(isSelected ? 'pass-filled' : cp.kind === 'best' ? 'star-full' : 'history');
    item.tooltip = new vscode.MarkdownString(
      [
        ...checkpointDetails(cp.kind, m),
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
    const soon = () => this.model.changedSoon();
    this.watcher.onDidCreate(soon);
    this.watcher.onDidChange(soon);
    this.watcher.onDidDelete(soon);
  }
}
