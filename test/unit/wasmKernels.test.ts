import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as tf from '@tensorflow/tfjs-core';
import { selectBackend } from '../../src/engine/backend';
import { SgdMomentumOptimizer } from '../../src/engine/sgdMomentumOptimizer';

/** Deterministic values in [-1, 1] (a small LCG), so both backends see the same numbers. */
function values(size: number, seed: number): Float32Array {
  const out = new Float32Array(size);
  let s = seed >>> 0;
  for (let i = 0; i < size; i++) {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    out[i] = s / 2 ** 31 - 1;
  }
  return out;
}

/** Max absolute difference over the largest magnitude of the reference: a scale-aware relative error. */
function relativeError(actual: Float32Array, expected: Float32Array): number {
  assert.equal(actual.length, expected.length, 'output sizes differ');
  let diff = 0;
  let scale = 1e-12;
  for (let i = 0; i < expected.length; i++) {
    diff = Math.max(diff, Math.abs(actual[i] - expected[i]));
    scale = Math.max(scale, Math.abs(expected[i]));
  }
  return diff / scale;
}

type Shape = number[];
interface KernelCase {
  label: string;
  kernel: string;
  inputs: Record<string, Shape>;
  attrs: tf.NamedAttrMap;
}

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

type Pad = 'same' | 'valid' | number | number[][];
interface ConvSpec {
  n: number;
  h: number;
  w: number;
  cin: number;
  cout: number;
  kh: number;
  kw: number;
  stride: number | [number, number];
  pad: Pad;
}

const CONVS: ConvSpec[] = [
  { n: 1, h: 7, w: 7, cin: 3, cout: 4, kh: 3, kw: 3, stride: 1, pad: 'same' },
  { n: 2, h: 9, w: 6, cin: 5, cout: 3, kh: 3, kw: 2, stride: 1, pad: 'valid' },
  { n: 3, h: 11, w: 13, cin: 2, cout: 5, kh: 5, kw: 3, stride: 2, pad: 'same' },
  { n: 2, h: 10, w: 9, cin: 4, cout: 6, kh: 3, kw: 3, stride: 2, pad: 'valid' },
  { n: 1, h: 23, w: 19, cin: 3, cout: 4, kh: 11, kw: 7, stride: 4, pad: 'valid' },
  { n: 2, h: 17, w: 17, cin: 3, cout: 8, kh: 5, kw: 5, stride: 4, pad: 'same' },
  { n: 16, h: 8, w: 8, cin: 3, cout: 4, kh: 3, kw: 3, stride: 1, pad: 1 },
  { n: 16, h: 9, w: 7, cin: 2, cout: 3, kh: 3, kw: 3, stride: 2, pad: 2 },
  { n: 2, h: 12, w: 10, cin: 3, cout: 2, kh: 4, kw: 3, stride: [1, 2], pad: [[0, 0], [1, 2], [0, 3], [0, 0]] },
  { n: 1, h: 15, w: 15, cin: 2, cout: 3, kh: 11, kw: 11, stride: 4, pad: [[0, 0], [2, 2], [2, 2], [0, 0]] },
  { n: 3, h: 5, w: 8, cin: 6, cout: 2, kh: 1, kw: 1, stride: 2, pad: 'valid' },
];

function outSize(spec: ConvSpec): [number, number] {
  const info = tf.backend_util.computeConv2DInfo(
    [spec.n, spec.h, spec.w, spec.cin],
    [spec.kh, spec.kw, spec.cin, spec.cout],
    spec.stride,
    1,
    spec.pad as 'same',
  );
  return [info.outHeight, info.outWidth];
}

function describe(s: ConvSpec): string {
  return `${s.n}x${s.h}x${s.w}x${s.cin} k${s.kh}x${s.kw}->${s.cout} s${String(s.stride)} pad ${JSON.stringify(s.pad)}`;
}

