import * as tf from '@tensorflow/tfjs-core';
import { call, free, KernelArgs, KernelFunc, reshape, transpose } from './kernelCalls';

/**
 * The wasm BatchMatMul is fast (XNNPACK fully-connected) only without transpose flags; with them it is a plain
 * loop, 10-20x slower on the dense-layer gradients. The flags are resolved here with explicit transposes:
 *  - transposeA: transpose A (for dW = x^T dy, A is the small activation matrix).
 *  - transposeB: either transpose B, or compute (B A^T)^T, whichever moves fewer elements. For dx = dy W^T the
 *    weight matrix W stays as it is and only the small dy and the small result are transposed.
 * Batched products (batch > 1) go to the original kernel.
 */
export function makeBatchMatMul(original: KernelFunc): KernelFunc {
  return ({ inputs, backend, attrs }: KernelArgs): tf.TensorInfo => {
    const { a, b } = inputs as { a: tf.TensorInfo; b: tf.TensorInfo };
    const { transposeA, transposeB } = attrs as unknown as tf.BatchMatMulAttrs;
    const batchA = tf.util.sizeFromShape(a.shape.slice(0, -2));
    const batchB = tf.util.sizeFromShape(b.shape.slice(0, -2));
    if ((!transposeA && !transposeB) || batchA !== 1 || batchB !== 1 || a.dtype !== 'float32' || b.dtype !== 'float32') {
      return call(original, backend, inputs, attrs);
    }
    const plain = (x: tf.TensorInfo, y: tf.TensorInfo) =>
      call(original, backend, { a: x, b: y }, { transposeA: false, transposeB: false });
    const [ar, ac] = a.shape.slice(-2);
    const [br, bc] = b.shape.slice(-2);
    const outShape = [...(a.shape.length >= b.shape.length ? a.shape : b.shape).slice(0, -2)];
    const a2 = reshape(backend, a, [ar, ac]);
    const b2 = reshape(backend, b, [br, bc]);
    const left = transposeA ? transpose(backend, a2, [1, 0]) : a2; // [M, K]
    const [m, k] = left.shape;
    let out: tf.TensorInfo;
    if (!transposeB) {
      out = plain(left, b2);
    } else {
      const n = br; // b2 is [N, K]
      if (2 * k * m + m * n < 2 * k * n) {
        const leftT = transpose(backend, left, [1, 0]); // [K, M]
        const outT = plain(b2, leftT); // [N, M]
        out = transpose(backend, outT, [1, 0]);
        free(backend, leftT, outT);
      } else {
        const bT = transpose(backend, b2, [1, 0]); // [K, N]
        out = plain(left, bT);
        free(backend, bT);
      }
    }
    if (left !== a2) free(backend, left);
    free(backend, a2, b2);
    const shaped = reshape(backend, out, [...outShape, out.shape[0], out.shape[1]]);
    free(backend, out);
    return shaped;
  };
}

export function batchMatMulConfig(original: tf.KernelConfig): tf.KernelConfig {
  return { ...original, kernelFunc: makeBatchMatMul(original.kernelFunc) };
}
