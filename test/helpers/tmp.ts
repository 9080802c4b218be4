import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { writeDigitImage } from '../../src/engine/sampleData';

/** A fresh temporary folder, removed when the test process exits. */
export function tmpDir(prefix = 'alexnet-test-'): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  process.on('exit', () => fs.rmSync(dir, { recursive: true, force: true }));
  return dir;
}

/** MNIST digit `digit`, sample `index`, as a 28x28 grey PNG. */
export const writeDigit = writeDigitImage;

/** root/<split>/<class>/<n>.png for each class name, using digit (class position) images. */
export async function writeSplit(root: string, split: string, classes: string[], perClass: number, offset = 0): Promise<void> {
  for (const [c, name] of classes.entries()) {
    for (let i = 0; i < perClass; i++) await writeDigit(path.join(root, split, name, `${i}.png`), c % 10, offset + i);
  }
}
