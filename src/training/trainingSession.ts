/**
 * One training run: its own trainer process, a cancellable progress notification, a status-bar item, and the
 * panel fed with its events. Disposing the session ends the process; checkpoints already written stay.
 */
import * as fs from 'fs';
import * as path from 'path';
import * as vscode from 'vscode';
import { Services } from '../services';
import { duration, percent } from '../shared/format';
import { BatchEvent, DoneEvent, EpochEvent, TrainEvent } from '../shared/metrics';
import { TrainConfig } from '../shared/trainConfig';
import { TrainSideMessage, TrainerClient, TrainerError, TrainerExitError } from '../trainerClient';

export const TRAINING_CONTEXT_KEY = 'alexnet.training';

export function batchLine(e: BatchEvent): string {
  return `epoch ${e.epoch}/${e.epochs} · batch ${e.batch}/${e.batches} · loss ${e.loss.toFixed(3)} · ETA ${duration(e.etaSeconds)}`;
}

export function epochLine(e: EpochEvent): string {
  return (
    `epoch ${e.epoch}/${e.epochs}: train loss ${e.trainLoss.toFixed(4)} acc ${percent(e.trainAcc, 2)} · ` +
    `test loss ${e.testLoss.toFixed(4)} acc ${percent(e.testAcc, 2)} · lr ${e.lr} · ${e.seconds.toFixed(1)} s · ` +
    `${e.imagesPerSecond.toFixed(1)} img/s${e.best ? ' · best so far' : ''}`
  );
}

export class TrainingSession implements vscode.Disposable {
  private readonly abort = new AbortController();
  private readonly client: TrainerClient;
  private readonly status: vscode.StatusBarItem;
  private progressDone = 0;

  constructor(
    private readonly services: Services,
    private readonly config: TrainConfig,
    private readonly history: EpochEvent[],
  ) {
    this.client = services.createTrainer();
    this.status = vscode.window.createStatusBarItem('alexnet.training', vscode.StatusBarAlignment.Left, 10);
    this.status.name = 'AlexNet Training';
    this.status.command = 'alexnet.panel.focus';
  }

  get runDir(): string {
    return this.config.outDir ?? this.config.resume ?? '';
  }

  get stopping(): boolean {
    return this.abort.signal.aborted;
  }

  stop(): void {
    if (this.abort.signal.aborted) return;
    this.services.panel.update({ type: 'phase', phase: 'stopping', message: 'stopping after this batch; saving the last checkpoint' });
    this.status.text = '$(debug-stop) AlexNet: stopping…';
    this.abort.abort();
  }

  /** Runs to the end; resolves with the done event, or undefined when the run failed (the user was told why). */
  async run(): Promise<DoneEvent | undefined> {
    const { services, config } = this;
    const out = services.output;
    await vscode.commands.executeCommand('setContext', TRAINING_CONTEXT_KEY, true);
    this.status.text = '$(sync~spin) AlexNet: starting…';
    this.status.show();
    // Until the scan ends (runStarted), the panel would still show the previous run's end, a failure perhaps.
    services.panel.update({ type: 'phase', phase: 'starting', message: config.resume ? 'resuming: scanning the dataset…' : 'scanning the dataset…' });
    out.info(`training ${config.datasetDir} -> ${this.runDir}`);
    out.info(`config: ${JSON.stringify(config)}`);
    try {
      return await vscode.window.withProgress(
        { location: vscode.ProgressLocation.Notification, title: `AlexNet: training on ${path.basename(config.datasetDir)}`, cancellable: true },
        async (progress, token) => {
          token.onCancellationRequested(() => this.stop());
          progress.report({ message: 'scanning the dataset…' });
          const done = await this.client.train(
            config,
            { onEvent: (event) => this.onEvent(event, progress), onSide: (m) => this.onSide(m, progress) },
            this.abort.signal,
          );
          this.finish(done);
          return done;
        },
      );
    } catch (err) {
      this.fail(err as Error);
      return undefined;
    } finally {
      this.dispose();
      await vscode.commands.executeCommand('setContext', TRAINING_CONTEXT_KEY, false);
      services.runs.refresh();
    }
  }

  dispose(): void {
    this.status.dispose();
    this.client.dispose();
  }

