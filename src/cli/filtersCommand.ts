import * as fs from 'fs/promises';
import * as path from 'path';
import { selectBackend } from '../engine/backend';
import { loadCheckpoint } from '../engine/checkpoints';
import { conv1Filters } from '../engine/inspect/filters';
import { BackendChoice } from '../shared/backendReport';
import { Options, UsageError } from './args';
import { writeFiltersPng } from './inspectImages';

export const filtersOptions: Options = { out: { type: 'string' }, json: { type: 'boolean' } };

export const filtersHelp = `alexnet filters <checkpointDir> [--out conv1.png] [--json]
  The first layer's 96 learned 11x11x3 kernels as RGB tiles (the AlexNet paper's figure 3), 12 to a row, all
  on one scale: grey is 0. Beside it, <name>-init.png shows the same kernels before training: recorded in the
  run folder when the run started (conv1-init.bin), or rebuilt from the run's seed for runs that predate it.
  --out FILE   the PNG to write (default ./conv1.png)
  --json       print {checkpoint, shape, maxAbs, initialMaxAbs, initialSource, change, png, initialPng}`;

export async function filtersCommand(positionals: string[], values: Record<string, unknown>, backend: BackendChoice): Promise<number> {
  const [checkpointDir, ...extra] = positionals;
  if (!checkpointDir || extra.length > 0) throw new UsageError('filters needs one checkpoint folder');
  await selectBackend(backend);
  const checkpoint = await loadCheckpoint(checkpointDir);
  try {
    const result = await conv1Filters(checkpoint);
    const png = path.resolve(typeof values.out === 'string' ? values.out : 'conv1.png');
    const parsed = path.parse(png);
    const initialPng = result.initial ? path.join(parsed.dir, `${parsed.name}-init${parsed.ext || '.png'}`) : null;
    await fs.mkdir(parsed.dir, { recursive: true });
    await writeFiltersPng(png, result.trained);
    if (result.initial && initialPng) await writeFiltersPng(initialPng, result.initial);
    const t = result.trained;
    const summary = {
      checkpoint: result.checkpoint,
      shape: [t.size, t.size, 3, t.count],
      maxAbs: t.maxAbs,
      initialMaxAbs: result.initial?.maxAbs ?? null,
      initialSource: result.initialSource,
      change: result.change,
      png,
      initialPng,
    };
    if (values.json) process.stdout.write(JSON.stringify(summary) + '\n');
    else {
      process.stdout.write(`conv1: ${t.count} kernels of ${t.size}x${t.size}x3, largest |w| ${t.maxAbs.toPrecision(3)} -> ${png}\n`);
      if (initialPng) process.stdout.write(`at initialisation (${result.initialSource}): largest |w| ${summary.initialMaxAbs?.toPrecision(3)}, moved by ${((result.change ?? 0) * 100).toFixed(1)}% since -> ${initialPng}\n`);
      else process.stdout.write('at initialisation: not recorded for this run and no seed to rebuild it from\n');
    }
    return 0;
  } finally {
    checkpoint.model.dispose();
  }
}
