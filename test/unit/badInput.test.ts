import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'fs';
import * as path from 'path';
import { DatasetSummary } from '../../src/shared/dataset';
import { writeBadCorpus } from '../helpers/badCorpus';
import { tmpDir, writeSplit } from '../helpers/tmp';

function alexnet(...args: string[]) {
  const r = spawnSync(process.execPath, ['bin/alexnet.js', ...args], { encoding: 'utf8' });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

function snapshot(root: string): string[] {
  return (fs.readdirSync(root, { recursive: true }) as string[]).sort();
}

test('the bad-input corpus: every file is used or skipped with its reason, and the dataset is left as it was', async () => {
  const { root, cases } = await writeBadCorpus(tmpDir());
  const before = snapshot(root);
  const r = alexnet('check', root, '--json');
  assert.equal(r.status, 0, r.stderr);
  const summary = JSON.parse(r.stdout) as DatasetSummary;
  assert.deepEqual(summary.classes, ['sad', '开心 happy'], 'code-point order, like Python');
  for (const c of cases) {
    const skipped = summary.skipped.find((s) => s.file === c.file);
    if (c.expect.used) assert.equal(skipped, undefined, `${c.name} was skipped: ${skipped?.reason}`);
    else {
      assert.ok(skipped, `${c.name} was not reported`);
      assert.match(skipped.reason, c.expect.reason, c.name);
    }
  }
  const used = cases.filter((c) => c.expect.used).length;
  assert.equal(summary.counts.train[1], 3 + used, 'good digits plus the usable corpus files');
  assert.ok(!summary.skipped.some((s) => s.file.includes('.hidden') || s.file.includes('.DS_Store')), 'hidden entries are ignored, not reported');
  const human = alexnet('check', root);
  assert.ok(human.stdout.includes(`skipped ${cases.length - used} file(s):`), human.stdout);
  assert.deepEqual(snapshot(root), before);
});

test('datasets that cannot be trained on stop with one clear line and exit 1', async () => {
  const parent = tmpDir();
  const make = async (name: string, train: string[], test: string[], emptyClass?: string) => {
    const root = path.join(parent, name);
    await writeSplit(root, 'train', train, 2);
    await writeSplit(root, 'test', test, 1);
    if (emptyClass) fs.mkdirSync(path.join(root, 'train', emptyClass), { recursive: true });
    return root;
  };
  const cases: [string, RegExp][] = [
    [await make('mismatch', ['a', 'b'], ['a', 'c']), /train and test have different classes \(missing in test\/: b; missing in train\/: c\)/],
    [await make('single', ['only'], ['only']), /only one class \(only\)/],
    [await make('empty class', ['a', 'b'], ['a', 'b', 'c'], 'c'), /class with no usable training images: .*empty class.train.c/],
    [path.join(parent, 'missing'), /dataset folder not found/],
  ];
  for (const [root, message] of cases) {
    const r = alexnet('train', root, '--epochs', '1', '--input-size', '63', '--out', path.join(parent, 'runs', path.basename(root)));
    assert.equal(r.status, 1, `${root}: ${r.stderr}`);
    assert.match(r.stderr, message);
    assert.equal(r.stderr.trim().split('\n').length, 1, `one line, no stack: ${r.stderr}`);
    assert.ok(!fs.existsSync(path.join(parent, 'runs', path.basename(root), 'last')));
  }
});

test('a batch too large for memory is refused before training, with a batch size that fits', async () => {
  const root = path.join(tmpDir(), 'two');
  await writeSplit(root, 'train', ['a', 'b'], 2);
  await writeSplit(root, 'test', ['a', 'b'], 1);
  const r = alexnet('train', root, '--input-size', '224', '--batch-size', '1000', '--backend', 'wasm', '--out', path.join(root, '..', 'run'));
  assert.equal(r.status, 1, r.stderr);
  assert.match(r.stderr, /a batch of 1000 images at 224 px needs about [\d.]+ GB for a training step, more than the wasm backend can address \(4 GiB\); try --batch-size \d+ or smaller/);
  assert.ok(!fs.existsSync(path.join(root, '..', 'run', 'last')));
});
