import * as assert from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import * as vscode from 'vscode';
import type { ClassifyResult } from '../../../src/shared/checkpointMeta';
import { SUITE_DATASET } from '../harness/suiteDataset';
import { runsDir, workspaceDir } from './extension';

/** The run the training test left: the newest run folder. */
function latestRun(): string {
  const runs = fs.readdirSync(runsDir()).filter((n) => !n.startsWith('.')).sort();
  assert.ok(runs.length > 0, `no run in ${runsDir()}: the training test must run first`);
  return path.join(runsDir(), runs[runs.length - 1]);
}

describe('checkpoint commands', () => {
  it('exports a checkpoint as a TF.js model with metadata.json holding the labels', async () => {
    const best = path.join(latestRun(), 'best');
    const dest = fs.mkdtempSync(path.join(os.tmpdir(), 'alexnet-export-'));
    // The Runs view passes its tree node; a path does the same and skips the folder dialog.
    const out = await vscode.commands.executeCommand<string | undefined>('alexnet.exportCheckpoint', best, dest);
    assert.ok(out && out.startsWith(dest), `exported into ${dest}: ${out}`);
    const files = fs.readdirSync(out).sort();
    assert.ok(files.includes('model.json') && files.includes('metadata.json'), files.join(', '));
    const model = JSON.parse(fs.readFileSync(path.join(out, 'model.json'), 'utf8')) as { weightsManifest: { paths: string[] }[] };
    for (const p of model.weightsManifest.flatMap((g) => g.paths)) assert.ok(files.includes(p), `weight file ${p} copied`);
    const metadata = JSON.parse(fs.readFileSync(path.join(out, 'metadata.json'), 'utf8')) as { labels: string[]; imageSize: number };
    assert.deepStrictEqual(metadata.labels, SUITE_DATASET.digits.map(String));
    fs.rmSync(dest, { recursive: true, force: true });
  });

  it('selecting a checkpoint makes Classify Image use it', async function () {
    this.timeout(2 * 60_000);
    const last = path.join(latestRun(), 'last');
    const selected = await vscode.commands.executeCommand<string | undefined>('alexnet.selectCheckpoint', last);
    assert.strictEqual(selected, last);
    const digit = SUITE_DATASET.digits[0];
    const dir = path.join(workspaceDir(), SUITE_DATASET.folder, 'test', String(digit));
    const image = vscode.Uri.file(path.join(dir, fs.readdirSync(dir).sort()[0]));
    const result = await vscode.commands.executeCommand<ClassifyResult | undefined>('alexnet.classifyImage', image);
    assert.ok(result);
    assert.strictEqual(result.checkpoint, last);
  });
});
