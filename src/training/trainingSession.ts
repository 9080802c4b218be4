/**
 * One training run's user interface: a cancellable progress notification, a status-bar item, the output channel
 * and the panel fed with the run's events. Its own trainer process ends with it; checkpoints already written stay.
 */
import * as fs from 'fs';
import * as path from 'path';
import * as vscode from 'vscode';
import { PanelFeeder } from '../panel/panelFeeder';
import { RunsModel } from '../runs/runsModel';
import { duration, fixed, percent } from '../shared/format';
import { errorMessage } from '../shared/messages';
import { BatchEvent, DoneEvent } from '../shared/metrics';
import { batchLine, epochLine, progressText } from '../shared/progressLines';
import { CHECKPOINT_KINDS, META_FILE, checkpointDir } from '../shared/runLayout';
import { TrainParams, TrainProgress } from '../shared/trainerProtocol';
import { TrainerClient, TrainerError, TrainerExitError } from '../trainer/trainerClient';
import { uiLocale } from '../uiLanguage';

export const TRAINING_CONTEXT_KEY = 'alexnet.training';

/** What the end of a run saved, in one sentence: the stop toast says what was kept and whether it was evaluated. */
export function finishMessage(done: DoneEvent): string {
  const best = done.best ? `best test accuracy ${percent(done.best.testAcc, 2)} at epoch ${done.best.epoch}` : 'no epoch evaluated yet';
  if (!done.stopped) return `finished: ${best}.`;
  const at = done.last?.stoppedAt;
  if (at) {
    return `stopped at batch ${at.batch} of ${at.batches} in epoch ${at.epoch}: saved last/ (not evaluated; Resume goes on at batch ${at.batch + 1}); ${best}.`;
  }
  return done.last ? `stopped after epoch ${done.last.epoch}: saved last/; ${best}.` : `stopped before anything was saved.`;
}

/** finishMessage in the UI language, for the notification. */
function uiFinishMessage(done: DoneEvent): string {
  const best = done.best ? vscode.l10n.t('best test accuracy {0} at epoch {1}', percent(done.best.testAcc, 2, uiLocale()), done.best.epoch) : vscode.l10n.t('no epoch evaluated yet');
  if (!done.stopped) return vscode.l10n.t('finished: {0}.', best);
  const at = done.last?.stoppedAt;
  if (at) return vscode.l10n.t('stopped at batch {0} of {1} in epoch {2}: saved last/ (not evaluated; Resume goes on at batch {3}); {4}.', at.batch, at.batches, at.epoch, at.batch + 1, best);
  return done.last ? vscode.l10n.t('stopped after epoch {0}: saved last/; {1}.', done.last.epoch, best) : vscode.l10n.t('stopped before anything was saved.');
}

export interface SessionDeps {
  client: TrainerClient;
  panel: PanelFeeder;
  runs: RunsModel;
  output: vscode.LogOutputChannel;
}

type Progress = vscode.Progress<{ message?: string; increment?: number }>;

export class TrainingSession implements vscode.Disposable {
  private readonly abort = new AbortController();
  private readonly status: vscode.StatusBarItem;
  private progressDone = 0;

  constructor(
    private readonly deps: SessionDeps,
    private readonly params: TrainParams,
    readonly runDir: string,
    private readonly datasetName: string,
  ) {
    this.status = vscode.window.createStatusBarItem('alexnet.training', vscode.StatusBarAlignment.Left, 10);
    this.status.name = vscode.l10n.t('AlexNet Training');
    this.status.command = 'alexnet.panel.focus';
  }

  get stopping(): boolean {
    return this.abort.signal.aborted;
  }

  stop(): void {
    if (this.abort.signal.aborted) return;
    this.deps.panel.runStopping();
    this.status.text = `$(debug-stop) ${vscode.l10n.t('AlexNet: stopping…')}`;
    this.abort.abort();
  }

