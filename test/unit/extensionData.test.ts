/** The extension's file-side helpers on real folders: dataset discovery, run folders, export, settings. */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'fs/promises';
import * as os from 'os';
import * as path from 'path';
import { findDatasets } from '../../src/datasets/findDatasets';
import { checkpointForPredictions, defaultCheckpoint, listRuns } from '../../src/runs/runStore';
import { readEpochMetrics } from '../../src/shared/runLayout';
import { exportCheckpoint } from '../../src/runs/exportCheckpoint';
import { resolveRunsFolder, trainConfigFromSettings } from '../../src/config/trainSettings';
import { CheckpointMeta } from '../../src/shared/checkpointMeta';
import { IMAGE_EXTENSIONS, isImageFile } from '../../src/shared/imageFiles';
import { EpochEvent } from '../../src/shared/metrics';
import { DEFAULT_TRAIN_CONFIG } from '../../src/shared/trainConfig';
import { writeDigitPngs, writeMnistDataset } from '../helpers/mnistFolders';
import { checkpointMeta, writeCheckpointFiles as writeCheckpoint } from '../helpers/checkpointMeta';

let tmp: string;
before(async () => {
  tmp = await fs.mkdtemp(path.join(os.tmpdir(), 'alexnet-ext-'));
});
after(async () => {
  await fs.rm(tmp, { recursive: true, force: true });
});

test('finds train/test and train/val class-folder datasets with their counts, and nothing else', async () => {
  const ws = path.join(tmp, 'ws');
  await writeMnistDataset(path.join(ws, 'data', 'digits'), [0, 1, 2], 4, 2);
  await writeMnistDataset(path.join(ws, 'other', 'deep', 'pair'), [3, 7], 3, 1, 'val');
  await writeDigitPngs(path.join(ws, 'loose', 'train', '5'), 5, 2); // no test split: not offered
  await writeDigitPngs(path.join(ws, 'node_modules', 'pkg', 'train', '1'), 1, 1);
  await fs.mkdir(path.join(ws, 'node_modules', 'pkg', 'test', '1'), { recursive: true });
  const found = await findDatasets([ws]);
  assert.deepEqual(
    found.map((d) => [path.relative(ws, d.root), d.classes, d.trainImages, d.testImages, path.basename(d.testDir)]),
    [
      ['data/digits', ['0', '1', '2'], 12, 6, 'test'],
      ['other/deep/pair', ['3', '7'], 6, 2, 'val'],
    ],
  );
});

function meta(kind: 'best' | 'last', epoch: number, testAcc: number, datasetDir: string): CheckpointMeta {
  return checkpointMeta({
    kind, classes: ['0', '1'], epoch,
    metrics: { trainLoss: 0.5, trainAcc: 0.8, testLoss: 0.6, testAcc, lr: 0.01 },
    config: { ...DEFAULT_TRAIN_CONFIG, datasetDir, epochs: 3 }, createdAt: '2026-11-28T00:00:00.000Z',
  });
}

test('reads runs newest first with their checkpoints; the default checkpoint is the newest run\u2019s best', async () => {
  const runs = path.join(tmp, 'runs');
  const older = path.join(runs, '2026-11-27T10-00-00');
  const newer = path.join(runs, '2026-11-28T09-00-00');
  await writeCheckpoint(path.join(older, 'best'), meta('best', 2, 0.9, '/d'));
  await writeCheckpoint(path.join(newer, 'best'), meta('best', 1, 0.7, '/d'));
  await writeCheckpoint(path.join(newer, 'last'), meta('last', 2, 0.6, '/d'));
  await fs.mkdir(path.join(newer, 'broken'), { recursive: true });
  await fs.mkdir(path.join(runs, '2026-11-28T10-00-00', 'last'), { recursive: true }); // crashed before writing model.json
  const list = await listRuns(runs);
  assert.deepEqual(list.map((r) => r.name), ['2026-11-28T10-00-00', '2026-11-28T09-00-00', '2026-11-27T10-00-00']);
  assert.equal(list[0].checkpoints[0].problem, 'model.json is missing');
  assert.deepEqual(list[1].checkpoints.map((c) => [c.kind, c.meta?.epoch]), [['best', 1], ['last', 2]]);
  assert.equal(defaultCheckpoint(list)?.dir, path.join(newer, 'best'));
  // Predictions use the chosen checkpoint while it is readable, else that default.
  assert.equal((await checkpointForPredictions(list, path.join(older, 'best')))?.dir, path.join(older, 'best'));
  assert.equal((await checkpointForPredictions(list, path.join(older, 'last')))?.dir, path.join(newer, 'best'));
  assert.equal((await checkpointForPredictions(list, undefined))?.dir, path.join(newer, 'best'));
  assert.deepEqual(await listRuns(path.join(tmp, 'missing')), []);
});

test('metrics.jsonl: epoch lines are read, other events and a line cut short by a crash are skipped', async () => {
  const run = path.join(tmp, 'metrics-run');
  await fs.mkdir(run, { recursive: true });
  const e = (epoch: number): Partial<EpochEvent> => ({ event: 'epoch', epoch, testAcc: epoch / 10 });
  await fs.writeFile(path.join(run, 'metrics.jsonl'), [e(1), { event: 'batch', epoch: 2 }, e(2)].map((x) => JSON.stringify(x)).join('\n') + '\n{"event":"epo');
  assert.deepEqual((await readEpochMetrics(run)).map((x) => x.epoch), [1, 2]);
});

