/**
 * Fills the side panel: commands and the training runner call its methods, never post protocol messages.
 * When the panel opens it fetches what the panel shows but nobody asked for yet: the backend, the checkpoint in
 * use, the last run's curves, the remembered dataset and a layer table for its class count.
 */
import * as vscode from 'vscode';
import { RunsModel } from '../runs/runsModel';
import { readCheckpointAt, runMeta } from '../runs/runStore';
import { BackendChoice, BackendReport } from '../shared/backendReport';
import { ClassifiedFile, ClassifyResult } from '../shared/checkpointMeta';
import { CompareView } from '../shared/compareRuns';
import { DatasetSummary } from '../shared/dataset';
import { percent } from '../shared/format';
import { uiLocale } from '../uiLanguage';
import { LayerTable } from '../shared/layerTable';
import { layerTableFor } from '../shared/layerTableMath';
import { BatchEvent, DoneEvent, EpochEvent, RunStart } from '../shared/metrics';
import { PanelSection } from '../shared/panelProtocol';
import { EvaluationView, PanelState } from '../shared/panelState';
import { readEpochMetrics } from '../shared/runLayout';
import { TrainerClient } from '../trainer/trainerClient';
import { PanelController } from './panelController';
import { predictionItems } from './predictionItems';

export interface PanelFeederDeps {
  panel: PanelController;
  runs: RunsModel;
  /** The shared trainer process for short requests. */
  trainer: () => TrainerClient;
  backend: () => BackendChoice;
  inputSize: () => number;
  /** The dataset last used in this workspace, when it may be read (a trusted workspace). */
  rememberedDataset: () => string | undefined;
  /** Where `check` results are kept by dataset fingerprint, so opening the panel never decodes. */
  datasetCacheDir: () => string;
  isTraining: () => boolean;
  log: { warn(message: string): void; error(message: string): void };
}

export class PanelFeeder {
  private readonly subscription: { dispose(): void };

  constructor(private readonly deps: PanelFeederDeps) {
    this.subscription = deps.runs.onDidSelect((dir) => void this.showCheckpoint(dir ?? null));
  }

  /** What the panel shows now (read-only). */
  get state(): PanelState {
    return this.deps.panel.current;
  }

  whenReady(): Promise<void> {
    return this.deps.panel.whenReady();
  }

  reveal(section?: PanelSection): Promise<void> {
    return this.deps.panel.reveal(section);
  }

  setTrusted(trusted: boolean): void {
    this.deps.panel.update({ type: 'trust', trusted });
  }

  showDataset(summary: DatasetSummary): void {
    this.deps.panel.update({ type: 'dataset', summary });
  }

  showBackend(report: BackendReport): void {
    this.deps.panel.update({ type: 'backend', report });
  }

  showLayers(table: LayerTable): void {
    this.deps.panel.update({ type: 'layers', table });
  }

  /** The checkpoint predictions use; the layer table then describes its network (feature maps come from it). */
  async showCheckpoint(path: string | null): Promise<void> {
    this.deps.panel.update({ type: 'checkpoint', path });
    if (path) await this.showCheckpointLayers(path);
  }

  showEvaluation(evaluation: EvaluationView): void {
    this.deps.panel.update({ type: 'evaluation', evaluation });
  }

  async showPredictions(result: ClassifyResult, files: ClassifiedFile[]): Promise<void> {
    this.deps.panel.update({ type: 'predictions', items: await predictionItems(this.deps.panel, result, files) });
  }

  clearPredictions(): void {
    this.deps.panel.clearPredictions();
  }

  showComparison(compare: CompareView): void {
    this.deps.panel.update({ type: 'compare', compare });
  }

  /** Until the scan ends (runStarted), the panel would still show the previous run's end, a failure perhaps. */
  runStarting(resume: boolean): void {
    this.phase('starting', resume ? vscode.l10n.t('resuming: scanning the dataset…') : vscode.l10n.t('scanning the dataset…'));
  }

  /** A run begins: clears the curves; a resumed run's history comes from the engine. */
  runStarted(run: RunStart): void {
    this.deps.panel.update({ type: 'runStarted', ...run });
  }

  batch(event: BatchEvent): void {
    this.deps.panel.update({ type: 'batch', event });
  }

  epoch(event: EpochEvent): void {
    this.deps.panel.update({ type: 'epoch', event });
  }

  /** Counts of a long step (the scan, a test pass) as the run's message, keeping its phase. */
  progress(text: string): void {
    this.phase(this.state.training.phase === 'idle' ? 'starting' : this.state.training.phase, text);
  }

  runStopping(): void {
    this.phase('stopping', vscode.l10n.t('stopping after this batch; saving the last checkpoint'));
  }

  runFinished(done: DoneEvent): void {
    // The panel's badge already says finished or stopped.
    const best = done.best
      ? vscode.l10n.t('best test accuracy {0} at epoch {1}', percent(done.best.testAcc, 2, uiLocale()), done.best.epoch)
      : vscode.l10n.t('no epoch evaluated yet');
    const at = done.last?.stoppedAt;
    this.phase(done.stopped ? 'stopped' : 'done', at ? vscode.l10n.t('stopped at batch {0} of epoch {1} (saved, not evaluated) · {2}', at.batch, at.epoch, best) : best);
    if (done.best && !this.deps.runs.selected) void this.showCheckpoint(done.best.path);
  }

