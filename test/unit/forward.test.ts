import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as tf from '@tensorflow/tfjs-core';
import { buildAlexNet } from '../../src/engine/alexnet';
import { selectBackend } from '../../src/engine/backend';
import { modelConfig } from '../../src/shared/modelConfig';
import { mnistBatch } from '../helpers/mnistBatch';

const config = modelConfig({ numClasses: 10, inputSize: 67, seed: 7 });

async function logitsOn(backend: 'wasm' | 'cpu', weights: Float32Array[] | undefined): Promise<{ out: Float32Array; weights: Float32Array[] }> {
  await tf.setBackend(backend);
  const model = buildAlexNet(config);
  if (weights) model.setWeights(weights.map((w, i) => tf.tensor(w, model.getWeights()[i].shape)));
  const x = mnistBatch(4, config.inputSize);
  const y = model.predict(x) as tf.Tensor;
  assert.deepEqual(y.shape, [4, 10]);
  const out = (await y.data()) as Float32Array;
  const w = model.getWeights().map((t) => t.dataSync() as Float32Array);
  tf.dispose([x, y]);
  model.dispose();
  return { out, weights: w };
}

test('forward pass gives [N, classes] on wasm and cpu, equal within 1e-4 with the same weights', async () => {
  await selectBackend('wasm');
  await selectBackend('cpu');
  const a = await logitsOn('wasm', undefined);
  const b = await logitsOn('cpu', a.weights);
  const scale = Math.max(...Array.from(a.out, Math.abs), 1e-6);
  for (let i = 0; i < a.out.length; i++) {
    assert.ok(Math.abs(a.out[i] - b.out[i]) <= 1e-4 * scale + 1e-6, `logit ${i}: wasm ${a.out[i]} vs cpu ${b.out[i]}`);
  }
});

test('inference is deterministic: dropout is off outside training', async () => {
  await selectBackend('wasm');
  await tf.setBackend('wasm');
  const model = buildAlexNet(config);
  const x = mnistBatch(2, config.inputSize);
  const before = tf.memory().numTensors;
  const y1 = model.predict(x) as tf.Tensor;
  const y2 = model.predict(x) as tf.Tensor;
  assert.deepEqual(Array.from(await y1.data()), Array.from(await y2.data()));
  tf.dispose([y1, y2]);
  assert.equal(tf.memory().numTensors, before);
  tf.dispose(x);
  model.dispose();
});
