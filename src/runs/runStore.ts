/**
 * Reads run folders from disk (the layout is shared/runLayout.ts's). No vscode import: the runs model, the
 * commands and the tests share it.
 */
import * as l10n from '@vscode/l10n';
import * as fs from 'fs/promises';
import * as path from 'path';
import { checkMeta, parseJsonFile } from '../shared/checkpointChecks';
import { CheckpointMeta } from '../shared/checkpointMeta';
import { CHECKPOINT_KINDS, CheckpointKind, META_FILE, MODEL_FILE, checkpointDir, crashLeftover, metricsFile } from '../shared/runLayout';

export type { CheckpointKind } from '../shared/runLayout';

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
  /** When the run last saved a checkpoint (its newest meta.json createdAt), else `modified`: what "newest" means. */
  updated: number;
}

async function exists(file: string): Promise<boolean> {
  return fs.stat(file).then(
    () => true,
    () => false,
  );
}

/** A run's `kind` checkpoint; `dir` is the `.old-*` copy a crash mid-swap left when the folder itself is gone. */
export async function readCheckpoint(runDir: string, kind: CheckpointKind): Promise<CheckpointInfo | null> {
  const expected = checkpointDir(runDir, kind);
  const dir = (await exists(expected)) ? expected : await crashLeftover(expected);
  if (!dir) return null;
  const info: CheckpointInfo = { kind, dir, runDir, meta: null };
  if (!(await exists(path.join(dir, MODEL_FILE)))) {
    info.problem = l10n.t('{0} is missing', MODEL_FILE);
    return info;
  }
  try {
    info.meta = checkMeta(parseJsonFile(await fs.readFile(path.join(dir, META_FILE), 'utf8'), META_FILE), META_FILE);
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
  const hasMetrics = await exists(metricsFile(dir));
  if (checkpoints.length === 0 && !hasMetrics) return null;
  const saved = checkpoints.map((c) => Date.parse(c.meta?.createdAt ?? '')).filter((t) => Number.isFinite(t));
  return { dir, name: path.basename(dir), checkpoints, modified: stat.mtimeMs, updated: saved.length > 0 ? Math.max(...saved) : stat.mtimeMs };
}

/**
 * Runs in a runs folder, newest first by time: when each last saved a checkpoint. Not by folder name: `demo-…`
 * would outrank every `20261128-…` run, and a renamed or copied run would move.
 */
export async function listRuns(runsFolder: string): Promise<RunInfo[]> {
  const entries = await fs.readdir(runsFolder, { withFileTypes: true }).catch(() => []);
  const runs: RunInfo[] = [];
  for (const e of entries) {
    if (!e.isDirectory() || e.name.startsWith('.')) continue;
    const run = await readRun(path.join(runsFolder, e.name));
    if (run) runs.push(run);
  }
  return runs.sort((a, b) => b.updated - a.updated || b.name.localeCompare(a.name));
}

/** What a run was trained with: its last checkpoint's meta, else any readable one. */
export function runMeta(run: RunInfo): CheckpointMeta | undefined {
  return (run.checkpoints.find((c) => c.kind === 'last')?.meta ?? run.checkpoints.find((c) => c.meta)?.meta) || undefined;
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
    const cp = await readCheckpointAt(chosen);
    if (cp?.meta) return cp;
  }
  return defaultCheckpoint(runs);
}

/** The checkpoint in folder `dir` (<run>/best or <run>/last), or null when `dir` is not one. */
export async function readCheckpointAt(dir: string): Promise<CheckpointInfo | null> {
  const kind = path.basename(dir);
  if (!(CHECKPOINT_KINDS as readonly string[]).includes(kind)) return null;
  return readCheckpoint(path.dirname(dir), kind as CheckpointKind);
}
