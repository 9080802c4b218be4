/** Runs PyTorch itself (Debian's python3-torch under /usr/bin/python3) for the tests that compare with it. */
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { writeNormalised } from '../../src/engine/batches';
import { decodeImage } from '../../src/engine/imageDecode';

export const PYTHON = '/usr/bin/python3';
const SCRIPT = path.resolve(__dirname, '..', '..', '..', 'test', 'helpers', 'torch_models.py');

/** Why PyTorch cannot be used here, or undefined when it can. */
export function torchMissing(): string | undefined {
  const r = spawnSync(PYTHON, ['-c', 'import torch'], { encoding: 'utf8' });
  if (r.status === 0) return undefined;
  return `PyTorch is not installed (${PYTHON} -c 'import torch' failed): apt-get install python3-torch`;
}

export function torchModels(args: string[]): string {
  const r = spawnSync(PYTHON, [SCRIPT, ...args], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  if (r.status !== 0) throw new Error(`torch_models.py ${args.join(' ')} failed (${r.status}): ${r.stderr}`);
  return r.stdout;
}

/** The normalised NHWC float32 inputs that classify gives the model, written for PyTorch to read. */
export async function writeInputs(files: string[], size: number, out: string): Promise<void> {
  const per = size * size * 3;
  const buf = new Float32Array(files.length * per);
  for (const [i, f] of files.entries()) writeNormalised(buf, i * per, await decodeImage(f, size), size);
  fs.writeFileSync(out, Buffer.from(buf.buffer));
}

/** PyTorch's softmax rows for the inputs. */
export function torchSoftmax(layout: string, size: number, classes: number, pth: string, inputs: string, n: number): number[][] {
  return JSON.parse(torchModels(['classify', layout, String(size), String(classes), pth, inputs, String(n)])) as number[][];
}
