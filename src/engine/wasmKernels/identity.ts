import * as tf from '@tensorflow/tfjs-core';
import { call, KernelArgs, KernelFunc } from './kernelCalls';

/**
 * Identity that shares the input's data (one more reference) instead of copying it, as the cpu and webgl backends
 * do. The engine clones every tensor it saves for the backward pass, so the wasm copy duplicated each weight
 * matrix a dense layer reads (150 MB for fc6) in every training step. Backend data is never written in place.
 */
export function makeIdentity(original: KernelFunc): KernelFunc {
  return ({ inputs, backend, attrs }: KernelArgs): tf.TensorInfo => {
    const { x } = inputs as { x: tf.TensorInfo };
    if (x.dtype === 'string') return call(original, backend, inputs, attrs);
    (backend as tf.KernelBackend).incRef(x.dataId);
    return { dataId: x.dataId, shape: x.shape, dtype: x.dtype };
  };
}

export function identityConfig(original: tf.KernelConfig): tf.KernelConfig {
  return { ...original, kernelFunc: makeIdentity(original.kernelFunc) };
}
