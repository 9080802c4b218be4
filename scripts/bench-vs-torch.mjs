#!/usr/bin/env node
// Side-by-side speed of `alexnet bench` and the PyTorch reference (../shared/reference/torch_alexnet.py bench) on
// this machine: same batch and input size, PyTorch on 2 threads. The two run one after the other (never at the
// same time) and, with --runs N, in alternating order, so that neither always gets the quieter moment.
//
//   npm run bench -- [--backend wasm] [--batch-size 16] [--input-size 224] [--steps 3] [--runs 1]
//                    [--torch-script PATH] [--python /usr/bin/python3] [--threads 2] [--json]
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const { values } = parseArgs({
  options: {
    backend: { type: 'string', default: 'wasm' },
    'batch-size': { type: 'string', default: '16' },
    'input-size': { type: 'string', default: '224' },
    steps: { type: 'string', default: '3' },
    runs: { type: 'string', default: '1' },
    threads: { type: 'string', default: '2' },
    'torch-script': { type: 'string', default: join(root, '..', 'shared', 'reference', 'torch_alexnet.py') },
    python: { type: 'string', default: '/usr/bin/python3' },
    json: { type: 'boolean', default: false },
  },
});

const cli = join(root, 'dist', 'cli.js');
if (!existsSync(cli)) fail(`${cli} not found: run npm run build first`);
const torchScript = resolve(values['torch-script']);
if (!existsSync(torchScript)) fail(`PyTorch reference not found at ${torchScript} (--torch-script PATH)`);

const shared = ['--batch-size', values['batch-size'], '--input-size', values['input-size'], '--steps', values.steps];

function runJson(file, args, env = process.env) {
  const text = execFileSync(file, args, { cwd: root, env, encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] });
  const line = text.trim().split('\n').filter((l) => l.startsWith('{')).pop();
  if (!line) fail(`no JSON line from ${file} ${args.join(' ')}:\n${text}`);
  return JSON.parse(line);
}

function tfjs() {
  return runJson(process.execPath, [cli, 'bench', '--json', '--backend', values.backend, ...shared]);
}

function torch() {
  try {
    return runJson(values.python, [torchScript, 'bench', '--threads', values.threads, ...shared]);
  } catch (err) {
    fail(`PyTorch run failed (${values.python} needs Debian's python3-torch: apt-get install -y python3-torch python3-torchvision): ${err.message}`);
  }
}

const runs = [];
const count = Math.max(1, Number(values.runs) || 1);
for (let i = 0; i < count; i++) {
  const order = i % 2 === 0 ? ['tfjs', 'torch'] : ['torch', 'tfjs'];
  const r = {};
  for (const which of order) r[which] = which === 'tfjs' ? tfjs() : torch();
  r.trainRatio = round(r.tfjs.trainImagesPerSecond / r.torch.train_images_per_s);
  r.inferRatio = round(r.tfjs.inferImagesPerSecond / r.torch.infer_images_per_s);
  r.loadAverage = (await import('node:os')).loadavg().map((l) => round(l));
  runs.push(r);
  if (!values.json) print(r, i + 1, count);
}
if (values.json) process.stdout.write(JSON.stringify(runs) + '\n');
else if (runs.length > 1) {
  // Other work on the machine moves single runs a lot; the median of the per-run ratios is the steadier figure.
  const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor((xs.length - 1) / 2)];
  process.stdout.write(
    `median ratio over ${runs.length} runs: train ${median(runs.map((r) => r.trainRatio))}x, infer ${median(runs.map((r) => r.inferRatio))}x\n`,
  );
}

function print(r, i, n) {
  const t = r.tfjs;
  const p = r.torch;
  process.stdout.write(
    [
      `run ${i}/${n}: batch ${t.batchSize}, ${t.inputSize} px, ${t.steps} timed steps (load average ${r.loadAverage.join(' ')})`,
      `  tfjs ${t.backend} (${t.threads} threads):  train ${t.trainImagesPerSecond} img/s, infer ${t.inferImagesPerSecond} img/s, peak RSS ${t.peakRssMB} MB, tensors ${t.tensorsAfterWarmup} -> ${t.tensorsAtEnd}`,
      `  ${p.engine} (${p.threads} threads):  train ${p.train_images_per_s} img/s, infer ${p.infer_images_per_s} img/s`,
      `  ratio tfjs/torch: train ${r.trainRatio}x, infer ${r.inferRatio}x`,
    ].join('\n') + '\n',
  );
}

function round(n) {
  return Math.round(n * 100) / 100;
}

function fail(message) {
  process.stderr.write(`bench-vs-torch: ${message}\n`);
  process.exit(1);
}