  /** The run's scan, backend and model come before its first batch: they start the panel's run. */
  private onSide(m: TrainSideMessage, progress: vscode.Progress<{ message?: string }>): void {
    const { panel, output, runs } = this.services;
    if (m.type === 'backend') {
      panel.update({ type: 'backend', report: m.report });
    } else if (m.type === 'layers') {
      panel.update({ type: 'layers', table: m.table });
      progress.report({ message: 'training…' });
    } else {
      const summary = m.summary;
      panel.update({ type: 'dataset', summary });
      for (const w of summary.warnings) output.warn(`dataset: ${w}`);
      panel.update({
        type: 'runStarted',
        runDir: this.runDir,
        datasetDir: summary.root,
        classes: summary.classes,
        epochs: this.config.epochs,
        history: this.history,
      });
      runs.refresh();
      progress.report({ message: `${summary.classes.length} classes; building the model…` });
    }
  }

  private wroteCheckpoint(): boolean {
    return ['best', 'last'].some((kind) => fs.existsSync(path.join(this.runDir, kind, 'meta.json')));
  }

  private onEvent(event: TrainEvent, progress: vscode.Progress<{ message?: string; increment?: number }>): void {
    const { panel, output, runs } = this.services;
    if (event.event === 'batch') {
      panel.update({ type: 'batch', event });
      const fraction = ((event.epoch - 1) * event.batches + event.batch) / (event.epochs * event.batches);
      const target = Math.min(100, fraction * 100);
      progress.report({ message: batchLine(event), increment: Math.max(0, target - this.progressDone) });
      this.progressDone = Math.max(this.progressDone, target);
      if (!this.stopping) {
        this.status.text = `$(sync~spin) AlexNet ${event.epoch}/${event.epochs} · ${event.batch}/${event.batches} · loss ${event.loss.toFixed(3)} · ETA ${duration(event.etaSeconds)}`;
        this.status.tooltip = `${batchLine(event)}\n${event.imagesPerSecond.toFixed(1)} images/s, lr ${event.lr}\nClick to show the panel`;
      }
    } else if (event.event === 'epoch') {
      panel.update({ type: 'epoch', event });
      output.info(epochLine(event));
      runs.refreshSoon();
    }
  }

  private finish(done: DoneEvent): void {
    const { panel, output } = this.services;
    const best = done.best ? `best test accuracy ${percent(done.best.testAcc, 2)} at epoch ${done.best.epoch}` : 'no best checkpoint';
    const message = `${done.stopped ? 'stopped' : 'finished'}: ${best}`;
    // The panel's badge already says finished or stopped.
    panel.update({ type: 'phase', phase: done.stopped ? 'stopped' : 'done', message: best });
    output.info(`run ${message}; ${done.runDir}`);
    if (done.best && !this.services.selectedCheckpointDir()) panel.update({ type: 'checkpoint', path: done.best.path });
    void vscode.window.showInformationMessage(`AlexNet: training ${message}.`, 'Show Panel').then((choice) => {
      if (choice) void this.services.panel.reveal('training');
    });
  }

  private fail(err: Error): void {
    const { panel, output } = this.services;
    if (this.stopping && err.message === 'cancelled') {
      panel.update({ type: 'phase', phase: 'stopped', message: 'stopped before training began' });
      return;
    }
    let message = err.message;
    if (err instanceof TrainerExitError && this.wroteCheckpoint()) {
      message = `${err.message}. The checkpoints already written in ${this.runDir} stay usable.`;
    }
    panel.update({ type: 'phase', phase: 'failed', message });
    output.error(`training failed: ${message}`);
    if (err instanceof TrainerError && err.trainerStack) output.error(err.trainerStack);
    const actions = err instanceof TrainerError && err.file ? ['Open File', 'Show Log'] : ['Show Log'];
    void vscode.window.showErrorMessage(`AlexNet: training failed: ${message}`, ...actions).then((choice) => {
      if (choice === 'Show Log') output.show(true);
      if (choice === 'Open File' && err instanceof TrainerError && err.file) {
        void vscode.commands.executeCommand('revealInExplorer', vscode.Uri.file(err.file));
      }
    });
  }
}
