/**
 * The process-wide changes of src/engine/globalEffects.ts: written for the versions it names, made on import, and
 * the threaded wasm start they enable still works (a tfjs upgrade that breaks it falls back to one thread).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as os from 'node:os';
import * as tf from '@tensorflow/tfjs-core';
import sharp from 'sharp';
import { selectBackend } from '../../src/engine/backend';
import { TESTED_VERSIONS } from '../../src/engine/globalEffects';
import { BackendReport } from '../../src/shared/backendReport';

test('the installed tfjs and sharp are the versions the global effects were checked against', () => {
  for (const [pkg, version] of Object.entries(TESTED_VERSIONS)) {
    const installed = (require(`${pkg}/package.json`) as { version: string }).version;
    assert.equal(installed, version, `${pkg} ${installed}: check each effect in src/engine/globalEffects.ts, then update TESTED_VERSIONS`);
  }
});

test('the threaded wasm build starts with the wanted threads, in a fresh process', () => {
  const out = execFileSync(process.execPath, ['bin/alexnet.js', 'backend', '--backend', 'wasm', '--json'], {
    encoding: 'utf8',
    env: { ...process.env, ALEXNET_WASM_THREADS: '2' },
    timeout: 120_000,
  });
  const report = JSON.parse(out) as BackendReport;
  assert.equal(report.backend, 'wasm');
  assert.doesNotMatch(report.device, /threads off/, report.device);
  assert.equal(report.threads, 2, report.device);
});

test('import-time effects are made, and the wasm start restores the Worker and os.cpus it patched', async () => {
  assert.equal(tf.env().getBool('PROD'), true);
  assert.equal(sharp.concurrency(), 1);
  const cores = os.cpus().length;
  const worker = Object.getOwnPropertyDescriptor(globalThis, 'Worker');
  process.env.ALEXNET_WASM_THREADS = '2';
  const report = await selectBackend('wasm');
  assert.equal(report.backend, 'wasm');
  assert.equal(os.cpus().length, cores);
  assert.deepEqual(Object.getOwnPropertyDescriptor(globalThis, 'Worker'), worker);
});
