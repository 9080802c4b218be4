/**
 * The texts src/shared and the engine make for people: checkpoint summaries and tooltips, progress counts, the
 * Compare Runs table, the backend's device and refusals, and the full decode's skip reasons. Without a bundle (the
 * CLI, the trainer) they are English, exactly as before; with the zh-CN bundle configured, as the extension host and
 * the panel do, the same calls (or the same codes, rendered by `localized`) read in Chinese, with numbers in the UI
 * language. Lines that only the CLI and the log show (epochLine, describeBackend) stay English either way.
 */
import * as l10n from '@vscode/l10n';
import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs/promises';
import * as path from 'node:path';
import { test } from 'node:test';
import { selectBackend } from '../../src/engine/backend';
import { checkDataset } from '../../src/engine/datasetCheck';
import { decodeImage, ImageDecodeError } from '../../src/engine/imageDecode';
import { BackendReport, describeBackend } from '../../src/shared/backendReport';
import { CheckpointMeta } from '../../src/shared/checkpointMeta';
import { checkpointDetails, checkpointSummary } from '../../src/shared/checkpointText';
import { COMPARED_SETTINGS, compareRuns } from '../../src/shared/compareRuns';
import { localized, message, messageText, setMessageLocale } from '../../src/shared/messages';
import { BatchEvent, EpochEvent, ProgressEvent } from '../../src/shared/metrics';
import { batchLine, epochLine, progressText } from '../../src/shared/progressLines';
import { DEFAULT_TRAIN_CONFIG } from '../../src/shared/trainConfig';
import { tmpDir, writeSplit } from '../helpers/tmp';
import { useSoftwareVulkan } from '../helpers/vulkan';

const zhBundle = path.join(__dirname, '..', '..', '..', 'l10n', 'bundle.l10n.zh-cn.json');

/** Runs `check` as the zh-CN extension host does (bundle and number locale), then back to English. */
async function inChinese<T>(check: () => T | Promise<T>): Promise<T> {
  l10n.config({ contents: await fs.readFile(zhBundle, 'utf8') });
  setMessageLocale('zh-cn');
  try {
    return await check();
  } finally {
    l10n.config({ contents: {} });
    setMessageLocale(undefined);
  }
}

/** No Chinese-bundle leftovers: ASCII English, the way the CLI prints it. */
const assertEnglish = (text: string) => assert.match(text, /^[\x20-\x7e·…\n]*$/, text);
/** A translated text: Chinese characters or full-width punctuation, and none of the English template's words. */
const assertChinese = (text: string, ...englishWords: string[]) => {
  assert.match(text, /[\u4e00-\u9fff\uff08\uff09\uff0c\uff1a\uff1b]/, text);
  for (const w of englishWords) assert.ok(!text.includes(w), `"${w}" left in: ${text}`);
};

function meta(extra: Partial<CheckpointMeta> = {}): CheckpointMeta {
  return {
    format: 'alexnet-trainer-checkpoint',
    version: 1,
    kind: 'best',
    classes: ['a', 'b'],
    classToIdx: { a: 0, b: 1 },
    inputSize: 224,
    normalisation: { mean: [0.5, 0.5, 0.5], std: [0.5, 0.5, 0.5] },
    epoch: 3,
    metrics: { trainLoss: 0.51234, trainAcc: 0.8, testLoss: 0.61234, testAcc: 0.8123, lr: 0.01 },
    config: { ...DEFAULT_TRAIN_CONFIG, datasetDir: '/data/fer' },
    backend: 'wasm',
    datasetFingerprint: '0123456789abcdef',
    createdAt: '2026-01-02T03:04:05Z',
    ...extra,
  };
}

