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
import { CLASSES, fixture, gunzipFixture } from '../helpers/torchFixtures';

const zhBundle = path.join(__dirname, '..', '..', '..', 'l10n', 'bundle.l10n.zh-cn.json');

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
