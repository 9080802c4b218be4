import { createHash } from 'crypto';
import * as fs from 'fs/promises';
import { availableParallelism } from 'os';
import * as path from 'path';
import { DatasetSummary, addWarning } from '../shared/dataset';
import { Message, message } from '../shared/messages';
import { mapLimit, Sample, scanDataset, ScannedDataset } from './datasetScan';
import { decodeImage, ImageDecodeError } from './imageDecode';
import { StepControl, throttled, throwIfCancelled } from './progress';

/** Images in flight: enough to keep every core decoding while others wait on the disk. */
const inFlight = () => Math.max(4, availableParallelism() * 2);

/**
 * `alexnet check`: the scan plus a full decode of every file (not-an-image, truncated and oversized files only
 * show up there) and a search for identical files in train and test, which would inflate test accuracy. Each file
 * is read once: its bytes are hashed and decoded from memory, several at a time.
 */
export async function checkDataset(root: string, options: { valFraction?: number; seed?: number } & StepControl = {}): Promise<DatasetSummary> {
  return checkScanned(await scanDataset(root, options), options);
}

/** The decoding half of checkDataset, for a dataset already scanned. */
export async function checkScanned(scanned: ScannedDataset, options: StepControl = {}): Promise<DatasetSummary> {
  const summary = { ...scanned.summary, skipped: [...scanned.summary.skipped], warnings: [...scanned.summary.warnings] };
  const counts = { train: [...summary.counts.train], test: [...summary.counts.test] };
  const all: { sample: Sample; split: 'train' | 'test' }[] = [
    ...scanned.train.map((sample) => ({ sample, split: 'train' as const })),
    ...scanned.test.map((sample) => ({ sample, split: 'test' as const })),
  ];
  const report = throttled(options.onProgress);
  let done = 0;
  report('decode', 0, all.length);
  const results = await mapLimit(all, inFlight(), async ({ sample }) => {
    throwIfCancelled(options.signal);
    let result: { hash: string | null; problem: Message | null };
    try {
      const bytes = await fs.readFile(sample.file);
      const hash = createHash('sha1').update(bytes).digest('hex');
      result = await decodeImage(sample.file, 8, bytes).then(
        () => ({ hash, problem: null }),
        (err: unknown) => ({ hash, problem: err instanceof ImageDecodeError ? { text: err.reason, coded: err.coded } : { text: String(err) } }),
      );
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code;
      result = { hash: null, problem: code === 'EACCES' ? message('skip.fileDenied') : message('skip.unreadable', code ?? (err as Error).message) };
    }
    report('decode', ++done, all.length);
    return result;
  });
  throwIfCancelled(options.signal);
  const trainHashes = new Map<string, string>();
  const duplicates: string[] = [];
  all.forEach(({ sample, split }, i) => {
    const { hash, problem } = results[i];
    if (problem !== null) {
      summary.skipped.push({ file: sample.file, reason: problem.text, message: problem.coded });
      counts[split][sample.label]--;
      return;
    }
    if (hash === null) return;
    if (split === 'train') trainHashes.set(hash, sample.file);
    else {
      const twin = trainHashes.get(hash);
      if (twin) duplicates.push(`${path.relative(summary.root, sample.file)} = ${path.relative(summary.root, twin)}`);
    }
  });
  if (duplicates.length > 0) {
    const shown = duplicates.slice(0, 5).join('; ');
    const list = `${shown}${duplicates.length > 5 ? '; ...' : ''}`;
    addWarning(summary, duplicates.length > 1 ? message('dataset.duplicates', duplicates.length, list) : message('dataset.duplicate', list));
  }
  const emptyAfterDecode = summary.classes.filter((_, i) => counts.train[i] === 0);
  if (emptyAfterDecode.length > 0) addWarning(summary, message('dataset.undecodable', emptyAfterDecode.join(', ')));
  return { ...summary, counts, decoded: true };
}
