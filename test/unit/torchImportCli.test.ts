/**
 * The PyTorch import from the command line and into training, on the torch-made fixture: import-torch, export-torch
 * back to the exact values torch saved, and fine-tuning an imported run with --resume.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { selectBackend } from '../../src/engine/backend';
import { loadCheckpoint } from '../../src/engine/checkpoints';
import { importTorchCheckpoint } from '../../src/engine/torch/importTorch';
import { readStateDict } from '../../src/engine/torch/readStateDict';
import { runTraining } from '../../src/engine/train';
import { TrainEvent } from '../../src/shared/metrics';
import { DEFAULT_TRAIN_CONFIG } from '../../src/shared/trainConfig';
import { writeMnistDataset } from '../helpers/mnistFolders';
import { tmpDir } from '../helpers/tmp';
import { CLASSES, gunzipFixture, pattern } from '../helpers/torchFixtures';

test('the CLI imports with classes from a dataset folder, and export-torch writes back the same values in the tutorial layout', { timeout: 300_000 }, async () => {
  const dir = tmpDir();
  const file = gunzipFixture(dir);
  const data = path.join(dir, 'digits');
  await writeMnistDataset(data, [0, 1, 2, 3, 4, 5, 6], 1, 1);
  const cli = (...args: string[]) => spawnSync(process.execPath, ['bin/alexnet.js', ...args, '--backend', 'wasm'], { encoding: 'utf8' });
  const ambiguous = cli('import-torch', file, '--classes', data, '--out', path.join(dir, 'run'));
  assert.equal(ambiguous.status, 1);
  assert.match(ambiguous.stderr, /every input size from 63 to 94 gives: choose one \(--input-size\)/);
  assert.equal(fs.existsSync(path.join(dir, 'run')), false);

  const imported = cli('import-torch', file, '--classes', data, '--input-size', '63', '--out', path.join(dir, 'run'), '--json');
  assert.equal(imported.status, 0, imported.stderr);
  const result = JSON.parse(imported.stdout) as { checkpointDir: string; meta: { classes: string[]; config: { datasetDir: string } } };
  assert.deepEqual(result.meta.classes, CLASSES);
  assert.equal(result.meta.config.datasetDir, data);

  const out = path.join(dir, 'back.pth');
  const exported = cli('export-torch', path.join(dir, 'run'), out);
  assert.equal(exported.status, 0, exported.stderr);
  assert.equal(exported.stderr, '', 'a tutorial-variant checkpoint exports to model.py without a warning');
  const { tensors } = await readStateDict(out);
  const keys = ['c1', 'c3', 'c5', 'c6', 'c7', 'f9', 'f10', 'output'].flatMap((k) => [`${k}.weight`, `${k}.bias`]);
  assert.deepEqual([...tensors.keys()], keys);
  keys.forEach((k, t) => {
    const values = tensors.get(k)?.values as Float32Array;
    for (let i = 0; i < values.length; i++) if (values[i] !== pattern(t, i)) assert.fail(`${k}[${i}] = ${values[i]}, torch saved ${pattern(t, i)}`);
  });
});

test('an imported run fine-tunes with --resume: one epoch from the PyTorch weights, the tutorial network kept', { timeout: 300_000 }, async () => {
  await selectBackend('wasm');
  const dir = tmpDir();
  const file = gunzipFixture(dir);
  const data = path.join(dir, 'digits');
  await writeMnistDataset(data, [0, 1, 2, 3, 4, 5, 6], 2, 1);
  const run = path.join(dir, 'run');
  await importTorchCheckpoint({ file, classes: { datasetDir: data }, inputSize: 63, outDir: run });
  const events: TrainEvent[] = [];
  const done = await runTraining(
    { ...DEFAULT_TRAIN_CONFIG, datasetDir: '', resume: run, epochs: 1, batchSize: 7, backend: 'wasm' },
    { emit: (e) => events.push(e), log: () => undefined, stopRequested: () => false },
  );
  assert.equal(events.filter((e) => e.event === 'epoch').length, 1);
  assert.equal(done.last?.epoch, 1);
  const { model, meta } = await loadCheckpoint(path.join(run, 'last'));
  try {
    assert.equal(meta.variant, 'tutorial');
    assert.equal(meta.source?.layout, 'tutorial');
    assert.equal((model.getLayer('fc7').getConfig() as { activation: string }).activation, 'linear');
    // Fine-tuning moved the weights away from what torch saved.
    const conv1 = (await model.getLayer('conv1').getWeights()[0].data()) as Float32Array;
    assert.notEqual(conv1[0], pattern(0, 0));
  } finally {
    model.dispose();
  }
});
