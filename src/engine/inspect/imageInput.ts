import * as tf from '@tensorflow/tfjs-core';
import { writeNormalised } from '../batches';
import { decodeImage } from '../imageDecode';

export interface ImageInput {
  /** Decoded RGB bytes at the input size, HWC: what the network sees before normalisation. */
  pixels: Uint8Array;
  /** [1, size, size, 3], normalised as in training. The caller disposes it. */
  x: tf.Tensor4D;
}

/** An image file decoded, resized and normalised exactly as classification does. */
export async function imageInput(file: string, size: number): Promise<ImageInput> {
  const pixels = await decodeImage(file, size);
  const buf = new Float32Array(size * size * 3);
  writeNormalised(buf, 0, pixels, size);
  return { pixels, x: tf.tensor4d(buf, [1, size, size, 3]) };
}