const CASES: KernelCase[] = [];
for (const s of CONVS) {
  const [oh, ow] = outSize(s);
  CASES.push({
    label: `Conv2DBackpropFilter ${describe(s)}`,
    kernel: 'Conv2DBackpropFilter',
    inputs: { x: [s.n, s.h, s.w, s.cin], dy: [s.n, oh, ow, s.cout] },
    attrs: { strides: s.stride, pad: s.pad, dataFormat: 'NHWC', filterShape: [s.kh, s.kw, s.cin, s.cout] },
  });
  CASES.push({
    label: `Conv2DBackpropInput ${describe(s)}`,
    kernel: 'Conv2DBackpropInput',
    inputs: { dy: [s.n, oh, ow, s.cout], filter: [s.kh, s.kw, s.cin, s.cout] },
    attrs: { strides: s.stride, pad: s.pad, dataFormat: 'NHWC', inputShape: [s.n, s.h, s.w, s.cin] },
  });
}
CASES.push({
  label: 'Conv2DBackpropFilter NCHW 2x3x9x8 k3x3->4 s2 same',
  kernel: 'Conv2DBackpropFilter',
  inputs: { x: [2, 3, 9, 8], dy: [2, 4, 5, 4] },
  attrs: { strides: 2, pad: 'same', dataFormat: 'NCHW', filterShape: [3, 3, 3, 4] },
});
const POOLS: { x: Shape; filterSize: number | [number, number]; strides: number | [number, number]; pad: Pad }[] = [
  { x: [16, 13, 13, 8], filterSize: 3, strides: 2, pad: 'valid' },
  { x: [1, 11, 9, 5], filterSize: 3, strides: 2, pad: 'same' },
  { x: [2, 7, 10, 3], filterSize: 2, strides: 2, pad: 'same' },
  { x: [3, 9, 8, 4], filterSize: [3, 2], strides: [2, 1], pad: 'valid' },
  { x: [2, 10, 10, 6], filterSize: 3, strides: 1, pad: 1 },
  { x: [1, 17, 15, 2], filterSize: 5, strides: 4, pad: 'same' },
];
for (const p of POOLS) {
  const info = tf.backend_util.computePool2DInfo(p.x as [number, number, number, number], p.filterSize, p.strides, 1, p.pad as 'same');
  const outShape = [p.x[0], info.outHeight, info.outWidth, p.x[3]];
  CASES.push({
    label: `MaxPoolGrad ${p.x.join('x')} f${String(p.filterSize)} s${String(p.strides)} pad ${JSON.stringify(p.pad)}`,
    kernel: 'MaxPoolGrad',
    // `output` is not read by either implementation (both find the maxima in `input`).
    inputs: { dy: outShape, input: p.x, output: outShape },
    attrs: { filterSize: p.filterSize, strides: p.strides, pad: p.pad },
  });
}
CASES.push({ label: 'Identity 3x5x7', kernel: 'Identity', inputs: { x: [3, 5, 7] }, attrs: {} });
const MATMULS: [Shape, Shape, boolean, boolean][] = [
  [[7, 5], [5, 9], false, false],
  [[5, 7], [5, 9], true, false],
  [[7, 5], [9, 5], false, true],
  [[5, 7], [9, 5], true, true],
  [[16, 300], [40, 300], false, true],
  [[16, 40], [16, 300], true, false],
  [[1, 33], [33, 17], false, false],
  [[1, 3, 4], [1, 5, 4], false, true],
  [[2, 4, 3], [2, 4, 5], true, false],
  [[3, 2, 6], [6, 4], false, false],
];
for (const [a, b, transposeA, transposeB] of MATMULS) {
  CASES.push({
    label: `BatchMatMul ${a.join('x')} ${b.join('x')} tA=${transposeA} tB=${transposeB}`,
    kernel: 'BatchMatMul',
    inputs: { a, b },
    attrs: { transposeA, transposeB },
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