test('export copies model.json and its weight files and writes metadata.json with the labels', async () => {
  const cp = path.join(tmp, 'export-src', 'best');
  await writeCheckpoint(cp, meta('best', 3, 0.95, '/d'));
  const dest = path.join(tmp, 'exported');
  const out = await exportCheckpoint(cp, dest, 'alexnet-x-best');
  const again = await exportCheckpoint(cp, dest, 'alexnet-x-best');
  assert.equal(path.basename(again), 'alexnet-x-best-2', 'a second export does not overwrite the first');
  assert.deepEqual((await fs.readdir(out)).sort(), ['group1-shard1of1.bin', 'metadata.json', 'model.json']);
  const md = JSON.parse(await fs.readFile(path.join(out, 'metadata.json'), 'utf8'));
  assert.deepEqual(md.labels, ['0', '1']);
  assert.equal(md.imageSize, 63);
  assert.equal(md.testAccuracy, 0.95);
});

test('settings map onto a TrainConfig with the tutorial defaults for anything unset or invalid', () => {
  const values: Record<string, unknown> = { epochs: 3, learningRate: 0.02, augmentation: { vflip: true }, backend: 'gpu-please', batchSize: 'x' };
  const cfg = trainConfigFromSettings(<T>(k: string) => values[k] as T, '/d', '/r');
  assert.equal(cfg.epochs, 3);
  assert.equal(cfg.lr, 0.02);
  assert.equal(cfg.batchSize, DEFAULT_TRAIN_CONFIG.batchSize);
  assert.equal(cfg.vflip, true);
  assert.equal(cfg.hflip, DEFAULT_TRAIN_CONFIG.hflip);
  assert.equal(cfg.backend, 'auto');
  assert.equal(cfg.momentum, 0.9);
  assert.equal(cfg.stepSize, 10);
  assert.equal(cfg.gamma, 0.5);
  assert.equal(resolveRunsFolder(undefined, '/ws'), path.join('/ws', '.alexnet', 'runs'));
  assert.equal(resolveRunsFolder('/abs/runs', '/ws'), '/abs/runs');
  assert.equal(resolveRunsFolder('out', undefined, '/data/set'), path.join('/data', 'out'));
});

test('package.json setting defaults are the tutorial defaults', async () => {
  const pkg = JSON.parse(await fs.readFile(path.join(__dirname, '..', '..', '..', 'package.json'), 'utf8'));
  const p = pkg.contributes.configuration.properties;
  const d = DEFAULT_TRAIN_CONFIG;
  assert.deepEqual(
    [p['alexnet.epochs'].default, p['alexnet.batchSize'].default, p['alexnet.inputSize'].default, p['alexnet.learningRate'].default,
      p['alexnet.momentum'].default, p['alexnet.weightDecay'].default, p['alexnet.stepSize'].default, p['alexnet.gamma'].default, p['alexnet.backend'].default],
    [d.epochs, d.batchSize, d.inputSize, d.lr, d.momentum, d.weightDecay, d.stepSize, d.gamma, d.backend],
  );
  assert.deepEqual(p['alexnet.augmentation'].default, { hflip: d.hflip, vflip: d.vflip, randomCrop: d.randomCrop });
});

test('Classify Image shows in the Explorer and editor menus for exactly the image types datasets use', async () => {
  const pkg = JSON.parse(await fs.readFile(path.join(__dirname, '..', '..', '..', 'package.json'), 'utf8'));
  const menus = pkg.contributes.menus as Record<string, { command: string; when?: string }[]>;
  const candidates = [...IMAGE_EXTENSIONS, ...IMAGE_EXTENSIONS.map((e) => e.toUpperCase()), '.avif', '.svg', '.txt', '.json', '.jpgx', ''];
  for (const where of ['explorer/context', 'editor/title']) {
    const entry = menus[where].find((m) => m.command === 'alexnet.classifyImage');
    const m = /resourceExtname =~ \/(.+)\/(\w*)$/.exec(entry?.when ?? '');
    assert.ok(m, `${where}: a resourceExtname condition`);
    const re = new RegExp(m[1], m[2]);
    assert.deepEqual(candidates.filter((e) => re.test(e)), candidates.filter((e) => isImageFile(`x${e}`)), where);
  }
});

test('export refuses a model.json whose weight paths leave the folder, and writes nothing outside it', async () => {
  const cp = path.join(tmp, 'hostile-src', 'best');
  await writeCheckpoint(cp, meta('best', 1, 0.5, '/d'));
  const secret = path.join(tmp, 'secret.txt');
  await fs.writeFile(secret, 'not for export');
  const model = { modelTopology: {}, weightsManifest: [{ paths: ['../../secret.txt'], weights: [] }] };
  await fs.writeFile(path.join(cp, 'model.json'), JSON.stringify(model));
  const dest = path.join(tmp, 'hostile-dest');
  await assert.rejects(exportCheckpoint(cp, dest, 'x'), /weights path "\.\.\/\.\.\/secret\.txt" leaves the checkpoint folder/);
  assert.deepEqual(await fs.readdir(dest).catch(() => []), []);
});

test('the runs view lists a checkpoint with a hostile meta.json as unusable, naming the field', async () => {
  const run = path.join(tmp, 'hostile-runs', '2026-11-28T11-00-00');
  const bad = { ...meta('best', 1, 0.5, '/d'), classes: 'not a list' };
  await writeCheckpoint(path.join(run, 'best'), bad as unknown as CheckpointMeta);
  const [listed] = await listRuns(path.dirname(run));
  assert.equal(listed.checkpoints[0].meta, null);
  assert.match(listed.checkpoints[0].problem ?? '', /meta\.json: "classes" must be an array/);
});
