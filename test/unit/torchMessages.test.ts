/**
 * PyTorch import refusals travel as catalogue codes (src/shared/messages.ts, `torch.*`): in the engine, and so the
 * CLI, the text is the English template; with the zh-CN bundle configured, as in the extension host, the same code
 * reads in Chinese, still naming the file, with no English sentence left inside. Real bad files, the real reader.
 */
import * as l10n from '@vscode/l10n';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';
import { importTorchCheckpoint } from '../../src/engine/torch/importTorch';
import { TorchFileError } from '../../src/engine/torch/torchErrors';
import { writeStateDict } from '../../src/engine/torch/writeStateDict';
import { localized, MessageCode, messageText } from '../../src/shared/messages';
import { tmpDir } from '../helpers/tmp';
import { CLASSES, fixture, gunzipFixture, zipOf } from '../helpers/torchFixtures';

const l10nDir = path.join(__dirname, '..', '..', '..', 'l10n');
const zhBundle = path.join(l10nDir, 'bundle.l10n.zh-cn.json');

async function refusal(file: string, inputSize: number | undefined): Promise<TorchFileError> {
  let caught: unknown;
  await importTorchCheckpoint({ file, classes: CLASSES, inputSize, outDir: path.join(path.dirname(file), 'never') }).catch((err: unknown) => (caught = err));
  assert.ok(caught instanceof TorchFileError, `expected a refusal of ${file}, got ${String(caught)}`);
  return caught;
}

