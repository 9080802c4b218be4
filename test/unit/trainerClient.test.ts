/** The extension's trainer client against the real trainer process (dist/trainer.js), on real MNIST images. */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'fs/promises';
import * as os from 'os';
import * as path from 'path';
import * as zlib from 'zlib';
import * as l10n from '@vscode/l10n';
import { TrainerClient, TrainerError, TrainerExitError } from '../../src/trainer/trainerClient';
import { localized, messageText } from '../../src/shared/messages';
import { BatchEvent, EpochEvent, ProgressEvent, RunStart } from '../../src/shared/metrics';
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
  await assert.rejects(c.request('backend', { backend: 'cpu' }), (err: Error) => err instanceof TrainerExitError && /Cannot find module/.test(err.message));
  assert.equal(exitCode, 1);
});

test('sample data, dataset check, layer table and errors naming the file, over one process', async () => {
  const c = client();
  try {
    const sample = await c.request('sampleData', { dir: path.join(tmp, 'digits'), perClassTrain: 3, perClassTest: 2 });
    assert.deepEqual([sample.classes.length, sample.train, sample.test], [10, 30, 20]);
    const summary = await c.request('check', { datasetDir: sample.dir });
    assert.deepEqual(summary.counts.train, Array(10).fill(3));
    const table = await c.request('layers', { config: { numClasses: 10, inputSize: 63, lrn: false } });
    assert.equal(table.classes, 10);
    assert.equal(table.inputSize, 63);
    const missing = path.join(tmp, 'no-such-dataset');
    await assert.rejects(c.request('check', { datasetDir: missing }), (err: Error) => err instanceof TrainerError && err.file === missing);
    // The process survives a failed request.
    assert.equal((await c.request('check', { datasetDir: sample.dir })).classes.length, 10);
  } finally {
    c.dispose();
  }
});

test('a run streams backend, dataset, start and layers, then batches and epochs; stop gets through; resume continues with its history', async () => {
  const c = client();
  const data = path.join(tmp, 'digits-train');
  try {
    await c.request('sampleData', { dir: data, perClassTrain: 4, perClassTest: 2 });
    const side: string[] = [];
    const batches: BatchEvent[] = [];
    const epochs: EpochEvent[] = [];
    const abort = new AbortController();
    const outDir = path.join(tmp, 'runs', 'r1');
    const config = { ...DEFAULT_TRAIN_CONFIG, datasetDir: data, outDir, epochs: 5, inputSize: 63, batchSize: 8, backend: 'wasm' as const };
    const train = c.request('train', { config }, {
      signal: abort.signal,
      onEvent: (e) => {
        if (e.type === 'batch') batches.push(e.event);
        else if (e.type === 'epoch') {
          epochs.push(e.event);
          abort.abort(); // stop after the first epoch: the run must end cleanly with what it has
        } else if (e.type !== 'progress') side.push(e.type);
      },
    });
    // Queued behind the run (one request at a time per process): answered after it, on the same process.
    const queued = c.request('check', { datasetDir: data });
    const cancelledWhileQueued = new AbortController();
    const dropped = c.request('backend', { backend: 'cpu' }, { signal: cancelledWhileQueued.signal });
    cancelledWhileQueued.abort();
    await assert.rejects(dropped, /cancelled/);
    const done = await train;
    assert.deepEqual(side, ['backend', 'dataset', 'started', 'layers']);
    assert.ok(batches.length >= 1);
    assert.ok(epochs.length >= 1 && epochs.length < 5, `stopped after ${epochs.length} epochs`);
    assert.equal(done.stopped, true);
    assert.ok(done.last, 'a last checkpoint');
    assert.equal((await queued).classes.length, 10);
    const meta = JSON.parse(await fs.readFile(path.join(done.last.path, 'meta.json'), 'utf8'));
    assert.equal(meta.kind, 'last');
    // The checkpoint classifies in the same process.
    const image = path.join(data, 'test', '7', (await fs.readdir(path.join(data, 'test', '7')))[0]);
    const result = await c.request('classify', { checkpoint: done.last.path, paths: [image], topK: 3, backend: 'wasm' });
    assert.equal(result.files[0].top.length, 3);

    // Resume asks for the run folder and a new total only; the engine sends back the epochs already done.
    let started: RunStart | undefined;
    const resumed = await c.request('train', { resume: outDir, epochs: done.last.epoch + 1, backend: 'wasm' }, {
      onEvent: (e) => {
        if (e.type === 'started') started = e.run;
      },
    });
    assert.ok(started);
    assert.equal(started.runDir, path.resolve(outDir));
    assert.equal(started.epochs, done.last.epoch + 1);
    assert.deepEqual(started.history.map((e) => e.epoch), epochs.map((e) => e.epoch).slice(0, done.last.epoch));
    assert.equal(resumed.last?.epoch, done.last.epoch + 1);
  } finally {
    c.dispose();
  }
});

