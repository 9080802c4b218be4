import * as tfl from '@tensorflow/tfjs-layers';
import { FeatureMaps } from '../../shared/inspect';
import { layerActivations, pickLayers } from './activations';
import { compactActivation } from './compact';
import { imageInput } from './imageInput';

export interface FeatureMapOptions {
  /** Layer names (default: every conv, pool and dense layer). */
  layers?: string[];
  /** Largest side of a channel map as returned; larger maps are box-averaged down (default: full size). */
  maxSide?: number;
}

/** Every requested layer's activations for one image, 8-bit, from one forward pass of `model` (input inputSize). */
export async function featureMaps(model: tfl.LayersModel, inputSize: number, image: string, options: FeatureMapOptions = {}): Promise<FeatureMaps> {
  const names = pickLayers(model, options.layers).map((l) => l.name);
  const { x } = await imageInput(image, inputSize);
  try {
    const activations = await layerActivations(model, x, names);
    return { image, inputSize, layers: activations.map((a) => compactActivation(a, options.maxSide)) };
  } finally {
    x.dispose();
  }
}
