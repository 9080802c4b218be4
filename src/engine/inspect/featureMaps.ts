import { FeatureMaps } from '../../shared/inspect';
import { LoadedCheckpoint } from '../checkpoints';
import { layerActivations, pickLayers } from './activations';
import { compactActivation } from './compact';
import { imageInput } from './imageInput';

export interface FeatureMapOptions {
  /** Layer names (default: every conv, pool and dense layer). */
  layers?: string[];
  /** Largest side of a channel map as returned; larger maps are box-averaged down (default: full size). */
  maxSide?: number;
}

/** Every requested layer's activations for one image, 8-bit, from one forward pass. */
export async function featureMaps(checkpoint: LoadedCheckpoint, image: string, options: FeatureMapOptions = {}): Promise<FeatureMaps> {
  const size = checkpoint.meta.inputSize;
  const names = pickLayers(checkpoint.model, options.layers).map((l) => l.name);
  const { x } = await imageInput(image, size);
  try {
    const activations = await layerActivations(checkpoint.model, x, names);
    return { image, inputSize: size, layers: activations.map((a) => compactActivation(a, options.maxSide)) };
  } finally {
    x.dispose();
  }
}
