/**
 * The PyTorch import without PyTorch: .pth fixtures that torch made (test/fixtures/torch/make_fixtures.py), and bad
 * files made here. Each refusal names the file and what is wrong, and nothing is written.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'fs';
import * as path from 'path';
import * as tf from '@tensorflow/tfjs-core';
import { selectBackend } from '../../src/engine/backend';
import { classify } from '../../src/engine/classify';
import { loadCheckpoint } from '../../src/engine/checkpoints';
import { importTorchCheckpoint, inspectTorchCheckpoint } from '../../src/engine/torch/importTorch';
import { readStateDict } from '../../src/engine/torch/readStateDict';
import { TorchFileError } from '../../src/engine/torch/torchErrors';
import { MessageCode, messageText } from '../../src/shared/messages';
import { stateDictPickle, writeStateDict } from '../../src/engine/torch/writeStateDict';
import { writeDigitPngs } from '../helpers/mnistFolders';
import { tmpDir } from '../helpers/tmp';
import { CLASSES, fixture, gunzipFixture, pattern, zipOf } from '../helpers/torchFixtures';

/** Imports `file` expecting a refusal with `code` whose message matches; checks that nothing was written. */
async function refused(file: string, code: MessageCode, message: RegExp, classes: string[] = CLASSES): Promise<string> {
  const out = path.join(path.dirname(file), `run-${path.basename(file)}`);
  const runsRoot = path.join(path.dirname(file), 'runs');
  let caught: unknown;
  await importTorchCheckpoint({ file, classes, inputSize: 63, outDir: out, runsRoot }).catch((err: unknown) => (caught = err));
  assert.ok(caught instanceof TorchFileError, `expected a refusal of ${file}, got ${String(caught)}`);
  assert.equal(caught.code, code, caught.message);
  assert.match(caught.message, message);
  assert.ok(caught.message.startsWith(file), `the message names the file: ${caught.message}`);
  assert.equal(messageText(caught.coded), caught.message, 'the coded message renders to the English text');
  assert.equal(fs.existsSync(out), false, 'no run folder is written');
  assert.equal(fs.existsSync(runsRoot), false);
  console.log(`refused ${path.basename(file)}: ${caught.message.slice(file.length + 2)}`);
  return caught.message;
}

test('a torch-made state_dict of the tutorial model.py is imported value for value (no PyTorch needed)', { timeout: 300_000 }, async () => {
  await selectBackend('wasm');
  const dir = tmpDir();
  const file = gunzipFixture(dir);
  const info = await inspectTorchCheckpoint(file);
  assert.equal(info.layout, 'tutorial');
  assert.equal(info.variant, 'tutorial');
  assert.equal(info.classes, 7);
  assert.equal(info.flat, 256);
  assert.deepEqual([info.inputSizes[0], info.inputSizes[info.inputSizes.length - 1]], [63, 94]);

  const result = await importTorchCheckpoint({ file, classes: CLASSES, inputSize: 63, outDir: path.join(dir, 'run') });
  assert.equal(result.meta.source?.layout, 'tutorial');
  assert.match(result.meta.source?.sha256 ?? '', /^[0-9a-f]{64}$/);
  const { model, meta } = await loadCheckpoint(path.join(dir, 'run'));
  try {
    assert.equal(meta.variant, 'tutorial');
    assert.equal(meta.inputSize, 63);
    const fc6 = model.getLayer('fc6').getConfig() as { activation: string };
    assert.equal(fc6.activation, 'linear', "the seed's forward() has no ReLU after f9");
    // conv1 (c1.weight is tensor 0): TF.js [h][w][i][o] holds torch [o][i][h][w].
    const conv1 = (await model.getLayer('conv1').getWeights()[0].data()) as Float32Array;
    for (const [o, i, h, w] of [[0, 0, 0, 0], [95, 2, 10, 10], [17, 1, 3, 8]]) {
      assert.equal(conv1[((h * 11 + w) * 3 + i) * 96 + o], pattern(0, ((o * 3 + i) * 11 + h) * 11 + w));
    }
    // fc6 (f9.weight is tensor 10): TF.js row (h*side + w)*256 + c holds torch column c*side*side + h*side + w;
    // side is 1 at 63 px, so the row is the channel.
    const fc6k = (await model.getLayer('fc6').getWeights()[0].data()) as Float32Array;
    for (const [c, o] of [[0, 0], [255, 4095], [100, 7]]) assert.equal(fc6k[c * 4096 + o], pattern(10, o * 256 + c));
    const bias = (await model.getLayer('fc8').getWeights()[1].data()) as Float32Array;
    assert.deepEqual(Array.from(bias), CLASSES.map((_, i) => pattern(15, i)));
  } finally {
    model.dispose();
  }
  const digits = await writeDigitPngs(path.join(dir, 'img'), 4, 2);
  const classified = await classify(path.join(dir, 'run'), digits, 3);
  assert.equal(classified.files.length, 2);
  for (const f of classified.files) assert.equal(f.top.length, 3);
  assert.equal(tf.memory().numTensors, 0);
});

