import * as tf from '@tensorflow/tfjs-core';
import type { BackendWasm } from '@tensorflow/tfjs-backend-wasm';
import { call, conv2dStride1, free, KernelArgs, KernelFunc, reshape, transpose } from './kernelCalls';

/**
 * dx = dy (stride > 1: with s-1 zeros inserted after each element) correlated with the filter reversed in both
 * spatial axes and its in/out channels swapped, padded by KH-1-pt on top (the bottom pad follows from the input
 * size). The wasm backend's own Conv2DBackpropInput is a plain loop; this runs on its XNNPACK Conv2D. With
 * stride s the inserted zeros cost s*s times the multiply-adds; AlexNet never needs it (conv1's dx is unused).
 */
export function makeConv2DBackpropInput(original: KernelFunc): KernelFunc {
  return ({ inputs, backend, attrs }: KernelArgs): tf.TensorInfo => {
    const { dy, filter } = inputs as { dy: tf.TensorInfo; filter: tf.TensorInfo };
    const { strides, pad, dataFormat, dimRoundingMode, inputShape } = attrs as unknown as tf.Conv2DBackpropInputAttrs;
    if (dataFormat === 'NCHW' || dy.dtype !== 'float32' || filter.dtype !== 'float32') {
      return call(original, backend, inputs, attrs);
    }
    const info = tf.backend_util.computeConv2DInfo(inputShape, filter.shape as [number, number, number, number], strides, 1, pad, dimRoundingMode);
    const [, oh, ow] = dy.shape;
    const [, h, w] = inputShape;
    const { filterHeight: kh, filterWidth: kw, strideHeight: sh, strideWidth: sw } = info;
    const { top, left } = info.padInfo;
    const reversed = flipSpatially(backend as BackendWasm, filter);
    const flipped = transpose(backend, reversed, [0, 1, 3, 2]);
    const dilated = sh > 1 || sw > 1 ? insertZeros(backend, dy, sh, sw) : dy;
    // The padded, zero-inserted dy must span H + KH - 1 rows: its length is OH*sh (zeros trail the last row).
    const dx = conv2dStride1(
      backend,
      dilated,
      flipped,
      { top: kh - 1 - top, bottom: h - oh * sh + top, left: kw - 1 - left, right: w - ow * sw + left },
      [1, 1],
    );
    free(backend, reversed, flipped);
    if (dilated !== dy) free(backend, dilated);
    return dx;
  };
}

/**
 * The filter reversed in both spatial axes: the KH*KW blocks of Cin*Cout values in reverse order, one block copy
 * each (the wasm Reverse kernel took 40 ms on conv3's filter).
 */
function flipSpatially(backend: BackendWasm, filter: tf.TensorInfo): tf.TensorInfo {
  const [kh, kw, cin, cout] = filter.shape;
  const block = cin * cout;
  const out = backend.makeOutput(filter.shape, 'float32');
  // Views only after the allocation: growing the wasm memory detaches older ones.
  const src = backend.typedArrayFromHeap(filter) as Float32Array;
  const dst = backend.typedArrayFromHeap(out) as Float32Array;
  const taps = kh * kw;
  for (let t = 0; t < taps; t++) dst.set(src.subarray(t * block, (t + 1) * block), (taps - 1 - t) * block);
  return out;
}

/** [N,OH,OW,C] -> [N,OH*sh,OW*sw,C] with each element followed by sh-1 / sw-1 zeros (one pad of a 6-D view). */
function insertZeros(backend: {}, dy: tf.TensorInfo, sh: number, sw: number): tf.TensorInfo {
  const [n, oh, ow, c] = dy.shape;
  const six = reshape(backend, dy, [n, oh, 1, ow, 1, c]);
  const padded = call('PadV2', backend, { x: six }, {
    paddings: [[0, 0], [0, 0], [0, sh - 1], [0, 0], [0, sw - 1], [0, 0]],
    constantValue: 0,
  });
  const out = reshape(backend, padded, [n, oh * sh, ow * sw, c]);
  free(backend, six, padded);
  return out;
}

export function conv2DBackpropInputConfig(original: tf.KernelConfig): tf.KernelConfig {
  return { ...original, kernelFunc: makeConv2DBackpropInput(original.kernelFunc) };
}
