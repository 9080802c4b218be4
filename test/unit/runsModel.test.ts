/** The vscode-free runs model: loading, the checkpoint in use, the selection, the active run and crash leftovers. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'fs/promises';
import * as path from 'path';
import { RunsModel } from '../../src/runs/runsModel';
import { checkpointMeta, writeCheckpointFiles } from '../helpers/checkpointMeta';
import { tmpDir } from '../helpers/tmp';

function model(folder: string): { runs: RunsModel; stored: { value?: string } } {
  const stored: { value?: string } = {};
  const runs = new RunsModel(() => folder, {
    get: () => stored.value,
    update: async (dir) => {
      stored.value = dir;
    },
  });
  return { runs, stored };
}

test('the checkpoint in use is the newest run’s best until one is chosen; choosing it is remembered and announced', async () => {
  const folder = path.join(tmpDir(), 'runs');
  const older = path.join(folder, '20261127-100000');
  const newer = path.join(folder, '20261128-090000');
  await writeCheckpointFiles(path.join(older, 'best'), checkpointMeta({ kind: 'best', epoch: 2 }));
  await writeCheckpointFiles(path.join(newer, 'best'), checkpointMeta({ kind: 'best', epoch: 1 }));
  await writeCheckpointFiles(path.join(newer, 'last'), checkpointMeta({ kind: 'last', epoch: 2 }));
  const { runs, stored } = model(folder);
  assert.equal((await runs.checkpointForPredictions())?.dir, path.join(newer, 'best'));
  assert.deepEqual(runs.runs.map((r) => r.name), ['20261128-090000', '20261127-100000']);

  const events: string[] = [];
  runs.onDidChange(() => events.push('change'));
  runs.onDidSelect((dir) => events.push(`select ${dir}`));
  await runs.select(path.join(older, 'best'));
  assert.equal(stored.value, path.join(older, 'best'));
  assert.deepEqual(events, [`select ${path.join(older, 'best')}`, 'change']);
  assert.equal((await runs.checkpointForPredictions())?.dir, path.join(older, 'best'));

  // A chosen checkpoint that was deleted falls back to the default.
  await fs.rm(older, { recursive: true });
  assert.equal((await runs.checkpointForPredictions())?.dir, path.join(newer, 'best'));
  runs.dispose();
});

test('the run being trained shows before its first checkpoint, even outside the runs folder', async () => {
  const folder = path.join(tmpDir(), 'runs');
  const { runs } = model(folder);
  let changes = 0;
  runs.onDidChange(() => changes++);
  const active = path.join(tmpDir(), 'elsewhere', '20261128-120000');
  runs.setActiveRun(active);
  assert.equal(changes, 1);
  assert.deepEqual((await runs.load()).map((r) => [r.dir, r.checkpoints.length]), [[active, 0]]);
  runs.setActiveRun(undefined);
  assert.deepEqual(await runs.load(), []);
});

test('a best/ lost between the two renames of a swap is read from the .old-best-* copy the crash left', async () => {
  const folder = path.join(tmpDir(), 'runs');
  const run = path.join(folder, '20261128-130000');
  await writeCheckpointFiles(path.join(run, '.old-best-4242-1700000000000'), checkpointMeta({ kind: 'best', epoch: 3 }));
  await writeCheckpointFiles(path.join(run, 'last'), checkpointMeta({ kind: 'last', epoch: 4 }));
  const { runs } = model(folder);
  const [info] = await runs.load();
  const best = info.checkpoints.find((c) => c.kind === 'best');
  assert.equal(best?.dir, path.join(run, '.old-best-4242-1700000000000'));
  assert.equal(best?.meta?.epoch, 3);
  assert.equal(runs.checkpointInUse?.kind, 'best');
});
