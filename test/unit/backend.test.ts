import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { BackendReport } from '../../src/shared/backendReport';

const cli = (...args: string[]) => execFileSync(process.execPath, ['bin/alexnet.js', ...args], { encoding: 'utf8' });

test('auto falls back to a working backend and says why each faster one was not used', () => {
  const report = JSON.parse(cli('backend', '--json')) as BackendReport;
  const order = ['tensorflow-gpu', 'webgpu', 'tensorflow', 'wasm', 'cpu'];
  assert.ok(order.includes(report.backend));
  const faster = order.slice(0, order.indexOf(report.backend));
  assert.deepEqual(report.skipped.map((s) => s.backend), faster);
  for (const s of report.skipped) assert.match(s.reason, /not installed|failed|no CUDA|no WebGPU adapter|only a software adapter/);
  assert.ok(report.device.length > 0);
});

test('a forced backend is used, and the report says the faster ones were not tried', () => {
  const report = JSON.parse(cli('backend', '--backend', 'cpu', '--json')) as BackendReport;
  assert.equal(report.backend, 'cpu');
  assert.equal(report.skipped.length, 4);
  for (const s of report.skipped) assert.match(s.reason, /not tried: backend 'cpu' was requested/);
});

test('an unknown backend is a usage error', () => {
  assert.throws(() => cli('backend', '--backend', 'tpu'), (err: { status: number; stderr: string }) => err.status === 2 && /--backend must be/.test(err.stderr));
});

test('alexnet layers --json reproduces the tutorial table', () => {
  const table = JSON.parse(cli('layers', '--classes', '1000', '--input-size', '224', '--json')) as { totalParams: number; layers: { output: number[] }[] };
  assert.equal(table.totalParams, 62378344);
  assert.deepEqual(table.layers[1].output, [27, 27, 96]);
});

test('asking for cpu (for a layer table) and then auto returns to the fastest backend', async () => {
  const { selectBackend } = await import('../../src/engine/backend');
  const tf = await import('@tensorflow/tfjs-core');
  const auto = await selectBackend('auto');
  await selectBackend('cpu');
  assert.equal(tf.getBackend(), 'cpu');
  const again = await selectBackend('auto');
  assert.equal(again, auto);
  assert.equal(tf.getBackend(), auto.tfBackend);
});

test('a threaded wasm start that hangs falls back to one thread, and the report says why', () => {
  // A 1 ms limit stands in for workers that never answer; the start still in flight is then ignored.
  const env = { ...process.env, ALEXNET_WASM_THREADS: '2', ALEXNET_WASM_START_TIMEOUT_MS: '1' };
  const report = JSON.parse(execFileSync(process.execPath, ['bin/alexnet.js', 'backend', '--json'], { encoding: 'utf8', env })) as { backend: string; threads: number; device: string };
  assert.equal(report.backend, 'wasm');
  assert.equal(report.threads, 1);
  assert.match(report.device, /threads off: the threaded start did not finish within 0\.001 s/);
});
