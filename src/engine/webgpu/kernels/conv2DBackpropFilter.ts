import * as tf from '@tensorflow/tfjs-core';
import { call, free, KernelArgs, KernelFunc, reshape, WebGpuBackendLike } from './calls';
import { FilterIm2ColProgram, im2colUniforms } from './filterIm2Col';

/**
 * Largest im2col buffer per pass: bounded so batch 128 at 224 px (conv2: 900 MB in one go) runs in a few passes.
 * ALEXNET_WEBGPU_IM2COL_BYTES lowers it (the tests use it to run the several-pass path on small shapes).
 */
function im2colBytes(): number {
  const env = Number(process.env.ALEXNET_WEBGPU_IM2COL_BYTES);
  return Number.isInteger(env) && env > 0 ? env : 256 * 2 ** 20;
}
/** Aim for this many 32x32 output tiles per pass (split-K over images when dW alone has fewer). */
const TARGET_TILES = 512;

function largestDivisorAtMost(n: number, cap: number): number {
  for (let d = Math.max(1, Math.min(n, cap)); d > 1; d--) if (n % d === 0) return d;
  return 1;
}

/**
 * dW = patches(x)^T . dy as tiled matmuls instead of tfjs' Conv2DDerFilterProgram, which runs one invocation per
 * filter weight, each looping over batch x outH x outW. NHWC only (AlexNet's layout); NCHW goes to the original.
 */
export function makeConv2DBackpropFilter(original: KernelFunc): KernelFunc {
  return (args) => {
    const { inputs, backend, attrs } = args as KernelArgs;
    const { x, dy } = inputs as { x: tf.TensorInfo; dy: tf.TensorInfo };
    const { strides, pad, dataFormat, dimRoundingMode, filterShape } = attrs as unknown as tf.Conv2DBackpropFilterAttrs;
    if (dataFormat === 'NCHW') return original(args);
    const info = tf.backend_util.computeConv2DInfo(x.shape as [number, number, number, number], filterShape, strides, 1, pad, dimRoundingMode);
    const gpu = backend as WebGpuBackendLike & { device?: { limits?: { maxStorageBufferBindingSize?: number } } };
    const { batchSize: n, filterHeight: kh, filterWidth: kw, inChannels: cin, outChannels: cout } = info;
    const area = info.outHeight * info.outWidth;
    const kRows = kh * kw * cin;
    const budget = Math.min(im2colBytes(), gpu.device?.limits?.maxStorageBufferBindingSize ?? Infinity);
    const chunkImages = Math.max(1, Math.min(n, Math.floor(budget / (kRows * area * 4))));
    const tiles = Math.ceil(kRows / 32) * Math.ceil(cout / 32);
    const dyRows = reshape(backend, dy, [n * area, cout]);
    let acc: tf.TensorInfo | undefined;
    for (let n0 = 0; n0 < n; n0 += chunkImages) {
      const cn = Math.min(chunkImages, n - n0);
      const splits = largestDivisorAtMost(cn, Math.ceil(TARGET_TILES / tiles));
      const rows = (cn / splits) * area;
      const col = gpu.runWebGPUProgram(new FilterIm2ColProgram(splits, kRows, rows), [x], 'float32', im2colUniforms(info, rows, cn / splits, n0));
      const dyChunk = cn === n ? undefined : call('Slice', backend, { x: dyRows }, { begin: [n0 * area, 0], size: [cn * area, cout] });
      const dySplit = reshape(backend, dyChunk ?? dyRows, [splits, rows, cout]);
      const prod = call('BatchMatMul', backend, { a: col, b: dySplit }, { transposeA: false, transposeB: false });
      const part = splits > 1 ? call('Sum', backend, { x: prod }, { axis: [0], keepDims: false }) : reshape(backend, prod, [kRows, cout]);
      const sum = acc ? call('Add', backend, { a: acc, b: part }) : part;
      free(backend, col, dyChunk, dySplit, prod, ...(acc ? [acc, part] : []));
      acc = sum;
    }
    const dw = reshape(backend, acc as tf.TensorInfo, [kh, kw, cin, cout]);
    free(backend, acc, dyRows);
    return dw;
  };
}
