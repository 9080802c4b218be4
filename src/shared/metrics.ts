import { StoppedAt } from './checkpointMeta';

/** Training events: emitted by the engine, printed by the CLI (--json), forwarded to the extension. */
export interface BatchEvent {
  event: 'batch';
  epoch: number;
  epochs: number;
  batch: number;
  batches: number;
  /** Running mean over the epoch so far. */
  loss: number;
  acc: number;
  /** Loss of this batch alone, for the per-batch curve. */
  batchLoss: number;
  imagesPerSecond: number;
  /** Seconds left in the whole run, including the remaining test passes. */
  etaSeconds: number;
  lr: number;
}

export interface EpochEvent {
  event: 'epoch';
  epoch: number;
  epochs: number;
  trainLoss: number;
  trainAcc: number;
  testLoss: number;
  testAcc: number;
  lr: number;
  seconds: number;
  /** Training images per second in this epoch. */
  imagesPerSecond: number;
  /** Accuracy of each class on the test split, in class-index order (NaN-free: 0 for an empty class). */
  perClassAcc: number[];
  /** confusion[true][predicted] counts on the test split. */
  confusion: number[][];
  best: boolean;
  /** Live TensorFlow.js tensors after the epoch: flat across epochs unless something leaks. */
  tensors: number;
  /** Resident memory of the trainer process in MB after the epoch. */
  rssMB: number;
  /** GPU memory held by live tensors in MB after the epoch (webgpu; absent on CPU backends). */
  gpuMB?: number;
}

export type ProgressPhase = 'scan' | 'decode' | 'train' | 'test' | 'classify';

/**
 * Counts for a long step, at most twice a second: scan (class folders listed), decode (images checked), train
 * (batches of the epoch), test (images evaluated), classify (images predicted).
 */
export interface ProgressEvent {
  event: 'progress';
  phase: ProgressPhase;
  done: number;
  total: number;
}

/** First event of a resumed run: training goes on after `batch` batches of `epoch` (0: at the epoch's start). */
export interface ResumeEvent {
  event: 'resume';
  epoch: number;
  batch: number;
}

export interface CheckpointRef {
  epoch: number;
  testAcc: number;
  path: string;
}

export interface DoneEvent {
  event: 'done';
  runDir: string;
  best: CheckpointRef | null;
  /** `epoch` is the last complete one; `stoppedAt` is set when the run stopped inside the next. */
  last: { path: string; epoch: number; stoppedAt?: StoppedAt } | null;
  /** True when a stop request ended the run early. */
  stopped: boolean;
}

export type TrainEvent = ResumeEvent | ProgressEvent | BatchEvent | EpochEvent | DoneEvent;

/**
 * A run has begun (after the dataset scan and, when resuming, reading the last checkpoint): the engine decides the
 * run folder, the total epochs and, for a resumed run, the epochs already done (from its trimmed metrics.jsonl).
 */
export interface RunStart {
  runDir: string;
  datasetDir: string;
  classes: string[];
  epochs: number;
  /** Epochs already trained, oldest first: empty for a new run. */
  history: EpochEvent[];
}
