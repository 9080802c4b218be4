import * as fs from 'fs/promises';
import { selectBackend } from '../engine/backend';
import { importTorchCheckpoint } from '../engine/torch/importTorch';
import { BackendChoice } from '../shared/backendReport';
import { intOption, Options, UsageError } from './args';

export const importTorchOptions: Options = {
  classes: { type: 'string' },
  'input-size': { type: 'string' },
  out: { type: 'string' },
  json: { type: 'boolean' },
};

export const importTorchHelp = `alexnet import-torch <file.pth> --classes <datasetDir | "a,b,c"> [--input-size S] [--out DIR] [--json]
  Imports a PyTorch state_dict of the tutorial's AlexNet, saved with torch.save(model.state_dict(), path), as a
  checkpoint (<run>/best) that classify, layers and the extension use like a trained one. Key layouts: the
  tutorial's model.py (c1, c3, c5, c6, c7, f9, f10, output) and nn.Sequential (features.N, classifier.N).
  The file is read without Python: only tensors are accepted (as torch.load(weights_only=True) does), anything
  else in the pickle is refused. A model.py checkpoint keeps the tutorial's forward(): no ReLU after f9 and f10.
  --classes X       class names in output order: a dataset folder (its class folders, sorted as ImageFolder
                    sorts them) or a comma-separated list
  --input-size S    input side in pixels; needed when several sizes give f9's in_features (9216: 223 to 254)
  --out DIR         run folder to write (default ./.alexnet/runs/<timestamp>)
  --json            print {runDir, checkpointDir, meta} as JSON`;

async function classSource(value: unknown): Promise<string[] | { datasetDir: string }> {
  if (typeof value !== 'string' || value.trim() === '') throw new UsageError('import-torch needs --classes: a dataset folder or a comma-separated list of class names');
  const stat = await fs.stat(value).catch(() => undefined);
  if (stat?.isDirectory()) return { datasetDir: value };
  return value.split(',').map((c) => c.trim());
}

export async function importTorchCommand(positionals: string[], values: Record<string, unknown>, backend: BackendChoice): Promise<void> {
  if (positionals.length !== 1) throw new UsageError('import-torch takes one .pth file');
  const classes = await classSource(values.classes);
  await selectBackend(backend);
  const result = await importTorchCheckpoint({
    file: positionals[0],
    classes,
    inputSize: intOption(values['input-size'], 'input-size'),
    outDir: values.out as string | undefined,
  });
  if (values.json) {
    process.stdout.write(JSON.stringify(result) + '\n');
    return;
  }
  const { meta } = result;
  const layout = meta.source?.layout === 'tutorial' ? "the tutorial's model.py (no ReLU after f9 and f10)" : 'nn.Sequential (features.N, classifier.N)';
  process.stdout.write(
    `imported ${positionals[0]}${result.nestedUnder ? ` (its "${result.nestedUnder}" entry)` : ''}\n` +
      `  layout: ${layout}\n  classes: ${meta.classes.join(', ')}\n  input size: ${meta.inputSize}\n  checkpoint: ${result.checkpointDir}\n`,
  );
}
