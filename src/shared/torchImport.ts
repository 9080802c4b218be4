/** The PyTorch import's requests and results: plain data shared by the engine, the CLI and the extension. */
import { CheckpointMeta } from './checkpointMeta';
import { ModelVariant } from './modelConfig';

/** 'tutorial': the seed's model.py keys (c1 ... output); 'sequential': features.N / classifier.N. */
export type TorchLayout = 'tutorial' | 'sequential';

/** What a .pth holds, read and checked before anything is written. */
export interface TorchInspection {
  layout: TorchLayout;
  /** Outputs of the last layer. */
  classes: number;
  /** fc6's in_features: 256 * side * side. */
  flat: number;
  /** The input sizes whose pool5 map flattens to `flat`. */
  inputSizes: number[];
  variant: ModelVariant;
  /** The key of a checkpoint dict the state_dict was found under. */
  nestedUnder?: string;
}

export interface TorchImportRequest {
  file: string;
  /** Class names in output order, or a dataset folder whose class folders name them (ImageFolder's sorted order). */
  classes: string[] | { datasetDir: string };
  /** Needed when several input sizes give fc6's in_features. */
  inputSize?: number;
  /** The run folder to write; default a new <runsRoot>/<timestamp>. */
  outDir?: string;
  runsRoot?: string;
}

export interface TorchImportResult {
  runDir: string;
  checkpointDir: string;
  meta: CheckpointMeta;
  nestedUnder?: string;
}