test('check and summary stream counts; a cancelled check ends in the trainer between files, which stays up', async () => {
  const c = client();
  try {
    const data = path.join(tmp, 'digits');
    const cache = path.join(tmp, 'summary-cache');
    const counts: ProgressEvent[] = [];
    const checked = await c.request('check', { datasetDir: data, cacheDir: cache }, { onEvent: (e) => counts.push(e) });
    const total = checked.counts.train.reduce((a, b) => a + b, 0) + checked.counts.test.reduce((a, b) => a + b, 0);
    assert.deepEqual(counts.filter((e) => e.phase === 'decode').at(-1), { event: 'progress', phase: 'decode', done: total, total });
    // The panel's summary: the check's result again, from the cache, without decoding.
    assert.deepEqual(await c.request('summary', { datasetDir: data, cacheDir: cache }), checked);
    const pid = c.pid;
    const abort = new AbortController();
    const cancelled = c.request('check', { datasetDir: data }, {
      signal: abort.signal,
      onEvent: (e) => {
        if (e.phase === 'decode') abort.abort();
      },
    });
    await assert.rejects(cancelled, /cancelled/);
    assert.equal(c.pid, pid, 'the same trainer process answers the next request');
    assert.equal((await c.request('backend', { backend: 'cpu' })).backend, 'cpu');
  } finally {
    c.dispose();
  }
});

test('a trainer killed mid-request fails the request with how it died', async () => {
  const c = client();
  await c.request('backend', { backend: 'cpu' });
  const pending = c.request('check', { datasetDir: path.join(tmp, 'digits') });
  process.kill(c.pid!, 'SIGKILL');
  await assert.rejects(pending, (err: Error) => err instanceof TrainerExitError && /killed by SIGKILL/.test(err.message));
  // The next request starts a fresh process.
  assert.equal((await c.request('backend', { backend: 'cpu' })).backend, 'cpu');
  c.dispose();
});

test('the trainer inspects and imports a PyTorch .pth, and a hostile one is refused without harming the process', { timeout: 300_000 }, async () => {
  const fixtures = path.join(ROOT, 'test', 'fixtures', 'torch');
  const pth = path.join(tmp, 'tutorial.pth');
  await fs.writeFile(pth, zlib.gunzipSync(await fs.readFile(path.join(fixtures, 'tutorial-63-pattern.pth.gz'))));
  const c = client();
  try {
    const info = await c.request('inspectTorch', { file: pth });
    assert.deepEqual([info.layout, info.classes, info.inputSizes[0], info.variant], ['tutorial', 7, 63, 'tutorial']);
    const hostile = path.join(fixtures, 'posix-system.pth');
    const refusal = await c.request('inspectTorch', { file: hostile }).then(
      () => assert.fail('posix-system.pth accepted'),
      (err: unknown) => err,
    );
    assert.ok(refusal instanceof TrainerError, String(refusal));
    assert.match(refusal.message, /names the Python global posix\.system/);
    // The refusal arrives coded, naming the file, so the host shows it in the UI language.
    assert.equal(refusal.coded?.code, 'torch.pickleGlobal');
    assert.equal(refusal.file, hostile);
    assert.equal(messageText(refusal.coded), refusal.message);
    l10n.config({ fsPath: path.join(ROOT, 'l10n', 'bundle.l10n.zh-cn.json') });
    try {
      assert.match(localized(refusal.message, refusal.coded), /^.*posix-system\.pth：data\.pkl 引用了 Python 全局对象 posix\.system/);
    } finally {
      l10n.config({ contents: {} });
    }
    const runsRoot = path.join(tmp, 'runs');
    const classes = ['a', 'b', 'c', 'd', 'e', 'f', 'g'];
    const result = await c.request('importTorch', { file: pth, classes, inputSize: 63, runsRoot, backend: 'wasm' });
    assert.equal(path.dirname(result.runDir), runsRoot);
    assert.deepEqual(result.meta.classes, classes);
    assert.equal(result.meta.source?.layout, 'tutorial');
  } finally {
    c.dispose();
  }
});
