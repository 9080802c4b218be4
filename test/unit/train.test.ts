import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'fs';
import * as path from 'path';
import { classify } from '../../src/engine/classify';
import { runTraining } from '../../src/engine/train';
import { EpochEvent, TrainEvent } from '../../src/shared/metrics';
import { DEFAULT_TRAIN_CONFIG, TrainConfig } from '../../src/shared/trainConfig';
import { tmpDir, writeSplit } from '../helpers/tmp';
import { recordingHooks as hooks } from '../helpers/trainHooks';

// Three digit classes of real MNIST images at the smallest input AlexNet takes: about 10 s an epoch on 2 cores.
const root = tmpDir();
const data = path.join(root, 'digits');
const ready = (async () => {
  await writeSplit(data, 'train', ['zero', 'one', 'two'], 24);
  await writeSplit(data, 'test', ['zero', 'one', 'two'], 8, 500);
})();

function config(extra: Partial<TrainConfig>): TrainConfig {
  return { ...DEFAULT_TRAIN_CONFIG, datasetDir: data, inputSize: 63, batchSize: 8, epochs: 4, backend: 'wasm', ...extra };
}

const epochs = (events: TrainEvent[]) => events.filter((e): e is EpochEvent => e.event === 'epoch');

test('training on real digits beats chance, keeps tensors flat, and its checkpoints reproduce its accuracy', async () => {
  await ready;
  const events: TrainEvent[] = [];
  const out = path.join(root, 'run-a');
  const done = await runTraining(config({ outDir: out, epochs: 6 }), hooks(events));
  const per = epochs(events);
  assert.equal(per.length, 6);
  const final = per[per.length - 1];
  const bestAcc = Math.max(...per.map((e) => e.testAcc));
  // Dropout masks are not seeded, so runs differ: 10 runs here gave best accuracies 0.63 to 0.92 (24 test images).
  // 0.5 is 1.5x chance with room for that spread.
  assert.ok(bestAcc >= 0.5, `test accuracy ${bestAcc} is not clearly above chance (0.33): ${per.map((e) => e.testAcc.toFixed(2)).join(' ')}`);
  assert.equal(per[1].tensors, per[0].tensors, 'tensor count grew between epoch 1 and epoch 2');
  assert.ok(events.some((e) => e.event === 'batch'));
  assert.ok(done.best && done.last);
  assert.equal(done.last.epoch, 6);
  const bestEpoch = per.reduce((a, e) => (e.testAcc > a.testAcc ? e : a));
  assert.equal(done.best.epoch, bestEpoch.epoch);
  assert.equal(fs.readFileSync(path.join(out, 'metrics.jsonl'), 'utf8').trim().split('\n').length, 6);
  // The saved weights give exactly the accuracy measured during training.
  for (const [dir, acc] of [
    [done.best.path, done.best.testAcc],
    [done.last.path, final.testAcc],
  ] as const) {
    const result = await classify(dir, [path.join(data, 'test')], 3);
    assert.equal(result.evaluation?.accuracy, acc, `${dir}`);
    assert.equal(result.files[0].top.length, 3);
  }
  assert.deepEqual(fs.readdirSync(out).sort(), ['best', 'conv1-init.bin', 'last', 'metrics.jsonl']);
});

test('a stop request ends after the current batch and saves last; resume continues the epoch count', async () => {
  await ready;
  const out = path.join(root, 'run-b');
  const first: TrainEvent[] = [];
  await runTraining(config({ outDir: out, epochs: 2 }), hooks(first));
  const stopped: TrainEvent[] = [];
  const doneStopped = await runTraining(config({ resume: out, epochs: 4, datasetDir: '' }), hooks(stopped, 2));
  assert.equal(doneStopped.stopped, true);
  assert.equal(stopped.filter((e) => e.event === 'batch').length, 2);
  assert.equal(doneStopped.last?.epoch, 2);
  const resumed: TrainEvent[] = [];
  const done = await runTraining(config({ resume: out, epochs: 4, datasetDir: '' }), hooks(resumed));
  assert.deepEqual(epochs(resumed).map((e) => e.epoch), [3, 4]);
  assert.equal(done.last?.epoch, 4);
  const lines = fs.readFileSync(path.join(out, 'metrics.jsonl'), 'utf8').trim().split('\n').map((l) => JSON.parse(l).epoch);
  assert.deepEqual(lines, [1, 2, 3, 4]);
});
