import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as path from 'path';
import { BackendReport } from '../../src/shared/backendReport';
import { tmpDir, writeSplit } from '../helpers/tmp';
import { useSoftwareVulkan } from '../helpers/vulkan';

// The CLI on webgpu end to end, on SwiftShader where there is no GPU: tiny sizes, SwiftShader is slow.
useSoftwareVulkan();
const cli = (...args: string[]) =>
  execFileSync(process.execPath, ['bin/alexnet.js', ...args], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], timeout: 900_000 });

function webgpuReport(): { report?: BackendReport; skip?: string } {
  try {
    return { report: JSON.parse(cli('backend', '--backend', 'webgpu', '--json')) as BackendReport };
  } catch (err) {
    const stderr = String((err as { stderr?: string }).stderr ?? err);
    return { skip: `no WebGPU adapter (run scripts/setup-swiftshader.sh for a software Vulkan driver): ${stderr.trim().split('\n').pop()}` };
  }
}
const probe = webgpuReport();

test('the backend report names the WebGPU adapter and never calls a software one a GPU', (t) => {
  if (!probe.report) return t.skip(probe.skip);
  const r = probe.report;
  assert.equal(r.backend, 'webgpu');
  assert.equal(r.tfBackend, 'webgpu');
  assert.ok(r.adapter, 'adapter described');
  assert.ok(r.adapter.limits.maxStorageBufferBindingSize > 0);
  assert.ok(r.trainingKernels?.includes('Conv2DBackpropFilter'));
  if (r.adapter.fallback) {
    assert.match(r.device, /^CPU, software WebGPU adapter/);
    assert.doesNotMatch(r.device, /GPU,/);
    // auto does not take a software adapter (wasm is faster on the same CPU) and says why.
    const auto = JSON.parse(cli('backend', '--json')) as BackendReport;
    assert.notEqual(auto.backend, 'webgpu');
    assert.match(auto.skipped.find((s) => s.backend === 'webgpu')?.reason ?? '', /only a software adapter/);
  } else {
    assert.match(r.device, /^GPU, WebGPU/);
  }
  console.log('webgpu adapter:', JSON.stringify(r.adapter));
});

interface Classified {
  files: { file: string; top: { class: string; probability: number }[] }[];
}

const tinyRun = async (): Promise<{ data: string; run: string; images: string[] }> => {
  const root = tmpDir();
  const data = path.join(root, 'data');
  await writeSplit(data, 'train', ['zero', 'one'], 2);
  await writeSplit(data, 'test', ['zero', 'one'], 1, 2);
  const images = [path.join(data, 'test', 'zero', '0.png'), path.join(data, 'test', 'one', '0.png')];
  return { data, run: path.join(root, 'run'), images };
};
const train = (data: string, run: string, backend: string) =>
  cli('train', data, '--backend', backend, '--epochs', '1', '--batch-size', '4', '--input-size', '63', '--seed', '1', '--out', run, '--json');

// Top-1 equal and probabilities within 1e-3 when one checkpoint is classified on webgpu and on wasm.
function assertSameOnWasmAndWebgpu(run: string, images: string[]): void {
  const on = (backend: string) => (JSON.parse(cli('classify', path.join(run, 'best'), ...images, '--backend', backend, '--json')) as Classified).files;
  const gpu = on('webgpu');
  const wasm = on('wasm');
  assert.equal(gpu.length, images.length);
  for (let i = 0; i < gpu.length; i++) {
    assert.equal(gpu[i].top[0].class, wasm[i].top[0].class, `${images[i]}: top-1 differs`);
    for (let k = 0; k < gpu[i].top.length; k++) {
      assert.ok(Math.abs(gpu[i].top[k].probability - wasm[i].top[k].probability) < 1e-3, `${images[i]}: probabilities differ`);
    }
  }
}

test('train on webgpu (GPU memory in the epoch event); its checkpoint classifies the same on wasm and webgpu', (t) => {
  if (!probe.report) return t.skip(probe.skip);
  return (async () => {
    const { data, run, images } = await tinyRun();
    const out = train(data, run, 'webgpu');
    const epoch = JSON.parse(out.split('\n').find((l) => l.includes('"event":"epoch"')) ?? '{}') as { gpuMB?: number; tensors?: number };
    assert.equal(typeof epoch.gpuMB, 'number', `epoch event without gpuMB: ${out}`);
    assert.ok((epoch.gpuMB ?? 0) > 0);
    assertSameOnWasmAndWebgpu(run, images);
  })();
});

test('a checkpoint trained on wasm classifies the same on webgpu', (t) => {
  if (!probe.report) return t.skip(probe.skip);
  return (async () => {
    const { data, run, images } = await tinyRun();
    train(data, run, 'wasm');
    assertSameOnWasmAndWebgpu(run, images);
  })();
});
