import { selectBackend } from '../engine/backend';
import { exportTorchCheckpoint } from '../engine/torch/exportTorch';
import { BackendChoice } from '../shared/backendReport';
import { Options, UsageError } from './args';

export const exportTorchOptions: Options = { layout: { type: 'string' }, json: { type: 'boolean' } };

export const exportTorchHelp = `alexnet export-torch <checkpointDir> <out.pth> [--layout tutorial|sequential] [--json]
  Writes the checkpoint's weights as a PyTorch state_dict that the tutorial's model.py loads with
  model.load_state_dict(torch.load("out.pth"), strict=True) (torch.load's weights_only=True accepts it too).
  <checkpointDir> is a checkpoint folder or a run folder (its best/ is used).
  --layout L   tutorial: model.py's keys c1 ... output (default); sequential: features.N / classifier.N
  --json       print {file, checkpoint, layout, variant, warning?} as JSON`;

export async function exportTorchCommand(positionals: string[], values: Record<string, unknown>, backend: BackendChoice): Promise<void> {
  if (positionals.length !== 2) throw new UsageError('export-torch takes a checkpoint folder and the .pth file to write');
  const layout = values.layout ?? 'tutorial';
  if (layout !== 'tutorial' && layout !== 'sequential') throw new UsageError(`--layout must be tutorial or sequential, got '${layout}'`);
  await selectBackend(backend);
  const result = await exportTorchCheckpoint(positionals[0], positionals[1], layout);
  if (values.json) process.stdout.write(JSON.stringify(result) + '\n');
  else process.stdout.write(`wrote ${result.file} (${result.layout} layout) from ${result.checkpoint}\n`);
  if (result.warning && !values.json) process.stderr.write(`alexnet: warning: ${result.warning}\n`);
}
