import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import * as vscode from 'vscode';
import { SUITE_DATASET } from '../harness/suiteDataset';
import type { AlexNetApi } from '../../../src/extension';
import type { CheckpointMeta } from '../../../src/shared/checkpointMeta';
import { describeAdapter } from '../../../src/shared/backendReport';
import type { DoneEvent } from '../../../src/shared/metrics';
import { extension, workspaceDir } from './extension';

// Training on webgpu through the Train command. Without a GPU the adapter is SwiftShader (the runner points the
// Vulkan loader at it when scripts/setup-swiftshader.sh has unpacked it): slow, so a tiny copy of the suite's digits.
const TINY = { folder: 'digits-webgpu', classes: SUITE_DATASET.digits.slice(0, 2).map(String), train: 4, test: 1 };
const SETTINGS: Record<string, unknown> = { backend: 'webgpu', epochs: 1, inputSize: 63, batchSize: 4 };

function copyTinyDataset(): string {
  const from = path.join(workspaceDir(), SUITE_DATASET.folder);
  const to = path.join(workspaceDir(), TINY.folder);
  fs.rmSync(to, { recursive: true, force: true });
  for (const [split, n] of [['train', TINY.train], ['test', TINY.test]] as const) {
    for (const cls of TINY.classes) {
      const files = fs.readdirSync(path.join(from, split, cls)).sort().slice(0, n);
      fs.mkdirSync(path.join(to, split, cls), { recursive: true });
      for (const f of files) fs.copyFileSync(path.join(from, split, cls, f), path.join(to, split, cls, f));
    }
  }
  return to;
}

describe('training on webgpu', () => {
  it('trains with alexnet.backend = webgpu and the panel names the adapter', async function () {
    if (!process.env.VK_ICD_FILENAMES && !process.env.VK_DRIVER_FILES) {
      console.log('    skipped: no Vulkan driver chosen for the extension host (run scripts/setup-swiftshader.sh for SwiftShader)');
      this.skip();
    }
    this.timeout(15 * 60_000);
    const api = (await extension().activate()) as AlexNetApi;
    const config = vscode.workspace.getConfiguration('alexnet');
    const before = Object.fromEntries(Object.keys(SETTINGS).map((k) => [k, config.inspect(k)?.workspaceValue]));
    const dataset = copyTinyDataset();
    try {
      for (const [k, v] of Object.entries(SETTINGS)) await config.update(k, v, vscode.ConfigurationTarget.Workspace);
      const t0 = Date.now();
      const done = await vscode.commands.executeCommand<DoneEvent | undefined>('alexnet.train', vscode.Uri.file(dataset));
      assert.ok(done, 'alexnet.train returned no result: training failed or did not start (see the AlexNet output log)');
      assert.strictEqual(done.stopped, false);
      console.log(`    webgpu training: ${((Date.now() - t0) / 1000).toFixed(1)} s for 1 epoch`);
      const meta = JSON.parse(fs.readFileSync(path.join(done.runDir, 'last', 'meta.json'), 'utf8')) as CheckpointMeta;
      assert.strictEqual(meta.backend, 'webgpu');
      // The run's backend report, as the panel received it.
      const report = api.panelState().backend;
      assert.ok(report, 'the panel got no backend report');
      assert.strictEqual(report.backend, 'webgpu');
      assert.ok(report.adapter, 'the backend report names no adapter');
      if (process.env.VK_ICD_FILENAMES?.includes('swiftshader')) {
        assert.strictEqual(report.adapter.architecture, 'swiftshader');
        assert.match(report.device, /^CPU, software WebGPU adapter/);
      }
      console.log(`    panel backend line: ${report.backend} (${report.device})`);
      console.log(`    adapter: ${describeAdapter(report.adapter)}`);
    } finally {
      for (const [k, v] of Object.entries(before)) await config.update(k, v, vscode.ConfigurationTarget.Workspace);
      fs.rmSync(dataset, { recursive: true, force: true });
    }
  });
});
