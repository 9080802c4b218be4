/**
 * Where a stopped epoch left off: `position.json` in a `last` checkpoint saved mid-epoch. It holds what resuming
 * needs to go on at the next batch as if never stopped: the epoch's shuffle order, how far through it training
 * got, the augmentation RNG's state and the running sums behind the epoch's train loss and accuracy.
 * It is untrusted on reading (a checkpoint may come from elsewhere): checked field by field.
 */
import * as fs from 'fs/promises';
import * as path from 'path';
import { parseJsonFile } from '../shared/checkpointChecks';

export const POSITION_FILE = 'position.json';
/** An order of 50 million images is about 400 MB of JSON: more than any dataset this trainer reads. */
const POSITION_JSON_LIMIT = 512 * 1024 * 1024;

export interface EpochPosition {
  epoch: number;
  /** Batches trained in this epoch. */
  batch: number;
  batches: number;
  /** Indices into the training samples, in this epoch's order. */
  order: number[];
  /** Index in `order` where the next batch starts. */
  next: number;
  rngState: number;
  seen: number;
  correct: number;
  lossSum: number;
}

export function positionJson(p: EpochPosition): string {
  return JSON.stringify(p);
}

const whole = (v: unknown, min = 0): v is number => typeof v === 'number' && Number.isInteger(v) && v >= min;

/** The saved position of `dir`, or undefined when it has none (a checkpoint saved at the end of an epoch). */
export async function readPosition(dir: string): Promise<EpochPosition | undefined> {
  const file = path.join(dir, POSITION_FILE);
  const stat = await fs.stat(file).catch(() => undefined);
  if (!stat) return undefined;
  if (stat.size > POSITION_JSON_LIMIT) throw new Error(`${file} is ${stat.size} bytes, over the ${POSITION_JSON_LIMIT}-byte limit for this file`);
  const value = parseJsonFile(await fs.readFile(file, 'utf8'), file) as Record<string, unknown>;
  const fail = (what: string): never => {
    throw new Error(`${file}: ${what}`);
  };
  if (typeof value !== 'object' || value === null) fail('not a JSON object');
  for (const k of ['epoch', 'batches']) if (!whole(value[k], 1)) fail(`"${k}" must be a whole number of at least 1`);
  for (const k of ['batch', 'next', 'rngState', 'seen', 'correct']) if (!whole(value[k])) fail(`"${k}" must be a whole number`);
  if (typeof value.lossSum !== 'number' || !Number.isFinite(value.lossSum)) fail('"lossSum" must be a number');
  const order = value.order;
  if (!Array.isArray(order) || !order.every((i) => whole(i))) fail('"order" must be an array of image indices');
  if ((value.next as number) > (order as number[]).length) fail('"next" lies past the end of "order"');
  return value as unknown as EpochPosition;
}

/**
 * True when a saved position still fits the dataset: the same number of training images and an order that is a
 * permutation of them. Otherwise the epoch restarts from its first batch.
 */
export function positionFits(p: EpochPosition, trainCount: number): boolean {
  if (p.order.length !== trainCount) return false;
  const seen = new Uint8Array(trainCount);
  for (const i of p.order) {
    if (i >= trainCount || seen[i]) return false;
    seen[i] = 1;
  }
  return true;
}