test('refusals of real bad .pth files are coded, read the same in English and in Chinese with the zh-CN bundle', async () => {
  const dir = tmpDir('alexnet-torch-messages-');
  const copy = (name: string) => {
    const file = path.join(dir, name);
    fs.copyFileSync(fixture(name), file);
    return file;
  };
  const zeros = (shape: number[]) => ({ shape, values: new Float32Array(shape.reduce((a, b) => a * b, 1)) });
  const torchvision = path.join(dir, 'torchvision-alexnet.pth');
  await writeStateDict(torchvision, [
    { name: 'features.0.weight', ...zeros([64, 3, 11, 11]) },
    { name: 'features.0.bias', ...zeros([64]) },
  ]);
  const cases: [string, MessageCode, number | undefined][] = [
    [copy('posix-system.pth'), 'torch.pickleGlobal', 63],
    [copy('legacy.pth'), 'torch.legacyFormat', 63],
    [copy('whole-model.pth'), 'torch.wholeModel', 63],
    [torchvision, 'torch.tensorShapeTorchvision', 63],
    [gunzipFixture(dir), 'torch.inputSizeAmbiguous', undefined],
  ];
  const refused = await Promise.all(cases.map(async ([file, code, size]) => ({ file, code, err: await refusal(file, size) })));
  for (const { file, code, err } of refused) {
    assert.equal(err.code, code, err.message);
    assert.equal(err.file, file);
    assert.ok(err.message.startsWith(`${file}: `), err.message);
    // The coded form is plain data (it crosses the IPC channel) and renders to the very text the CLI prints.
    assert.deepEqual(JSON.parse(JSON.stringify(err.coded)), err.coded);
    assert.equal(messageText(err.coded), err.message);
  }
  assert.match(refused[0].err.message, /names the Python global posix\.system/);
  assert.match(refused[3].err.message, /\(64 filters in conv1: this is torchvision's alexnet, a different network with 64\/192\/384\/256\/256 channels\)$/);
  assert.match(refused[4].err.message, /which every input size from 63 to 94 gives: choose one \(--input-size\)$/);

  l10n.config({ fsPath: zhBundle });
  try {
    const zh = refused.map(({ err }) => localized(err.message, err.coded));
    console.log(zh.join('\n'));
    zh.forEach((text, i) => {
      const { file } = refused[i];
      assert.ok(text.startsWith(`${file}：`), `the Chinese names the file first: ${text}`);
      assert.notEqual(text, refused[i].err.message);
      // No English sentence is left inside: the words of the English templates are gone.
      assert.doesNotMatch(text.slice(file.length), /\b(the|tutorial|which|refusing|filters|network|gives|choose)\b/, text);
    });
    assert.match(zh[0], /data\.pkl 引用了 Python 全局对象 posix\.system，/);
    assert.match(zh[1], /旧版 torch\.save 文件/);
    assert.match(zh[3], /features\.0\.weight 的形状是 \[64, 3, 11, 11\]，但教程的 conv1 需要 \[96, 3, 11, 11\]（conv1 有 64 个卷积核：这是 torchvision 的 alexnet/);
    assert.match(zh[4], /f9\.weight 接受 256 个输入，63 到 94 的每个输入尺寸都能得到这个数/);
  } finally {
    l10n.config({ contents: {} });
  }
  // Reset: English again, as the engine and the CLI have it.
  assert.equal(messageText(refused[0].err.coded), refused[0].err.message);
});

/**
 * Damaged and hostile data.pkl records, each refused by the pickle reader for one reason: the protocol-2 header, then
 * the opcodes (pickletools' names), as latin1 text.
 */
const BAD_PICKLES: { name: string; pickle: string; reason: MessageCode; english: string }[] = [
  // TUPLE1 with nothing on the stack.
  { name: 'empty-pop', pickle: '\x80\x02\x85.', reason: 'pickle.popEmpty', english: 'a pop from an empty stack (byte 3 of 4)' },
  // BINGET 5 before any PUT.
  { name: 'memo-unset', pickle: '\x80\x02h\x05.', reason: 'pickle.memoUnset', english: 'memo entry 5 is not set (byte 4 of 5)' },
  // BINUNICODE claiming 255 bytes where 3 remain (a truncated file).
  { name: 'truncated', pickle: '\x80\x02X\xff\x00\x00\x00abc', reason: 'pickle.pastEnd', english: 'a length of 255 bytes runs past the end of the pickle (byte 7 of 10)' },
  // EMPTY_DICT MARK BININT1 1 SETITEMS: a key without its value.
  { name: 'odd-setitems', pickle: '\x80\x02}(K\x01u.', reason: 'pickle.setItemsOdd', english: 'SETITEMS with an odd number of items (byte 7 of 8)' },
  // EMPTY_DICT BININT1 1 APPEND: appending to a dict.
  { name: 'append-dict', pickle: '\x80\x02}K\x01a.', reason: 'pickle.appendNotList', english: 'APPEND(S) on something that is not a list (byte 6 of 7)' },
  // SHORT_BINUNICODE of the byte 0xff.
  { name: 'not-utf8', pickle: '\x80\x02\x8c\x01\xff.', reason: 'pickle.notUtf8', english: 'a string that is not valid UTF-8 (byte 5 of 6)' },
  // PROTO 6.
  { name: 'protocol-6', pickle: '\x80\x06.', reason: 'pickle.protocol', english: 'a pickle protocol above 5 (byte 2 of 3)' },
  // Two values left at STOP.
  { name: 'two-values', pickle: '\x80\x02K\x01K\x02.', reason: 'pickle.stopStack', english: 'STOP with more than one value on the stack (byte 7 of 7)' },
];

/** The English words of the pickle reasons and of torch.pickleInvalid; none may be left in the Chinese. */
const ENGLISH_WORDS =
  /\b(a|an|the|is|not|of|byte|bytes|pop|from|empty|stack|entry|set|length|runs|past|end|with|odd|number|items|on|something|list|dict|more|than|one|value|string|valid|protocol|above|this|reader|accepts)\b/i;
/** What may stay English inside the Chinese: code identifiers, opcode names, the file format. */
const IDENTIFIERS = /data\.pkl|state_dict|pickle|memo|UTF-8|\b[A-Z][A-Z_]+\b(\(S\))?|0x[0-9a-f]+|2\^53/g;

test("the pickle reader's reasons are coded inside torch.pickleInvalid and read wholly in Chinese with the zh-CN bundle", async () => {
  const dir = tmpDir('alexnet-torch-pickles-');
  const refused = await Promise.all(
    BAD_PICKLES.map(async (bad) => {
      const file = path.join(dir, `${bad.name}.pth`);
      await zipOf(file, { 'archive/data.pkl': Buffer.from(bad.pickle, 'latin1'), 'archive/version': Buffer.from('3\n') });
      return { ...bad, file, err: await refusal(file, 63) };
    }),
  );
  for (const { file, reason, english, err } of refused) {
    assert.equal(err.code, 'torch.pickleInvalid', err.message);
    // The refusal's second parameter says where (pickle.at), around the reason, a message of its own.
    const at = err.coded.params[1];
    assert.ok(typeof at === 'object' && at.code === 'pickle.at', `${file}: ${JSON.stringify(err.coded)}`);
    const nested = at.params[0];
    assert.ok(typeof nested === 'object' && nested.code === reason, `${file}: ${JSON.stringify(err.coded)}`);
    assert.deepEqual(JSON.parse(JSON.stringify(err.coded)), err.coded);
    // The CLI's text, unchanged: the English template with the English reason inside.
    assert.equal(err.message, `${file}: data.pkl is not a pickle this reader accepts: ${english}`);
    assert.equal(messageText(err.coded), err.message);
    assert.equal(messageText(at), english);
  }

  l10n.config({ fsPath: zhBundle });
  try {
    const zh = refused.map(({ err }) => localized(err.message, err.coded));
    console.log(zh.join('\n'));
    zh.forEach((text, i) => {
      const { file, english } = refused[i];
      assert.ok(text.startsWith(`${file}：data.pkl 不是本读取器接受的 pickle：`), text);
      assert.doesNotMatch(text.slice(file.length), ENGLISH_WORDS, text);
      // The numbers of the English reason (byte, length, memo index, claimed length) are all kept.
      const numbers = (s: string) => (s.match(/\d+/g) ?? []).join(' ');
      assert.equal(numbers(text.slice(file.length).replace(/UTF-8/, '')), numbers(english.replace(/UTF-8/, '')), text);
    });
    assert.match(zh[0], /：从空栈中弹出值（第 3 字节，共 4 字节）$/);
    assert.match(zh[1], /：备忘表（memo）条目 5 尚未设置（第 4 字节，共 5 字节）$/);
    assert.match(zh[2], /：255 字节的长度超出了 pickle 的末尾（第 7 字节，共 10 字节）$/);
  } finally {
    l10n.config({ contents: {} });
  }
});

test("every pickle reason's Chinese is a whole phrase with no English word left, and the position is said once, by pickle.at", () => {
  const zh = JSON.parse(fs.readFileSync(zhBundle, 'utf8')) as Record<string, string>;
  assert.equal(zh['{0} (byte {1} of {2})'], '{0}（第 {1} 字节，共 {2} 字节）');
  // The reasons' templates, as the catalogue writes them.
  const source = fs.readFileSync(path.join(l10nDir, '..', 'src', 'shared', 'messages.ts'), 'utf8');
  const reasons = [...source.matchAll(/'pickle\.(?!at')\w+': \([^)]*\) =>\s*l10n\.t\('((?:[^'\\]|\\.)*)'/g)].map((m) => m[1].replace(/\\'/g, "'"));
  assert.ok(reasons.length >= 20, `the pickle reasons in messages.ts: ${reasons.length}`);
  for (const key of reasons) {
    assert.ok(zh[key], `${key}: no translation`);
    assert.doesNotMatch(zh[key], /字节）$/, `${key}: the position belongs to pickle.at`);
    assert.doesNotMatch(zh[key].replace(IDENTIFIERS, ''), /[A-Za-z]{2,}/, `${key} → ${zh[key]}`);
  }
});
