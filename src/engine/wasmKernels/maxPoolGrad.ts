import * as tf from '@tensorflow/tfjs-core';
import type { BackendWasm } from '@tensorflow/tfjs-backend-wasm';
import { call, KernelArgs, KernelFunc } from './kernelCalls';

/**
 * Max-pool gradient as one pass over the windows, on the wasm heap: each window's first maximum (row-major, the
 * cpu backend's rule) receives that window's dy. The wasm backend's own kernel revisits every window from every
 * input position and took ~0.1 s per call on pool1 of a batch of 16; this takes a few milliseconds. Channels are
 * the innermost loop so that reads stay contiguous in NHWC.
 */
export function makeMaxPoolGrad(original: KernelFunc): KernelFunc {
  return ({ inputs, backend, attrs }: KernelArgs): tf.TensorInfo => {
    const { dy, input } = inputs as { dy: tf.TensorInfo; input: tf.TensorInfo };
    const { filterSize, strides, pad, dimRoundingMode } = attrs as unknown as tf.MaxPoolGradAttrs;
    if (dy.dtype !== 'float32' || input.dtype !== 'float32' || input.shape.length !== 4) {
      return call(original, backend, inputs, attrs);
    }
    const info = tf.backend_util.computePool2DInfo(
      input.shape as [number, number, number, number],
      filterSize,
      strides,
      1,
      pad,
      dimRoundingMode,
    );
    const [n, h, w, c] = input.shape;
    const { outHeight: oh, outWidth: ow, strideHeight: sh, strideWidth: sw, filterHeight: fh, filterWidth: fw } = info;
    if (dy.shape[1] !== oh || dy.shape[2] !== ow) return call(original, backend, inputs, attrs);
    const { top, left } = info.padInfo;
    const wasm = backend as BackendWasm;
    const out = wasm.makeOutput(input.shape, 'float32');
    // Views only after the allocation: growing the wasm memory detaches older ones.
    const dx = wasm.typedArrayFromHeap(out) as Float32Array;
    const x = wasm.typedArrayFromHeap(input) as Float32Array;
    const g = wasm.typedArrayFromHeap(dy) as Float32Array;
    dx.fill(0);
    const best = new Float32Array(c);
    const where = new Int32Array(c);
    for (let b = 0; b < n; b++) {
      for (let r = 0; r < oh; r++) {
        const r0 = Math.max(0, r * sh - top);
        const r1 = Math.min(h, r * sh - top + fh);
        for (let q = 0; q < ow; q++) {
          const c0 = Math.max(0, q * sw - left);
          const c1 = Math.min(w, q * sw - left + fw);
          best.fill(-Infinity);
          where.fill(-1);
          for (let y = r0; y < r1; y++) {
            for (let xx = c0; xx < c1; xx++) {
              const base = ((b * h + y) * w + xx) * c;
              for (let k = 0; k < c; k++) {
                const v = x[base + k];
                if (v > best[k]) {
                  best[k] = v;
                  where[k] = base + k;
                }
              }
            }
          }
          const gBase = ((b * oh + r) * ow + q) * c;
          for (let k = 0; k < c; k++) if (where[k] >= 0) dx[where[k]] += g[gBase + k];
        }
      }
    }
    return out;
  };
}

export function maxPoolGradConfig(original: tf.KernelConfig): tf.KernelConfig {
  return { ...original, kernelFunc: makeMaxPoolGrad(original.kernelFunc) };
}