test('float16, bfloat16, float64, transposed views and storage offsets read as PyTorch holds them', async () => {
  const { tensors } = await readStateDict(fixture('dtypes.pth'));
  const base = Array.from({ length: 12 }, (_, i) => i / 4 - 1);
  const values = (k: string) => Array.from(tensors.get(k)?.values ?? []);
  for (const k of ['f32', 'f16', 'bf16', 'f64']) {
    assert.deepEqual(tensors.get(k)?.shape, [3, 4]);
    assert.deepEqual(values(k), base, k);
  }
  assert.equal(tensors.get('f16')?.dtype, 'float16');
  assert.equal(tensors.get('bf16')?.dtype, 'bfloat16');
  assert.deepEqual(tensors.get('transposed')?.shape, [4, 3]);
  assert.deepEqual(values('transposed'), [0, 4, 8, 1, 5, 9, 2, 6, 10, 3, 7, 11].map((i) => base[i]));
  assert.deepEqual(values('sliced'), base.slice(5, 9));
  assert.deepEqual(values('steps'), [0, 2, 4, 6, 8, 10].map((i) => base[i]));
  assert.equal(tensors.get('count')?.dtype, 'int64');
  assert.equal(tensors.get('count')?.values, null);
});

test('a big-endian archive (byteorder record "big") is read in its byte order', async () => {
  const dir = tmpDir();
  const file = path.join(dir, 'big.pth');
  const values = Float32Array.from([1.5, -2.25, 3e-3]);
  const data = Buffer.alloc(12);
  values.forEach((v, i) => data.writeFloatBE(v, i * 4));
  await zipOf(file, { 'big/data.pkl': stateDictPickle([{ name: 'w', shape: [3], values }]), 'big/byteorder': Buffer.from('big'), 'big/data/0': data, 'big/version': Buffer.from('3\n') });
  const { tensors } = await readStateDict(file);
  assert.deepEqual(Array.from(tensors.get('w')?.values ?? []), Array.from(values));
});

test('a state_dict inside a checkpoint dict is found under its key', async () => {
  const sd = await readStateDict(fixture('nested.pth'));
  assert.equal(sd.nestedUnder, 'model_state_dict');
  assert.deepEqual(Array.from(sd.tensors.get('w')?.values ?? []), [1, 1]);
});

