import { ModelVariant } from './modelConfig';

/** One row of the tutorial's layer table, computed by the engine from a built model. */
export interface LayerRow {
  name: string;
  type: 'conv' | 'pool' | 'dense';
  /** [k, k, in, out] for conv, [k, k] for pool, [in, out] for dense. */
  kernel: number[];
  stride: number | null;
  /** Padding in pixels on each side (conv and pool rows), null for dense. */
  padding: number | null;
  /** Input spatial size W, for the size formula; null for dense rows. */
  inputSize: number | null;
  /** [H, W, C] for conv and pool rows, [units] for dense rows. */
  output: number[];
  neurons: number;
  params: number;
  /** Multiply-accumulate operations for one image. */
  macs: number;
  /** Fraction of all parameters held by this layer, 0..1. */
  paramShare: number;
  /** floor((W - K + 2P)/S) + 1 worked out, e.g. "floor((224 - 11 + 2*2)/4) + 1 = 55"; null for dense rows. */
  formula: string | null;
  /** Activation after the layer ('relu', 'linear'); null for pool rows. */
  activation: string | null;
}

export interface LayerTable {
  inputSize: number;
  classes: number;
  lrn: boolean;
  /** 'tutorial' when fc6 and fc7 have no ReLU (the seed's forward(), kept by imported model.py checkpoints). */
  variant: ModelVariant;
  layers: LayerRow[];
  /** The checkpoint folder whose network this is; absent for the network Train would build from the settings. */
  checkpoint?: string;
  totalParams: number;
  totalNeurons: number;
  totalMacs: number;
  denseParams: number;
  /** Fraction of parameters in the dense layers, the tutorial's point (6). */
  denseShare: number;
}
