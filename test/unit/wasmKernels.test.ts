import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as tf from '@tensorflow/tfjs-core';
import { selectBackend } from '../../src/engine/backend';
import { SgdMomentumOptimizer } from '../../src/engine/sgdMomentumOptimizer';
import { CASES, KernelCase, relativeError, Shape, values } from '../helpers/kernelCases';

/** Runs one kernel on a backend with the given input data; returns its output values and shape. */
function runOn(backend: string, c: KernelCase, data: Record<string, Float32Array>): { values: Float32Array; shape: Shape } {
  tf.setBackend(backend);
  return tf.tidy(() => {
    const inputs: Record<string, tf.Tensor> = {};
    for (const [name, shape] of Object.entries(c.inputs)) inputs[name] = tf.tensor(data[name], shape);
    const out = tf.engine().runKernel(c.kernel, inputs, c.attrs) as tf.Tensor;
    return { values: out.dataSync() as Float32Array, shape: out.shape };
  });
}

test('wasm training kernels match the cpu backend to 1e-4 relative', async () => {
  const report = await selectBackend('wasm');
  assert.ok(report.threads && report.threads >= 1, 'thread count reported');
  const before = tf.memory().numTensors;
  const worst: Record<string, number> = {};
  for (const [i, c] of CASES.entries()) {
    const data = Object.fromEntries(
      Object.entries(c.inputs).map(([name, shape], j) => [name, values(tf.util.sizeFromShape(shape), 97 * i + j + 1)]),
    );
    const expected = runOn('cpu', c, data);
    const actual = runOn('wasm', c, data);
    assert.deepEqual(actual.shape, expected.shape, `${c.label}: shape`);
    const err = relativeError(actual.values, expected.values);
    worst[c.kernel] = Math.max(worst[c.kernel] ?? 0, err);
    assert.ok(err < 1e-4, `${c.label}: relative error ${err}`);
  }
  tf.setBackend('wasm');
  assert.equal(tf.memory().numTensors, before, 'kernels leaked tensors');
  // The report names the worst case per kernel, which the issue asks for.
  console.log('max relative error per kernel:', JSON.stringify(worst));
});

test('a wasm clone (Identity sharing data) outlives its source and is freed with the last reference', async () => {
  await selectBackend('wasm');
  tf.setBackend('wasm');
  const before = tf.memory().numBytes;
  const x = tf.tensor2d([1, 2, 3, 4], [2, 2]);
  const y = tf.clone(x);
  x.dispose();
  assert.deepEqual(Array.from(y.dataSync()), [1, 2, 3, 4]);
  y.dispose();
  assert.equal(tf.memory().numBytes, before);
});

/** Three SGD-momentum steps on two variables; returns the final values and the saved optimizer state. */
async function sgdSteps(backend: string): Promise<{ values: Float32Array[]; state: Float32Array[]; names: string[] }> {
  tf.setBackend(backend);
  const [w, b] = tf.tidy(() => [
    tf.variable(tf.tensor(values(300, 5), [20, 15]), true, `w_${backend}`),
    tf.variable(tf.tensor(values(15, 6), [15]), true, `b_${backend}`),
  ]);
  const opt = new SgdMomentumOptimizer(0.05, 0.9, 5e-4);
  for (let step = 0; step < 3; step++) {
    const gw = tf.tensor(values(300, 10 + step), [20, 15]);
    const gb = tf.tensor(values(15, 20 + step), [15]);
    opt.applyGradients([{ name: w.name, tensor: gw }, { name: b.name, tensor: gb }]);
    tf.dispose([gw, gb]);
  }
  const saved = await opt.getWeights();
  const out = {
    values: [w, b].map((v) => v.dataSync().slice() as Float32Array),
    state: saved.map((s) => s.tensor.dataSync().slice() as Float32Array),
    names: saved.map((s) => s.name.replace(`_${backend}`, '')),
  };
  tf.dispose(saved[0].tensor);
  opt.dispose();
  tf.dispose([w, b]);
  return out;
}

test('the one-pass wasm SGD-momentum update gives the same bits as the op-by-op update on cpu', async () => {
  await selectBackend('wasm');
  const start = tf.memory().numTensors;
  const cpu = await sgdSteps('cpu');
  const wasm = await sgdSteps('wasm');
  tf.setBackend('wasm');
  assert.equal(tf.memory().numTensors, start, 'optimizer leaked tensors');
  assert.deepEqual(wasm.names, ['iter', 'w/momentum', 'b/momentum']);
  assert.deepEqual(wasm.names, cpu.names);
  for (let i = 0; i < cpu.values.length; i++) assert.deepEqual(wasm.values[i], cpu.values[i]);
  for (let i = 0; i < cpu.state.length; i++) assert.deepEqual(wasm.state[i], cpu.state[i]);
});
