/**
 * The Runs view renders the runs model: each run folder with its best and last checkpoints (epoch, test accuracy,
 * date). It also watches the runs folder's meta.json files and tells the model when they change.
 */
import * as path from 'path';
import * as vscode from 'vscode';
import { CheckpointMeta } from '../shared/checkpointMeta';
import { checkpointDetails, checkpointSummary } from '../shared/checkpointText';
import { shortDateTime } from '../shared/format';
import { uiLocale } from '../uiLanguage';
import { RunsModel } from './runsModel';
import { CheckpointInfo, RunInfo, runMeta } from './runStore';

export type RunsNode = { kind: 'run'; run: RunInfo } | { kind: 'checkpoint'; checkpoint: CheckpointInfo };

function importedTooltip(title: string, m: CheckpointMeta): vscode.MarkdownString {
  const source = m.source as NonNullable<CheckpointMeta['source']>;
  const network = m.variant === 'tutorial' ? vscode.l10n.t("the tutorial's model.py forward(): no ReLU after fc6 and fc7") : vscode.l10n.t('ReLU after fc6 and fc7');
  const layout = source.layout === 'tutorial' ? vscode.l10n.t("the tutorial's model.py (c1 … output)") : 'nn.Sequential (features.N, classifier.N)';
  return new vscode.MarkdownString(
    [
      vscode.l10n.t('**{0}**: imported from PyTorch', title),
      `\`${source.file}\``,
      vscode.l10n.t('layout: {0}; {1}', layout, network),
      vscode.l10n.t('classes: {0}; input {1} px', m.classes.join(', '), m.inputSize),
      vscode.l10n.t('SHA-256 {0}…, imported {1}', source.sha256.slice(0, 16), new Date(source.importedAt).toLocaleString(uiLocale())),
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
      const imported = vscode.l10n.t('imported · {0} · {1} classes · {2} px', path.basename(meta.source.file), meta.classes.length, meta.inputSize);
      item.description = training ? `${imported} · ${vscode.l10n.t('training')}` : imported;
      item.tooltip = importedTooltip(run.name, meta);
    } else if (meta) {
      const progress = vscode.l10n.t('{0} · {1} classes · {2}/{3} epochs', path.basename(meta.config.datasetDir), meta.classes.length, meta.epoch, meta.config.epochs);
      item.description = training ? `${progress} · ${vscode.l10n.t('training')}` : progress;
      item.tooltip = new vscode.MarkdownString(
        [
          `**${run.name}**`,
          vscode.l10n.t('dataset: {0}', `\`${meta.config.datasetDir}\``),
          vscode.l10n.t('classes: {0}', meta.classes.join(', ')),
          vscode.l10n.t('input {0} px, batch {1}, lr {2}, backend {3}', meta.inputSize, meta.config.batchSize, meta.config.lr, meta.backend),
        ].join('\n\n'),
      );
    } else {
      item.description = training ? vscode.l10n.t('training') : vscode.l10n.t('no checkpoint yet');
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
      item.description = cp.problem ?? vscode.l10n.t('unreadable');
      item.iconPath = new vscode.ThemeIcon('warning');
      item.tooltip = `${cp.dir}\n${cp.problem ?? ''}`;
      return item;
    }
    const m = cp.meta;
    const locale = uiLocale();
    const inUse = isSelected ? ` · ${vscode.l10n.t('used for predictions')}` : '';
    if (m.source && m.epoch === 0) {
      item.description = vscode.l10n.t('imported {0}', shortDateTime(m.source.importedAt, locale)) + inUse;
      item.iconPath = new vscode.ThemeIcon(isSelected ? 'pass-filled' : 'cloud-download');
      item.tooltip = importedTooltip(cp.kind, m);
      return item;
    }
    item.description = `${checkpointSummary(m, locale)} · ${shortDateTime(m.createdAt, locale)}${inUse}`;
    item.iconPath = new vscode.ThemeIcon(isSelected ? 'pass-filled' : cp.kind === 'best' ? 'star-full' : 'history');
    item.tooltip = new vscode.MarkdownString(
      [
        ...checkpointDetails(cp.kind, m, locale),
        vscode.l10n.t('saved {0}', new Date(m.createdAt).toLocaleString(locale)),
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
