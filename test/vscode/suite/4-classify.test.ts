import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import * as vscode from 'vscode';
import type { ClassifyResult } from '../../../src/shared/checkpointMeta';
import { SUITE_DATASET } from '../harness/suiteDataset';
import { workspaceDir } from './extension';

describe('Classify Image', () => {
  it('classifies held-out test images like an Explorer multi-selection, mostly right', async function () {
    this.timeout(3 * 60_000);
    const testDir = path.join(workspaceDir(), SUITE_DATASET.folder, 'test');
    const files = SUITE_DATASET.digits.flatMap((digit) =>
      fs.readdirSync(path.join(testDir, String(digit))).sort().map((f) => path.join(testDir, String(digit), f)),
    );
    const uris = files.map((f) => vscode.Uri.file(f));
    // An Explorer context-menu command receives (clicked resource, all selected resources).
    const result = await vscode.commands.executeCommand<ClassifyResult | undefined>('alexnet.classifyImage', uris[0], uris);
    assert.ok(result, 'alexnet.classifyImage should return its ClassifyResult');
    assert.deepStrictEqual(result.classes, SUITE_DATASET.digits.map(String));
    assert.strictEqual(result.files.length, files.length);
    let right = 0;
    for (const f of result.files) {
      assert.strictEqual(f.error, undefined, `${f.file}: ${f.error}`);
      assert.ok(f.top.length > 0, `${f.file}: no predictions`);
      const truth = path.basename(path.dirname(f.file));
      if (f.top[0].class === truth) right++;
      const sum = f.top.reduce((s, p) => s + p.probability, 0);
      assert.ok(sum <= 1.0001, `${f.file}: probabilities sum to ${sum}`);
    }
    console.log(`    top-1 right for ${right}/${files.length} held-out images (${path.basename(result.checkpoint)})`);
    // A realistic bar for a few epochs at 67 px: most, not all (chance would be a third).
    assert.ok(right >= Math.ceil(files.length * 0.7), `top-1 right for only ${right} of ${files.length}`);
  });
});
