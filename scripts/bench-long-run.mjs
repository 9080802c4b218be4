// Long-run benchmark (reliability issue): trains 10 epochs on the sample digits and prints the tensor count and
// RSS after each epoch, then classifies 100 and 1000 images in one command each and prints their peak RSS.
// Flat tensor counts and similar peaks mean nothing grows with the length of the run. Figures, not assertions.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const epochs = process.env.EPOCHS ?? '10';
const inputSize = process.env.INPUT_SIZE ?? '63';
const work = mkdtempSync(join(tmpdir(), 'alexnet-long-'));
const cli = (args, opts = {}) =>
  spawnSync(process.execPath, ['--require', './scripts/peak-rss.cjs', 'bin/alexnet.js', ...args], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024, ...opts });

try {
  const data = join(work, 'digits');
  cli(['sample-data', data, '--train-per-class', '20', '--test-per-class', '100']);
  const run = join(work, 'run');
  const t0 = Date.now();
  const train = cli(['train', data, '--epochs', epochs, '--input-size', inputSize, '--batch-size', '16', '--out', run, '--json']);
  if (train.status !== 0) throw new Error(train.stderr);
  console.log(`training ${epochs} epochs at ${inputSize} px, batch 16, 200 train / 1000 test images (${((Date.now() - t0) / 1000).toFixed(0)} s):`);
  console.log('epoch  tensors  rssMB  testAcc');
  for (const line of train.stdout.trim().split('\n')) {
    const e = JSON.parse(line);
    if (e.event === 'epoch') console.log(`${String(e.epoch).padStart(5)}  ${String(e.tensors).padStart(7)}  ${String(e.rssMB).padStart(5)}  ${e.testAcc.toFixed(3)}`);
  }
  console.log(train.stderr.match(/peak-rss-mb \d+/)?.[0].replace('peak-rss-mb', 'training peak RSS MB:'));
  for (const [label, target] of [
    ['100 images', join(data, 'test', '3')],
    ['1000 images', join(data, 'test')],
  ]) {
    const t = Date.now();
    const r = cli(['classify', join(run, 'best'), target, '--json']);
    if (r.status !== 0 || !existsSync(join(run, 'best'))) throw new Error(r.stderr);
    const n = JSON.parse(r.stdout).files.length;
    console.log(`classify ${label}: ${n} files in ${((Date.now() - t) / 1000).toFixed(1)} s, ${r.stderr.match(/peak-rss-mb (\d+)/)?.[1]} MB peak RSS`);
  }
} finally {
  rmSync(work, { recursive: true, force: true });
}