test('checkpoint summaries and tooltips: English as before, whole Chinese sentences with the zh-CN bundle', async () => {
  const trained = meta();
  const stopped = meta({ kind: 'last', epoch: 1, stoppedAt: { epoch: 2, batch: 40, batches: 100 }, metrics: { ...trained.metrics, testAcc: null, testLoss: null } });
  const stoppedFirst = meta({ kind: 'last', epoch: 0, stoppedAt: { epoch: 1, batch: 1, batches: 100 }, metrics: { ...trained.metrics, testAcc: null, testLoss: null } });
  const unmeasured = meta({ metrics: { trainLoss: null, trainAcc: null, testLoss: null, testAcc: null, lr: 0.01 } });

  assert.equal(checkpointSummary(trained), 'epoch 3 · test 81.2%');
  assert.equal(checkpointSummary(stopped), 'stopped at batch 40 of epoch 2 · not evaluated');
  assert.equal(checkpointSummary(unmeasured), 'epoch 3 · not evaluated');
  assert.deepEqual(checkpointDetails('best', trained), ['**best** checkpoint, epoch 3', 'test accuracy 81.23%, test loss 0.6123', 'train accuracy 80.00%, train loss 0.5123']);
  assert.deepEqual(checkpointDetails('last', stopped), [
    '**last** checkpoint, stopped at batch 40 of 100 in epoch 2 · not evaluated',
    '1 complete epoch before it; resuming goes on at batch 41',
    'train accuracy 80.00%, train loss 0.5123 (running, over the 40 batches of epoch 2)',
  ]);
  assert.deepEqual(checkpointDetails('last', stoppedFirst).slice(1), [
    '0 complete epochs before it; resuming goes on at batch 2',
    'train accuracy 80.00%, train loss 0.5123 (running, over the 1 batch of epoch 1)',
  ]);
  assert.deepEqual(checkpointDetails('best', unmeasured).slice(1), ['test: not measured', 'train: not measured']);
  // The host passes the UI language: an English UI reads the same.
  assert.equal(checkpointSummary(trained, 'en'), 'epoch 3 · test 81.2%');

  await inChinese(() => {
    assert.equal(checkpointSummary(trained, 'zh-cn'), '第 3 轮 · 测试集 81.2%');
    assert.equal(checkpointSummary(stopped, 'zh-cn'), '在第 2 轮的批次 40 处停止 · 未评估');
    assert.equal(checkpointSummary(unmeasured, 'zh-cn'), '第 3 轮 · 未评估');
    assert.deepEqual(checkpointDetails('best', trained, 'zh-cn'), ['**best** 检查点，第 3 轮', '测试集准确率 81.23%，测试集损失 0.6123', '训练集准确率 80.00%，训练集损失 0.5123']);
    const lines = [...checkpointDetails('last', stopped, 'zh-cn'), ...checkpointDetails('last', stoppedFirst, 'zh-cn'), ...checkpointDetails('best', unmeasured, 'zh-cn')];
    console.log(lines.join('\n'));
    for (const line of lines) assertChinese(line, 'epoch', 'batch', 'checkpoint', 'evaluated', 'measured', 'running', 'accuracy');
    assert.equal(lines[1], '此前已完成 1 轮；继续训练将从批次 41 开始');
  });
});

test('progress counts: per-phase sentences, numbers in the UI language; the CLI keeps English with en-US grouping', async () => {
  const e = (phase: ProgressEvent['phase'], done: number, total: number): ProgressEvent => ({ event: 'progress', phase, done, total });
  assert.equal(progressText(e('decode', 12000, 35887)), 'decoding images: 12,000 of 35,887 (33%)');
  assert.equal(progressText(e('scan', 0, 0)), 'scanning class folders: 0 of 0');
  assert.equal(progressText(e('classify', 2400, 7178)), 'classifying images: 2,400 of 7,178 (33%)');
  // An English UI in another language's number format: German grouping, German percent.
  assert.equal(progressText(e('test', 12000, 35887), 'de'), 'testing images: 12.000 of 35.887 (33\u00a0%)');
  const batch: BatchEvent = { event: 'batch', epoch: 2, epochs: 10, batch: 40, batches: 1795, loss: 1.23456, acc: 0.5, batchLoss: 1.2, imagesPerSecond: 100, etaSeconds: 185, lr: 0.01 };
  assert.equal(batchLine(batch), 'epoch 2/10 · batch 40/1795 · loss 1.235 · ETA 3m05s');
  const epoch: EpochEvent = {
    event: 'epoch', epoch: 2, epochs: 10, trainLoss: 1.5, trainAcc: 0.4, testLoss: 1.6, testAcc: 0.35, lr: 0.01, seconds: 12.34, imagesPerSecond: 99.5,
    perClassAcc: [], confusion: [], best: true, tensors: 0, rssMB: 0,
  };
  const englishEpoch = 'epoch 2/10: train loss 1.5000 acc 40.00% · test loss 1.6000 acc 35.00% · lr 0.01 · 12.3 s · 99.5 img/s · best so far';
  assert.equal(epochLine(epoch), englishEpoch);

  await inChinese(() => {
    const phases: ProgressEvent['phase'][] = ['scan', 'decode', 'train', 'test', 'classify'];
    const texts = phases.flatMap((p) => [progressText(e(p, 12000, 35887), 'zh-cn'), progressText(e(p, 0, 0), 'zh-cn')]);
    console.log(texts.join('\n'));
    for (const t of texts) assertChinese(t, 'images', 'folders', 'batches', ' of ');
    assert.equal(texts[2], '正在解码图像：12,000/35,887（33%）');
    assert.equal(batchLine(batch, 'zh-cn'), '第 2/10 轮 · 批次 40/1795 · 损失 1.235 · 预计剩余 3分钟5秒');
    // The log's epoch line stays English in the host too.
    assert.equal(epochLine(epoch), englishEpoch);
  });
});

