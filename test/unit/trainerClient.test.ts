/** The extension's trainer client against the real trainer process (dist/trainer.js), on real MNIST images. */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'fs/promises';
import * as os from 'os';
import * as path from 'path';
import { TrainerClient, TrainerError, TrainerExitError } from '../../src/trainerClient';
import { BatchEvent, EpochEvent } from '../../src/shared/metrics';
import { DEFAULT_TRAIN_CONFIG } from '../../src/shared/trainConfig';

const ROOT = path.resolve(__dirname, '..', '..', '..');
const TRAINER = path.join(ROOT, 'dist', 'trainer.js');
let tmp: string;
const logs: string[] = [];
const client = () => new TrainerClient({ script: TRAINER, log: (l) => logs.push(l) });

before(async () => {
  tmp = await fs.mkdtemp(path.join(os.tmpdir(), 'alexnet-client-'));
});
after(async () => {
  await fs.rm(tmp, { recursive: true, force: true });
});

test('a trainer bundle that is not there fails with the reason, not a hang', async () => {
  let exitCode: number | null = null;
  const c = new TrainerClient({ script: path.join(tmp, 'missing.js'), onExit: (e) => (exitCode = e.code) });
  await assert.rejects(c.backend('cpu'), (err: Error) => err instanceof TrainerExitError && /Cannot find module/.test(err.message));
  assert.equal(exitCode, 1);
});

test('sample data, dataset check, layer table and errors naming the file, over one process', async () => {
  const c = client();
  try {
    const sample = await c.sampleData(path.join(tmp, 'digits'), { train: 3, test: 2 });
    assert.deepEqual([sample.classes.length, sample.train, sample.test], [10, 30, 20]);
    const summary = await c.check(sample.dir);
    assert.deepEqual(summary.counts.train, Array(10).fill(3));
    const table = await c.layers({ numClasses: 10, inputSize: 63, lrn: false });
    assert.equal(table.classes, 10);
    assert.equal(table.inputSize, 63);
    const missing = path.join(tmp, 'no-such-dataset');
    await assert.rejects(c.check(missing), (err: Error) => err instanceof TrainerError && err.file === missing);
    // The process survives a failed request.
    assert.equal((await c.check(sample.dir)).classes.length, 10);
  } finally {
    c.dispose();
  }
});

test('a run reports its dataset, backend and layers, then batches and epochs; stop ends it with a last checkpoint', async () => {
  const c = client();
  const data = path.join(tmp, 'digits-train');
  try {
    await c.sampleData(data, { train: 4, test: 2 });
    const side: string[] = [];
    const batches: BatchEvent[] = [];
    const epochs: EpochEvent[] = [];
    const abort = new AbortController();
    const outDir = path.join(tmp, 'runs', 'r1');
    const done = await c.train(
      { ...DEFAULT_TRAIN_CONFIG, datasetDir: data, outDir, epochs: 5, inputSize: 63, batchSize: 8, backend: 'wasm' },
      {
        onSide: (m) => side.push(m.type),
        onEvent: (e) => {
          if (e.event === 'batch') batches.push(e);
          if (e.event === 'epoch') {
            epochs.push(e);
            abort.abort(); // stop after the first epoch: the run must end cleanly with what it has
          }
        },
      },
      abort.signal,
    );
    assert.deepEqual([...side].sort(), ['backend', 'dataset', 'layers']);
    assert.ok(batches.length >= 1);
    assert.ok(epochs.length >= 1 && epochs.length < 5, `stopped after ${epochs.length} epochs`);
    assert.equal(done.stopped, true);
    assert.ok(done.last, 'a last checkpoint');
    const meta = JSON.parse(await fs.readFile(path.join(done.last.path, 'meta.json'), 'utf8'));
    assert.equal(meta.kind, 'last');
    // The checkpoint classifies in the same process.
    const image = path.join(data, 'test', '7', (await fs.readdir(path.join(data, 'test', '7')))[0]);
    const result = await c.classify(done.last.path, [image], 3, 'wasm');
    assert.equal(result.files[0].top.length, 3);
  } finally {
    c.dispose();
  }
});

test('a trainer killed mid-request fails the request with how it died', async () => {
  const c = client();
  await c.backend('cpu');
  const pending = c.check(path.join(tmp, 'digits'));
  process.kill(c.pid!, 'SIGKILL');
  await assert.rejects(pending, (err: Error) => err instanceof TrainerExitError && /killed by SIGKILL/.test(err.message));
  // The next request starts a fresh process.
  assert.equal((await c.backend('cpu')).backend, 'cpu');
  c.dispose();
});
