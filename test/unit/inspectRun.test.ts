import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as fs from 'fs';
import * as path from 'path';
import { loadCheckpoint } from '../../src/engine/checkpoints';
import { classify } from '../../src/engine/classify';
import { conv1Filters } from '../../src/engine/inspect/filters';
import { INITIAL_FILTERS_FILE } from '../../src/shared/runLayout';
import { gradCam } from '../../src/engine/inspect/gradCam';
import { imageInput } from '../../src/engine/inspect/imageInput';
import { readPredictions } from '../../src/engine/inspect/predictions';
import { runTraining } from '../../src/engine/train';
import { decodeBytes, PANEL_MAP_SIDE } from '../../src/shared/inspect';
import { EpochEvent, TrainEvent } from '../../src/shared/metrics';
import { TrainerClient } from '../../src/trainer/trainerClient';
import { DEFAULT_TRAIN_CONFIG } from '../../src/shared/trainConfig';
import { tmpDir, writeSplit } from '../helpers/tmp';

// Three digit classes at 95 px: conv5 is then 5x5, fine enough for Grad-CAM to point at a 28-px digit (at 63 px it
// is 3x3 and the heat map is one blur). About 15 s an epoch on 2 cores.
const CLASSES = ['zero', 'one', 'two'];
const root = tmpDir();
const data = path.join(root, 'digits');
const runDir = path.join(root, 'run');
const events: TrainEvent[] = [];
const trained = (async () => {
  await writeSplit(data, 'train', CLASSES, 16);
  await writeSplit(data, 'test', CLASSES, 6, 500);
  const config = { ...DEFAULT_TRAIN_CONFIG, datasetDir: data, outDir: runDir, inputSize: 95, batchSize: 8, epochs: 4, hflip: false, backend: 'wasm' as const };
  return runTraining(config, { emit: (e) => events.push(e), log: () => undefined, stopRequested: () => false });
})();
const epochs = () => events.filter((e): e is EpochEvent => e.event === 'epoch');
const cli = (...args: string[]) => execFileSync(process.execPath, ['bin/alexnet.js', ...args, '--backend', 'wasm'], { encoding: 'utf8' });

function cellCounts(files: { trueClass?: string; predicted?: string }[], classes: string[]): number[][] {
  const m = classes.map(() => classes.map(() => 0));
  for (const f of files) m[classes.indexOf(f.trueClass as string)][classes.indexOf(f.predicted as string)]++;
  return m;
}

test('best/ and last/ hold the test split per file; the list sums to that epoch confusion matrix', { timeout: 20 * 60_000 }, async () => {
  const done = await trained;
  assert.ok(done.best && done.last);
  for (const ref of [done.best, done.last]) {
    const predictions = await readPredictions(ref.path);
    assert.ok(predictions, `${ref.path} has predictions.json`);
    assert.equal(predictions.epoch, ref.epoch);
    assert.equal(predictions.files.length, CLASSES.length * 6);
    const event = epochs().find((e) => e.epoch === ref.epoch) as EpochEvent;
    assert.deepEqual(cellCounts(predictions.files, predictions.classes), event.confusion, `${ref.path}`);
    for (const f of predictions.files) assert.ok(fs.existsSync(f.file) && f.file.startsWith(data), f.file);
  }
  // classify sees the same: its per-file list sums to its own matrix, and agrees file by file with last/.
  const result = await classify(done.last.path, [path.join(data, 'test')], 3);
  const labelled = result.files.filter((f) => f.trueClass !== undefined);
  assert.deepEqual(cellCounts(labelled, result.classes), result.evaluation?.confusion);
  const stored = new Map((await readPredictions(done.last.path))!.files.map((f) => [f.file, f]));
  for (const f of labelled) {
    const s = stored.get(f.file);
    assert.ok(s && s.predicted === f.predicted && s.trueClass === f.trueClass, f.file);
    assert.ok(Math.abs(s.probability - (f.probability as number)) < 1e-4, `${f.file}: ${s.probability} vs ${f.probability}`);
  }
});

test('conv1 at initialisation is recorded when the run starts; rebuilding it from the seed gives the same kernels', { timeout: 10 * 60_000 }, async () => {
  const done = await trained;
  const checkpoint = await loadCheckpoint(done.last!.path);
  try {
    const recorded = await conv1Filters(checkpoint);
    assert.equal(recorded.initialSource, 'recorded');
    assert.equal(recorded.trained.count, 96);
    assert.equal(recorded.trained.size, 11);
    assert.ok(recorded.change !== null && recorded.change > 0, `training moved conv1 by ${recorded.change}`);
    assert.notEqual(recorded.trained.rgb, recorded.initial?.rgb);
    const file = path.join(runDir, INITIAL_FILTERS_FILE);
    fs.renameSync(file, `${file}.aside`);
    try {
      const rebuilt = await conv1Filters(checkpoint);
      assert.equal(rebuilt.initialSource, 'rebuilt');
      assert.equal(rebuilt.initial?.rgb, recorded.initial?.rgb);
      assert.equal(rebuilt.change, recorded.change);
    } finally {
      fs.renameSync(`${file}.aside`, file);
    }
  } finally {
    checkpoint.model.dispose();
  }
});

