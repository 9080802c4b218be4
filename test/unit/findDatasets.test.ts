import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'fs/promises';
import * as path from 'path';
import { findDatasets } from '../../src/datasets/findDatasets';
import { writeDigitPngs, writeMnistDataset } from '../helpers/mnistFolders';
import { tmpDir } from '../helpers/tmp';

test('a dataset folder linked into the workspace is offered; symbolic link loops are not followed', async () => {
  const elsewhere = path.join(tmpDir(), 'fer2013_数据增强版本');
  await writeMnistDataset(elsewhere, [0, 1], 3, 2);
  const ws = path.join(tmpDir(), 'ws');
  await fs.mkdir(path.join(ws, 'data'), { recursive: true });
  await fs.symlink(elsewhere, path.join(ws, 'data', 'fer'));
  // Loops: a link to the workspace itself, and one inside a class folder back to its split.
  await fs.symlink(ws, path.join(ws, 'data', 'again'));
  await writeDigitPngs(path.join(ws, 'looped', 'train', '1'), 1, 2);
  await writeDigitPngs(path.join(ws, 'looped', 'test', '1'), 1, 1);
  await fs.symlink(path.join(ws, 'looped', 'train'), path.join(ws, 'looped', 'train', '1', 'back'));
  const found = await findDatasets([ws], { maxDepth: 6 });
  assert.deepEqual(
    found.map((d) => [path.relative(ws, d.root), d.classes, d.trainImages, d.testImages]),
    [
      ['data/fer', ['0', '1'], 6, 4],
      ['looped', ['1'], 2, 1],
    ],
  );
});
