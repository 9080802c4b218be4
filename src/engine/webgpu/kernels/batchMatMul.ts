import * as tf from '@tensorflow/tfjs-core';
import { call, free, KernelArgs, KernelFunc, reshape, WebGpuBackendLike } from './calls';
import { SkinnyMatMulProgram } from './skinnyMatMul';

/** At most this many output rows or inner terms: below it tfjs' 32-wide tiles mostly compute padding. */
const SKINNY = 8;

/** Swaps the last two axes. */
function transposeLast2(backend: {}, x: tf.TensorInfo): tf.TensorInfo {
  const perm = x.shape.map((_, i) => i);
  [perm[perm.length - 2], perm[perm.length - 1]] = [perm[perm.length - 1], perm[perm.length - 2]];
  return call('Transpose', backend, { x }, { perm });
}

/**
 * The dense layers' products: skinny ones (a small batch: few rows, or few inner terms in x^T . dy) on a program
 * without tile padding; the others with the transposed operand written out first, so that they run tfjs' plain
 * tiled matmul rather than its transposed-operand variants.
 */
export function makeBatchMatMul(original: KernelFunc): KernelFunc {
  return (args) => {
    const { inputs, backend, attrs } = args as KernelArgs;
    const { a, b } = inputs as { a: tf.TensorInfo; b: tf.TensorInfo };
    const { transposeA, transposeB } = attrs as unknown as tf.BatchMatMulAttrs;
    if (a.shape.length === 2 && b.shape.length === 2) {
      const [rows, inner] = transposeA ? [a.shape[1], a.shape[0]] : [a.shape[0], a.shape[1]];
      const cols = transposeB ? b.shape[0] : b.shape[1];
      if (rows <= SKINNY || inner <= SKINNY) {
        const a3 = reshape(backend, a, [1, ...a.shape]);
        const b3 = reshape(backend, b, [1, ...b.shape]);
        const program = new SkinnyMatMulProgram(rows, cols, transposeA, transposeB);
        const uniforms = [{ type: 'int32', data: [inner] }, { type: 'int32', data: [cols] }];
        const out3 = (backend as WebGpuBackendLike).runWebGPUProgram(program, [a3, b3], 'float32', uniforms);
        const out = reshape(backend, out3, [rows, cols]);
        free(backend, a3, b3, out3);
        return out;
      }
    }
    if (!transposeA && !transposeB) return original(args);
    const at = transposeA ? transposeLast2(backend, a) : a;
    const bt = transposeB ? transposeLast2(backend, b) : b;
    const out = original({ inputs: { a: at, b: bt }, backend, attrs: { ...attrs, transposeA: false, transposeB: false } } as Parameters<KernelFunc>[0]);
    free(backend, transposeA ? at : undefined, transposeB ? bt : undefined);
    return out;
  };
}
