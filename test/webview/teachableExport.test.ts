/**
 * The export as a real client uses it: @teachablemachine/image 0.8.5 with the TensorFlow.js it is made for
 * (1.3.1, its peer dependency), as they are, in a page of Debian's headless Chromium. Its load(model.json,
 * metadata.json) and predict() must give alexnet classify's probabilities and top-1 on the same images at 224 px.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'fs';
import * as http from 'http';
import { AddressInfo } from 'net';
import * as path from 'path';
import sharp from 'sharp';
import { chromium } from 'playwright-core';
import * as tf from '@tensorflow/tfjs-core';
import * as tfl from '@tensorflow/tfjs-layers';
import { buildAlexNet } from '../../src/engine/alexnet';
import { selectBackend } from '../../src/engine/backend';
import { saveCheckpoint } from '../../src/engine/checkpoints';
import { classify } from '../../src/engine/classify';
import { exportForClients } from '../../src/shared/exportModel';
import { CheckpointMeta } from '../../src/shared/checkpointMeta';
import { modelConfig } from '../../src/shared/modelConfig';
import { DEFAULT_TRAIN_CONFIG } from '../../src/shared/trainConfig';
import { writeDigitPngs } from '../helpers/mnistFolders';
import { tmpDir } from '../helpers/tmp';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const ROOT = path.resolve(__dirname, '..', '..', '..');
const SIZE = 224;
const CLASSES = ['0', '1', '2', '3', '4', '5', '6'];

async function checkpointAt224(dir: string): Promise<void> {
  const model = buildAlexNet(modelConfig({ numClasses: CLASSES.length, inputSize: SIZE, seed: 11 }));
  // Glorot's output layer gives nearly equal probabilities; spread them so that top-1 is not a rounding toss.
  const fc8 = model.getLayer('fc8');
  const [kernel, bias] = fc8.getWeights();
  const scaled = tf.mul(kernel, 30);
  fc8.setWeights([scaled, bias]);
  scaled.dispose();
  const meta: CheckpointMeta = {
    format: 'alexnet-trainer-checkpoint',
    version: 1,
    kind: 'best',
    classes: CLASSES,
    classToIdx: Object.fromEntries(CLASSES.map((c, i) => [c, i])),
    inputSize: SIZE,
    normalisation: { mean: [0.5, 0.5, 0.5], std: [0.5, 0.5, 0.5] },
    epoch: 1,
    metrics: { trainLoss: 1, trainAcc: 0.5, testLoss: 1, testAcc: 0.5, lr: 0.01 },
    config: { ...DEFAULT_TRAIN_CONFIG, datasetDir: dir, inputSize: SIZE },
    backend: 'wasm',
    datasetFingerprint: 'x',
    createdAt: new Date().toISOString(),
  };
  await saveCheckpoint(path.join(dir, 'best'), model, meta);
  model.dispose();
}

/** Digits as 224x224 RGB PNGs: Teachable Machine's canvas crop is then the identity, as classify's resize is. */
async function images(dir: string): Promise<string[]> {
  const small = [...(await writeDigitPngs(path.join(dir, 'small'), 2, 2)), ...(await writeDigitPngs(path.join(dir, 'small'), 7, 1))];
  const out: string[] = [];
  for (const f of small) {
    const file = path.join(dir, 'img', path.basename(path.dirname(f)) + '-' + out.length + '.png');
    fs.mkdirSync(path.dirname(file), { recursive: true });
    await sharp(f).resize(SIZE, SIZE, { kernel: 'nearest' }).toColourspace('srgb').removeAlpha().png().toFile(file);
    out.push(file);
  }
  return out;
}

function serve(files: Record<string, string>): Promise<http.Server> {
  const types: Record<string, string> = { '.js': 'text/javascript', '.json': 'application/json', '.png': 'image/png', '.html': 'text/html', '.bin': 'application/octet-stream' };
  const server = http.createServer((req, res) => {
    const file = files[(req.url ?? '/').split('?')[0]];
    if (!file) return void res.writeHead(404).end();
    res.writeHead(200, { 'content-type': types[path.extname(file)] ?? 'application/octet-stream' });
    fs.createReadStream(file).pipe(res);
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)));
}

const missing = fs.existsSync(CHROMIUM) ? undefined : `no chromium at ${CHROMIUM} (apt-get install chromium, or set CHROMIUM_PATH)`;

