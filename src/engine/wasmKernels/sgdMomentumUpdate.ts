import * as tf from '@tensorflow/tfjs-core';
import type { BackendWasm } from '@tensorflow/tfjs-backend-wasm';
import { SGD_MOMENTUM_UPDATE, SgdMomentumUpdateAttrs } from '../sgdMomentumOptimizer';
import { KernelArgs } from './kernelCalls';

/**
 * One pass over a parameter on the wasm heap: g = grad + wd*w; a = momentum*a + g; w = w - lr*a. Each step is
 * rounded to float32 (Math.fround) in the order the separate tf ops use, so the result is the same bits as the
 * six-op path. Why a JS loop: the six XNNPACK kernels are faster (fc6: 76-107 ms against 110-200 ms here) but
 * their weight-sized temporaries fragment the wasm heap, which then grew by fc6-sized blocks over the first steps
 * (1.55 -> 2.13 GB in 8 steps at batch 16, also when each temporary was freed at once); with this kernel it
 * stays at 1.70 GB from the second step on.
 */
function sgdMomentumUpdate({ inputs, backend, attrs }: KernelArgs): tf.TensorInfo[] {
  const { value, accumulation, gradient } = inputs as Record<'value' | 'accumulation' | 'gradient', tf.TensorInfo>;
  const { learningRate, momentum, weightDecay } = attrs as unknown as SgdMomentumUpdateAttrs;
  const wasm = backend as BackendWasm;
  const outValue = wasm.makeOutput(value.shape, 'float32');
  const outAccumulation = wasm.makeOutput(value.shape, 'float32');
  // Views only after the allocations: growing the wasm memory detaches older ones.
  const w = wasm.typedArrayFromHeap(value) as Float32Array;
  const a = wasm.typedArrayFromHeap(accumulation) as Float32Array;
  const g = wasm.typedArrayFromHeap(gradient) as Float32Array;
  const w2 = wasm.typedArrayFromHeap(outValue) as Float32Array;
  const a2 = wasm.typedArrayFromHeap(outAccumulation) as Float32Array;
  const f = Math.fround;
  const wd = f(weightDecay);
  const m = f(momentum);
  const c = f(-learningRate);
  const decay = weightDecay > 0;
  for (let i = 0; i < w.length; i++) {
    const wi = w[i];
    const gi = decay ? f(g[i] + f(wi * wd)) : g[i];
    const ai = f(f(m * a[i]) + gi);
    a2[i] = ai;
    w2[i] = f(f(c * ai) + wi);
  }
  return [outValue, outAccumulation];
}

export const sgdMomentumUpdateConfig: tf.KernelConfig = {
  kernelName: SGD_MOMENTUM_UPDATE,
  backendName: 'wasm',
  kernelFunc: sgdMomentumUpdate as tf.KernelConfig['kernelFunc'],
};