test('Compare Runs: stable keys, labels and worded values in the UI language', async () => {
  const a = meta({ config: { ...DEFAULT_TRAIN_CONFIG, datasetDir: '/data/fer', hflip: false, vflip: false, randomCrop: false, lrn: true } });
  const b = meta({ config: { ...DEFAULT_TRAIN_CONFIG, datasetDir: '/data/fer', hflip: true, vflip: false, randomCrop: true, lrn: false, lr: 0.003 } });
  const runs = [
    { name: 'one', dir: '/runs/one', meta: a, epochs: [] },
    { name: 'two', dir: '/runs/two', meta: b, epochs: [] },
  ];
  const english = compareRuns(runs);
  assert.deepEqual(english.differing, ['lr', 'augmentation', 'model']);
  assert.deepEqual([english.runs[0].config.augmentation, english.runs[1].config.augmentation], ['none', 'horizontal flips, random crops']);
  assert.equal(english.runs[0].config.model, `${a.config.init} init, LRN, dropout ${a.config.dropout}`);
  assert.equal(english.runs[1].config.model, `${b.config.init} init, dropout ${b.config.dropout}`);
  const labels = Object.fromEntries(COMPARED_SETTINGS.map((s) => [s.key, s.label()]));
  assert.equal(labels.lr, 'learning rate');
  assert.equal(labels.batchSize, 'batch');

  await inChinese(() => {
    const zh = compareRuns(runs);
    assert.deepEqual(zh.differing, english.differing, 'the keys do not depend on the language');
    assert.deepEqual(Object.keys(zh.runs[0].config), Object.keys(english.runs[0].config));
    assert.equal(zh.runs[0].config.augmentation, '无');
    assert.equal(zh.runs[1].config.augmentation, '水平翻转、随机裁剪');
    assert.equal(zh.runs[0].config.model, `${a.config.init} 初始化，LRN，dropout ${a.config.dropout}`);
    assert.equal(zh.runs[1].config.model, `${b.config.init} 初始化，dropout ${b.config.dropout}`);
    const zhLabels = COMPARED_SETTINGS.map((s) => s.label());
    console.log(zhLabels.join(' | '));
    for (const l of zhLabels.filter((l) => l !== 'StepLR')) assertChinese(l);
    assert.equal(COMPARED_SETTINGS.find((s) => s.key === 'batchSize')?.label(), '批大小');
  });
});

