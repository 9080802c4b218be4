import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import * as fs from 'fs';
import * as path from 'path';
import { tmpDir, writeSplit } from '../helpers/tmp';

const root = tmpDir();
const data = path.join(root, 'digits');
const ready = (async () => {
  await writeSplit(data, 'train', ['zero', 'one', 'two'], 16);
  await writeSplit(data, 'test', ['zero', 'one', 'two'], 4, 500);
})();
const networkLog = path.join(root, 'network.log');
const preload = path.resolve('test/helpers/blockNetwork.cjs');

function alexnet(...args: string[]) {
  const r = spawnSync(process.execPath, ['--require', preload, 'bin/alexnet.js', ...args], { encoding: 'utf8', env: { ...process.env, ALEXNET_NETWORK_LOG: networkLog } });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

test('kill -9 mid-epoch: the last complete checkpoint loads and classifies, and resume continues from its epoch', async () => {
  await ready;
  const run = path.join(root, 'killed');
  const child = spawn(process.execPath, ['--require', preload, 'bin/alexnet.js', 'train', data, '--input-size', '63', '--batch-size', '8', '--epochs', '5', '--out', run, '--json'], {
    env: { ...process.env, ALEXNET_NETWORK_LOG: networkLog },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  await new Promise<void>((resolve, reject) => {
    child.stdout.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      if (out.includes('"event":"epoch"')) resolve();
    });
    child.on('exit', (code) => reject(new Error(`trainer exited (${code}) before its first epoch`)));
  });
  // Into the second epoch, then the hard kill: no chance to clean up.
  await new Promise((r) => setTimeout(r, 1500));
  child.kill('SIGKILL');
  await new Promise((r) => child.once('exit', r));
  // The kill may land mid-write, leaving a `.tmp-last-<pid>-*` folder; plant one too, so the case is always tested.
  const deadPid = child.pid ?? 0;
  const planted = path.join(run, `.tmp-last-${deadPid}-0`);
  fs.mkdirSync(planted, { recursive: true });
  fs.writeFileSync(path.join(planted, 'meta.json'), '{"half": "written"}');

  const classified = alexnet('classify', path.join(run, 'last'), path.join(data, 'test', 'one', '0.png'), '--json');
  assert.equal(classified.status, 0, classified.stderr);
  const result = JSON.parse(classified.stdout) as { files: { top: { class: string }[] }[] };
  assert.equal(result.files[0].top.length, 3);

  const lastEpoch = JSON.parse(fs.readFileSync(path.join(run, 'last', 'meta.json'), 'utf8')).epoch as number;
  assert.ok(lastEpoch >= 1);
  // The metrics line is written before the checkpoints: a kill between them leaves a line for an epoch that
  // last/ lacks, maybe cut short. Plant both, so the case is always tested.
  const metricsFile = path.join(run, 'metrics.jsonl');
  fs.appendFileSync(metricsFile, JSON.stringify({ event: 'epoch', epoch: lastEpoch + 1, testAcc: 0.99 }) + '\n{"event":"epoch","ep');
  const resumed = alexnet('train', '--resume', run, '--epochs', String(lastEpoch + 1), '--json');
  assert.equal(resumed.status, 0, resumed.stderr);
  const epochs = resumed.stdout.trim().split('\n').map((l) => JSON.parse(l) as { event: string; epoch?: number }).filter((e) => e.event === 'epoch').map((e) => e.epoch);
  assert.deepEqual(epochs, [lastEpoch + 1]);
  const logged = fs.readFileSync(metricsFile, 'utf8').trim().split('\n').map((l) => (JSON.parse(l) as { epoch: number }).epoch);
  assert.deepEqual(logged, Array.from({ length: lastEpoch + 1 }, (_, i) => i + 1), 'one metrics line per epoch, in order');
  // The resumed trainer removed the dead writer's half-written folders; nothing was loaded from them.
  assert.deepEqual(fs.readdirSync(run).filter((n) => n.startsWith('.tmp-')), []);
});

test('no network request is made by train, classify, check, layers or backend', async () => {
  await ready;
  for (const args of [['backend'], ['layers', '--json'], ['check', data, '--json']]) {
    const r = alexnet(...args);
    assert.equal(r.status, 0, `${args.join(' ')}: ${r.stderr}`);
  }
  // The kill test above ran train and classify under the same block.
  assert.equal(fs.existsSync(networkLog) ? fs.readFileSync(networkLog, 'utf8') : '', '');
});
