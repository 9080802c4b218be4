import * as fs from 'fs/promises';
import * as path from 'path';
import { selectBackend } from '../engine/backend';
import { loadCheckpoint } from '../engine/checkpoints';
import { featureMaps } from '../engine/inspect/featureMaps';
import { BackendChoice } from '../shared/backendReport';
import { Options, UsageError } from './args';
import { writeFeatureMapPng } from './inspectImages';

export const featureMapsOptions: Options = { layers: { type: 'string' }, out: { type: 'string' }, json: { type: 'boolean' } };

export const featureMapsHelp = `alexnet feature-maps <checkpointDir> <image> [--layers conv1,pool1,...] [--out DIR] [--json]
  What each layer makes of one image: one forward pass, then one PNG per layer in DIR (default
  ./<image name>-feature-maps): conv and pool layers as a grid of their channel maps, dense layers as a grid
  of their units, all on the viridis scale from the layer's smallest (dark) to largest (yellow) value.
  --layers L   comma-separated layer names (default: conv1 pool1 conv2 pool2 conv3 conv4 conv5 pool5 fc6 fc7 fc8)
  --json       print {image, checkpoint, inputSize, layers: [{name, type, shape, min, max, png}]}; with --json
               the PNGs are written only when --out is given`;

export async function featureMapsCommand(positionals: string[], values: Record<string, unknown>, backend: BackendChoice): Promise<number> {
  const [checkpointDir, image, ...extra] = positionals;
  if (!checkpointDir || !image || extra.length > 0) throw new UsageError('feature-maps needs a checkpoint folder and one image');
  const layers = typeof values.layers === 'string' ? values.layers.split(',').map((s) => s.trim()).filter(Boolean) : undefined;
  await selectBackend(backend);
  const checkpoint = await loadCheckpoint(checkpointDir);
  try {
    const maps = await featureMaps(checkpoint.model, checkpoint.meta.inputSize, path.resolve(image), { layers });
    const writePngs = !values.json || typeof values.out === 'string';
    const outDir = path.resolve(typeof values.out === 'string' ? values.out : `${path.parse(image).name}-feature-maps`);
    const rows: { name: string; type: string; shape: number[]; min: number; max: number; png?: string }[] = [];
    if (writePngs) await fs.mkdir(outDir, { recursive: true });
    for (const layer of maps.layers) {
      const png = writePngs ? path.join(outDir, `${layer.name}.png`) : undefined;
      if (png) await writeFeatureMapPng(png, layer);
      rows.push({ name: layer.name, type: layer.type, shape: layer.shape, min: layer.min, max: layer.max, png });
    }
    if (values.json) {
      process.stdout.write(JSON.stringify({ image: maps.image, checkpoint: checkpoint.dir, inputSize: maps.inputSize, layers: rows }) + '\n');
    } else {
      for (const r of rows) process.stdout.write(`${r.name.padEnd(6)} ${r.shape.join('x').padEnd(12)} ${r.min.toPrecision(3)} .. ${r.max.toPrecision(3)}  ${r.png}\n`);
    }
    return 0;
  } finally {
    checkpoint.model.dispose();
  }
}
