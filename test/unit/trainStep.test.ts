import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as tf from '@tensorflow/tfjs-core';
import { buildAlexNet } from '../../src/engine/alexnet';
import { selectBackend } from '../../src/engine/backend';
import { TrainStep } from '../../src/engine/trainStep';
import { modelConfig } from '../../src/shared/modelConfig';
import { mnistBatch } from '../helpers/mnistBatch';

test('SGD steps on one real batch lower its loss and leak no tensors', async () => {
  await selectBackend('wasm');
  const model = buildAlexNet(modelConfig({ numClasses: 10, inputSize: 63, seed: 1, dropout: 0 }));
  const step = new TrainStep(model, { lr: 0.01, momentum: 0.9, weightDecay: 5e-4 });
  const x = mnistBatch(10, 63);
  const labels = tf.tensor1d([0, 1, 2, 3, 4, 5, 6, 7, 8, 9], 'int32');
  const losses: number[] = [];
  let afterFirst = 0;
  for (let i = 0; i < 8; i++) {
    const r = step.run(x, labels);
    losses.push((await r.loss.data())[0]);
    tf.dispose([r.loss, r.correct]);
    if (i === 0) afterFirst = tf.memory().numTensors;
  }
  assert.equal(tf.memory().numTensors, afterFirst, 'tensor count grew across steps');
  assert.ok(losses[7] < losses[0], `loss did not fall: ${losses.map((l) => l.toFixed(3)).join(' ')}`);
  tf.dispose([x, labels]);
  step.optimizer.dispose();
  model.dispose();
});
