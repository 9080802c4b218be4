/**
 * Owns training: starts a run (one at a time, each in its own trainer process), stops it, and knows the run in
 * progress. The runs model learns the active run from here; nothing else writes it.
 */
import * as path from 'path';
import * as vscode from 'vscode';
import { PanelFeeder } from '../panel/panelFeeder';
import { RunsModel } from '../runs/runsModel';
import { DoneEvent } from '../shared/metrics';
import { TrainParams } from '../shared/trainerProtocol';
import { TrainerClient } from '../trainer/trainerClient';
import { TrainingSession } from './trainingSession';

export interface TrainingRunnerDeps {
  /** A fresh trainer process for a run; the session disposes it. */
  createTrainer: () => TrainerClient;
  panel: PanelFeeder;
  runs: RunsModel;
  output: vscode.LogOutputChannel;
}

/** The run in progress, as others may see it. */
export interface CurrentRun {
  runDir: string;
  stopping: boolean;
}

export class TrainingRunner implements vscode.Disposable {
  private session: TrainingSession | undefined;

  constructor(private readonly deps: TrainingRunnerDeps) {}

  get current(): CurrentRun | undefined {
    const s = this.session;
    return s && { runDir: s.runDir, stopping: s.stopping };
  }

  /** Whether `dir` is the run folder being trained. */
  isTraining(dir: string): boolean {
    return this.session?.runDir === dir;
  }

  /**
   * Trains `params` to the end (a new run in `config.outDir`, or the resumed run folder); resolves with the done
   * event, or undefined when a run was already going (the user was told) or the run failed (likewise).
   * `datasetDir` names the dataset to the user when resuming (the engine reads it from the checkpoint).
   */
  async start(params: TrainParams, datasetDir?: string): Promise<DoneEvent | undefined> {
    if (this.session) {
      const stop = vscode.l10n.t('Stop Training');
      void vscode.window.showWarningMessage(vscode.l10n.t('AlexNet: a training run is already in progress. Stop it first.'), stop).then((c) => {
        if (c) void vscode.commands.executeCommand('alexnet.stopTraining');
      });
      return undefined;
    }
    const { runs } = this.deps;
    const runDir = 'config' in params ? (params.config.outDir ?? '') : params.resume;
    const dataset = 'config' in params ? params.config.datasetDir : (datasetDir ?? runDir);
    const session = new TrainingSession({ ...this.deps, client: this.deps.createTrainer() }, params, runDir, path.basename(dataset));
    this.session = session;
    runs.setActiveRun(runDir);
    void this.deps.panel.reveal('training');
    try {
      return await session.run();
    } finally {
      this.session = undefined;
      runs.setActiveRun(undefined);
      this.deps.panel.runEnded();
    }
  }

  /** Asks the run to stop after its batch (it saves `last`); false when nothing trains. */
  stop(): boolean {
    if (!this.session) return false;
    this.session.stop();
    return true;
  }

  dispose(): void {
    this.session?.dispose();
  }
}
