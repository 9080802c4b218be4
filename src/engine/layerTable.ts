import * as tfl from '@tensorflow/tfjs-layers';
import { LayerRow, LayerTable } from '../shared/layerTable';
import { ModelConfig, modelConfig } from '../shared/modelConfig';
import { summariseLayerTable } from '../shared/layerTableMath';
import { buildAlexNet } from './alexnet';

interface LayerJson {
  kernelSize?: number[];
  poolSize?: number[];
  strides?: number[];
  padding?: string | number[][];
  filters?: number;
  units?: number;
  activation?: string;
}

const product = (xs: number[]) => xs.reduce((a, b) => a * b, 1);

/** Output shape of a layer without its batch dimension. */
function shapeOf(layer: tfl.layers.Layer): number[] {
  const shape = layer.outputShape as (number | null)[];
  return shape.slice(1).map((d) => d ?? 0);
}

/** 'same' padding as the pixels per side that the size formula needs (torch's padding=k//2 for odd k). */
function samePadding(inSize: number, outSize: number, kernel: number, stride: number): number {
  return Math.max(0, Math.floor(((outSize - 1) * stride + kernel - inSize) / 2));
}

function formula(w: number, k: number, p: number, s: number, out: number): string {
  return `floor((${w} - ${k} + 2*${p})/${s}) + 1 = ${out}`;
}

/**
 * The tutorial's per-layer table, read off a built model: conv, pool and dense rows in forward order.
 * An explicit ZeroPadding2D is folded into the conv that follows it, as the tutorial writes conv1 "pad 2".
 */
export function computeLayerTable(model: tfl.LayersModel): LayerTable {
  const rows: Omit<LayerRow, 'paramShare'>[] = [];
  let pendingPad = 0;
  const input = (model.inputs[0].shape as (number | null)[]).slice(1).map((d) => d ?? 0);
  let current = input;
  let lrn = false;
  for (const layer of model.layers) {
    const cls = layer.getClassName();
    const cfg = layer.getConfig() as LayerJson;
    const out = shapeOf(layer);
    if (cls === 'ZeroPadding2D') {
      const pad = cfg.padding as number[][];
      pendingPad = pad[0][0];
      continue; // `current` stays the unpadded input: the formula adds 2P itself
    }
    if (cls === 'LocalResponseNormalization') lrn = true;
    if (cls === 'Conv2D' || cls === 'MaxPooling2D') {
      const k = (cls === 'Conv2D' ? cfg.kernelSize : cfg.poolSize) as number[];
      const s = (cfg.strides as number[])[0];
      const w = current[0];
      const p = cfg.padding === 'same' ? samePadding(w, out[0], k[0], s) : pendingPad;
      const inC = current[2];
      const isConv = cls === 'Conv2D';
      rows.push({
        name: layer.name,
        type: isConv ? 'conv' : 'pool',
        kernel: isConv ? [k[0], k[1], inC, out[2]] : [k[0], k[1]],
        stride: s,
        padding: p,
        inputSize: w,
        output: out,
        neurons: product(out),
        params: layer.countParams(),
        macs: isConv ? out[0] * out[1] * out[2] * k[0] * k[1] * inC : 0,
        formula: formula(w, k[0], p, s, out[0]),
        activation: isConv ? (cfg.activation ?? null) : null,
      });
      pendingPad = 0;
    } else if (cls === 'Dense') {
      const inUnits = product(current);
      rows.push({
        name: layer.name,
        type: 'dense',
        kernel: [inUnits, out[0]],
        stride: null,
        padding: null,
        inputSize: null,
        output: out,
        neurons: out[0],
        params: layer.countParams(),
        macs: inUnits * out[0],
        formula: null,
        activation: cfg.activation ?? null,
      });
    }
    current = out;
  }
  const outputUnits = rows[rows.length - 1].output[0];
  const variant = rows.some((r) => r.name === 'fc6' && r.activation === 'linear') ? 'tutorial' : 'fixed';
  return summariseLayerTable(rows, { inputSize: input[0], classes: outputUnits, lrn, variant }, model.countParams());
}

/** Builds the model for `config` on the current backend just to read its table, then frees it. */
export function buildLayerTable(config: Pick<ModelConfig, 'numClasses' | 'inputSize' | 'lrn' | 'variant'>): LayerTable {
  const model = buildAlexNet(modelConfig(config));
  try {
    return computeLayerTable(model);
  } finally {
    model.dispose();
  }
}
