/**
 * What the side panel shows, as plain data. The host keeps one PanelState, applies every update to it and
 * forwards the update; the webview applies the same update to its copy with the same function, so a snapshot
 * sent after `ready` always equals what the incremental updates would have built.
 */
import * as l10n from '@vscode/l10n';
import { BackendReport } from './backendReport';
import { Prediction } from './checkpointMeta';
import { DatasetSummary } from './dataset';
import { LayerTable } from './layerTable';
import type { CodedMessage } from './messages';
import { CompareView } from './compareRuns';
import { CamView } from './inspect';
import { GalleryView, InspectView } from './inspectView';
import { BatchEvent, EpochEvent } from './metrics';

export type TrainingPhase = 'idle' | 'starting' | 'training' | 'stopping' | 'done' | 'stopped' | 'failed';

export interface TrainingView {
  phase: TrainingPhase;
  /** One line for the user: what is happening or why it failed. */
  message: string;
  runDir: string | null;
  datasetDir: string | null;
  classes: string[];
  /** Total epochs of the run. */
  epochs: number;
  /** The latest batch event of the run, for progress, ETA, images/s and lr. */
  latest: BatchEvent | null;
}

/** One point of the per-batch loss curve; `step` counts batches from the start of the run (1-based). */
export interface BatchPoint {
  step: number;
  epoch: number;
  loss: number;
  /**
   * Where the batch falls in epochs (epoch 1, batch 30 of 120: 0.25) and the epoch's running train loss and
   * accuracy there, so the epoch curves fill in while an epoch (20 minutes at the tutorial's scale) runs.
   */
  at?: number;
  runLoss?: number;
  runAcc?: number;
}

export interface EvaluationView {
  /** Where the numbers come from, e.g. "test split, epoch 3" or "folder data/test". */
  source: string;
  /** The training epoch the numbers are from (test split), so its per-file predictions can be found. */
  epoch?: number;
  classes: string[];
  /** confusion[true][predicted] counts. */
  confusion: number[][];
  perClassAcc: number[];
  accuracy: number;
  count: number;
}

export interface PredictionView {
  file: string;
  /** URI the webview may load (webview.asWebviewUri or a data: URI), null when the file cannot be shown. */
  thumbnail: string | null;
  checkpoint: string;
  /** The dataset the checkpoint was trained on (its meta.json's datasetDir), when known. */
  dataset?: string;
  top: Prediction[];
  error?: string;
  /** The error as a code (render with `localized(error, errorMessage)`). */
  errorMessage?: CodedMessage;
  trueClass?: string;
  /** ISO time of the classification. */
  at: string;
  /** Grad-CAM at conv5 for one class of this image, once asked for. */
  cam?: CamView;
}

export interface PanelState {
  /** False in Restricted Mode: training and classification are disabled. */
  trusted: boolean;
  dataset: DatasetSummary | null;
  backend: BackendReport | null;
  layers: LayerTable | null;
  training: TrainingView;
  /** Epoch events of the current (or last) run in order. */
  epochs: EpochEvent[];
  batches: BatchPoint[];
  evaluation: EvaluationView | null;
  /** Most recent first. */
  predictions: PredictionView[];
  /** Checkpoint folder used for predictions. */
  checkpoint: string | null;
  /** Feature maps and filters last asked for. */
  inspect: InspectView | null;
  /** The confusion-matrix cell last opened. */
  gallery: GalleryView | null;
  /** Runs chosen for AlexNet: Compare Runs. */
  compare: CompareView | null;
}

/** Most batch points kept; older ones are thinned out so the curve keeps its shape without growing forever. */
export const MAX_BATCH_POINTS = 2000;
export const MAX_PREDICTIONS = 24;

export function emptyTraining(): TrainingView {
  return { phase: 'idle', message: '', runDir: null, datasetDir: null, classes: [], epochs: 0, latest: null };
}

export function initialPanelState(trusted = true): PanelState {
  return {
    trusted,
    dataset: null,
    backend: null,
    layers: null,
    training: emptyTraining(),
    epochs: [],
    batches: [],
    evaluation: null,
    predictions: [],
    checkpoint: null,
    inspect: null,
    gallery: null,
    compare: null,
  };
}

/** Halves the resolution of the oldest half, keeping the newest points exact. */
export function thinBatches(points: BatchPoint[], max = MAX_BATCH_POINTS): BatchPoint[] {
  if (points.length <= max) return points;
  const half = Math.floor(points.length / 2);
  const old = points.slice(0, half).filter((_, i) => i % 2 === 1);
  return [...old, ...points.slice(half)];
}

export function epochEvaluation(event: EpochEvent, classes: string[]): EvaluationView {
  const count = event.confusion.reduce((a, row) => a + row.reduce((b, c) => b + c, 0), 0);
  return {
    source: l10n.t('test split, epoch {0}', event.epoch),
    epoch: event.epoch,
    classes,
    confusion: event.confusion,
    perClassAcc: event.perClassAcc,
    accuracy: event.testAcc,
    count,
  };
}

export function batchStep(event: BatchEvent): number {
  return (event.epoch - 1) * event.batches + event.batch;
}
