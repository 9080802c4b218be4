import * as tf from '@tensorflow/tfjs-core';
import { conv2dStride1, free, KernelArgs, transpose } from './kernelCalls';

/**
 * dW[kh,kw,ci,co] = sum over n,oh,ow of x[n, oh*s + kh - pt, ow*s + kw - pl, ci] * dy[n,oh,ow,co]. That is a forward
 * convolution of x seen as [Cin, H, W, N] (batch = input channels, channels = batch) with dy seen as the filter
 * [OH, OW, N, Cout], dilated by the stride; its [Cin, KH, KW, Cout] output transposed is dW. Running it on the
 * wasm backend's XNNPACK Conv2D replaces the missing kernel at the speed of a forward pass.
 */
export function conv2DBackpropFilter({ inputs, backend, attrs }: KernelArgs): tf.TensorInfo {
  const { x, dy } = inputs as { x: tf.TensorInfo; dy: tf.TensorInfo };
  const { strides, pad, dataFormat, dimRoundingMode, filterShape } = attrs as unknown as tf.Conv2DBackpropFilterAttrs;
  // NCHW: work in NHWC (the only layout XNNPACK's convolution takes); dW's layout does not depend on it.
  const nchw = dataFormat === 'NCHW';
  const xh = nchw ? transpose(backend, x, [0, 2, 3, 1]) : x;
  const dyh = nchw ? transpose(backend, dy, [0, 2, 3, 1]) : dy;
  const info = tf.backend_util.computeConv2DInfo(
    xh.shape as [number, number, number, number],
    filterShape,
    strides,
    1,
    pad,
    dimRoundingMode,
  );
  const [, h, w] = xh.shape;
  const [oh, ow] = [dyh.shape[1], dyh.shape[2]];
  const { filterHeight: kh, filterWidth: kw, strideHeight: sh, strideWidth: sw } = info;
  const { top, left } = info.padInfo;
  const xT = transpose(backend, xh, [3, 1, 2, 0]);
  const dyT = transpose(backend, dyh, [1, 2, 0, 3]);
  // Bottom/right padding that makes the output exactly KH x KW; negative when x has rows no output reads.
  const bottom = kh + (oh - 1) * sh - h - top;
  const right = kw + (ow - 1) * sw - w - left;
  const out = conv2dStride1(backend, xT, dyT, { top, bottom, left, right }, [sh, sw]);
  const dw = transpose(backend, out, [1, 2, 0, 3]);
  free(backend, xT, dyT, out);
  if (nchw) free(backend, xh, dyh);
  return dw;
}

export const conv2DBackpropFilterConfig: tf.KernelConfig = {
  kernelName: tf.Conv2DBackpropFilter,
  backendName: 'wasm',
  kernelFunc: conv2DBackpropFilter as tf.KernelConfig['kernelFunc'],
};

