/** The kernel parity matrix (conv gradients, max-pool gradients, matmuls with transposes) that the wasm and webgpu
 * training kernels are each checked against the cpu backend with. */
import assert from 'node:assert/strict';
import * as tf from '@tensorflow/tfjs-core';

/** Deterministic values in [-1, 1] (a small LCG), so both backends see the same numbers. */
export function values(size: number, seed: number): Float32Array {
  const out = new Float32Array(size);
  let s = seed >>> 0;
  for (let i = 0; i < size; i++) {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    out[i] = s / 2 ** 31 - 1;
  }
  return out;
}

/** Max absolute difference over the largest magnitude of the reference: a scale-aware relative error. */
export function relativeError(actual: Float32Array, expected: Float32Array): number {
  assert.equal(actual.length, expected.length, 'output sizes differ');
  let diff = 0;
  let scale = 1e-12;
  for (let i = 0; i < expected.length; i++) {
    diff = Math.max(diff, Math.abs(actual[i] - expected[i]));
    scale = Math.max(scale, Math.abs(expected[i]));
  }
  return diff / scale;
}

export type Shape = number[];
export interface KernelCase {
  label: string;
  kernel: string;
  inputs: Record<string, Shape>;
  attrs: tf.NamedAttrMap;
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

export const CASES: KernelCase[] = [];
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

