import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as tf from '@tensorflow/tfjs-core';
import { selectBackend } from '../../src/engine/backend';
import { CASES, KernelCase, relativeError, Shape, values } from '../helpers/kernelCases';
import { noWebGpuReason, useSoftwareVulkan } from '../helpers/vulkan';

// Without a Vulkan driver (scripts/setup-swiftshader.sh provides SwiftShader) these tests are skipped, saying why.
useSoftwareVulkan();
const ready = selectBackend('webgpu').then(
  () => undefined,
  (err: unknown) => noWebGpuReason(err),
);

/** One kernel on a backend; webgpu tensors are read asynchronously (dataSync throws there in Node). */
async function runOn(backend: string, c: KernelCase, data: Record<string, Float32Array>): Promise<{ values: Float32Array; shape: Shape }> {
  tf.setBackend(backend);
  const inputs: Record<string, tf.Tensor> = {};
  for (const [name, shape] of Object.entries(c.inputs)) inputs[name] = tf.tensor(data[name], shape);
  const out = tf.engine().runKernel(c.kernel, inputs, c.attrs) as tf.Tensor;
  const result = { values: (await out.data()) as Float32Array, shape: out.shape };
  tf.dispose([out, ...Object.values(inputs)]);
  return result;
}

test('webgpu training kernels match the cpu backend to 1e-4 relative', async (t) => {
  const skip = await ready;
  if (skip) return t.skip(skip);
  const before = tf.memory().numTensors;
  const worst: Record<string, number> = {};
  for (const [i, c] of CASES.entries()) {
    const data = Object.fromEntries(
      Object.entries(c.inputs).map(([name, shape], j) => [name, values(tf.util.sizeFromShape(shape), 97 * i + j + 1)]),
    );
    const expected = await runOn('cpu', c, data);
    const actual = await runOn('webgpu', c, data);
    assert.deepEqual(actual.shape, expected.shape, `${c.label}: shape`);
    const err = relativeError(actual.values, expected.values);
    worst[c.kernel] = Math.max(worst[c.kernel] ?? 0, err);
    assert.ok(err < 1e-4, `${c.label}: relative error ${err}`);
  }
  tf.setBackend('webgpu');
  assert.equal(tf.memory().numTensors, before, 'kernels leaked tensors');
  console.log('webgpu: max relative error per kernel:', JSON.stringify(worst));
});

test('the webgpu filter gradient in several passes (a small im2col budget) matches the cpu backend', async (t) => {
  const skip = await ready;
  if (skip) return t.skip(skip);
  process.env.ALEXNET_WEBGPU_IM2COL_BYTES = '4096';
  try {
    for (const [i, c] of CASES.filter((k) => k.kernel === 'Conv2DBackpropFilter').entries()) {
      const data = Object.fromEntries(Object.entries(c.inputs).map(([name, shape], j) => [name, values(tf.util.sizeFromShape(shape), 31 * i + j + 7)]));
      const err = relativeError((await runOn('webgpu', c, data)).values, (await runOn('cpu', c, data)).values);
      assert.ok(err < 1e-4, `${c.label}: relative error ${err}`);
    }
  } finally {
    delete process.env.ALEXNET_WEBGPU_IM2COL_BYTES;
    tf.setBackend('webgpu');
  }
});
