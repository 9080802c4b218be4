import * as tf from '@tensorflow/tfjs-core';
import * as tfl from '@tensorflow/tfjs-layers';
import { CamView, GradCamResult } from '../../shared/inspect';
import { LoadedCheckpoint } from '../checkpoints';
import { imageInput } from './imageInput';

/** The last conv layer: its maps still have a spatial layout, and the most class-specific features (Selvaraju et al. 2017). */
export const GRAD_CAM_LAYER = 'conv5';

/** The layers after `at`, applied in order: the head of the network as a function of that layer's maps. */
function headAfter(model: tfl.LayersModel, at: string): (a: tf.Tensor) => tf.Tensor2D {
  const index = model.layers.findIndex((l) => l.name === at);
  if (index < 0) throw new Error(`the model has no layer ${at}`);
  const head = model.layers.slice(index + 1);
  return (a) => head.reduce((y, layer) => layer.apply(y, { training: false }) as tf.Tensor, a) as tf.Tensor2D;
}

/**
 * Grad-CAM: the gradient of the class logit with respect to conv5's maps, averaged over space, weighs those maps;
 * ReLU keeps what speaks for the class; bilinear upsampling brings it to the input size; 1 is the strongest place.
 * `className` defaults to the predicted class.
 */
export async function gradCam(checkpoint: LoadedCheckpoint, image: string, className?: string): Promise<GradCamResult> {
  const { model, meta } = checkpoint;
  const size = meta.inputSize;
  let classIndex = -1;
  if (className !== undefined) {
    classIndex = meta.classes.indexOf(className);
    if (classIndex < 0) throw new Error(`unknown class '${className}': the checkpoint's classes are ${meta.classes.join(', ')}`);
  }
  const trunk = tfl.model({ inputs: model.inputs, outputs: model.getLayer(GRAD_CAM_LAYER).output as tfl.SymbolicTensor });
  const head = headAfter(model, GRAD_CAM_LAYER);
  const { x } = await imageInput(image, size);
  const maps = tf.tidy(() => trunk.predict(x) as tf.Tensor4D);
  x.dispose();
  try {
    const probs = tf.tidy(() => tf.softmax(head(maps)));
    const probValues = (await probs.data()) as Float32Array;
    probs.dispose();
    if (classIndex < 0) classIndex = probValues.indexOf(Math.max(...probValues));
    const target = classIndex;
    const [low, up] = tf.tidy(() => {
      const grads = tf.grad((a: tf.Tensor) => tf.sum(tf.slice(head(a), [0, target], [1, 1])))(maps) as tf.Tensor4D;
      const weights = tf.mean(grads, [1, 2], true);
      const weighted = tf.relu(tf.sum(tf.mul(maps, weights), 3, true)) as tf.Tensor4D;
      const upsampled = tf.image.resizeBilinear(weighted, [size, size]);
      const normalise = (t: tf.Tensor) => tf.squeeze(tf.div(t, tf.maximum(tf.max(t), 1e-12)));
      return [normalise(weighted), normalise(upsampled)];
    });
    const [cam, heatmap] = (await Promise.all([low.array(), up.array()])) as [number[][], number[][]];
    tf.dispose([low, up]);
    return { image, className: meta.classes[classIndex], classIndex, probability: probValues[classIndex], layer: GRAD_CAM_LAYER, camSize: maps.shape[1], inputSize: size, heatmap, cam };
  } finally {
    maps.dispose();
  }
}

/** The low-resolution map as 8 bits for the panel: a few hundred bytes where the full heat map is input-size squared. */
export function camView(result: GradCamResult): CamView {
  const bytes = Uint8Array.from(result.cam.flat(), (v) => Math.round(Math.max(0, Math.min(1, v)) * 255));
  return { className: result.className, probability: result.probability, size: result.camSize, heat: Buffer.from(bytes).toString('base64') };
}
