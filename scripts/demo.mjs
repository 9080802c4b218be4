// The README's main job: make the built-in sample dataset, train on it at a small input size, classify a few
// test images with the best checkpoint. Every step is a plain `alexnet` CLI call, printed before it runs.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';

const sample = process.env.ALEXNET_SAMPLE_DIR ?? 'sample-digits';
const epochs = process.env.ALEXNET_DEMO_EPOCHS ?? '5';
const stamp = new Date().toISOString().replace(/[-:]/g, '').replace('T', '-').slice(0, 15);
const run = join('.alexnet', 'runs', `demo-${stamp}`);

function alexnet(...args) {
  console.log(`\n$ alexnet ${args.join(' ')}`);
  const r = spawnSync(process.execPath, ['bin/alexnet.js', ...args], { stdio: 'inherit' });
  if (r.status !== 0) process.exit(r.status ?? 1);
}

alexnet('backend');
if (!existsSync(join(sample, 'train'))) alexnet('sample-data', sample);
else console.log(`\n(sample dataset already in ${sample}/)`);
alexnet('check', sample);
alexnet('train', sample, '--input-size', '67', '--epochs', epochs, '--out', run);
alexnet('classify', join(run, 'best'), join(sample, 'test', '3', '0000.png'), join(sample, 'test', '7', '0000.png'), join(sample, 'test', '9', '0000.png'), '--top-k', '3');
alexnet('classify', join(run, 'best'), join(sample, 'test'), '--summary');