test('@teachablemachine/image loads the export as it is and predicts what alexnet classify gives', { skip: missing, timeout: 600_000 }, async () => {
  await selectBackend('wasm');
  const dir = tmpDir();
  await checkpointAt224(dir);
  const files = await images(dir);
  const ours = await classify(path.join(dir, 'best'), files, CLASSES.length);
  const { dir: exported, warning } = await exportForClients(path.join(dir, 'best'), path.join(dir, 'export'), 'tm');
  assert.equal(warning, undefined);

  // This project's TF.js loads the export too, and on Teachable Machine's input scaling gives the same probabilities.
  const modelJson = JSON.parse(fs.readFileSync(path.join(exported, 'model.json'), 'utf8')) as { modelTopology: object; weightsManifest: { paths: string[]; weights: tf.io.WeightsManifestEntry[] }[] };
  const weights = fs.readFileSync(path.join(exported, modelJson.weightsManifest[0].paths[0]));
  const model = await tfl.loadLayersModel(
    tf.io.fromMemory({ modelTopology: modelJson.modelTopology, weightSpecs: modelJson.weightsManifest[0].weights, weightData: weights.buffer.slice(weights.byteOffset, weights.byteOffset + weights.byteLength) as ArrayBuffer }),
  );
  const pixels = await Promise.all(files.map((f) => sharp(f).removeAlpha().raw().toBuffer()));
  const x = tf.tidy(() => tf.tensor4d(Float32Array.from(Buffer.concat(pixels), (v) => v / 127 - 1), [files.length, SIZE, SIZE, 3]));
  const y = model.predict(x) as tf.Tensor;
  const node = (await y.array()) as number[][];
  tf.dispose([x, y]);
  model.dispose();
  let nodeDiff = 0;
  ours.files.forEach((f, i) => f.top.forEach((t) => (nodeDiff = Math.max(nodeDiff, Math.abs(t.probability - node[i][t.index])))));
  console.log(`tfjs-layers ${tfl.version_layers} in Node: largest probability difference ${nodeDiff.toExponential(2)}`);
  assert.ok(nodeDiff <= 1e-4, `tfjs-layers in Node differs by ${nodeDiff}`);

  const page = path.join(dir, 'index.html');
  fs.writeFileSync(page, '<!doctype html><meta charset="utf-8"><script src="/tf.min.js"></script><script src="/tm.min.js"></script>');
  const served: Record<string, string> = {
    '/': page,
    '/tf.min.js': path.join(ROOT, 'node_modules', '@tensorflow', 'tfjs', 'dist', 'tf.min.js'),
    '/tm.min.js': path.join(ROOT, 'node_modules', '@teachablemachine', 'image', 'dist', 'teachablemachine-image.min.js'),
  };
  for (const f of fs.readdirSync(exported)) served[`/model/${f}`] = path.join(exported, f);
  files.forEach((f, i) => (served[`/img/${i}.png`] = f));
  const server = await serve(served);
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox', '--headless', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run'] });
  try {
    const tab = await browser.newPage();
    const errors: string[] = [];
    tab.on('pageerror', (e) => errors.push(e.message));
    await tab.goto(`http://127.0.0.1:${(server.address() as AddressInfo).port}/`);
    const result = await tab.evaluate(async (n: number) => {
      // Structural types for the page's globals: this file compiles without the DOM library.
      type Img = { src: string; decode(): Promise<void> };
      type Model = { predict(img: Img): Promise<{ className: string; probability: number }[]>; getTotalClasses(): number };
      const w = globalThis as unknown as {
        tf: { setBackend(b: string): Promise<boolean>; version: { tfjs: string } };
        tmImage: { load(m: string, md: string): Promise<Model>; version: string };
        Image: new () => Img;
      };
      // The reference CPU kernels: WebGL in a GPU-less headless browser may run at half precision.
      await w.tf.setBackend('cpu');
      const model = await w.tmImage.load('/model/model.json', '/model/metadata.json');
      const rows: { className: string; probability: number }[][] = [];
      for (let i = 0; i < n; i++) {
        const img = new w.Image();
        img.src = `/img/${i}.png`;
        await img.decode();
        rows.push(await model.predict(img));
      }
      return { rows, classes: model.getTotalClasses(), tfjs: w.tf.version.tfjs, tm: w.tmImage.version };
    }, files.length);
    assert.deepEqual(errors, []);
    assert.equal(result.classes, CLASSES.length);
    let maxDiff = 0;
    let agree = 0;
    ours.files.forEach((f, i) => {
      const tm = result.rows[i];
      assert.deepEqual(tm.map((p) => p.className), CLASSES);
      for (const t of f.top) maxDiff = Math.max(maxDiff, Math.abs(t.probability - tm[t.index].probability));
      const tmTop = tm.reduce((best, p, j) => (p.probability > tm[best].probability ? j : best), 0);
      if (tmTop === f.top[0].index) agree++;
    });
    console.log(`teachable machine ${result.tm} on tfjs ${result.tfjs}: largest probability difference ${maxDiff.toExponential(2)}, top-1 equal on ${agree}/${files.length} images`);
    assert.ok(maxDiff <= 1e-4, `probabilities differ by ${maxDiff}`);
    assert.equal(agree, files.length);
  } finally {
    await browser.close();
    server.close();
  }
});
