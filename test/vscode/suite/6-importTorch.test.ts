import * as assert from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import * as zlib from 'zlib';
import * as vscode from 'vscode';
import type { ClassifyResult, CheckpointMeta } from '../../../src/shared/checkpointMeta';
import { repoRoot } from '../harness/paths';
import { SUITE_DATASET } from '../harness/suiteDataset';
import { runsDir, workspaceDir } from './extension';

describe('Import PyTorch Checkpoint', () => {
  it("imports a torch-made .pth of the tutorial's model.py as a run that Classify uses", async function () {
    this.timeout(4 * 60_000);
    const gz = path.join(repoRoot(), 'test', 'fixtures', 'torch', 'tutorial-63-pattern.pth.gz');
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'alexnet-pth-'));
    const pth = path.join(dir, 'alexnet-best-model.pth');
    fs.writeFileSync(pth, zlib.gunzipSync(fs.readFileSync(gz)));
    const classes = ['a', 'b', 'c', 'd', 'e', 'f', 'g'];
    // The Explorer passes the clicked .pth; the options stand in for the class and input-size pickers.
    const runDir = await vscode.commands.executeCommand<string | undefined>('alexnet.importTorchCheckpoint', vscode.Uri.file(pth), { classes, inputSize: 63 });
    assert.ok(runDir && path.dirname(runDir) === runsDir(), `imported into the runs folder: ${runDir}`);
    try {
      const best = path.join(runDir, 'best');
      const meta = JSON.parse(fs.readFileSync(path.join(best, 'meta.json'), 'utf8')) as CheckpointMeta;
      assert.strictEqual(meta.source?.file, pth);
      assert.strictEqual(meta.variant, 'tutorial');
      assert.deepStrictEqual(meta.classes, classes);
      assert.strictEqual(await vscode.commands.executeCommand('alexnet.selectCheckpoint', best), best);
      const digitDir = path.join(workspaceDir(), SUITE_DATASET.folder, 'test', String(SUITE_DATASET.digits[0]));
      const image = vscode.Uri.file(path.join(digitDir, fs.readdirSync(digitDir).sort()[0]));
      const result = await vscode.commands.executeCommand<ClassifyResult | undefined>('alexnet.classifyImage', image);
      assert.ok(result);
      assert.strictEqual(result.checkpoint, best);
      assert.deepStrictEqual(result.classes, classes);
      // A file that is not a checkpoint is refused; no run folder appears.
      const before = fs.readdirSync(runsDir()).length;
      const bad = path.join(repoRoot(), 'test', 'fixtures', 'torch', 'posix-system.pth');
      assert.strictEqual(await vscode.commands.executeCommand('alexnet.importTorchCheckpoint', vscode.Uri.file(bad), { classes, inputSize: 63 }), undefined);
      assert.strictEqual(fs.readdirSync(runsDir()).length, before);
    } finally {
      // Later suites take the newest run to be the trained one.
      fs.rmSync(runDir, { recursive: true, force: true });
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