test('the backend device travels as a code: English in the report and the CLI, Chinese where the UI renders it', async () => {
  const cpu = await selectBackend('cpu');
  assert.equal(cpu.device, 'CPU, plain JavaScript (slow: for checks only)');
  assert.equal(messageText(cpu.deviceCoded), cpu.device, 'English text = catalogue template');
  const wasm = await selectBackend('wasm');
  assert.match(wasm.device, /^CPU, WebAssembly( SIMD)? \(XNNPACK\), \d+ threads?, \d+ training kernels$/);
  assert.equal(messageText(wasm.deviceCoded), wasm.device);
  for (const s of wasm.skipped) assert.equal(messageText(s.message), s.reason);
  // Every other device and webgpu refusal: the code's English is the engine's old text.
  const english = [
    [message('backend.deviceCpuNative'), 'CPU (libtensorflow, native)'],
    [message('backend.deviceCuda'), 'GPU (CUDA, libtensorflow)'],
    [message('backend.deviceWasm', 'WebAssembly', 1, 31), 'CPU, WebAssembly (XNNPACK), 1 thread, 31 training kernels'],
    [message('backend.deviceWasmThreadsLate', 'WebAssembly SIMD', 0.001, 31), 'CPU, WebAssembly SIMD (XNNPACK), 1 thread (threads off: the threaded start did not finish within 0.001 s), 31 training kernels'],
    [message('backend.deviceWebGpu', 'vulkan', 'nvidia ampere', 12), 'GPU, WebGPU (Dawn, vulkan): nvidia ampere, 12 training kernels'],
    [message('backend.deviceWebGpu', '', '', 12), 'GPU, WebGPU (Dawn): unnamed adapter, 12 training kernels'],
    [message('backend.deviceWebGpuSoftware', 'SwiftShader driver'), 'CPU, software WebGPU adapter (SwiftShader driver): for checks, slower than wasm'],
    [message('backend.softwareOnly', 'SwiftShader driver'), 'only a software adapter (SwiftShader driver, runs on the CPU, where wasm is faster); choosing webgpu by name (`--backend webgpu`, or the `alexnet.backend` setting) uses it anyway'],
    [message('backend.noAdapterDriver'), 'no WebGPU adapter (no Vulkan, Metal or D3D12 driver that Dawn accepts)'],
  ] as const;
  for (const [m, text] of english) assert.equal(m.text, text);
  const log = describeBackend(cpu);

  await inChinese(() => {
    // What backendView and the backend toast show: localized(report.device, report.deviceCoded).
    assert.equal(localized(cpu.device, cpu.deviceCoded), 'CPU，纯 JavaScript（很慢：仅用于检查）');
    const wasmZh = localized(wasm.device, wasm.deviceCoded);
    assert.match(wasmZh, /^CPU，WebAssembly( SIMD)?（XNNPACK），\d+ 个线程，\d+ 个训练内核$/);
    const zh = english.map(([m]) => localized(m.text, m.coded));
    console.log([wasmZh, ...zh].join('\n'));
    for (const t of zh) assertChinese(t, 'thread', 'kernels', 'native', 'software', 'adapter', 'checks', 'slower');
    assert.equal(zh[5], 'GPU，WebGPU（Dawn）：未命名适配器，12 个训练内核');
    // The log and `alexnet backend` keep English.
    assert.equal(describeBackend(cpu), log);
    assertEnglish(log);
  });
  // A report from an older trainer (no code) shows its English text.
  assert.equal(localized(cpu.device, undefined), cpu.device);
});

test('webgpu through the CLI: under auto its refusal, and when asked for by name its device, are codes that read in Chinese', async () => {
  // `alexnet backend --json` in a child process (Dawn keeps a process alive): SwiftShader where the setup script put it.
  useSoftwareVulkan();
  const backendJson = (...args: string[]) =>
    JSON.parse(execFileSync(process.execPath, ['bin/alexnet.js', 'backend', '--json', ...args], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], timeout: 300_000 })) as BackendReport;
  const auto = backendJson();
  const webgpu = auto.skipped.find((s) => s.backend === 'webgpu');
  if (webgpu) {
    assert.ok(webgpu.message, `webgpu's refusal has a code: ${webgpu.reason}`);
    assert.equal(messageText(webgpu.message), webgpu.reason);
  }
  for (const s of auto.skipped) assert.equal(messageText(s.message), s.reason, `${s.backend}: English text = catalogue template`);
  assert.equal(messageText(auto.deviceCoded), auto.device);
  let named: BackendReport | undefined;
  try {
    named = backendJson('--backend', 'webgpu');
    assert.equal(messageText(named.deviceCoded), named.device);
  } catch {
    // No adapter at all (no GPU, no SwiftShader): the refusal above is what there is to read.
  }
  await inChinese(() => {
    const zh = auto.skipped.map((s) => `${s.backend}: ${localized(s.reason, s.message)}`);
    if (named) zh.push(localized(named.device, named.deviceCoded));
    console.log(zh.join('\n'));
    for (const s of auto.skipped) assertChinese(localized(s.reason, s.message), 'not installed', 'adapter', 'failed');
    if (named) assertChinese(localized(named.device, named.deviceCoded), 'software', 'training kernels', 'slower');
  });
});

