import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'fs';
import * as path from 'path';
import * as tf from '@tensorflow/tfjs-core';
import { buildAlexNet } from '../../src/engine/alexnet';
import { selectBackend } from '../../src/engine/backend';
import { loadCheckpoint, saveCheckpoint } from '../../src/engine/checkpoints';
import { modelConfig } from '../../src/shared/modelConfig';
import { mnistBatch } from '../helpers/mnistBatch';
import { tmpDir } from '../helpers/tmp';
import { checkpointMeta } from '../helpers/checkpointMeta';

const classes = ['0', '1', '2'];
const meta = (epoch: number) => checkpointMeta({ classes, epoch });

async function saved(): Promise<{ dir: string; expected: Float32Array }> {
  await selectBackend('wasm');
  const model = buildAlexNet(modelConfig({ numClasses: 3, inputSize: 63, seed: 5 }));
  const dir = path.join(tmpDir(), 'run', 'last');
  await saveCheckpoint(dir, model, meta(1));
  const x = mnistBatch(3, 63);
  const y = model.predict(x) as tf.Tensor;
  const expected = (await y.data()) as Float32Array;
  tf.dispose([x, y]);
  model.dispose();
  return { dir, expected };
}

test('a checkpoint round trip gives identical predictions and leaves no temporary folders', async () => {
  const { dir, expected } = await saved();
  assert.deepEqual(fs.readdirSync(dir).sort(), ['meta.json', 'model.json', 'weights.bin']);
  assert.deepEqual(fs.readdirSync(path.dirname(dir)), ['last']);
  const loaded = await loadCheckpoint(dir);
  const x = mnistBatch(3, 63);
  const y = loaded.model.predict(x) as tf.Tensor;
  assert.deepEqual(Array.from(await y.data()), Array.from(expected));
  assert.deepEqual(loaded.meta.classes, classes);
  tf.dispose([x, y]);
  loaded.model.dispose();
  // The run folder resolves to its checkpoint too.
  const viaRun = await loadCheckpoint(path.dirname(dir));
  assert.equal(viaRun.dir, dir);
  viaRun.model.dispose();
});

test('saving over a checkpoint replaces it whole', async () => {
  const { dir } = await saved();
  const model = buildAlexNet(modelConfig({ numClasses: 3, inputSize: 63, seed: 6 }));
  await saveCheckpoint(dir, model, meta(2));
  model.dispose();
  assert.equal(JSON.parse(fs.readFileSync(path.join(dir, 'meta.json'), 'utf8')).epoch, 2);
  assert.deepEqual(fs.readdirSync(path.dirname(dir)), ['last']);
});

test('a model.json whose weight paths leave the folder is refused', async () => {
  const { dir } = await saved();
  const file = path.join(dir, 'model.json');
  const json = JSON.parse(fs.readFileSync(file, 'utf8'));
  json.weightsManifest[0].paths = ['../../../etc/passwd'];
  fs.writeFileSync(file, JSON.stringify(json));
  await assert.rejects(loadCheckpoint(dir), /leaves the checkpoint folder; refusing to load it/);
});

test('meta.json with wrong types or huge arrays is refused with the field named', async () => {
  const { dir } = await saved();
  const file = path.join(dir, 'meta.json');
  const good = JSON.parse(fs.readFileSync(file, 'utf8'));
  fs.writeFileSync(file, JSON.stringify({ ...good, inputSize: '63' }));
  await assert.rejects(loadCheckpoint(dir), /"inputSize" must be an integer/);
  fs.writeFileSync(file, JSON.stringify({ ...good, classes: Array.from({ length: 200_000 }, (_, i) => `c${i}`) }));
  await assert.rejects(loadCheckpoint(dir), /"classes" has 200000 entries/);
  fs.writeFileSync(file, '{not json');
  await assert.rejects(loadCheckpoint(dir), /meta\.json is not valid JSON/);
  fs.writeFileSync(file, JSON.stringify({ ...good, classes: ['0', '1'] }));
  await assert.rejects(loadCheckpoint(dir), /the model has 3 outputs but meta\.json lists 2 classes/);
});
