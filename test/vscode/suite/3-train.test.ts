import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import * as vscode from 'vscode';
import { SUITE_DATASET, SUITE_SETTINGS } from '../harness/suiteDataset';
import type { CheckpointMeta } from '../../../src/shared/checkpointMeta';
import type { DoneEvent } from '../../../src/shared/metrics';
import { runsDir, workspaceDir } from './extension';

function readMeta(file: string): CheckpointMeta | undefined {
  return fs.existsSync(file) ? (JSON.parse(fs.readFileSync(file, 'utf8')) as CheckpointMeta) : undefined;
}

describe('training through the Train command', () => {
  it('trains on the workspace dataset and writes best/ and last/ checkpoints', async function () {
    this.timeout(12 * 60_000);
    const epochs = SUITE_SETTINGS['alexnet.epochs'] as number;
    const dataset = path.join(workspaceDir(), SUITE_DATASET.folder);
    const t0 = Date.now();
    // The dataset argument skips the QuickPick, like a click on a dataset folder would. The command resolves when
    // the run ends, with the trainer's `done` event (undefined when it failed: the AlexNet output channel says why).
    const done = await vscode.commands.executeCommand<DoneEvent | undefined>('alexnet.train', vscode.Uri.file(dataset));
    assert.ok(done, 'alexnet.train returned no result: training failed or did not start (see the AlexNet output log)');
    assert.strictEqual(done.stopped, false);
    const run = done.runDir;
    assert.ok(run.startsWith(runsDir()), `run folder ${run} is under the runs folder ${runsDir()}`);
    console.log(`    training: ${((Date.now() - t0) / 1000).toFixed(1)} s for ${epochs} epochs -> ${run}`);
    const last = readMeta(path.join(run, 'last', 'meta.json'));
    const best = readMeta(path.join(run, 'best', 'meta.json'));
    assert.ok(last && best, 'best/meta.json and last/meta.json');
    assert.strictEqual(last.epoch, epochs);
    assert.strictEqual(last.kind, 'last');
    assert.strictEqual(best.kind, 'best');
    assert.deepStrictEqual(last.classes, SUITE_DATASET.digits.map(String));
    assert.strictEqual(last.inputSize, SUITE_SETTINGS['alexnet.inputSize']);
    for (const kind of ['best', 'last']) {
      assert.ok(fs.existsSync(path.join(run, kind, 'model.json')), `${kind}/model.json`);
    }
    console.log(`    best test accuracy ${((best.metrics.testAcc ?? NaN) * 100).toFixed(1)}% at epoch ${best.epoch}`);
  });
});
