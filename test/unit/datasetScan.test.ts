import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'fs';
import * as path from 'path';
import { scanDataset } from '../../src/engine/datasetScan';
import { checkDataset } from '../../src/engine/datasetCheck';
import { writeSampleDataset } from '../../src/engine/sampleData';
import { ProgressEvent } from '../../src/shared/metrics';
import { tmpDir, writeDigit, writeSplit } from '../helpers/tmp';

test('sample dataset: classes in sorted order, counts equal the files on disk, check agrees', async () => {
  const root = path.join(tmpDir(), 'digits');
  await writeSampleDataset(root, 12, 3);
  const scanned = await scanDataset(root);
  assert.deepEqual(scanned.summary.classes, ['0', '1', '2', '3', '4', '5', '6', '7', '8', '9']);
  for (const [i, c] of scanned.summary.classes.entries()) {
    assert.equal(scanned.summary.counts.train[i], fs.readdirSync(path.join(root, 'train', c)).length);
    assert.equal(scanned.summary.counts.test[i], fs.readdirSync(path.join(root, 'test', c)).length);
  }
  assert.ok(scanned.train.every((s) => path.basename(path.dirname(s.file)) === String(s.label)));
  const checked = await checkDataset(root);
  assert.deepEqual(checked.counts, scanned.summary.counts);
  assert.deepEqual(checked.skipped, []);
  assert.ok(checked.warnings.some((w) => /fewer than 10 images/.test(w)), 'test split has 3 per class');
  await assert.rejects(writeSampleDataset(root), /already exists and is not empty/);
});

test('classes sort by code point like Python; nested files count; hidden entries and other extensions are ignored', async () => {
  const root = tmpDir();
  const classes = ['b', 'B', 'Z', 'a', 'é', '猫'];
  await writeSplit(root, 'train', classes, 2);
  await writeSplit(root, 'test', classes, 1);
  await writeDigit(path.join(root, 'train', 'a', 'nested', 'deeper', 'x.PNG'), 0, 50);
  await writeDigit(path.join(root, 'train', 'a', '.hidden.png'), 0, 51);
  await writeDigit(path.join(root, 'train', 'a', '.cache', 'y.png'), 0, 52);
  fs.writeFileSync(path.join(root, 'train', 'a', 'notes.txt'), 'not an image');
  await writeDigit(path.join(root, 'train', '.ipynb_checkpoints', 'z.png'), 0, 53);
  const { summary } = await scanDataset(root);
  assert.deepEqual(summary.classes, ['B', 'Z', 'a', 'b', 'é', '猫']);
  assert.deepEqual(summary.counts.train, [2, 2, 3, 2, 2, 2]);
});

test('val/ serves as the test split; a root of class folders is split by a seeded fraction', async () => {
  const withVal = tmpDir();
  await writeSplit(withVal, 'train', ['cat', 'dog'], 3);
  await writeSplit(withVal, 'val', ['cat', 'dog'], 2);
  const a = await scanDataset(withVal);
  assert.equal(path.basename(a.summary.testDir as string), 'val');
  assert.deepEqual(a.summary.counts.test, [2, 2]);

  const flat = tmpDir();
  await writeSplit(flat, '.', ['cat', 'dog'], 10);
  const b1 = await scanDataset(flat, { valFraction: 0.2, seed: 3 });
  const b2 = await scanDataset(flat, { valFraction: 0.2, seed: 3 });
  assert.equal(b1.summary.layout, 'folders');
  assert.deepEqual(b1.summary.counts, { train: [8, 8], test: [2, 2] });
  assert.deepEqual(b1.test.map((s) => s.file), b2.test.map((s) => s.file));
  const trainFiles = new Set(b1.train.map((s) => s.file));
  assert.ok(b1.test.every((s) => !trainFiles.has(s.file)));
});

test('train/test class mismatch names the missing classes', async () => {
  const root = tmpDir();
  await writeSplit(root, 'train', ['cat', 'dog', 'fox'], 1);
  await writeSplit(root, 'test', ['cat', 'dog', 'owl'], 1);
  await assert.rejects(scanDataset(root), /missing in test\/: fox; missing in train\/: owl/);
});

