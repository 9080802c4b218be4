import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as os from 'node:os';
import { BackendReport } from '../../src/shared/backendReport';

const report = (env: NodeJS.ProcessEnv) =>
  JSON.parse(
    execFileSync(process.execPath, ['bin/alexnet.js', 'backend', '--backend', 'wasm', '--json'], {
      encoding: 'utf8',
      env: { ...process.env, ...env },
      timeout: 60_000,
    }),
  ) as BackendReport;

test('wasm runs on as many threads as cores (up to 8), with SIMD, and the process still exits', () => {
  const cores = Math.min(8, os.availableParallelism());
  const r = report({ ALEXNET_WASM_THREADS: '' });
  assert.equal(r.backend, 'wasm');
  assert.equal(r.simd, true);
  assert.equal(r.threads, cores, r.device);
  assert.deepEqual(r.trainingKernels?.includes('Conv2DBackpropFilter'), true);
});

test('ALEXNET_WASM_THREADS=1 selects the single-threaded build', () => {
  const r = report({ ALEXNET_WASM_THREADS: '1' });
  assert.equal(r.threads, 1);
  assert.match(r.device, /1 thread,/);
});
