import * as tf from '@tensorflow/tfjs-core';
import * as tfl from '@tensorflow/tfjs-layers';
import { computeLayerTable } from '../layerTable';

export interface LayerActivation {
  name: string;
  type: 'conv' | 'pool' | 'dense';
  /** Without the batch dimension: [H, W, C] or [units]. */
  shape: number[];
  values: Float32Array;
}

/** The layers a user can look into: the layer table's rows (conv, pool and dense), in forward order. */
export function inspectableLayers(model: tfl.LayersModel): { name: string; type: LayerActivation['type'] }[] {
  return computeLayerTable(model).layers.map((r) => ({ name: r.name, type: r.type }));
}

/** Checks requested layer names against the model's and returns them in forward order. */
export function pickLayers(model: tfl.LayersModel, requested?: string[]): { name: string; type: LayerActivation['type'] }[] {
  const all = inspectableLayers(model);
  if (!requested || requested.length === 0) return all;
  const unknown = requested.filter((n) => !all.some((l) => l.name === n));
  if (unknown.length > 0) throw new Error(`unknown layer ${unknown.join(', ')}: the layers are ${all.map((l) => l.name).join(', ')}`);
  return all.filter((l) => requested.includes(l.name));
}

/**
 * Activations of the named layers for a batch of one image [1, S, S, 3] (normalised), from one forward pass of a
 * multi-output model that shares the checkpoint's layers (no weights are copied). Inference mode: no dropout.
 */
export async function layerActivations(model: tfl.LayersModel, x: tf.Tensor4D, names: string[]): Promise<LayerActivation[]> {
  const layers = pickLayers(model, names);
  const probe = tfl.model({ inputs: model.inputs, outputs: layers.map((l) => model.getLayer(l.name).output as tfl.SymbolicTensor) });
  const outputs = tf.tidy(() => {
    const y = probe.predict(x);
    return Array.isArray(y) ? y : [y];
  });
  try {
    const values = await Promise.all(outputs.map((t) => t.data() as Promise<Float32Array>));
    return layers.map((l, i) => ({ name: l.name, type: l.type, shape: outputs[i].shape.slice(1), values: values[i] }));
  } finally {
    tf.dispose(outputs);
  }
}
