/**
 * What the commands share, created once in activate(): the output channel, the panel, the runs view, the
 * long-lived trainer process for quick requests (layers, backend, check, classify) and the training run.
 * Everything is created cheaply; processes start on first use.
 */
import * as path from 'path';
import * as vscode from 'vscode';
import { rememberedDataset } from './datasets/pickDataset';
import { SettingGetter, backendSetting, resolveRunsFolder } from './config/trainSettings';
import { PanelController } from './panel/panelController';
import { RunsTreeProvider } from './runs/runsTree';
import { CheckpointInfo, readEpochMetrics } from './runs/runStore';
import { percent } from './shared/format';
import { PanelToHost } from './shared/panelProtocol';
import { TrainingSession } from './training/trainingSession';
import { TrainerClient, describeExit } from './trainerClient';

const SELECTED_CHECKPOINT = 'alexnet.selectedCheckpoint';

export class Services implements vscode.Disposable {
  readonly output: vscode.LogOutputChannel;
  readonly panel: PanelController;
  readonly runs: RunsTreeProvider;
  /** The run in progress, if any. */
  training: TrainingSession | undefined;
  private helper: TrainerClient | undefined;
  private layerRequests = 0;
  private readonly disposables: vscode.Disposable[] = [];

  constructor(readonly context: vscode.ExtensionContext) {
    this.output = vscode.window.createOutputChannel('AlexNet', { log: true });
    this.panel = new PanelController(
      context.extensionUri,
      this.output,
      { onMessage: (m) => this.onPanelMessage(m), onReady: () => this.fillPanel() },
      vscode.workspace.isTrusted,
    );
    this.runs = new RunsTreeProvider(
      () => this.runsFolder(),
      () => this.selectedCheckpointDir(),
      () => this.training?.runDir,
    );
    this.disposables.push(
      this.output,
      this.panel,
      this.runs,
      vscode.window.registerWebviewViewProvider('alexnet.panel', this.panel),
      vscode.window.registerTreeDataProvider('alexnet.runs', this.runs),
      vscode.workspace.onDidGrantWorkspaceTrust(() => this.panel.update({ type: 'trust', trusted: true })),
      vscode.workspace.onDidChangeConfiguration((e) => {
        if (e.affectsConfiguration('alexnet.runsFolder')) this.runs.refresh();
        if (e.affectsConfiguration('alexnet.inputSize')) void this.refreshLayerTable();
        // A trainer process keeps the backend it started with: the next request starts a fresh one.
        if (e.affectsConfiguration('alexnet.backend')) {
          this.helper?.dispose();
          this.helper = undefined;
          void this.refreshBackend();
        }
      }),
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

  /** The trainer bundle shipped in dist/. */
  get trainerScript(): string {
    return path.join(this.context.extensionPath, 'dist', 'trainer.js');
  }

  /** A new trainer process client; the caller owns (and disposes) it. */
  createTrainer(onExit?: (message: string, expected: boolean) => void): TrainerClient {
    return new TrainerClient({
      script: this.trainerScript,
      cwd: this.workspaceRoot ?? this.context.extensionPath,
      log: (line) => this.output.info(line),
      onExit: (exit) => onExit?.(describeExit(exit), exit.expected || (exit.code === 0 && !exit.signal)),
    });
  }

  /** The shared trainer process for short requests; restarted on next use if it died. */
  get trainer(): TrainerClient {
    if (!this.helper) {
      this.helper = this.createTrainer((message, expected) => {
        if (!expected) void vscode.window.showWarningMessage(`AlexNet: ${message}`);
      });
    }
    return this.helper;
  }

  get backend() {
    return backendSetting(this.settings);
  }

  /** In Restricted Mode, says why `what` is unavailable and offers to manage trust. */
  requireTrust(what: string): boolean {
    if (vscode.workspace.isTrusted) return true;
    const manage = 'Manage Workspace Trust';
    void vscode.window
      .showWarningMessage(
        `AlexNet: ${what} is disabled in Restricted Mode. It reads and decodes files from this workspace and runs ` +
          'the trainer process on them; trust the workspace to enable it.',
        manage,
      )
      .then((choice) => {
        if (choice === manage) void vscode.commands.executeCommand('workbench.trust.manage');
      });
    return false;
  }

  selectedCheckpointDir(): string | undefined {
    return this.context.workspaceState.get<string>(SELECTED_CHECKPOINT);
  }

  async selectCheckpoint(dir: string | undefined): Promise<void> {
    await this.context.workspaceState.update(SELECTED_CHECKPOINT, dir);
    this.panel.update({ type: 'checkpoint', path: dir ?? null });
    this.runs.refresh();
  }

  /** The chosen checkpoint if it still exists, else the best of the newest run. */
  async predictionCheckpoint(): Promise<CheckpointInfo | null> {
    // load() works out the checkpoint in use as it reads the runs; asking again would read it twice.
    await this.runs.load();
    return this.runs.checkpointInUse;
  }

  /**
   * Asks a short-lived trainer process for the layer table at the configured input size and the dataset's class
   * count. Not the shared process: the trainer builds the table on the cpu backend and its process then stays
   * there, so 'auto' requests after it (classify, backend info) would run on plain JavaScript.
   */
  async refreshLayerTable(numClasses?: number): Promise<void> {
    const state = this.panel.current;
    // The checked dataset's classes, else the shown run's, else ImageNet's 1000 as in the tutorial.
    const classes = numClasses ?? (state.dataset?.classes.length || state.training.classes.length || 1000);
    const inputSize = this.settings<number>('inputSize') ?? 224;
    const client = this.createTrainer();
    const seq = ++this.layerRequests;
    try {
      const table = await client.layers({ numClasses: classes, inputSize, lrn: false });
      // Requests can overlap (settings change, dataset check): only the newest one's table is shown.
      if (seq === this.layerRequests) this.panel.update({ type: 'layers', table });
    } catch (err) {
      this.output.error(`layer table: ${(err as Error).message}`);
    } finally {
      client.dispose();
    }
  }

  async refreshBackend(): Promise<void> {
    try {
      const report = await this.trainer.backend(this.backend);
      this.panel.update({ type: 'backend', report });
    } catch (err) {
      this.output.error(`backend: ${(err as Error).message}`);
    }
  }

  dispose(): void {
    this.training?.dispose();
    this.helper?.dispose();
    for (const d of this.disposables) d.dispose();
  }

  /** The panel opened: fetch what it shows but nobody asked for yet. */
  private fillPanel(): void {
    const state = this.panel.current;
    if (!state.backend) void this.refreshBackend();
    if (state.checkpoint === null) {
      void this.predictionCheckpoint().then((cp) => {
        if (cp) this.panel.update({ type: 'checkpoint', path: cp.dir });
      });
    }
    void this.fillDatasetAndLayers();
  }

  /** The last run's curves, then the workspace's last dataset, then a layer table for the class count they give. */
  private async fillDatasetAndLayers(): Promise<void> {
    const state = this.panel.current;
    if (state.training.phase === 'idle' && state.epochs.length === 0) await this.showLastRun();
    const remembered = rememberedDataset(this.context.workspaceState);
    if (!state.dataset && remembered && vscode.workspace.isTrusted) {
      try {
        const summary = await this.trainer.check(remembered);
        if (!this.panel.current.dataset) this.panel.update({ type: 'dataset', summary });
        await this.refreshLayerTable(summary.classes.length);
        return;
      } catch (err) {
        this.output.warn(`last dataset ${remembered}: ${(err as Error).message}`);
      }
    }
    if (!this.panel.current.layers) await this.refreshLayerTable();
  }

  /** After a restart the panel shows the newest run's curves again, read from its metrics.jsonl. */
  private async showLastRun(): Promise<void> {
    const run = (await this.runs.load()).find((r) => r.checkpoints.some((c) => c.meta));
    const meta = run?.checkpoints.find((c) => c.kind === 'last')?.meta ?? run?.checkpoints.find((c) => c.meta)?.meta;
    if (!run || !meta || this.training || this.panel.current.training.phase !== 'idle') return;
    const history = await readEpochMetrics(run.dir);
    if (history.length === 0) return;
    this.panel.update({ type: 'runStarted', runDir: run.dir, datasetDir: meta.config.datasetDir, classes: meta.classes, epochs: meta.config.epochs, history });
    const best = history.reduce((a, b) => (b.testAcc > a.testAcc ? b : a));
    const phase = meta.epoch >= meta.config.epochs ? 'done' : 'stopped';
    this.panel.update({ type: 'phase', phase, message: `last run: best test accuracy ${percent(best.testAcc, 2)} at epoch ${best.epoch}` });
  }

  private onPanelMessage(msg: PanelToHost): void {
    switch (msg.type) {
      case 'command':
        void vscode.commands.executeCommand(msg.command);
        return;
      case 'openFile':
        void this.openFile(msg.path);
        return;
      case 'clearPredictions':
        this.panel.clearPredictions();
        return;
      case 'log':
        this.output[msg.level === 'error' ? 'error' : msg.level === 'warn' ? 'warn' : 'info'](`[webview] ${msg.message}`);
        return;
      case 'ready':
        return;
    }
  }

  /** Opens a file the panel names; images open in VS Code's image preview. */
  private async openFile(file: string): Promise<void> {
    const uri = vscode.Uri.file(file);
    try {
      await vscode.workspace.fs.stat(uri);
      await vscode.commands.executeCommand('vscode.open', uri);
    } catch {
      void vscode.window.showWarningMessage(`AlexNet: ${file} no longer exists.`);
    }
  }
}
