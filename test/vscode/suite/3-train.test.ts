import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import * as vscode from 'vscode';
import { SUITE_DATASET, SUITE_SETTINGS } from '../harness/suiteDataset';
import { listRunDirs, waitFor, workspaceDir } from './extension';

interface MetaLike {
  kind: string;
  epoch: number;
  classes: string[];
  inputSize: number;
  metrics: { testAcc: number };
}

function readMeta(file: string): MetaLike | undefined {
  try {
    return JSON.parse(fs.readFileSync(file, 'utf8')) as MetaLike;
  } catch {
    return undefined; // not written yet (checkpoints are written to a temporary folder and renamed)
  }
}


describe('training through the Train command', () => {
  it('trains on the workspace dataset and writes best/ and last/ checkpoints', async function () {
    this.timeout(12 * 60_000);
    const epochs = SUITE_SETTINGS['alexnet.epochs'] as number;
    const dataset = path.join(workspaceDir(), SUITE_DATASET.folder);
    const before = new Set(listRunDirs());
    const t0 = Date.now();
    // The dataset argument skips the QuickPick, like a click on a dataset folder would.
    await vscode.commands.executeCommand('alexnet.train', vscode.Uri.file(dataset));
    const run = await waitFor('a finished run folder with best/ and last/', 10 * 60_000, () => {
      for (const dir of listRunDirs().filter((d) => !before.has(d))) {
        const last = readMeta(path.join(dir, 'last', 'meta.json'));
        const best = readMeta(path.join(dir, 'best', 'meta.json'));
        if (last && best && last.epoch >= epochs) return dir;
      }
      return undefined;
    });
    console.log(`    training: ${((Date.now() - t0) / 1000).toFixed(1)} s for ${epochs} epochs -> ${run}`);
    const last = readMeta(path.join(run, 'last', 'meta.json'));
    const best = readMeta(path.join(run, 'best', 'meta.json'));
    assert.ok(last && best);
    assert.strictEqual(last.kind, 'last');
    assert.strictEqual(best.kind, 'best');
    assert.deepStrictEqual(last.classes, SUITE_DATASET.digits.map(String));
    assert.strictEqual(last.inputSize, SUITE_SETTINGS['alexnet.inputSize']);
    for (const kind of ['best', 'last']) {
      assert.ok(fs.existsSync(path.join(run, kind, 'model.json')), `${kind}/model.json`);
    }
    console.log(`    best test accuracy ${(best.metrics.testAcc * 100).toFixed(1)}% at epoch ${best.epoch}`);
  });
});
