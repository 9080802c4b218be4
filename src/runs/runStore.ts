/**
 * Reads run folders from disk: <runsFolder>/<run>/{best,last}/{model.json,meta.json} and metrics.jsonl.
 * No vscode import: the tree view, the commands and the tests share it.
 */
import * as fs from 'fs/promises';
import * as path from 'path';
import { checkMeta, parseJsonFile } from '../shared/checkpointChecks';
import { CheckpointMeta } from '../shared/checkpointMeta';
import { EpochEvent } from '../shared/metrics';

export type CheckpointKind = 'best' | 'last';
export const CHECKPOINT_KINDS: readonly CheckpointKind[] = ['best', 'last'];

export interface CheckpointInfo {
  kind: CheckpointKind;
  dir: string;
  runDir: string;
  meta: CheckpointMeta | null;
  /** Why meta.json or model.json could not be used. */
  problem?: string;
}

export interface RunInfo {
  dir: string;
  name: string;
  checkpoints: CheckpointInfo[];
  /** Last modification of the run folder, ms since the epoch. */
  modified: number;
}

async function exists(file: string): Promise<boolean> {
  return fs.stat(file).then(
    () => true,
    () => false,
  );
}

export async function readCheckpoint(runDir: string, kind: CheckpointKind): Promise<CheckpointInfo | null> {
  const dir = path.join(runDir, kind);
  if (!(await exists(dir))) return null;
  const info: CheckpointInfo = { kind, dir, runDir, meta: null };
  if (!(await exists(path.join(dir, 'model.json')))) {
    info.problem = 'model.json is missing';
    return info;
  }
  try {
    const metaFile = path.join(dir, 'meta.json');
    info.meta = checkMeta(parseJsonFile(await fs.readFile(metaFile, 'utf8'), 'meta.json'), 'meta.json');
  } catch (err) {
    info.problem = (err as Error).message;
  }
  return info;
}

export async function readRun(dir: string): Promise<RunInfo | null> {
  const stat = await fs.stat(dir).catch(() => undefined);
  if (!stat?.isDirectory()) return null;
  const checkpoints: CheckpointInfo[] = [];
  for (const kind of CHECKPOINT_KINDS) {
    const cp = await readCheckpoint(dir, kind);
    if (cp) checkpoints.push(cp);
  }
  const hasMetrics = await exists(path.join(dir, 'metrics.jsonl'));
  if (checkpoints.length === 0 && !hasMetrics) return null;
  return { dir, name: path.basename(dir), checkpoints, modified: stat.mtimeMs };
}

/** Runs in a runs folder, newest first (by folder name, which starts with a timestamp, then by mtime). */
export async function listRuns(runsFolder: string): Promise<RunInfo[]> {
  const entries = await fs.readdir(runsFolder, { withFileTypes: true }).catch(() => []);
  const runs: RunInfo[] = [];
  for (const e of entries) {
    if (!e.isDirectory() || e.name.startsWith('.')) continue;
    const run = await readRun(path.join(runsFolder, e.name));
    if (run) runs.push(run);
  }
  return runs.sort((a, b) => b.name.localeCompare(a.name) || b.modified - a.modified);
}

/** Epoch events logged in a run's metrics.jsonl; lines that are not epoch events are skipped. */
export async function readEpochMetrics(runDir: string): Promise<EpochEvent[]> {
  const text = await fs.readFile(path.join(runDir, 'metrics.jsonl'), 'utf8').catch(() => '');
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

/** The checkpoint used for predictions when none is chosen: best (else last) of the newest run that has one. */
export function defaultCheckpoint(runs: RunInfo[]): CheckpointInfo | null {
  for (const run of runs) {
    const usable = run.checkpoints.filter((c) => c.meta);
    const pick = usable.find((c) => c.kind === 'best') ?? usable.find((c) => c.kind === 'last');
    if (pick) return pick;
  }
  return null;
}

/** The checkpoint predictions use: the chosen one while it is readable, else the default above. */
export async function checkpointForPredictions(runs: RunInfo[], chosen: string | undefined): Promise<CheckpointInfo | null> {
  if (chosen) {
    const cp = await readCheckpoint(path.dirname(chosen), path.basename(chosen) as CheckpointKind);
    if (cp?.meta) return cp;
  }
  return defaultCheckpoint(runs);
}

/** A run folder name that sorts by time, in the engine's format: `YYYYMMDD-HHMMSS`, local time. */
export function runFolderName(date = new Date()): string {
  const p = (n: number) => String(n).padStart(2, '0');
  return `${date.getFullYear()}${p(date.getMonth() + 1)}${p(date.getDate())}-${p(date.getHours())}${p(date.getMinutes())}${p(date.getSeconds())}`;
}
