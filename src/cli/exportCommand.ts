import * as path from 'path';
import { resolveCheckpoint } from '../engine/checkpoints';
import { exportForClients } from '../shared/exportModel';
import { Options, UsageError } from './args';

export const exportOptions: Options = { name: { type: 'string' }, json: { type: 'boolean' } };

export const exportHelp = `alexnet export <checkpointDir> <destFolder> [--name NAME] [--json]
  Writes <destFolder>/<NAME> (default alexnet-<run>-<kind>; never overwrites: NAME-2, ...) with model.json, its
  weights and metadata.json, which @teachablemachine/image loads as it is: tmImage.load("model.json",
  "metadata.json"), then predict(image) gives the same probabilities as alexnet classify. The model takes
  Teachable Machine's input scaling (x/127 - 1, stated in metadata.json) and ends in a softmax.
  --json   print {dir, warning?} as JSON`;

export async function exportCommand(positionals: string[], values: Record<string, unknown>): Promise<number> {
  if (positionals.length !== 2) throw new UsageError('export takes a checkpoint folder and a destination folder');
  const checkpoint = await resolveCheckpoint(positionals[0]);
  const name = typeof values.name === 'string' ? values.name : `alexnet-${path.basename(path.dirname(checkpoint))}-${path.basename(checkpoint)}`;
  if (!name || name.includes('/') || name.includes('\\') || name === '.' || name === '..') throw new UsageError(`--name must be a plain folder name, got '${name}'`);
  const result = await exportForClients(checkpoint, path.resolve(positionals[1]), name);
  if (values.json) process.stdout.write(JSON.stringify(result) + '\n');
  else process.stdout.write(`exported ${checkpoint} to ${result.dir}\n`);
  if (result.warning && !values.json) process.stderr.write(`alexnet: warning: ${result.warning}\n`);
  return 0;
}
