/**
 * The engine's skip reasons and refusals travel with a code: in the engine (and so the CLI) their text is English
 * and equals the catalogue's English template; with the zh-CN bundle configured, as the host and the panel do, the
 * same code reads in Chinese. Real files, the real scanner.
 */
import * as l10n from '@vscode/l10n';
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs/promises';
import * as path from 'node:path';
import { test } from 'node:test';
import { checkDataset } from '../../src/engine/datasetCheck';
import { DatasetError, scanDataset } from '../../src/engine/datasetScan';
import { selectBackend } from '../../src/engine/backend';
import { messageText } from '../../src/shared/messages';
import { tmpDir, writeSplit } from '../helpers/tmp';

const root = tmpDir('alexnet-messages-');
const zhBundle = path.join(__dirname, '..', '..', '..', 'l10n', 'bundle.l10n.zh-cn.json');

test('skipped files and refusals carry codes whose English text is the engine text, and read in Chinese with the zh-CN bundle', async () => {
  const ds = path.join(root, 'ds');
  await writeSplit(ds, 'train', ['a', 'b'], 3);
  await writeSplit(ds, 'test', ['a', 'b'], 2);
  await fs.writeFile(path.join(ds, 'train', 'a', 'empty.png'), '');
  await fs.writeFile(path.join(ds, 'train', 'b', 'notes.png'), 'this is text, not a PNG');
  const good = await fs.readFile(path.join(ds, 'train', 'a', '0.png'));
  await fs.writeFile(path.join(ds, 'test', 'b', 'cut.png'), good.subarray(0, Math.floor(good.length / 2)));
  const one = path.join(root, 'one');
  await writeSplit(one, 'train', ['only'], 2);
  await writeSplit(one, 'test', ['only'], 1);

  const summary = await checkDataset(ds);
  assert.equal(summary.skipped.length, 3, JSON.stringify(summary.skipped));
  // The scan's reasons and the full decode's (check) carry codes.
  const empty = summary.skipped.find((s) => s.file.endsWith('empty.png'));
  assert.ok(empty?.message, 'the empty file has a code');
  for (const s of summary.skipped) assert.equal(messageText(s.message), s.reason, 'English text = catalogue template');
  // Three images per class: the "fewer than 10 images" warnings, coded in the same order.
  assert.ok(summary.warnings.length >= 2, JSON.stringify(summary.warnings));
  assert.deepEqual(summary.warnings.map((_, i) => messageText(summary.warningMessages?.[i])), summary.warnings);
  const refusal = await scanDataset(one).then(
    () => assert.fail('one class accepted'),
    (err: unknown) => err as DatasetError,
  );
  assert.ok(refusal instanceof DatasetError && refusal.coded);
  assert.equal(messageText(refusal.coded), refusal.message);
  const forced = await selectBackend('cpu');
  for (const s of forced.skipped) assert.equal(messageText(s.message), s.reason);

  l10n.config({ fsPath: zhBundle });
  try {
    const zh = summary.skipped.map((s) => messageText(s.message) ?? '');
    console.log(zh.join('\n'));
    assert.ok(zh.includes('空文件（0 字节）'), zh.join('; '));
    assert.match(messageText(refusal.coded) ?? '', /^.+ 中只有一个类别（only）：分类器至少需要两个类别文件夹$/);
    assert.match(messageText(forced.skipped[0].message) ?? '', /^未尝试/);
    assert.match(messageText(summary.warningMessages?.[0]) ?? '', /^train：图像少于 10 张的类别：a, b$/);
  } finally {
    l10n.config({ contents: {} });
  }
});

test('messages from elsewhere are checked: unknown codes and wrong parameter counts give no text', () => {
  assert.equal(messageText({ code: 'toString', params: [] }), undefined);
  assert.equal(messageText({ code: 'skip.tooLarge', params: [1] }), undefined);
  assert.equal(messageText({ code: 'skip.emptyFile', params: [{}] }), undefined);
  assert.equal(messageText('skip.emptyFile'), undefined);
  assert.equal(messageText({ code: 'skip.emptyFile', params: [] }), 'empty file (0 bytes)');
});