  /** Runs to the end; resolves with the done event, or undefined when the run failed (the user was told why). */
  async run(): Promise<DoneEvent | undefined> {
    const { panel, output, client } = this.deps;
    await vscode.commands.executeCommand('setContext', TRAINING_CONTEXT_KEY, true);
    this.status.text = `$(sync~spin) ${vscode.l10n.t('AlexNet: starting…')}`;
    this.status.show();
    panel.runStarting('resume' in this.params);
    output.info(`training ${this.datasetName} -> ${this.runDir}`);
    output.info(`request: ${JSON.stringify(this.params)}`);
    try {
      return await vscode.window.withProgress(
        { location: vscode.ProgressLocation.Notification, title: vscode.l10n.t('AlexNet: training on {0}', this.datasetName), cancellable: true },
        async (progress, token) => {
          token.onCancellationRequested(() => this.stop());
          progress.report({ message: vscode.l10n.t('scanning the dataset…') });
          const done = await client.request('train', this.params, { onEvent: (e) => this.onProgress(e, progress), signal: this.abort.signal });
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
    }
  }

  dispose(): void {
    this.status.dispose();
    this.deps.client.dispose();
  }

  /** The run's backend, scan, start and model come before its first batch. */
  private onProgress(p: TrainProgress, progress: Progress): void {
    const { panel, output, runs } = this.deps;
    switch (p.type) {
      case 'backend':
        panel.showBackend(p.report);
        return;
      case 'dataset':
        panel.showDataset(p.summary);
        for (const w of p.summary.warnings) output.warn(`dataset: ${w}`);
        progress.report({ message: vscode.l10n.t('{0} classes; building the model…', p.summary.classes.length) });
        return;
      case 'started':
        panel.runStarted(p.run);
        runs.changed();
        return;
      case 'layers':
        panel.showLayers(p.table);
        progress.report({ message: vscode.l10n.t('training…') });
        return;
      case 'batch':
        panel.batch(p.event);
        this.onBatch(p.event, progress);
        return;
      case 'epoch':
        panel.epoch(p.event);
        output.info(epochLine(p.event));
        runs.changedSoon();
        return;
      case 'progress': {
        // Batches have their own line; the scan and the test pass show their counts.
        if (p.event.phase === 'train') return;
        const text = progressText(p.event, uiLocale());
        progress.report({ message: text });
        panel.progress(text);
        return;
      }
    }
  }

  private onBatch(event: BatchEvent, progress: Progress): void {
    const fraction = ((event.epoch - 1) * event.batches + event.batch) / (event.epochs * event.batches);
    const target = Math.min(100, fraction * 100);
    const locale = uiLocale();
    const line = batchLine(event, locale);
    progress.report({ message: line, increment: Math.max(0, target - this.progressDone) });
    this.progressDone = Math.max(this.progressDone, target);
    if (!this.stopping) {
      this.status.text = `$(sync~spin) ${vscode.l10n.t(
        'AlexNet {0}/{1} · {2}/{3} · loss {4} · ETA {5}',
        event.epoch,
        event.epochs,
        event.batch,
        event.batches,
        fixed(event.loss, 3, locale),
        duration(event.etaSeconds, locale),
      )}`;
      this.status.tooltip = [
        line,
        vscode.l10n.t('{0} images/s, lr {1}', fixed(event.imagesPerSecond, 1, locale), event.lr),
        vscode.l10n.t('Click to show the panel'),
      ].join('\n');
    }
  }

  private wroteCheckpoint(): boolean {
    return CHECKPOINT_KINDS.some((kind) => fs.existsSync(path.join(checkpointDir(this.runDir, kind), META_FILE)));
  }

  private finish(done: DoneEvent): void {
    const { panel, output } = this.deps;
    const message = finishMessage(done);
    panel.runFinished(done);
    output.info(`run ${message} (${done.runDir})`);
    // A stopped run can go on: from the next batch when it stopped inside an epoch.
    const [resume, show] = [vscode.l10n.t('Resume'), vscode.l10n.t('Show Panel')];
    const actions = done.stopped && done.last ? [resume, show] : [show];
    void vscode.window.showInformationMessage(vscode.l10n.t('AlexNet: training {0}', uiFinishMessage(done)), ...actions).then((choice) => {
      if (choice === resume) void vscode.commands.executeCommand('alexnet.resumeTraining', done.runDir);
      else if (choice) void panel.reveal('training');
    });
  }

  private fail(err: Error): void {
    const { panel, output } = this.deps;
    if (this.stopping && err.message === 'cancelled') {
      panel.runStoppedBeforeStart();
      return;
    }
    let message = errorMessage(err);
    if (err instanceof TrainerExitError && this.wroteCheckpoint()) {
      message = vscode.l10n.t('{0}. The checkpoints already written in {1} stay usable.', err.message, this.runDir);
    }
    panel.runFailed(message);
    output.error(`training failed: ${message}`);
    if (err instanceof TrainerError && err.trainerStack) output.error(err.trainerStack);
    const [openFile, showLog] = [vscode.l10n.t('Open File'), vscode.l10n.t('Show Log')];
    const actions = err instanceof TrainerError && err.file ? [openFile, showLog] : [showLog];
    void vscode.window.showErrorMessage(vscode.l10n.t('AlexNet: training failed: {0}', message), ...actions).then((choice) => {
      if (choice === showLog) output.show(true);
      if (choice === openFile && err instanceof TrainerError && err.file) {
        void vscode.commands.executeCommand('revealInExplorer', vscode.Uri.file(err.file));
      }
    });
  }
}
