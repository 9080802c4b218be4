import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as path from 'path';
import * as tf from '@tensorflow/tfjs-core';
import * as tfl from '@tensorflow/tfjs-layers';
import { buildAlexNet } from '../../src/engine/alexnet';
import { selectBackend } from '../../src/engine/backend';
import { layerActivations, LayerActivation } from '../../src/engine/inspect/activations';
import { compactActivation } from '../../src/engine/inspect/compact';
import { imageInput } from '../../src/engine/inspect/imageInput';
import { computeLayerTable } from '../../src/engine/layerTable';
import { decodeBytes } from '../../src/shared/inspect';
import { modelConfig } from '../../src/shared/modelConfig';
import { tmpDir, writeDigit } from '../helpers/tmp';

const dir = tmpDir();
const digit = path.join(dir, 'seven.png');
const ready = (async () => {
  await selectBackend('wasm');
  await writeDigit(digit, 7, 3);
})();

for (const size of [63, 64, 224, 227]) {
  test(`feature-map shapes equal the layer table's output sizes at ${size} px`, async () => {
    await ready;
    const model = buildAlexNet(modelConfig({ numClasses: 3, inputSize: size, seed: 1 }));
    const rows = computeLayerTable(model).layers;
    const { x } = await imageInput(digit, size);
    const maps = await layerActivations(model, x, rows.map((r) => r.name));
    x.dispose();
    model.dispose();
    assert.deepEqual(maps.map((m) => m.name), ['conv1', 'pool1', 'conv2', 'pool2', 'conv3', 'conv4', 'conv5', 'pool5', 'fc6', 'fc7', 'fc8']);
    for (const [i, row] of rows.entries()) {
      assert.deepEqual(maps[i].shape, row.output, `${row.name} at ${size} px`);
      assert.equal(maps[i].values.length, row.neurons, `${row.name} values`);
    }
    if (size === 224) assert.deepEqual(maps[0].shape, [55, 55, 96]);
  });
}

/** The tutorial's forward pass written out op by op with the model's own weights. */
function explicitForward(model: tfl.LayersModel, x: tf.Tensor4D): Map<string, tf.Tensor> {
  const w = (name: string) => model.getLayer(name).getWeights();
  const out = new Map<string, tf.Tensor>();
  const conv = (name: string, input: tf.Tensor4D, stride: number, pad: 'same' | 'valid') => {
    const [kernel, bias] = w(name);
    const y = tf.relu(tf.add(tf.conv2d(input, kernel as tf.Tensor4D, stride, pad), bias)) as tf.Tensor4D;
    out.set(name, y);
    return y;
  };
  const pool = (name: string, input: tf.Tensor4D) => {
    const y = tf.maxPool(input, 3, 2, 'valid');
    out.set(name, y);
    return y;
  };
  const dense = (name: string, input: tf.Tensor2D, relu: boolean) => {
    const [kernel, bias] = w(name);
    const z = tf.add(tf.matMul(input, kernel as tf.Tensor2D), bias) as tf.Tensor2D;
    const y = relu ? tf.relu(z) : z;
    out.set(name, y);
    return y;
  };
  let y = conv('conv1', tf.pad(x, [[0, 0], [2, 2], [2, 2], [0, 0]]), 4, 'valid');
  y = pool('pool1', y);
  y = pool('pool2', conv('conv2', y, 1, 'same'));
  y = conv('conv5', conv('conv4', conv('conv3', y, 1, 'same'), 1, 'same'), 1, 'same');
  y = pool('pool5', y);
  const flat = tf.reshape(y, [1, -1]) as tf.Tensor2D;
  dense('fc8', dense('fc7', dense('fc6', flat, true), true), false);
  return out;
}

test('feature-map values equal an explicit forward pass to 1e-5, and the 8-bit maps to half a step', async () => {
  await ready;
  const size = 67;
  const model = buildAlexNet(modelConfig({ numClasses: 3, inputSize: size, seed: 2 }));
  const { x } = await imageInput(digit, size);
  const maps = await layerActivations(model, x, []);
  const reference = explicitForward(model, x);
  for (const m of maps) {
    const ref = reference.get(m.name) as tf.Tensor;
    assert.deepEqual(ref.shape.slice(1), m.shape, m.name);
    const expected = (await ref.data()) as Float32Array;
    let worst = 0;
    expected.forEach((v, i) => (worst = Math.max(worst, Math.abs(v - m.values[i]))));
    assert.ok(worst <= 1e-5, `${m.name}: largest difference ${worst}`);
    checkCompact(m);
  }
  tf.dispose([...reference.values(), x]);
  model.dispose();
});

/** At full size the 8-bit value of every activation is within half a quantisation step of the float. */
function checkCompact(m: LayerActivation): void {
  const c = compactActivation(m);
  const bytes = decodeBytes(c.data);
  assert.equal(bytes.length, m.values.length, m.name);
  const step = (c.max - c.min) / 255;
  const channels = m.shape.length === 3 ? m.shape[2] : 1;
  const hw = m.values.length / channels;
  for (let i = 0; i < m.values.length; i++) {
    // HWC floats against channel-major bytes.
    const byteIndex = channels === 1 ? i : (i % channels) * hw + Math.floor(i / channels);
    const back = c.min + bytes[byteIndex] * step;
    assert.ok(Math.abs(back - m.values[i]) <= step / 2 + 1e-6, `${m.name}[${i}]: ${back} vs ${m.values[i]}`);
  }
}

test('large maps are box-averaged down to maxSide for transport, keeping the true shape and range', async () => {
  await ready;
  const model = buildAlexNet(modelConfig({ numClasses: 3, inputSize: 224, seed: 3 }));
  const { x } = await imageInput(digit, 224);
  const [conv1, fc6] = await layerActivations(model, x, ['conv1', 'fc6']);
  x.dispose();
  model.dispose();
  const small = compactActivation(conv1, 28);
  assert.deepEqual([small.height, small.width], [28, 28]);
  assert.deepEqual(small.shape, [55, 55, 96]);
  assert.equal(decodeBytes(small.data).length, 28 * 28 * 96);
  assert.equal(small.channelMax.length, 96);
  assert.equal(Math.max(...small.channelMax), small.max);
  const dense = compactActivation(fc6, 28);
  assert.equal(decodeBytes(dense.data).length, 4096);
  assert.equal(dense.top.length, 10);
  assert.equal(dense.top[0].value, dense.max);
});
