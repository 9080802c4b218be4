/** Checks on untrusted checkpoint files, shared by the engine (loading) and the extension (listing, exporting). */
import { CheckpointMeta } from './checkpointMeta';
import { MODEL_VARIANTS, ModelVariant } from './modelConfig';

export const MAX_CLASSES = 100_000;

/** Validates an untrusted meta.json; throws one clear line naming the field. */
export function checkMeta(value: unknown, file: string): CheckpointMeta {
  const fail = (what: string): never => {
    throw new Error(`${file}: ${what}`);
  };
  if (typeof value !== 'object' || value === null || Array.isArray(value)) fail('not a JSON object');
  const m = value as Record<string, unknown>;
  if (m.format !== 'alexnet-trainer-checkpoint') fail(`"format" must be "alexnet-trainer-checkpoint"`);
  if (!Array.isArray(m.classes)) fail('"classes" must be an array of class names');
  const classes = m.classes as unknown[];
  if (classes.length < 1 || classes.length > MAX_CLASSES) fail(`"classes" has ${classes.length} entries; expected 1 to ${MAX_CLASSES}`);
  if (!classes.every((c) => typeof c === 'string' && c.length > 0 && c.length <= 1000)) fail('"classes" must hold non-empty strings of at most 1000 characters');
  if (typeof m.inputSize !== 'number' || !Number.isInteger(m.inputSize) || m.inputSize < 63 || m.inputSize > 4096) fail('"inputSize" must be an integer from 63 to 4096');
  if (typeof m.epoch !== 'number' || !Number.isInteger(m.epoch) || m.epoch < 0) fail('"epoch" must be a non-negative integer');
  if (m.kind !== 'best' && m.kind !== 'last') fail('"kind" must be "best" or "last"');
  const metrics = m.metrics as Record<string, unknown> | undefined;
  if (typeof metrics !== 'object' || metrics === null) fail('"metrics" must be an object');
  for (const k of ['trainLoss', 'trainAcc', 'testLoss', 'testAcc']) {
    const v = (metrics as Record<string, unknown>)[k];
    if (typeof v !== 'number' && v !== null) fail(`"metrics.${k}" must be a number or null (not measured)`);
  }
  if (typeof (metrics as Record<string, unknown>).lr !== 'number') fail('"metrics.lr" must be a number');
  if (m.stoppedAt !== undefined) {
    const s = m.stoppedAt as Record<string, unknown> | null;
    const count = (v: unknown, min: number) => typeof v === 'number' && Number.isInteger(v) && v >= min;
    if (typeof s !== 'object' || s === null || !count(s.epoch, 1) || !count(s.batches, 1) || !count(s.batch, 0) || (s.batch as number) > (s.batches as number)) {
      fail('"stoppedAt" must be {"epoch", "batch", "batches"}: whole numbers, epoch and batches at least 1, batch at most batches');
    }
  }
  if (typeof m.config !== 'object' || m.config === null) fail('"config" must be an object');
  if (m.variant !== undefined && !MODEL_VARIANTS.includes(m.variant as ModelVariant)) fail(`"variant" must be one of ${MODEL_VARIANTS.join(', ')}`);
  const source = m.source as Record<string, unknown> | undefined;
  if (source !== undefined && (typeof source !== 'object' || source === null || typeof source.file !== 'string' || (source.layout !== 'tutorial' && source.layout !== 'sequential'))) {
    fail('"source" must be an object with "file" and "layout" (tutorial or sequential)');
  }
  return value as CheckpointMeta;
}

/**
 * A weights path in model.json must name a file inside the checkpoint folder: no separators, no '..'.
 * Returns it, or throws one line naming model.json.
 */
export function checkWeightFileName(p: unknown, modelFile: string): string {
  if (typeof p !== 'string' || p.length === 0 || p.includes('/') || p.includes('\\') || p === '..' || p === '.' || p.includes('\0')) {
    throw new Error(`${modelFile}: weights path ${JSON.stringify(p)} leaves the checkpoint folder; refusing to load it`);
  }
  return p;
}

/** JSON.parse with the file named in the error. */
export function parseJsonFile(text: string, file: string): unknown {
  try {
    return JSON.parse(text);
  } catch (err) {
    throw new Error(`${file} is not valid JSON: ${(err as Error).message}`);
  }
}