test('alexnet check: full-decode skips carry codes; corrupt, non-image and oversized files read in Chinese', async () => {
  const root = tmpDir('alexnet-l10n-shared-');
  const ds = path.join(root, 'ds');
  await writeSplit(ds, 'train', ['a', 'b'], 3);
  await writeSplit(ds, 'test', ['a', 'b'], 2);
  const good = await fs.readFile(path.join(ds, 'train', 'a', '0.png'));
  const cut = path.join(ds, 'train', 'a', 'cut.png');
  await fs.writeFile(cut, good.subarray(0, Math.floor(good.length / 2)));
  await fs.writeFile(path.join(ds, 'train', 'b', 'notes.png'), 'this is text, not a PNG');
  // A BMP header claiming 10000x5000 pixels: refused from the header, before any decoding.
  const bmp = Buffer.alloc(64);
  bmp.write('BM', 0, 'latin1');
  bmp.writeInt32LE(10000, 18);
  bmp.writeInt32LE(5000, 22);
  await fs.writeFile(path.join(ds, 'test', 'b', 'huge.bmp'), bmp);

  const decodeError = await decodeImage(cut, 8).then(
    () => assert.fail('a truncated PNG decoded'),
    (err: unknown) => err as ImageDecodeError,
  );
  assert.ok(decodeError instanceof ImageDecodeError);
  assert.equal(decodeError.coded?.code, 'skip.corrupt');
  assert.match(decodeError.reason, /^corrupt or truncated image \(/);
  assert.equal(messageText(decodeError.coded), decodeError.reason);

  const summary = await checkDataset(ds);
  const skip = (name: string) => {
    const s = summary.skipped.find((f) => path.basename(f.file) === name);
    assert.ok(s?.message, `${name} skipped with a code: ${JSON.stringify(summary.skipped)}`);
    return s;
  };
  const [corrupt, notImage, huge] = [skip('cut.png'), skip('notes.png'), skip('huge.bmp')];
  assert.match(corrupt.reason, /^corrupt or truncated image \(.+\)$/);
  assert.equal(notImage.reason, 'not an image (unrecognised content)');
  assert.equal(huge.reason, 'too large: 10000x5000 is over 40,000,000 pixels');
  for (const s of summary.skipped) assert.equal(messageText(s.message), s.reason, 'English text = catalogue template');

  await inChinese(() => {
    // What the panel's dataset section shows: localized(reason, message).
    const zh = (s: { reason: string; message?: unknown }) => localized(s.reason, s.message);
    console.log(summary.skipped.map(zh).join('\n'));
    assert.match(zh(corrupt), /^图像已损坏或不完整（.+）$/);
    assert.equal(zh(notImage), '不是图像（无法识别的内容）');
    assert.equal(zh(huge), '太大：10000x5000 超过 40,000,000 像素');
  });
  // The pixel limit is grouped the UI language's way (a German UI without a bundle: English words, German digits).
  setMessageLocale('de');
  try {
    assert.equal(localized(huge.reason, huge.message), 'too large: 10000x5000 is over 40.000.000 pixels');
    assert.equal(messageText(message('skip.overPixels', 40_000_000).coded), 'too large: over 40.000.000 pixels');
  } finally {
    setMessageLocale(undefined);
  }
  assert.equal(localized(huge.reason, huge.message), huge.reason);
});

test('a backend asked for by name that cannot start fails with a code whose reason is a message of its own', async () => {
  // @tensorflow/tfjs-node is an optional dependency that is not installed here; when it is, there is nothing to see.
  let err: unknown;
  await selectBackend('tensorflow').then(
    () => undefined,
    (e: unknown) => (err = e),
  );
  if (err === undefined) return;
  const coded = (err as { coded?: unknown }).coded;
  assert.equal(messageText(coded), (err as Error).message);
  assert.match((err as Error).message, /^backend 'tensorflow' is not available: (not installed|failed to load)/);
  await inChinese(() => {
    const zh = localized((err as Error).message, coded);
    assertChinese(zh, 'not available', 'not installed');
    assert.match(zh, /^后端 'tensorflow' 不可用：(未安装|无法加载)/);
  });
  // Nesting is bounded: a message from elsewhere nested deeper than the catalogue ever does is not rendered.
  const deep = { code: 'backend.unavailable', params: ['a', { code: 'backend.unavailable', params: ['b', { code: 'backend.unavailable', params: ['c', { code: 'backend.notInstalled', params: ['x'] }] }] }] };
  assert.equal(messageText(deep), undefined);
  assert.equal(localized('as sent', deep), 'as sent');
});
