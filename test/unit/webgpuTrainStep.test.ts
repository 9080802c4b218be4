import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as tf from '@tensorflow/tfjs-core';
import { buildAlexNet } from '../../src/engine/alexnet';
import { selectBackend } from '../../src/engine/backend';
import { TrainStep } from '../../src/engine/trainStep';
import { modelConfig } from '../../src/shared/modelConfig';
import { mnistBatch } from '../helpers/mnistBatch';
import { noWebGpuReason, useSoftwareVulkan } from '../helpers/vulkan';
import { assertUpdatesMatch } from '../helpers/stepParity';

// Small: SwiftShader (the CI's software Vulkan) and the cpu backend's filter gradient are both slow.
const N = 2;
const SIZE = 63;

useSoftwareVulkan();
const ready = selectBackend('webgpu').then(
  () => undefined,
  (err: unknown) => noWebGpuReason(err),
);

interface StepOutcome {
  losses: number[];
  /** Per variable: the weight change of the first step, w_after - w_before. */
  deltas: Float32Array[];
  names: string[];
  /** Live tensors after each step. */
  tensors: number[];
}

/** `steps` SGD steps of a fresh AlexNet with the given initial weights on `backend`, read asynchronously only. */
async function stepsOn(backend: string, initial: Float32Array[], steps: number): Promise<StepOutcome> {
  tf.setBackend(backend);
  const model = buildAlexNet(modelConfig({ numClasses: 10, inputSize: SIZE, seed: 3, dropout: 0 }));
  const weights = model.getWeights().map((w, i) => tf.tensor(initial[i], w.shape));
  model.setWeights(weights);
  tf.dispose(weights);
  const step = new TrainStep(model, { lr: 0.01, momentum: 0.9, weightDecay: 5e-4 });
  const x = mnistBatch(N, SIZE);
  const labels = tf.tensor1d([0, 1], 'int32');
  const losses: number[] = [];
  const tensors: number[] = [];
  let deltas: Float32Array[] = [];
  for (let i = 0; i < steps; i++) {
    const r = step.run(x, labels);
    losses.push((await r.loss.data())[0]);
    tf.dispose([r.loss, r.correct]);
    tensors.push(tf.memory().numTensors);
    if (i === 0) {
      const after = await Promise.all(model.getWeights().map(async (w) => (await w.data()) as Float32Array));
      deltas = after.map((w, k) => w.map((v, j) => v - initial[k][j]));
    }
  }
  const names = model.weights.map((w) => w.name);
  tf.dispose([x, labels]);
  step.optimizer.dispose();
  model.dispose();
  return { losses, deltas, names, tensors };
}

test('one AlexNet training step on webgpu equals the cpu step; the tensor count stays flat over steps', async (t) => {
  const skip = await ready;
  if (skip) return t.skip(skip);
  tf.setBackend('cpu');
  const seedModel = buildAlexNet(modelConfig({ numClasses: 10, inputSize: SIZE, seed: 3, dropout: 0 }));
  const initial = seedModel.getWeights().map((w) => w.dataSync().slice() as Float32Array);
  seedModel.dispose();

  const start = tf.memory().numTensors;
  const cpu = await stepsOn('cpu', initial, 1);
  assert.equal(tf.memory().numTensors, start, 'the cpu step leaked tensors');
  // Two steps on webgpu: the first for the comparison; the optimizer's momentum buffers appear in it, so from the
  // second on the tensor count must not grow.
  const gpuStep = await stepsOn('webgpu', initial, 2);
  assert.equal(tf.memory().numTensors, start, 'the webgpu step leaked tensors');

  assert.ok(Math.abs(gpuStep.losses[0] - cpu.losses[0]) <= 1e-4 * Math.max(1, Math.abs(cpu.losses[0])), `loss ${gpuStep.losses[0]} vs ${cpu.losses[0]}`);
  // Float32 sums in a different order over a whole network: 1e-3 of the largest update.
  const errors = assertUpdatesMatch(cpu.names, gpuStep.deltas, cpu.deltas, 1e-3);
  const gb = (tf.memory() as tf.MemoryInfo & { numBytesInGPU?: number }).numBytesInGPU;
  console.log('webgpu step: loss', cpu.losses[0].toFixed(5), gpuStep.losses[0].toFixed(5), 'update errors:', errors.join(', '), 'GPU bytes after:', gb);
  assert.equal(gpuStep.tensors[1], gpuStep.tensors[0], `tensor count grew across steps: ${gpuStep.tensors.join(', ')}`);
  tf.setBackend('webgpu');
});
