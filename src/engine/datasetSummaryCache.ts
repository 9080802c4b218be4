/**
 * Dataset summaries without decoding. A `check` result is kept on disk keyed by the dataset's fingerprint (its
 * files' relative paths, sizes and modification times, from a stat-only scan); asking again for an unchanged
 * folder returns it, and a changed folder is re-counted from the listing without decoding anything. So a window
 * reload shows the last check of a 36,000-image dataset in the time a directory listing takes.
 */
import { createHash } from 'crypto';
import * as fs from 'fs/promises';
import * as path from 'path';
import { DatasetSummary } from '../shared/dataset';
import { checkScanned } from './datasetCheck';
import { scanDataset } from './datasetScan';
import { StepControl } from './progress';

interface SplitOptions {
  valFraction?: number;
  seed?: number;
}

interface CacheEntry {
  format: 'alexnet-dataset-summary';
  fingerprint: string;
  summary: DatasetSummary;
}

/** One file per dataset folder and split options. */
function entryFile(cacheDir: string, root: string, options: SplitOptions): string {
  const key = createHash('sha256').update(`${path.resolve(root)}\0${options.valFraction ?? ''}\0${options.seed ?? ''}`).digest('hex').slice(0, 20);
  return path.join(cacheDir, 'datasets', `${key}.json`);
}

async function readEntry(file: string): Promise<CacheEntry | undefined> {
  try {
    const value = JSON.parse(await fs.readFile(file, 'utf8')) as Partial<CacheEntry>;
    const s = value.summary;
    if (value.format !== 'alexnet-dataset-summary' || typeof value.fingerprint !== 'string' || typeof s !== 'object' || s === null) return undefined;
    if (!Array.isArray(s.classes) || !Array.isArray(s.skipped) || !Array.isArray(s.warnings) || !Array.isArray(s.counts?.train)) return undefined;
    return value as CacheEntry;
  } catch {
    return undefined; // missing or damaged: the cache is only a shortcut
  }
}

async function writeEntry(file: string, entry: CacheEntry): Promise<void> {
  await fs.mkdir(path.dirname(file), { recursive: true });
  const tmp = `${file}.tmp-${process.pid}`;
  await fs.writeFile(tmp, JSON.stringify(entry));
  await fs.rename(tmp, file);
}

/**
 * The dataset's summary without decoding: the cached `check` result when the folder is unchanged, else the
 * counts of a stat-only scan (`decoded` unset).
 */
export async function datasetSummary(root: string, cacheDir: string, options: SplitOptions & StepControl = {}): Promise<DatasetSummary> {
  const scanned = await scanDataset(root, options);
  const cached = await readEntry(entryFile(cacheDir, root, options));
  return cached?.fingerprint === scanned.fingerprint ? cached.summary : scanned.summary;
}

/** `check` (decodes every file), remembering its result for datasetSummary(). */
export async function checkDatasetCached(root: string, cacheDir: string, options: SplitOptions & StepControl = {}): Promise<DatasetSummary> {
  const scanned = await scanDataset(root, options);
  const summary = await checkScanned(scanned, options);
  await writeEntry(entryFile(cacheDir, root, options), { format: 'alexnet-dataset-summary', fingerprint: scanned.fingerprint, summary }).catch(() => undefined);
  return summary;
}
