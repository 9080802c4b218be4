import * as tf from '@tensorflow/tfjs-core';
import { makeBatchMatMul } from './batchMatMul';
import { KernelFunc } from './calls';
import { makeConv2DBackpropFilter } from './conv2DBackpropFilter';

type Marked = tf.KernelConfig & { alexnetTrainer?: boolean };

/** Replaces a registered webgpu kernel, handing the replacement the original (for the cases it leaves alone). */
function override(name: string, make: (original: KernelFunc) => KernelFunc): void {
  const original = tf.getKernel(name, 'webgpu') as Marked | undefined;
  if (!original) throw new Error(`webgpu kernel '${name}' is not registered: is @tensorflow/tfjs-backend-webgpu loaded?`);
  if (original.alexnetTrainer) return;
  tf.unregisterKernel(name, 'webgpu');
  tf.registerKernel({ ...original, kernelFunc: make(original.kernelFunc), alexnetTrainer: true } as Marked);
}

/**
 * Training kernels for the webgpu backend, registered for 'webgpu' only: the filter gradient as tiled matmuls
 * over im2col patches, the dense gradient products without transposed-operand matmuls, and the input gradient on
 * tfjs' own implicit-GEMM program (Conv2DDerInputMMProgram, any stride) instead of its naive default. Idempotent.
 */
export function registerWebGpuTrainingKernels(): string[] {
  override(tf.Conv2DBackpropFilter, makeConv2DBackpropFilter);
  override(tf.BatchMatMul, makeBatchMatMul);
  tf.env().set('WEBGPU_USE_NAIVE_CONV2D_TRANSPOSE', false);
  return [tf.Conv2DBackpropFilter, tf.BatchMatMul, tf.Conv2DBackpropInput];
}
