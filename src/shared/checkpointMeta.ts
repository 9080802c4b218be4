import { TrainConfig } from './trainConfig';
import { BackendName } from './backendReport';
import type { CodedMessage } from './messages';
import { ModelVariant } from './modelConfig';

/** Where an imported checkpoint came from (absent for trained ones). */
export interface CheckpointSource {
  format: 'pytorch-state-dict';
  /** The .pth file, as given. */
  file: string;
  /** SHA-256 of that file, hex. */
  sha256: string;
  /** 'tutorial': the seed's model.py keys (c1 ... output); 'sequential': features.N / classifier.N. */
  layout: 'tutorial' | 'sequential';
  importedAt: string;
}

export interface StoppedAt {
  epoch: number;
  batch: number;
  batches: number;
}

/** meta.json beside model.json in every checkpoint folder. */
export interface CheckpointMeta {
  format: 'alexnet-trainer-checkpoint';
  version: 1;
  kind: 'best' | 'last';
  classes: string[];
  classToIdx: Record<string, number>;
  inputSize: number;
  /** x -> (x/255 - mean)/std per channel, the tutorial's Normalize(0.5, 0.5). */
  normalisation: { mean: [number, number, number]; std: [number, number, number] };
  /** The last complete epoch (0 when a run stopped inside its first). */
  epoch: number;
  /**
   * Of the saved weights. Null when never measured: the test metrics of weights saved mid-epoch, and the train
   * metrics of a stop before any batch. Train metrics of a mid-epoch stop are the running means of that epoch.
   */
  metrics: { trainLoss: number | null; trainAcc: number | null; testLoss: number | null; testAcc: number | null; lr: number };
  /** Set on a `last` checkpoint saved by a stop inside an epoch: `batch` of `batches` of `epoch` were trained. */
  stoppedAt?: StoppedAt;
  config: TrainConfig;
  backend: BackendName;
  /** Hash of the sorted relative paths, sizes and mtimes of the dataset's files. */
  datasetFingerprint: string;
  createdAt: string;
  /** The network built; absent means 'fixed' (ReLU after fc6 and fc7). */
  variant?: ModelVariant;
  /** Set on imported checkpoints; their epoch is 0 and their metrics are unknown (0). */
  source?: CheckpointSource;
}

export interface Prediction {
  class: string;
  index: number;
  probability: number;
}

export interface ClassifiedFile {
  file: string;
  top: Prediction[];
  /** Set when the file could not be read as an image; `top` is then empty. In English, for logs and the CLI. */
  error?: string;
  /** The error as a code, for the UI to show in its language. */
  errorMessage?: CodedMessage;
  /** The class folder the file sits in, when classifying a folder laid out as classes. */
  trueClass?: string;
  /** Top-1 class and its probability (the same as top[0]), so that a file's line reads like a FilePrediction. */
  predicted?: string;
  probability?: number;
}

export interface ClassifyResult {
  checkpoint: string;
  /** The dataset the checkpoint was trained on (its meta.json's config.datasetDir). */
  datasetDir?: string;
  classes: string[];
  files: ClassifiedFile[];
  /** Present when the inputs were folders laid out as the checkpoint's classes. */
  evaluation?: { accuracy: number; confusion: number[][]; perClassAcc: number[]; count: number };
}
