import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as tf from '@tensorflow/tfjs-core';
import { buildAlexNet } from '../../src/engine/alexnet';
import { selectBackend } from '../../src/engine/backend';
import { TrainStep } from '../../src/engine/trainStep';
import { modelConfig } from '../../src/shared/modelConfig';
import { mnistBatch } from '../helpers/mnistBatch';
import { assertUpdatesMatch } from '../helpers/stepParity';

// Small: the cpu backend's Conv2DBackpropFilter is a plain loop (about 7 s per image here).
const N = 2;
const SIZE = 63;

interface StepOutcome {
  loss: number;
  /** Per variable: the weight change of one step, w_after - w_before. */
  deltas: Float32Array[];
  names: string[];
}

/** One SGD step of a fresh AlexNet with the given initial weights, on the active backend. */
function stepOn(backend: string, initial: Float32Array[]): StepOutcome {
  tf.setBackend(backend);
  const model = buildAlexNet(modelConfig({ numClasses: 10, inputSize: SIZE, seed: 3, dropout: 0 }));
  const weights = model.getWeights().map((w, i) => tf.tensor(initial[i], w.shape));
  model.setWeights(weights);
  tf.dispose(weights);
  const step = new TrainStep(model, { lr: 0.01, momentum: 0.9, weightDecay: 5e-4 });
  const x = mnistBatch(N, SIZE);
  const labels = tf.tensor1d([0, 1], 'int32');
  const r = step.run(x, labels);
  const loss = r.loss.dataSync()[0];
  const after = model.getWeights().map((w) => w.dataSync() as Float32Array);
  const deltas = after.map((w, i) => w.map((v, j) => v - initial[i][j]));
  const names = model.weights.map((w) => w.name);
  tf.dispose([r.loss, r.correct, x, labels]);
  step.optimizer.dispose();
  model.dispose();
  return { loss, deltas, names };
}

test('one AlexNet training step on wasm equals the cpu backend', async () => {
  await selectBackend('wasm');
  tf.setBackend('cpu');
  const seedModel = buildAlexNet(modelConfig({ numClasses: 10, inputSize: SIZE, seed: 3, dropout: 0 }));
  const initial = seedModel.getWeights().map((w) => w.dataSync().slice() as Float32Array);
  seedModel.dispose();

  const start = tf.memory().numTensors;
  const cpu = stepOn('cpu', initial);
  assert.equal(tf.memory().numTensors, start, 'the cpu step leaked tensors');
  const wasm = stepOn('wasm', initial);
  assert.equal(tf.memory().numTensors, start, 'the wasm step leaked tensors');

  assert.ok(Math.abs(wasm.loss - cpu.loss) <= 1e-4 * Math.max(1, Math.abs(cpu.loss)), `loss ${wasm.loss} vs ${cpu.loss}`);
  // Float32 sums in a different order over a whole network: 1e-3 of the largest update.
  const errors = assertUpdatesMatch(cpu.names, wasm.deltas, cpu.deltas, 1e-3);
  tf.setBackend('wasm');
  console.log('loss', cpu.loss.toFixed(5), wasm.loss.toFixed(5), 'update errors:', errors.join(', '));
});