test('pickles that are not a state_dict are refused naming the global, and nothing runs or is written', async () => {
  const dir = tmpDir();
  const copy = (name: string) => {
    const file = path.join(dir, name);
    fs.copyFileSync(fixture(name), file);
    return file;
  };
  await refused(copy('posix-system.pth'), 'torch.pickleGlobal', /names the Python global posix\.system/);
  await refused(copy('whole-model.pth'), 'torch.wholeModel', /torch\.nn\.modules\.linear\.Linear.*torch\.save\(model\.state_dict\(\)/);
  await refused(copy('optimizer.pth'), 'torch.optimizerState', /optimizer's state.*state_dict/);
  await refused(copy('legacy.pth'), 'torch.legacyFormat', /legacy torch\.save file/);

  // The pickle the issue names, written by hand: os.system('echo pwned').
  const osSystem = path.join(dir, 'os-system.pth');
  await zipOf(osSystem, { 'archive/data.pkl': Buffer.from('\x80\x02cos\nsystem\nX\x0a\x00\x00\x00echo pwned\x85R.', 'latin1'), 'archive/version': Buffer.from('3\n') });
  await refused(osSystem, 'torch.pickleGlobal', /names the Python global os\.system/);
  // An opcode a state_dict never uses (INST, which imports and calls).
  const inst = path.join(dir, 'inst.pth');
  await zipOf(inst, { 'archive/data.pkl': Buffer.from('(ios\nsystem\nS\'echo pwned\'\n.', 'latin1') });
  await refused(inst, 'torch.pickleInvalid', /data\.pkl is not a pickle this reader accepts: pickle opcode 0x69 is not one a state_dict uses; refusing it \(byte 1 of \d+\)$/);
  // A million MARKs: refused by the depth limit, not by running out of memory.
  const deep = path.join(dir, 'deep.pth');
  await zipOf(deep, { 'archive/data.pkl': Buffer.from('\x80\x02' + '('.repeat(1_000_000) + '.', 'latin1') });
  await refused(deep, 'torch.pickleInvalid', /the stack is too deep/);
  const script = path.join(dir, 'torchscript.pt');
  await zipOf(script, { 'archive/constants.pkl': Buffer.from('\x80\x02).', 'latin1'), 'archive/code/__torch__.py': Buffer.from('') });
  await refused(script, 'torch.torchScript', /TorchScript archive \(torch\.jit\.save\)/);
});

test('damaged archives, lying sizes and other networks are refused with a clear message', async () => {
  const dir = tmpDir();
  const truncated = path.join(dir, 'truncated.pth');
  const whole = fs.readFileSync(fixture('dtypes.pth'));
  fs.writeFileSync(truncated, whole.subarray(0, Math.floor(whole.length / 2)));
  await refused(truncated, 'torch.zipDamaged', /not a complete zip archive/);

  const notZip = path.join(dir, 'notes.pth');
  fs.writeFileSync(notZip, 'these are not weights\n');
  await refused(notZip, 'torch.notZip', /does not start with a zip signature/);

  // A 2 GB tensor claimed in a file of about 1 KB: refused before anything that size is allocated.
  const huge = path.join(dir, 'huge-header.pth');
  const claim = { name: 'c1.weight', shape: [536_870_912], values: { length: 536_870_912 } as unknown as Float32Array };
  await zipOf(huge, { 'archive/data.pkl': stateDictPickle([claim]), 'archive/data/0': Buffer.alloc(16), 'archive/version': Buffer.from('3\n') });
  assert.ok(fs.statSync(huge).size < 2048);
  await refused(huge, 'torch.storageSize', /claims 536870912 float32 values \(2147483648 bytes\) but archive\/data\/0 holds 16 bytes/);

  const zeros = (shape: number[]) => ({ shape, values: new Float32Array(shape.reduce((a, b) => a * b, 1)) });
  const torchvision = path.join(dir, 'torchvision-alexnet.pth');
  await writeStateDict(torchvision, [
    { name: 'features.0.weight', ...zeros([64, 3, 11, 11]) },
    { name: 'features.0.bias', ...zeros([64]) },
  ]);
  await refused(torchvision, 'torch.tensorShapeTorchvision', /features\.0\.weight has shape \[64, 3, 11, 11\] but the tutorial's conv1 needs \[96, 3, 11, 11\].*torchvision's alexnet/);

  const wrongShape = path.join(dir, 'wrong-shape.pth');
  await writeStateDict(wrongShape, [
    { name: 'c1.weight', ...zeros([96, 3, 11, 11]) },
    { name: 'c1.bias', ...zeros([96]) },
    { name: 'c3.weight', ...zeros([256, 96, 3, 3]) },
  ]);
  await refused(wrongShape, 'torch.tensorShape', /c3\.weight has shape \[256, 96, 3, 3\] but the tutorial's conv2 needs \[256, 96, 5, 5\]/);
});

test('class names and input size must fit the checkpoint', async () => {
  const dir = tmpDir();
  const file = gunzipFixture(dir);
  await refused(file, 'torch.classesCountList', /output layer has 7 classes but the class list names 3/, ['a', 'b', 'c']);
  let caught: unknown;
  await importTorchCheckpoint({ file, classes: CLASSES, outDir: path.join(dir, 'run') }).catch((err: unknown) => (caught = err));
  assert.ok(caught instanceof TorchFileError && caught.code === 'torch.inputSizeAmbiguous', String(caught));
  assert.match(caught.message, /f9\.weight takes 256 inputs, which every input size from 63 to 94 gives/);
  caught = undefined;
  await importTorchCheckpoint({ file, classes: CLASSES, inputSize: 224, outDir: path.join(dir, 'run') }).catch((err: unknown) => (caught = err));
  assert.ok(caught instanceof TorchFileError && caught.code === 'torch.inputSizeMismatchRange', String(caught));
  assert.equal(fs.existsSync(path.join(dir, 'run')), false);
});
