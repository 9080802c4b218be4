/**
 * The tutorial's layer table worked out from the architecture (shared/alexnetLayers.ts) with the size formula,
 * without building a model: it needs no tfjs and takes microseconds, so the panel shows it at once.
 * A unit test checks it against the table read off a built model (engine/layerTable.ts) at several sizes.
 */
import { alexnetLayers } from './alexnetLayers';
import { LayerRow, LayerTable } from './layerTable';
import { ModelConfig, validateModelConfig } from './modelConfig';

const product = (xs: number[]) => xs.reduce((a, b) => a * b, 1);
const outSize = (w: number, k: number, p: number, s: number) => Math.floor((w - k + 2 * p) / s) + 1;
const formula = (w: number, k: number, p: number, s: number) => `floor((${w} - ${k} + 2*${p})/${s}) + 1 = ${outSize(w, k, p, s)}`;

/** The tutorial variant leaves out the ReLU after fc6 and fc7 (as the seed's forward() does); fc8 has none. */
export function layerTableFor(config: Pick<ModelConfig, 'numClasses' | 'inputSize' | 'lrn' | 'variant'>): LayerTable {
  validateModelConfig({ ...config, init: 'glorot', dropout: 0.5 });
  const denseActivation = (relu: boolean) => (relu && config.variant !== 'tutorial' ? 'relu' : 'linear');
  const rows: Omit<LayerRow, 'paramShare'>[] = [];
  let current = [config.inputSize, config.inputSize, 3];
  for (const layer of alexnetLayers(config.lrn)) {
    if (layer.kind === 'conv' || layer.kind === 'pool') {
      const isConv = layer.kind === 'conv';
      const k = isConv ? layer.kernel : layer.size;
      const s = layer.stride;
      const w = current[0];
      // 'same' at stride 1 pads (k - 1)/2 on each side, as torch's padding=k//2 does for odd k.
      const p = !isConv ? 0 : layer.padding === 'same' ? Math.floor((k - 1) / 2) : layer.padding.pixels;
      const side = outSize(w, k, p, s);
      const inC = current[2];
      const outC = isConv ? layer.filters : inC;
      const output = [side, side, outC];
      rows.push({
        name: layer.name,
        type: layer.kind,
        kernel: isConv ? [k, k, inC, outC] : [k, k],
        stride: s,
        padding: p,
        inputSize: w,
        output,
        activation: isConv ? 'relu' : null,
        neurons: product(output),
        params: isConv ? k * k * inC * outC + outC : 0,
        macs: isConv ? side * side * outC * k * k * inC : 0,
        formula: formula(w, k, p, s),
      });
      current = output;
    } else if (layer.kind === 'flatten') {
      current = [product(current)];
    } else if (layer.kind === 'dense') {
      const inUnits = product(current);
      const units = layer.units === 'classes' ? config.numClasses : layer.units;
      rows.push({ name: layer.name, type: 'dense', kernel: [inUnits, units], stride: null, padding: null, inputSize: null, output: [units], activation: denseActivation(layer.relu), neurons: units, params: inUnits * units + units, macs: inUnits * units, formula: null });
      current = [units];
    }
  }
  return summariseLayerTable(rows, { inputSize: config.inputSize, classes: config.numClasses, lrn: config.lrn, variant: config.variant ?? 'fixed' });
}

/** Totals and shares of a table's rows: one rule for the worked-out table and the one read off a built model. */
export function summariseLayerTable(rows: Omit<LayerRow, 'paramShare'>[], head: Pick<LayerTable, 'inputSize' | 'classes' | 'lrn' | 'variant'>, totalParams = rows.reduce((a, r) => a + r.params, 0)): LayerTable {
  const denseParams = rows.filter((r) => r.type === 'dense').reduce((a, r) => a + r.params, 0);
  return {
    ...head,
    layers: rows.map((r) => ({ ...r, paramShare: r.params / totalParams })),
    totalParams,
    totalNeurons: rows.reduce((a, r) => a + r.neurons, 0),
    totalMacs: rows.reduce((a, r) => a + r.macs, 0),
    denseParams,
    denseShare: denseParams / totalParams,
  };
}
