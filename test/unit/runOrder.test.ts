import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'fs/promises';
import * as path from 'path';
import { defaultCheckpoint, listRuns } from '../../src/runs/runStore';
import { CheckpointMeta } from '../../src/shared/checkpointMeta';
import { DEFAULT_TRAIN_CONFIG } from '../../src/shared/trainConfig';
import { tmpDir } from '../helpers/tmp';

async function checkpoint(dir: string, kind: 'best' | 'last', createdAt: string, datasetDir: string): Promise<void> {
  const meta: CheckpointMeta = {
    format: 'alexnet-trainer-checkpoint', version: 1, kind, classes: ['a', 'b'], classToIdx: { a: 0, b: 1 }, inputSize: 63,
    normalisation: { mean: [0.5, 0.5, 0.5], std: [0.5, 0.5, 0.5] }, epoch: 1,
    metrics: { trainLoss: 0.5, trainAcc: 0.8, testLoss: 0.6, testAcc: 0.7, lr: 0.01 },
    config: { ...DEFAULT_TRAIN_CONFIG, datasetDir }, backend: 'wasm', datasetFingerprint: 'f', createdAt,
  };
  await fs.mkdir(dir, { recursive: true });
  await fs.writeFile(path.join(dir, 'model.json'), '{}');
  await fs.writeFile(path.join(dir, 'meta.json'), JSON.stringify(meta));
}

test('the checkpoint in use is the newest run by time, not by folder name: an old demo run does not outrank a new one', async () => {
  const runs = tmpDir();
  // The case: `demo-…` sorts after `2026…` by name, but trained the day before.
  await checkpoint(path.join(runs, 'demo-20261127-090000', 'best'), 'best', '2026-11-27T09:05:00.000Z', '/ws/sample-digits');
  await checkpoint(path.join(runs, '20261128-080000', 'last'), 'last', '2026-11-28T08:30:00.000Z', '/ws/fer2013');
  await checkpoint(path.join(runs, '20261128-070000', 'best'), 'best', '2026-11-28T07:10:00.000Z', '/ws/fer2013');
  const list = await listRuns(runs);
  assert.deepEqual(list.map((r) => r.name), ['20261128-080000', '20261128-070000', 'demo-20261127-090000']);
  // The newest run has only last/ (stopped before its first evaluation): its last, not an older run's best.
  assert.equal(defaultCheckpoint(list)?.dir, path.join(runs, '20261128-080000', 'last'));
});
