import * as tf from '@tensorflow/tfjs-core';
import { batchMatMulConfig } from './batchMatMul';
import { conv2DBackpropFilterConfig } from './conv2DBackpropFilter';
import { conv2DBackpropInputConfig } from './conv2DBackpropInput';
import { identityConfig } from './identity';
import { maxPoolGradConfig } from './maxPoolGrad';
import { sgdMomentumUpdateConfig } from './sgdMomentumUpdate';

/** Replaces a registered wasm kernel, keeping its setup (the wasm function bindings) and handing it the original. */
function override(name: string, make: (original: tf.KernelConfig) => tf.KernelConfig): void {
  const original = tf.getKernel(name, 'wasm');
  if (!original) throw new Error(`wasm kernel '${name}' is not registered: is @tensorflow/tfjs-backend-wasm loaded?`);
  if ((original as Marked).alexnetTrainer) return;
  tf.unregisterKernel(name, 'wasm');
  tf.registerKernel({ ...make(original), alexnetTrainer: true } as Marked);
}

type Marked = tf.KernelConfig & { alexnetTrainer?: boolean };

/**
 * Training kernels for the wasm backend, the heavy ones routed through its XNNPACK-backed forward kernels: the
 * missing Conv2DBackpropFilter, and faster Conv2DBackpropInput, BatchMatMul (transpose flags), MaxPoolGrad,
 * Identity (shares data instead of copying) and a one-pass SGD-momentum update. Idempotent; registered for 'wasm' only. Returns the kernel names.
 */
export function registerWasmTrainingKernels(): string[] {
  if (!tf.getKernel(tf.Conv2DBackpropFilter, 'wasm')) tf.registerKernel(conv2DBackpropFilterConfig);
  override(tf.Conv2DBackpropInput, conv2DBackpropInputConfig);
  override(tf.BatchMatMul, batchMatMulConfig);
  override(tf.MaxPoolGrad, maxPoolGradConfig);
  override(tf.Identity, identityConfig);
  if (!tf.getKernel(sgdMomentumUpdateConfig.kernelName, 'wasm')) tf.registerKernel(sgdMomentumUpdateConfig);
  return [
    tf.Conv2DBackpropFilter,
    tf.Conv2DBackpropInput,
    tf.BatchMatMul,
    tf.MaxPoolGrad,
    tf.Identity,
    sgdMomentumUpdateConfig.kernelName,
  ];
}