  /** The run's process is gone: the table describes the checkpoint in use again (a chosen one may be another network). */
  runEnded(): void {
    const dir = this.state.checkpoint;
    if (dir) void this.showCheckpointLayers(dir);
  }

  runFailed(message: string): void {
    this.phase('failed', message);
  }

  runStoppedBeforeStart(): void {
    this.phase('stopped', vscode.l10n.t('stopped before training began'));
  }

  /**
   * The layer table of the network Train would build: the configured input size and a class count (the given one,
   * else the dataset's, else the shown run's, else ImageNet's 1000 as in the tutorial). Worked out from the
   * architecture (layerTableFor, equal to the built model's by test): no trainer, no model, so it is there as soon
   * as the panel opens. Asked for when the settings or the dataset change, so it wins over the checkpoint's table.
   */
  async refreshLayerTable(numClasses?: number): Promise<void> {
    const state = this.state;
    const classes = numClasses ?? (state.dataset?.classes.length || state.training.classes.length || 1000);
    try {
      this.showLayers(layerTableFor({ numClasses: classes, inputSize: this.deps.inputSize(), lrn: false }));
    } catch (err) {
      this.deps.log.error(`layer table: ${(err as Error).message}`);
    }
  }

  /**
   * The layer table of a checkpoint's own network (its input size, classes, LRN and variant: an imported model.py
   * checkpoint has no ReLU after fc6 and fc7), so that its rows match the feature maps the panel draws from it.
   * A running training's table, which came with its start, stands until the run ends.
   */
  private async showCheckpointLayers(dir: string): Promise<void> {
    if (this.deps.isTraining()) return;
    const meta = (await readCheckpointAt(dir))?.meta;
    if (!meta || this.state.checkpoint !== dir || this.deps.isTraining()) return;
    try {
      const table = layerTableFor({ numClasses: meta.classes.length, inputSize: meta.inputSize, lrn: meta.config.lrn, variant: meta.variant });
      this.showLayers({ ...table, checkpoint: dir });
    } catch (err) {
      this.deps.log.error(`layer table of ${dir}: ${(err as Error).message}`);
    }
  }

  async refreshBackend(): Promise<void> {
    try {
      this.showBackend(await this.deps.trainer().request('backend', { backend: this.deps.backend() }));
    } catch (err) {
      this.deps.log.error(`backend: ${(err as Error).message}`);
    }
  }

  /** The panel opened: fetch what it shows but nobody asked for yet. */
  fill(): void {
    const state = this.state;
    if (!state.backend) void this.refreshBackend();
    void this.fillDatasetAndLayers();
  }

  dispose(): void {
    this.subscription.dispose();
  }

  private phase(phase: PanelState['training']['phase'], message: string): void {
    this.deps.panel.update({ type: 'phase', phase, message });
  }

  /**
   * The checkpoint in use with its layer table, the last run's curves, then the workspace's last dataset; without
   * a checkpoint, a layer table for the class count they give. The dataset is summarised, never decoded: the last
   * check's result while the folder is unchanged, else the folder listing's counts (a 36,000-image dataset in a
   * second or two, not minutes of decoding).
   */
  private async fillDatasetAndLayers(): Promise<void> {
    if (this.state.checkpoint === null) {
      const cp = await this.deps.runs.checkpointForPredictions();
      if (cp && this.state.checkpoint === null) await this.showCheckpoint(cp.dir);
    }
    if (this.state.training.phase === 'idle' && this.state.epochs.length === 0) await this.showLastRun();
    if (!this.state.layers) await this.refreshLayerTable();
    const remembered = this.deps.rememberedDataset();
    if (!this.state.dataset && remembered) {
      try {
        const summary = await this.deps.trainer().request('summary', { datasetDir: remembered, cacheDir: this.deps.datasetCacheDir() });
        if (!this.state.dataset) this.showDataset(summary);
        if (!this.state.layers?.checkpoint) await this.refreshLayerTable(summary.classes.length);
        return;
      } catch (err) {
        this.deps.log.warn(`last dataset ${remembered}: ${(err as Error).message}`);
      }
    }
  }

  /** After a restart the panel shows the newest run's curves again, read from its metrics.jsonl. */
  private async showLastRun(): Promise<void> {
    const run = (await this.deps.runs.load()).find((r) => r.checkpoints.some((c) => c.meta));
    const meta = run && runMeta(run);
    if (!run || !meta || this.deps.isTraining() || this.state.training.phase !== 'idle') return;
    const history = await readEpochMetrics(run.dir);
    if (history.length === 0) return;
    this.runStarted({ runDir: run.dir, datasetDir: meta.config.datasetDir, classes: meta.classes, epochs: meta.config.epochs, history });
    const best = history.reduce((a, b) => (b.testAcc > a.testAcc ? b : a));
    this.phase(meta.epoch >= meta.config.epochs ? 'done' : 'stopped', vscode.l10n.t('last run: best test accuracy {0} at epoch {1}', percent(best.testAcc, 2, uiLocale()), best.epoch));
  }
}
