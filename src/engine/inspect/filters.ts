import * as tfl from '@tensorflow/tfjs-layers';
import * as fs from 'fs/promises';
import * as path from 'path';
import { CheckpointMeta } from '../../shared/checkpointMeta';
import { FiltersResult, FilterTiles } from '../../shared/inspect';
import { INITIAL_FILTERS_FILE } from '../../shared/runLayout';
import { buildAlexNet } from '../alexnet';
import { LoadedCheckpoint } from '../checkpoints';

const FIRST_CONV = 'conv1';

/** conv1's kernel [k, k, 3, n] and its shape. */
async function firstKernel(model: tfl.LayersModel): Promise<{ values: Float32Array; shape: number[] }> {
  const kernel = model.getLayer(FIRST_CONV).getWeights()[0];
  return { values: (await kernel.data()) as Float32Array, shape: kernel.shape };
}

/** [k][k][3][n] weights as n RGB tiles [n][k][k][3], on one scale so that tiles compare: 128 + 127 * w / maxAbs. */
export function filterTiles(values: Float32Array, shape: number[]): FilterTiles {
  const [k, k2, c, n] = shape;
  if (k !== k2 || c !== 3 || values.length !== k * k * c * n) throw new Error(`conv1 kernel of shape [${shape.join(', ')}] is not [k, k, 3, n]`);
  let maxAbs = 0;
  for (const v of values) maxAbs = Math.max(maxAbs, Math.abs(v));
  const scale = maxAbs > 0 ? 127 / maxAbs : 0;
  const rgb = new Uint8Array(n * k * k * 3);
  for (let y = 0; y < k; y++) {
    for (let x = 0; x < k; x++) {
      for (let ch = 0; ch < 3; ch++) {
        for (let f = 0; f < n; f++) rgb[((f * k + y) * k + x) * 3 + ch] = Math.round(128 + values[((y * k + x) * 3 + ch) * n + f] * scale);
      }
    }
  }
  return { count: n, size: k, maxAbs, rgb: Buffer.from(rgb).toString('base64') };
}

/** Records a new run's conv1 before training, so that the filters' starting point is shown as it was, not rebuilt. */
export async function recordInitialFilters(runDir: string, model: tfl.LayersModel): Promise<void> {
  const { values } = await firstKernel(model);
  const file = path.join(runDir, INITIAL_FILTERS_FILE);
  const tmp = `${file}.${process.pid}.tmp`;
  await fs.writeFile(tmp, new Uint8Array(values.buffer, values.byteOffset, values.byteLength));
  await fs.rename(tmp, file);
}

async function recordedFilters(runDir: string, shape: number[]): Promise<Float32Array | undefined> {
  const buf = await fs.readFile(path.join(runDir, INITIAL_FILTERS_FILE)).catch(() => undefined);
  if (!buf) return undefined;
  const expected = shape.reduce((a, b) => a * b, 1) * 4;
  if (buf.byteLength !== expected) throw new Error(`${path.join(runDir, INITIAL_FILTERS_FILE)} holds ${buf.byteLength} bytes, not the ${expected} of conv1 [${shape.join(', ')}]`);
  return new Float32Array(buf.buffer.slice(buf.byteOffset, buf.byteOffset + buf.byteLength));
}

/** The initial conv1 of a run rebuilt from its seed: the same initialisers, so the same numbers (checked by a test). */
async function rebuiltFilters(meta: CheckpointMeta): Promise<Float32Array> {
  const c = meta.config;
  const model = buildAlexNet({ numClasses: meta.classes.length, inputSize: c.inputSize, lrn: c.lrn, init: c.init, dropout: c.dropout, seed: c.seed });
  try {
    return (await firstKernel(model)).values;
  } finally {
    model.dispose();
  }
}

/** conv1 of a checkpoint, and of the same run at initialisation: recorded in the run folder, else rebuilt from the seed. */
export async function conv1Filters(checkpoint: LoadedCheckpoint): Promise<FiltersResult> {
  const trained = await firstKernel(checkpoint.model);
  const runDir = path.dirname(checkpoint.dir);
  let initial = await recordedFilters(runDir, trained.shape);
  let initialSource: FiltersResult['initialSource'] = initial ? 'recorded' : null;
  if (!initial && Number.isInteger(checkpoint.meta.config.seed)) {
    initial = await rebuiltFilters(checkpoint.meta);
    initialSource = 'rebuilt';
  }
  let change: number | null = null;
  if (initial) {
    let diff = 0;
    let norm = 0;
    initial.forEach((w0, i) => {
      diff += (trained.values[i] - w0) ** 2;
      norm += w0 * w0;
    });
    change = norm > 0 ? Math.sqrt(diff / norm) : null;
  }
  return {
    checkpoint: checkpoint.dir,
    trained: filterTiles(trained.values, trained.shape),
    initial: initial ? filterTiles(initial, trained.shape) : null,
    initialSource,
    change,
  };
}