test('Grad-CAM of the true class lights the digit more than the background', { timeout: 10 * 60_000 }, async () => {
  const done = await trained;
  const checkpoint = await loadCheckpoint(done.best!.path);
  const margins: number[] = [];
  try {
    for (const name of CLASSES) {
      for (let i = 0; i < 6; i++) {
        const file = path.join(data, 'test', name, `${i}.png`);
        const cam = await gradCam(checkpoint, file, name);
        assert.equal(cam.classIndex, checkpoint.meta.classes.indexOf(name));
        assert.equal(cam.camSize, 5);
        assert.equal(cam.heatmap.length, 95);
        assert.ok(cam.heatmap.every((row) => row.length === 95 && row.every((v) => v >= 0 && v <= 1)));
        const { pixels, x } = await imageInput(file, 95);
        x.dispose();
        // Grey digits: pixel brightness >= 128 is the stroke, < 32 the black background.
        let digit = 0;
        let digitN = 0;
        let back = 0;
        let backN = 0;
        cam.heatmap.flat().forEach((h, p) => {
          if (pixels[p * 3] >= 128) [digit, digitN] = [digit + h, digitN + 1];
          else if (pixels[p * 3] < 32) [back, backN] = [back + h, backN + 1];
        });
        margins.push(digit / digitN - back / backN);
      }
    }
  } finally {
    checkpoint.model.dispose();
  }
  const mean = margins.reduce((a, b) => a + b, 0) / margins.length;
  const positive = margins.filter((m) => m > 0).length;
  console.log(`Grad-CAM margin (mean heat on the digit minus on the background): mean ${mean.toFixed(3)}, min ${Math.min(...margins).toFixed(3)}, max ${Math.max(...margins).toFixed(3)}, positive in ${positive} of ${margins.length} images`);
  assert.ok(mean > 0.03, `mean margin ${mean}: ${margins.map((m) => m.toFixed(2)).join(' ')}`);
  assert.ok(positive >= margins.length * 0.6, `positive in only ${positive} of ${margins.length}`);
});

test('the CLI: feature-maps, filters and explain print what they wrote; classify --json lists predicted per file', { timeout: 10 * 60_000 }, async () => {
  const done = await trained;
  const image = path.join(data, 'test', 'two', '0.png');
  const out = path.join(root, 'cli');
  const maps = JSON.parse(cli('feature-maps', done.last!.path, image, '--layers', 'conv1,pool5,fc8', '--out', out, '--json')) as { layers: { name: string; shape: number[]; min: number; max: number; png: string }[] };
  assert.deepEqual(maps.layers.map((l) => [l.name, l.shape]), [['conv1', [23, 23, 96]], ['pool5', [2, 2, 256]], ['fc8', [3]]]);
  for (const l of maps.layers) assert.ok(fs.statSync(l.png).size > 0 && l.min <= l.max, l.name);
  const filters = JSON.parse(cli('filters', done.last!.path, '--out', path.join(out, 'conv1.png'), '--json')) as { shape: number[]; initialSource: string; png: string; initialPng: string };
  assert.deepEqual(filters.shape, [11, 11, 3, 96]);
  assert.equal(filters.initialSource, 'recorded');
  assert.ok(fs.existsSync(filters.png) && fs.existsSync(filters.initialPng));
  const explained = JSON.parse(cli('explain', done.last!.path, image, '--class', 'one', '--json')) as { className: string; heatmap: number[][] };
  assert.equal(explained.className, 'one');
  assert.equal(explained.heatmap.length, 95);
  assert.ok(explained.heatmap.every((row) => row.length === 95 && row.every((v) => v >= 0 && v <= 1)));
  const classified = JSON.parse(cli('classify', done.last!.path, path.join(data, 'test'), '--json')) as { files: { file: string; trueClass: string; predicted: string; probability: number }[] };
  assert.equal(classified.files.length, 18);
  for (const f of classified.files) assert.ok(CLASSES.includes(f.trueClass) && CLASSES.includes(f.predicted) && f.probability > 0 && f.probability <= 1, JSON.stringify(f));
  assert.throws(() => cli('explain', done.last!.path, image, '--class', 'seven'), /unknown class 'seven'/);
  assert.throws(() => cli('feature-maps', done.last!.path, image, '--layers', 'conv9'), /unknown layer conv9/);
});

test('the trainer process answers featureMaps, filters, explain and predictions for the panel', { timeout: 10 * 60_000 }, async () => {
  const done = await trained;
  const c = new TrainerClient({ script: path.resolve(__dirname, '..', '..', '..', 'dist', 'trainer.js') });
  try {
    const image = path.join(data, 'test', 'zero', '1.png');
    const reply = await c.request('featureMaps', { checkpoint: runDir, image, backend: 'wasm' });
    assert.equal(reply.checkpoint, done.best!.path, 'a run folder means its best/');
    assert.deepEqual(reply.classes, [...CLASSES].sort());
    assert.deepEqual(reply.maps.layers.map((l) => l.name), ['conv1', 'pool1', 'conv2', 'pool2', 'conv3', 'conv4', 'conv5', 'pool5', 'fc6', 'fc7', 'fc8']);
    assert.ok(reply.maps.layers.every((l) => l.height <= PANEL_MAP_SIDE && l.width <= (l.shape.length === 1 ? l.shape[0] : PANEL_MAP_SIDE)));
    console.log(`featureMaps reply at 95 px: ${JSON.stringify(reply).length} bytes as JSON`);
    const filters = await c.request('filters', { checkpoint: done.last!.path, backend: 'wasm' });
    assert.equal(filters.initialSource, 'recorded');
    const cam = await c.request('explain', { checkpoint: done.last!.path, image, className: 'zero', backend: 'wasm' });
    assert.deepEqual([cam.className, cam.size, decodeBytes(cam.heat).length], ['zero', 5, 25]);
    const predictions = await c.request('predictions', { checkpoint: done.last!.path });
    assert.equal(predictions?.files.length, 18);
    assert.equal(await c.request('predictions', { checkpoint: root }), null);
    await assert.rejects(c.request('explain', { checkpoint: done.last!.path, image, className: 'nine', backend: 'wasm' }), /unknown class 'nine'/);
  } finally {
    c.dispose();
  }
});
