/** Writes real MNIST digits as PNG files into class folders: root/<split>/<digit>/<n>.png. */
import * as path from 'path';
import { writeDigitImage } from '../../src/engine/sampleData';

export async function writeDigitPngs(dir: string, digit: number, count: number, offset = 0): Promise<string[]> {
  const files: string[] = [];
  for (let i = 0; i < count; i++) {
    const file = path.join(dir, `${String(offset + i).padStart(5, '0')}.png`);
    await writeDigitImage(file, digit, offset + i);
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
