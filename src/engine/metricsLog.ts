/**
 * metrics.jsonl, one line per finished epoch. The line is appended before the epoch's checkpoints are written,
 * and a resumed run first trims the file to the epochs its `last` checkpoint holds: a crash anywhere in between
 * then leaves neither a hole nor a line for an epoch that will be trained again.
 */
import * as fs from 'fs/promises';
import { EpochEvent } from '../shared/metrics';

export async function appendEpoch(file: string, event: EpochEvent): Promise<void> {
  await fs.appendFile(file, JSON.stringify(event) + '\n');
}

/** Keeps the lines of epochs 1..lastEpoch (dropping later ones and any line cut short); rewrites atomically. */
export async function trimToEpoch(file: string, lastEpoch: number): Promise<void> {
  const text = await fs.readFile(file, 'utf8').catch(() => undefined);
  if (text === undefined) return;
  const kept = text.split('\n').filter((line) => {
    try {
      const value = JSON.parse(line) as { epoch?: unknown };
      return typeof value.epoch === 'number' && value.epoch <= lastEpoch;
    } catch {
      return false;
    }
  });
  const trimmed = kept.map((l) => l + '\n').join('');
  if (trimmed === text) return;
  const tmp = `${file}.tmp-${process.pid}`;
  await fs.writeFile(tmp, trimmed);
  await fs.rename(tmp, file);
}
