import * as tf from '@tensorflow/tfjs-core';

/**
 * Small helpers for composing wasm kernels out of other wasm kernels. They call the backend's kernel functions
 * directly (not tf ops), so intermediates are plain backend data that never reach the engine's tensor tracking or
 * the gradient tape; each helper's caller frees what it made with `free`.
 */
export type KernelFunc = tf.KernelConfig['kernelFunc'];
export type Attrs = tf.NamedAttrMap;
export type Backend = tf.KernelBackend;

export interface KernelArgs {
  inputs: tf.NamedTensorInfoMap;
  backend: {};
  attrs?: Attrs;
}

/** Runs a kernel of `backend` by its registered name (or a saved kernel function) and returns its single output. */
export function call(
  kernel: string | KernelFunc,
  backend: {},
  inputs: tf.NamedTensorInfoMap,
  attrs: Attrs = {},
): tf.TensorInfo {
  const func = typeof kernel === 'string' ? tf.getKernel(kernel, 'wasm')?.kernelFunc : kernel;
  if (!func) throw new Error(`wasm kernel '${String(kernel)}' is not registered`);
  const out = func({ inputs, backend, attrs });
  return Array.isArray(out) ? out[0] : out;
}

/** Releases intermediates made by `call` (reshape outputs share data with a reference count, so this is safe). */
export function free(backend: {}, ...infos: (tf.TensorInfo | undefined)[]): void {
  for (const info of infos) if (info) (backend as Backend).disposeData(info.dataId);
}

export function transpose(backend: {}, x: tf.TensorInfo, perm: number[]): tf.TensorInfo {
  return call('Transpose', backend, { x }, { perm });
}

export function reshape(backend: {}, x: tf.TensorInfo, shape: number[]): tf.TensorInfo {
  return call('Reshape', backend, { x }, { shape });
}

export function slice(backend: {}, x: tf.TensorInfo, begin: number[], size: number[]): tf.TensorInfo {
  return call('Slice', backend, { x }, { begin, size });
}

/**
 * Forward NHWC convolution on the wasm backend's XNNPACK kernel, stride 1, with explicit per-side padding that may
 * be negative: negative padding crops the input first (XNNPACK only pads).
 */
export function conv2dStride1(
  backend: {},
  x: tf.TensorInfo,
  filter: tf.TensorInfo,
  pads: { top: number; bottom: number; left: number; right: number },
  dilations: [number, number],
): tf.TensorInfo {
  const [n, h, w, c] = x.shape;
  const cropTop = Math.max(0, -pads.top);
  const cropBottom = Math.max(0, -pads.bottom);
  const cropLeft = Math.max(0, -pads.left);
  const cropRight = Math.max(0, -pads.right);
  const cropped =
    cropTop + cropBottom + cropLeft + cropRight > 0
      ? slice(backend, x, [0, cropTop, cropLeft, 0], [n, h - cropTop - cropBottom, w - cropLeft - cropRight, c])
      : undefined;
  const pad: number[][] = [
    [0, 0],
    [Math.max(0, pads.top), Math.max(0, pads.bottom)],
    [Math.max(0, pads.left), Math.max(0, pads.right)],
    [0, 0],
  ];
  const out = call('Conv2D', backend, { x: cropped ?? x, filter }, {
    strides: [1, 1],
    pad,
    dataFormat: 'NHWC',
    dilations,
  });
  free(backend, cropped);
  return out;
}
