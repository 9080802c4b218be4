import { BackendChoice } from './backendReport';
import { ModelConfig } from './modelConfig';

/** Everything a training run needs; defaults follow the tutorial (batch 16, SGD 0.01 momentum 0.9, StepLR 10/0.5). */
export interface TrainConfig {
  datasetDir: string;
  /** Run folder to create; default `./.alexnet/runs/<timestamp>` (engine/runFolder.ts; the extension always sets it). */
  outDir?: string;
  /** Continue this run folder from its `last` checkpoint. */
  resume?: string;
  /** Total epochs; with `resume`, 0 keeps the resumed run's own total. */
  epochs: number;
  batchSize: number;
  inputSize: number;
  lr: number;
  momentum: number;
  weightDecay: number;
  stepSize: number;
  gamma: number;
  hflip: boolean;
  vflip: boolean;
  /** Crop an inputSize window at a random place from images resized a little larger. */
  randomCrop: boolean;
  seed: number;
  /** Fraction of a root of class folders held out for testing when there is no train/test split. */
  valFraction: number;
  backend: BackendChoice;
  lrn: boolean;
  init: ModelConfig['init'];
  dropout: number;
}

/** The random changes made to training images (the `alexnet.augmentation` setting, the engine's batches). */
export type Augmentation = Pick<TrainConfig, 'hflip' | 'vflip' | 'randomCrop'>;

export const DEFAULT_TRAIN_CONFIG: Omit<TrainConfig, 'datasetDir'> = {
  epochs: 10,
  batchSize: 16,
  inputSize: 224,
  lr: 0.01,
  momentum: 0.9,
  weightDecay: 5e-4,
  stepSize: 10,
  gamma: 0.5,
  hflip: true,
  vflip: false,
  randomCrop: false,
  seed: 0,
  valFraction: 0.2,
  backend: 'auto',
  lrn: false,
  init: 'glorot',
  dropout: 0.5,
};
