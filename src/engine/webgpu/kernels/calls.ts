import * as tf from '@tensorflow/tfjs-core';

/**
 * Composing webgpu kernels out of other webgpu kernels: they call the backend's kernel functions directly (not tf
 * ops), so intermediates never reach the engine's tensor tracking or the gradient tape; callers free them.
 */
export type KernelFunc = tf.KernelConfig['kernelFunc'];

export interface KernelArgs {
  inputs: tf.NamedTensorInfoMap;
  backend: {};
  attrs?: tf.NamedAttrMap;
}

/** A custom program in tfjs-backend-webgpu's shape: the backend compiles getUserCode() with its own preamble. */
export interface WebGpuProgram {
  variableNames: string[];
  uniforms: string;
  outputShape: number[];
  shaderKey: string;
  dispatchLayout: { x: number[]; y?: number[]; z?: number[] };
  dispatch: [number, number, number];
  workgroupSize: [number, number, number];
  size: boolean;
  getUserCode(): string;
}

export interface WebGpuBackendLike {
  runWebGPUProgram(program: WebGpuProgram, inputs: tf.TensorInfo[], dtype: tf.DataType, uniforms: { type: string; data: number[] }[]): tf.TensorInfo;
  disposeData(dataId: tf.DataId): void;
}

export function call(kernel: string | KernelFunc, backend: {}, inputs: tf.NamedTensorInfoMap, attrs: tf.NamedAttrMap = {}): tf.TensorInfo {
  const func = typeof kernel === 'string' ? tf.getKernel(kernel, 'webgpu')?.kernelFunc : kernel;
  if (!func) throw new Error(`webgpu kernel '${String(kernel)}' is not registered`);
  const out = func({ inputs, backend, attrs });
  return Array.isArray(out) ? out[0] : out;
}

export function free(backend: {}, ...infos: (tf.TensorInfo | undefined)[]): void {
  for (const info of infos) if (info) (backend as WebGpuBackendLike).disposeData(info.dataId);
}

export function reshape(backend: {}, x: tf.TensorInfo, shape: number[]): tf.TensorInfo {
  return call('Reshape', backend, { x }, { shape });
}
