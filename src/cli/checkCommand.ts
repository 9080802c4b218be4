import { checkDataset } from '../engine/datasetCheck';
import { DatasetSummary } from '../shared/dataset';
import { numberOption, Options, UsageError } from './args';
import { progressOutput } from './progressOutput';

export const checkOptions: Options = { json: { type: 'boolean' }, 'val-fraction': { type: 'string' }, seed: { type: 'string' } };

export const checkHelp = `alexnet check <datasetDir> [--json] [--val-fraction X] [--seed N]
  Reads a class-folder dataset as training would, decodes every image, and reports: the classes in index order,
  images per class in each split, each skipped file with its reason, and warnings (imbalance over 3:1, classes
  under 10 images, identical files in train and test). Exit code 1 when the dataset cannot be trained on.
  Progress: a line on a terminal; with --json, {"event":"progress","phase":"scan"|"decode","done":N,"total":M}
  lines on stderr (at most two a second), the summary alone on stdout.`;

function formatSummary(s: DatasetSummary): string {
  const width = Math.max(5, ...s.classes.map((c) => c.length));
  const lines = [
    `dataset: ${s.root} (${s.layout === 'split' ? `train/ + ${s.testDir?.split(/[\\/]/).pop()}/` : 'class folders, split by seed'})`,
    `${'index'.padEnd(6)}${'class'.padEnd(width + 2)}${'train'.padStart(7)}${'test'.padStart(7)}`,
    ...s.classes.map((c, i) => `${String(i).padEnd(6)}${c.padEnd(width + 2)}${String(s.counts.train[i]).padStart(7)}${String(s.counts.test[i]).padStart(7)}`),
    `${''.padEnd(6)}${'total'.padEnd(width + 2)}${String(s.counts.train.reduce((a, b) => a + b, 0)).padStart(7)}${String(s.counts.test.reduce((a, b) => a + b, 0)).padStart(7)}`,
  ];
  if (s.skipped.length) lines.push(`skipped ${s.skipped.length} file(s):`, ...s.skipped.map((k) => `  ${k.file}: ${k.reason}`));
  for (const w of s.warnings) lines.push(`warning: ${w}`);
  return lines.join('\n');
}

export async function checkCommand(positionals: string[], values: Record<string, unknown>): Promise<void> {
  if (positionals.length !== 1) throw new UsageError('check takes one dataset folder');
  const progress = progressOutput(Boolean(values.json));
  const summary = await checkDataset(positionals[0], { valFraction: numberOption(values['val-fraction'], 'val-fraction'), seed: numberOption(values.seed, 'seed'), onProgress: progress.sink });
  progress.clear();
  process.stdout.write(values.json ? JSON.stringify(summary, null, 1) + '\n' : formatSummary(summary) + '\n');
}
