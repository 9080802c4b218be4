/**
 * The run folder, decided here for the engine (which writes it), the extension and the CLI (which read it):
 *   <runsFolder>/<YYYYMMDD-HHMMSS>/            one run
 *     best/ last/                              checkpoints: model.json, weights.bin, meta.json (+ optimizer.* in last/)
 *       predictions.json                       the test split per file at that checkpoint's epoch
 *     metrics.jsonl                            one epoch event per line
 *     conv1-init.bin                           conv1's kernel before training (float32), for the filters view
 *     cache/                                   decoded images while training (removed at the end)
 *     .tmp-<kind>-<pid>-<ms>/ .old-<kind>-<pid>-<ms>/   a checkpoint being swapped in; `.old-*` survives a crash mid-swap
 * No vscode or tfjs: node's fs only.
 */
import * as fs from 'fs/promises';
import * as path from 'path';
import { EpochEvent } from './metrics';

/** The runs folder, relative to the workspace (extension) or the current folder (CLI), unless set. */
export const DEFAULT_RUNS_FOLDER = '.alexnet/runs';

export type CheckpointKind = 'best' | 'last';
export const CHECKPOINT_KINDS: readonly CheckpointKind[] = ['best', 'last'];
export const METRICS_FILE = 'metrics.jsonl';
export const META_FILE = 'meta.json';
export const MODEL_FILE = 'model.json';
export const PREDICTIONS_FILE = 'predictions.json';
export const INITIAL_FILTERS_FILE = 'conv1-init.bin';

export const checkpointDir = (runDir: string, kind: CheckpointKind): string => path.join(runDir, kind);
export const metricsFile = (runDir: string): string => path.join(runDir, METRICS_FILE);
export const cacheDir = (runDir: string): string => path.join(runDir, 'cache');

/** Whether a folder's entries show it already holds a run. */
export function holdsRun(entries: string[]): boolean {
  return entries.some((n) => (CHECKPOINT_KINDS as readonly string[]).includes(n) || n === METRICS_FILE);
}

/** A run folder name that sorts by time: `YYYYMMDD-HHMMSS`, local time, safe in file names on every platform. */
export function runFolderName(date = new Date()): string {
  const p = (n: number) => String(n).padStart(2, '0');
  return `${date.getFullYear()}${p(date.getMonth() + 1)}${p(date.getDate())}-${p(date.getHours())}${p(date.getMinutes())}${p(date.getSeconds())}`;
}

/** Prefix of the temporary (`tmp`) and set-aside (`old`) copies of folder `name` made while it is swapped. */
export const swapPrefix = (kind: 'tmp' | 'old', name: string): string => `.${kind}-${name}-`;

/** The newest `.old-<name>-*` copy beside `dir` that a crash between the swap's two renames left, if any. */
export async function crashLeftover(dir: string): Promise<string | undefined> {
  const parent = path.dirname(dir);
  const prefix = swapPrefix('old', path.basename(dir));
  const leftovers = (await fs.readdir(parent).catch(() => [] as string[])).filter((n) => n.startsWith(prefix)).sort();
  return leftovers.length > 0 ? path.join(parent, leftovers[leftovers.length - 1]) : undefined;
}

/** Epoch events logged in a run's metrics.jsonl; lines that are not epoch events are skipped. */
export async function readEpochMetrics(runDir: string): Promise<EpochEvent[]> {
  const text = await fs.readFile(metricsFile(runDir), 'utf8').catch(() => '');
  const epochs: EpochEvent[] = [];
  for (const line of text.split('\n')) {
    if (!line.trim()) continue;
    try {
      const value = JSON.parse(line) as Partial<EpochEvent>;
      if (value.event === 'epoch' && typeof value.epoch === 'number') epochs.push(value as EpochEvent);
    } catch {
      // A line cut short by a crash: the earlier epochs are still good.
    }
  }
  return epochs;
}
