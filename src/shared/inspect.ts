/**
 * What the network's inside looks like, as plain data: feature maps, conv1 filters, Grad-CAM heat maps and the
 * test set's per-file predictions. Made by src/engine/inspect, drawn by the CLI (PNG) and the panel (canvas).
 * Pixel payloads are 8-bit and base64-encoded so that they cross the IPC channel and postMessage as compact JSON.
 */

/** Channel maps larger than this are box-averaged down before they cross to the panel (55 -> 28 for conv1 at 224 px). */
export const PANEL_MAP_SIDE = 28;

/** One conv, pool or dense layer's activations for one image. */
export interface FeatureMapLayer {
  name: string;
  type: 'conv' | 'pool' | 'dense';
  /** The layer's true output shape: [H, W, C] for conv and pool, [units] for dense. */
  shape: number[];
  /** Smallest and largest activation of the layer; byte b stands for min + (b / 255) * (max - min). */
  min: number;
  max: number;
  /** Side of each channel map as sent: the true H x W, or smaller where it was downsampled (box average). 1 x units for dense. */
  height: number;
  width: number;
  /** base64 of uint8 values, channel-major [C][height][width] (dense: [units]). */
  data: string;
  /** Largest activation of each channel (conv/pool), so a picker can list the most active first. */
  channelMax: number[];
  /** The most active units of a dense layer, largest first. */
  top: { unit: number; value: number }[];
}

export interface FeatureMaps {
  image: string;
  inputSize: number;
  layers: FeatureMapLayer[];
}

/** conv1's kernels as RGB tiles, one shared scale: byte 128 is 0, 0 and 255 are -maxAbs and +maxAbs. */
export interface FilterTiles {
  /** 96 for AlexNet's conv1. */
  count: number;
  /** Kernel side (11). */
  size: number;
  maxAbs: number;
  /** base64 of uint8 RGB, [count][size][size][3]. */
  rgb: string;
}

export interface FiltersResult {
  checkpoint: string;
  trained: FilterTiles;
  /** The same layer before training; null for a run that recorded none and has no seed to rebuild it from. */
  initial: FilterTiles | null;
  /** 'recorded': written when the run started; 'rebuilt': re-initialised from the run's seed (older runs). */
  initialSource: 'recorded' | 'rebuilt' | null;
  /** How far training moved the kernels: ||W - W0|| / ||W0||; null without the initial ones. */
  change: number | null;
}

export interface GradCamResult {
  image: string;
  /** The class explained and its softmax probability for this image. */
  className: string;
  classIndex: number;
  probability: number;
  /** Layer the gradients are taken at. */
  layer: string;
  /** Side of that layer's maps (the heat map's true resolution before upsampling). */
  camSize: number;
  inputSize: number;
  /** [inputSize][inputSize] in [0, 1]; all 0 when no part of the image speaks for the class. */
  heatmap: number[][];
  /** The same at the layer's own resolution [camSize][camSize], before upsampling; what the panel draws (smoothly). */
  cam: number[][];
}

/** A Grad-CAM map for a prediction card: 8-bit, at the layer's resolution; the panel scales it over the thumbnail. */
export interface CamView {
  className: string;
  probability: number;
  size: number;
  /** base64 of uint8 [size][size], 255 = the strongest place. */
  heat: string;
}

/** One test image's prediction; `alexnet classify --json` lists the same fields for each labelled file. */
export interface FilePrediction {
  file: string;
  trueClass: string;
  predicted: string;
  /** Softmax probability of the predicted class. */
  probability: number;
}

/** predictions.json in a best/ or last/ checkpoint folder: the test split as scored at that checkpoint's epoch. */
export interface CheckpointPredictions {
  epoch: number;
  classes: string[];
  files: FilePrediction[];
}

/** The files of confusion cell [trueClass][predicted], most confident first. */
export function cellFiles(predictions: FilePrediction[], trueClass: string, predicted: string): FilePrediction[] {
  return predictions.filter((p) => p.trueClass === trueClass && p.predicted === predicted).sort((a, b) => b.probability - a.probability);
}

/** Bytes of a base64 payload (atob exists in browsers and in Node >= 16). */
export function decodeBytes(base64: string): Uint8Array {
  const text = atob(base64);
  const out = new Uint8Array(text.length);
  for (let i = 0; i < text.length; i++) out[i] = text.charCodeAt(i);
  return out;
}
