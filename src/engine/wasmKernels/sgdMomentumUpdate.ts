import * as tf from '@tensorflow/tfjs-core';
import type { BackendWasm } from '@tensorflow/tfjs-backend-wasm';
import { SGD_MOMENTUM_UPDATE, SgdMomentumUpdateAttrs } from '../sgdMomentumOptimizer';
import { free, KernelArgs } from './kernelCalls';

/** The wasm module's element-wise Add/Multiply entry points: (a, aShape, aRank, b, bShape, bRank, dtype, out). */
type BinaryFn = (a: number, aShape: Uint8Array, aRank: number, b: number, bShape: Uint8Array, bRank: number, dtype: number, out: number) => void;
type Cwrap = { cwrap(name: string, returns: null, args: string[]): BinaryFn };

const bound = new WeakMap<object, { add: BinaryFn; mul: BinaryFn }>();

function binaries(backend: BackendWasm): { add: BinaryFn; mul: BinaryFn } {
  let fns = bound.get(backend.wasm);
  if (!fns) {
    const args = ['number', 'array', 'number', 'number', 'array', 'number', 'number', 'number'];
    const module = backend.wasm as unknown as Cwrap;
    fns = { add: module.cwrap('Add', null, args), mul: module.cwrap('Multiply', null, args) };
    bound.set(backend.wasm, fns);
  }
  return fns;
}

/**
 * g = grad + wd*w; a = momentum*a + g; w = w - lr*a with the same six XNNPACK element-wise kernels, and in the
 * same order, as the op-by-op update (so the same bits, multi-threaded SIMD), but writing into two outputs and
 * one scratch buffer allocated up front (element-wise kernels may write over an input). The op-by-op update makes
 * six weight-sized temporaries per parameter, which fragmented the wasm heap: it grew by fc6-sized (150 MB)
 * blocks over the first steps (1.55 -> 2.13 GB in 8 steps at batch 16).
 */
function sgdMomentumUpdate({ inputs, backend, attrs }: KernelArgs): tf.TensorInfo[] {
  const { value, accumulation, gradient } = inputs as Record<'value' | 'accumulation' | 'gradient', tf.TensorInfo>;
  const { learningRate, momentum, weightDecay } = attrs as unknown as SgdMomentumUpdateAttrs;
  const wasm = backend as BackendWasm;
  const { add, mul } = binaries(wasm);
  const scalar = (v: number) => wasm.makeOutput([], 'float32', undefined, new Float32Array([v]));
  const outValue = wasm.makeOutput(value.shape, 'float32');
  const outAccumulation = wasm.makeOutput(value.shape, 'float32');
  const scratch = wasm.makeOutput(value.shape, 'float32');
  const [wd, m, c] = [scalar(weightDecay), scalar(momentum), scalar(-learningRate)];
  const run = (fn: BinaryFn, a: tf.TensorInfo, b: tf.TensorInfo, out: tf.TensorInfo) =>
    fn(id(wasm, a), shapeBytes(a), a.shape.length, id(wasm, b), shapeBytes(b), b.shape.length, 0, id(wasm, out));
  let g = gradient;
  if (weightDecay > 0) {
    run(mul, value, wd, scratch); // w * wd
    run(add, gradient, scratch, scratch); // grad + w * wd
    g = scratch;
  }
  run(mul, m, accumulation, outAccumulation); // momentum * a
  run(add, outAccumulation, g, outAccumulation); // momentum * a + g
  run(mul, c, outAccumulation, scratch); // -lr * a
  run(add, scratch, value, outValue); // -lr * a + w
  free(backend, scratch, wd, m, c);
  return [outValue, outAccumulation];
}

const id = (backend: BackendWasm, t: tf.TensorInfo) => backend.dataIdMap.get(t.dataId)!.id;
const shapeBytes = (t: tf.TensorInfo) => new Uint8Array(new Int32Array(t.shape).buffer);

export const sgdMomentumUpdateConfig: tf.KernelConfig = {
  kernelName: SGD_MOMENTUM_UPDATE,
  backendName: 'wasm',
  kernelFunc: sgdMomentumUpdate as tf.KernelConfig['kernelFunc'],
};