test('the scan reads no file: empty files are skipped by size, the rest is checked when decoded; an empty class is refused', async () => {
  const root = tmpDir();
  await writeSplit(root, 'train', ['a', 'b'], 2);
  await writeSplit(root, 'test', ['a', 'b'], 1);
  fs.writeFileSync(path.join(root, 'train', 'a', 'zero.jpg'), '');
  fs.writeFileSync(path.join(root, 'train', 'a', 'text.jpg'), 'hello, I am text');
  const progress: ProgressEvent[] = [];
  const { summary } = await scanDataset(root, { onProgress: (e) => progress.push(e) });
  assert.deepEqual(summary.skipped.map((s) => [path.basename(s.file), s.reason]), [['zero.jpg', 'empty file (0 bytes)']]);
  assert.deepEqual(summary.counts.train, [3, 2], 'text.jpg is only found out when decoded');
  assert.deepEqual(progress.at(-1), { event: 'progress', phase: 'scan', done: 4, total: 4 }, 'class folders of both splits');
  const checked = await checkDataset(root);
  const reasons = Object.fromEntries(checked.skipped.map((s) => [path.basename(s.file), s.reason]));
  assert.match(reasons['zero.jpg'], /empty file/);
  assert.match(reasons['text.jpg'], /not an image/);
  assert.deepEqual(checked.counts.train, [2, 2]);

  fs.mkdirSync(path.join(root, 'train', 'c'));
  fs.mkdirSync(path.join(root, 'test', 'c'));
  fs.writeFileSync(path.join(root, 'train', 'c', 'empty.png'), '');
  await assert.rejects(scanDataset(root), (err: Error) => /no usable training images/.test(err.message) && err.message.includes(path.join(root, 'train', 'c')));
  fs.writeFileSync(path.join(root, 'train', 'c', 'broken.png'), 'nope');
  assert.ok((await checkDataset(root)).warnings.includes('classes with no decodable training images: c'));
});

test('check reports decode progress with counts and stops on cancel', async () => {
  const root = tmpDir();
  await writeSplit(root, 'train', ['a', 'b'], 3);
  await writeSplit(root, 'test', ['a', 'b'], 1, 50);
  const progress: ProgressEvent[] = [];
  await checkDataset(root, { onProgress: (e) => progress.push(e) });
  assert.deepEqual(progress.filter((e) => e.phase === 'decode').at(-1), { event: 'progress', phase: 'decode', done: 8, total: 8 });
  const controller = new AbortController();
  controller.abort();
  await assert.rejects(checkDataset(root, { signal: controller.signal }), /cancelled/);
});

test('a single class, a missing folder and a train/ without test/ get their own messages', async () => {
  const one = tmpDir();
  await writeSplit(one, 'train', ['only'], 2);
  await writeSplit(one, 'test', ['only'], 1);
  await assert.rejects(scanDataset(one), /only one class \(only\)/);
  await assert.rejects(scanDataset(path.join(one, 'nope')), /dataset folder not found/);
  const noTest = tmpDir();
  await writeSplit(noTest, 'train', ['a', 'b'], 1);
  await assert.rejects(scanDataset(noTest), /has train\/ but no test\/, val\/ or valid\//);
});

test('check decodes every file: a truncated image is listed, identical train/test files are warned about', async () => {
  const root = tmpDir();
  await writeSplit(root, 'train', ['a', 'b'], 3);
  await writeSplit(root, 'test', ['a', 'b'], 1, 0);
  const good = fs.readFileSync(path.join(root, 'train', 'b', '1.png'));
  fs.writeFileSync(path.join(root, 'train', 'b', 'cut.png'), good.subarray(0, Math.floor(good.length / 2)));
  const summary = await checkDataset(root);
  const cut = summary.skipped.find((s) => s.file.endsWith('cut.png'));
  assert.ok(cut, 'truncated file listed');
  assert.match(cut.reason, /corrupt or truncated/);
  assert.ok(summary.warnings.some((w) => /identical files? in both train and test/.test(w)));
});
