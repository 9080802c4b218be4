import * as tf from '@tensorflow/tfjs-core';
import { call, free, KernelArgs, KernelFunc } from './calls';

/** Swaps the last two axes. */
function transposeLast2(backend: {}, x: tf.TensorInfo): tf.TensorInfo {
  const perm = x.shape.map((_, i) => i);
  [perm[perm.length - 2], perm[perm.length - 1]] = [perm[perm.length - 1], perm[perm.length - 2]];
  return call('Transpose', backend, { x }, { perm });
}

/**
 * The dense layers' gradient products (dy . W^T and x^T . dy) with the transposed operand written out first, so
 * the product runs tfjs' plain tiled matmul rather than its transposed-operand variants.
 */
export function makeBatchMatMul(original: KernelFunc): KernelFunc {
  return (args) => {
    const { inputs, backend, attrs } = args as KernelArgs;
    const { a, b } = inputs as { a: tf.TensorInfo; b: tf.TensorInfo };
    const { transposeA, transposeB } = attrs as unknown as tf.BatchMatMulAttrs;
    if (!transposeA && !transposeB) return original(args);
    const at = transposeA ? transposeLast2(backend, a) : a;
    const bt = transposeB ? transposeLast2(backend, b) : b;
    const out = original({ inputs: { a: at, b: bt }, backend, attrs: { ...attrs, transposeA: false, transposeB: false } } as Parameters<KernelFunc>[0]);
    free(backend, transposeA ? at : undefined, transposeB ? bt : undefined);
    return out;
  };
}
