/**
 * What the commands share, wired once in activate(): the output channel, the settings, the trainer processes,
 * the runs model (rendered by the Runs tree), the panel feeder (rendered by the panel) and the training runner.
 * Commands -> these services -> the views. Everything is created cheaply; processes start on first use.
 */
import * as path from 'path';
import * as vscode from 'vscode';
import { SettingGetter, backendSetting, resolveRunsFolder } from './config/trainSettings';
import { rememberedDataset } from './datasets/pickDataset';
import { PanelController } from './panel/panelController';
import { Inspector } from './panel/inspector';
import { PanelFeeder } from './panel/panelFeeder';
import { routePanelMessage } from './panel/panelMessages';
import { RunsModel } from './runs/runsModel';
import { RunsTreeProvider } from './runs/runsTree';
import { BackendChoice } from './shared/backendReport';
import { TrainerClient } from './trainer/trainerClient';
import { TrainerProcesses } from './trainer/trainerProcesses';
import { findRealNode, needsRealNode } from './trainer/realNode';
import { TrainingRunner } from './training/trainingRunner';

const SELECTED_CHECKPOINT = 'alexnet.selectedCheckpoint';

export class Services implements vscode.Disposable {
  readonly output: vscode.LogOutputChannel;
  readonly trainers: TrainerProcesses;
  readonly runs: RunsModel;
  readonly panel: PanelFeeder;
  readonly training: TrainingRunner;
  readonly inspector: Inspector;
  private readonly disposables: vscode.Disposable[] = [];

  constructor(readonly context: vscode.ExtensionContext) {
    const output = (this.output = vscode.window.createOutputChannel('AlexNet', { log: true }));
    this.trainers = new TrainerProcesses({
      script: path.join(context.extensionPath, 'dist', 'trainer.js'),
      cwd: () => this.workspaceRoot ?? context.extensionPath,
      log: (line, level) => output[level ?? 'info'](line),
      onSharedCrash: (message) => void vscode.window.showWarningMessage(`AlexNet: ${message}`),
      execPath: () => this.trainerNode(),
    });
    const state = context.workspaceState;
    this.runs = new RunsModel(() => this.runsFolder(), {
      get: () => state.get<string>(SELECTED_CHECKPOINT),
      update: (dir) => state.update(SELECTED_CHECKPOINT, dir),
    });
    const controller = new PanelController(
      context.extensionUri,
      output,
      { onMessage: (m) => routePanelMessage(m, { output, clearPredictions: () => this.panel.clearPredictions(), inspector: this.inspector }), onReady: () => this.panel.fill() },
      vscode.workspace.isTrusted,
    );
    this.panel = new PanelFeeder({
      panel: controller,
      runs: this.runs,
      trainer: () => this.trainer,
      backend: () => this.backend,
      inputSize: () => this.settings<number>('inputSize') ?? 224,
      rememberedDataset: () => (vscode.workspace.isTrusted ? rememberedDataset(state) : undefined),
      datasetCacheDir: () => this.datasetCacheDir,
      isTraining: () => this.training.current !== undefined,
      log: output,
    });
    this.inspector = new Inspector({ panel: controller, runs: this.runs, trainer: () => this.trainer, backend: () => this.backend, log: output });
    this.training = new TrainingRunner({ createTrainer: () => this.trainers.create(), panel: this.panel, runs: this.runs, output });
    const tree = new RunsTreeProvider(this.runs);
    this.disposables.push(
      this.training,
      { dispose: () => this.trainers.dispose() },
      controller,
      this.panel,
      tree,
      this.runs,
      vscode.window.registerWebviewViewProvider('alexnet.panel', controller),
      // Several runs may be selected at once, for Compare Runs.
      vscode.window.createTreeView('alexnet.runs', { treeDataProvider: tree, canSelectMany: true }),
      vscode.workspace.onDidGrantWorkspaceTrust(() => this.panel.setTrusted(true)),
      vscode.workspace.onDidChangeConfiguration((e) => {
        if (e.affectsConfiguration('alexnet.runsFolder')) this.runs.changed();
        if (e.affectsConfiguration('alexnet.inputSize')) void this.panel.refreshLayerTable();
        // A trainer process keeps the backend it started with: the next request starts a fresh one.
        if (e.affectsConfiguration('alexnet.backend')) {
          this.trainers.restartShared();
          void this.panel.refreshBackend();
        }
      }),
      output,
    );
  }

  get settings(): SettingGetter {
    const config = vscode.workspace.getConfiguration('alexnet');
    return <T>(key: string) => config.get<T>(key);
  }

  get workspaceRoot(): string | undefined {
    return vscode.workspace.workspaceFolders?.[0]?.uri.fsPath;
  }

  runsFolder(datasetDir?: string): string {
    return resolveRunsFolder(this.settings<string>('runsFolder'), this.workspaceRoot, datasetDir);
  }

  /** Where `check` results are kept by dataset fingerprint (engine/datasetSummaryCache.ts). */
  get datasetCacheDir(): string {
    return this.context.globalStorageUri.fsPath;
  }

  /** The shared trainer process for short requests; restarted on next use if it died. */
  get trainer(): TrainerClient {
    return this.trainers.shared;
  }

  get backend(): BackendChoice {
    return backendSetting(this.settings);
  }

  /**
   * Under Electron (desktop VS Code) a real Node.js for the trainer when webgpu may be used (Electron's cannot load
   * dawn.node); none found: the trainer stays on Electron's and its backend report says why webgpu is not used.
   */
  private trainerNode(): string | undefined {
    if (!needsRealNode(this.backend)) return undefined;
    const found = findRealNode(this.settings<string>('nodePath'));
    if ('reason' in found) {
      this.output.info(`webgpu needs the trainer on a real Node.js (alexnet.nodePath): ${found.reason}`);
      return undefined;
    }
    return found.path;
  }

  dispose(): void {
    for (const d of this.disposables) d.dispose();
  }
}
