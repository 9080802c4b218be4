import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'fs';
import * as path from 'path';
import { classify } from '../../src/engine/classify';
import { readMeta } from '../../src/engine/checkpoints';
import { readPosition } from '../../src/engine/epochPosition';
import { shuffled } from '../../src/engine/random';
import { runTraining } from '../../src/engine/train';
import { checkMeta } from '../../src/shared/checkpointChecks';
import { checkpointSummary } from '../../src/shared/checkpointText';
import { BatchEvent, TrainEvent } from '../../src/shared/metrics';
import { DEFAULT_TRAIN_CONFIG, TrainConfig } from '../../src/shared/trainConfig';
import { tmpDir, writeSplit } from '../helpers/tmp';
import { recordingHooks as hooks } from '../helpers/trainHooks';

// 3 classes x 24 real MNIST digits, batches of 8: 9 batches an epoch at the smallest input AlexNet takes.
const root = tmpDir();
const data = path.join(root, 'digits');
const ready = (async () => {
  await writeSplit(data, 'train', ['zero', 'one', 'two'], 24);
  await writeSplit(data, 'test', ['zero', 'one', 'two'], 6, 500);
})();

function config(extra: Partial<TrainConfig>): TrainConfig {
  return { ...DEFAULT_TRAIN_CONFIG, datasetDir: data, inputSize: 63, batchSize: 8, epochs: 2, backend: 'wasm', ...extra };
}

const batchEvents = (events: TrainEvent[]) => events.filter((e): e is BatchEvent => e.event === 'batch');

test('a stop inside the first epoch saves last/ honestly, and resume goes on at the next batch with the same order', async () => {
  await ready;
  const run = path.join(root, 'run');
  const stopped: TrainEvent[] = [];
  const done = await runTraining(config({ outDir: run }), hooks(stopped, 2));
  assert.equal(done.stopped, true);
  assert.equal(done.best, null);
  assert.deepEqual(done.last?.stoppedAt, { epoch: 1, batch: 2, batches: 9 });

  const last = path.join(run, 'last');
  const meta = await readMeta(last);
  assert.equal(meta.epoch, 0, 'no epoch was completed');
  assert.deepEqual(meta.stoppedAt, { epoch: 1, batch: 2, batches: 9 });
  assert.equal(meta.metrics.testAcc, null, 'never evaluated: null, not 0');
  assert.equal(meta.metrics.testLoss, null);
  assert.equal(typeof meta.metrics.trainLoss, 'number', 'the running train loss of the two batches');
  assert.equal(checkpointSummary(meta), 'stopped at batch 2 of epoch 1 · not evaluated');
  const position = await readPosition(last);
  assert.ok(position);
  assert.deepEqual(position.order, shuffled(72, DEFAULT_TRAIN_CONFIG.seed * 65_537 + 1), "the epoch's own shuffle order");
  assert.equal(position.next, 16);
  assert.equal(position.seen, 16);
  // The weights saved mid-epoch are a usable model.
  const result = await classify(last, [path.join(data, 'test', 'one', '0.png')], 1);
  assert.equal(result.files[0].top.length, 1);

  // Resume through the engine: the batch counter goes on at 3, with the same order, and stops again at batch 4.
  const resumed: TrainEvent[] = [];
  const again = await runTraining(config({ resume: run, datasetDir: '', epochs: 0 }), hooks(resumed, 2));
  assert.deepEqual(resumed[0], { event: 'resume', epoch: 1, batch: 2 }, 'the first event, before the scan');
  assert.deepEqual(batchEvents(resumed).map((e) => [e.epoch, e.batch]), [[1, 3], [1, 4]]);
  assert.deepEqual(again.last?.stoppedAt, { epoch: 1, batch: 4, batches: 9 });
  const second = await readPosition(last);
  assert.deepEqual(second?.order, position.order);
  assert.equal(second?.next, 32);
  assert.notEqual(second?.rngState, position.rngState, 'the augmentation RNG moved on and was saved');

  // Resume through the CLI with --json: the resume event comes first, then epoch 1 finishes from batch 5.
  const cli = spawnSync(process.execPath, ['bin/alexnet.js', 'train', '--resume', run, '--epochs', '1', '--json'], { encoding: 'utf8' });
  assert.equal(cli.status, 0, cli.stderr);
  const lines = cli.stdout.trim().split('\n').map((l) => JSON.parse(l) as { event: string; phase?: string; done?: number; total?: number });
  assert.deepEqual(lines[0], { event: 'resume', epoch: 1, batch: 4 });
  assert.deepEqual(lines.filter((l) => l.event !== 'progress').map((l) => l.event), ['resume', 'epoch', 'done']);
  // Progress with counts: the scan, the rest of the epoch's batches (5 to 9 of 9) and the test pass.
  const progress = lines.filter((l) => l.event === 'progress');
  assert.deepEqual([...new Set(progress.map((l) => l.phase))], ['scan', 'train', 'test']);
  assert.ok(progress.every((l) => (l.done ?? -1) >= 0 && (l.done ?? 0) <= (l.total ?? 0)));
  assert.deepEqual(progress.filter((l) => l.phase === 'train').at(-1), { event: 'progress', phase: 'train', done: 9, total: 9 });
  const finished = await readMeta(last);
  assert.equal(finished.epoch, 1);
  assert.equal(finished.stoppedAt, undefined);
  assert.equal(typeof finished.metrics.testAcc, 'number');
  assert.equal(await readPosition(last), undefined, 'a checkpoint at the end of an epoch has no position');
  assert.equal(fs.readFileSync(path.join(run, 'metrics.jsonl'), 'utf8').trim().split('\n').length, 1);
});

test('meta.json: unmeasured metrics may be null, a malformed stoppedAt is refused with the field named', () => {
  const base = JSON.parse(JSON.stringify({ format: 'alexnet-trainer-checkpoint', kind: 'last', classes: ['a', 'b'], inputSize: 63, epoch: 0, config: {} }));
  const metrics = { trainLoss: 1, trainAcc: 0.5, testLoss: null, testAcc: null, lr: 0.01 };
  assert.doesNotThrow(() => checkMeta({ ...base, metrics, stoppedAt: { epoch: 1, batch: 3, batches: 9 } }, 'meta.json'));
  assert.throws(() => checkMeta({ ...base, metrics, stoppedAt: { epoch: 1, batch: 10, batches: 9 } }, 'meta.json'), /stoppedAt/);
  assert.throws(() => checkMeta({ ...base, metrics: { ...metrics, testAcc: '0' } }, 'meta.json'), /metrics\.testAcc/);
});
