import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import * as tf from '@tensorflow/tfjs-core';
import { buildAlexNet } from '../../src/engine/alexnet';
import { selectBackend } from '../../src/engine/backend';
import { loadCheckpoint, saveCheckpoint } from '../../src/engine/checkpoints';
import { modelConfig } from '../../src/shared/modelConfig';
import { mnistBatch } from '../helpers/mnistBatch';
import { checkpointMeta } from '../helpers/checkpointMeta';

const meta = checkpointMeta({ classes: ['a', 'b'] });

/** A 120 MB tmpfs: room for one 63 px checkpoint (about 84 MB of weights) but not for a second beside it. */
function smallDisk(): string | undefined {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'alexnet-tmpfs-'));
  try {
    execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=120m', 'tmpfs', dir], { stdio: 'pipe' });
  } catch {
    fs.rmdirSync(dir);
    return undefined;
  }
  process.on('exit', () => {
    execFileSync('umount', [dir]);
    fs.rmdirSync(dir);
  });
  return dir;
}

test('the disk filling up while a checkpoint is written leaves the previous checkpoint intact', async (t) => {
  const disk = smallDisk();
  if (!disk) {
    t.skip('mounting a small tmpfs needs root');
    return;
  }
  await selectBackend('wasm');
  const dir = path.join(disk, 'run', 'last');
  const first = buildAlexNet(modelConfig({ numClasses: 2, inputSize: 63, seed: 1 }));
  await saveCheckpoint(dir, first, meta);
  const x = mnistBatch(2, 63);
  const expected = Array.from(await (first.predict(x) as tf.Tensor).data());
  first.dispose();

  const second = buildAlexNet(modelConfig({ numClasses: 2, inputSize: 63, seed: 2 }));
  await assert.rejects(saveCheckpoint(dir, second, { ...meta, epoch: 2 }), /no space left on the disk while writing .*last: the previous checkpoint there is intact/);
  second.dispose();

  assert.deepEqual(fs.readdirSync(path.dirname(dir)), ['last'], 'no temporary folder is left behind');
  const loaded = await loadCheckpoint(dir);
  assert.equal(loaded.meta.epoch, 1);
  const y = loaded.model.predict(x) as tf.Tensor;
  assert.deepEqual(Array.from(await y.data()), expected);
  tf.dispose([x, y]);
  loaded.model.dispose();
});
