import { createHash } from 'crypto';
import * as fs from 'fs/promises';
import * as path from 'path';
import { DatasetSummary } from '../shared/dataset';
import { mapLimit, Sample, scanDataset } from './datasetScan';
import { decodeImage, ImageDecodeError } from './imageDecode';

async function contentHash(file: string): Promise<string> {
  return createHash('sha1').update(await fs.readFile(file)).digest('hex');
}

/**
 * `alexnet check`: the scan plus a full decode of every file (truncated images only show up there) and a search
 * for identical files in train and test, which would inflate test accuracy.
 */
export async function checkDataset(root: string, options: { valFraction?: number; seed?: number } = {}): Promise<DatasetSummary> {
  const scanned = await scanDataset(root, options);
  const { summary } = scanned;
  const counts = { train: [...summary.counts.train], test: [...summary.counts.test] };
  const verify = async (samples: Sample[], split: 'train' | 'test') => {
    const problems = await mapLimit(samples, 4, (s) =>
      decodeImage(s.file, 8).then(
        () => null,
        (err: unknown) => (err instanceof ImageDecodeError ? err.reason : String(err)),
      ),
    );
    problems.forEach((reason, i) => {
      if (reason === null) return;
      summary.skipped.push({ file: samples[i].file, reason });
      counts[split][samples[i].label]--;
    });
  };
  await verify(scanned.train, 'train');
  await verify(scanned.test, 'test');
  const trainHashes = new Map<string, string>();
  for (const s of scanned.train) trainHashes.set(await contentHash(s.file), s.file);
  const duplicates: string[] = [];
  for (const s of scanned.test) {
    const twin = trainHashes.get(await contentHash(s.file));
    if (twin) duplicates.push(`${path.relative(summary.root, s.file)} = ${path.relative(summary.root, twin)}`);
  }
  if (duplicates.length > 0) {
    const shown = duplicates.slice(0, 5).join('; ');
    summary.warnings.push(`${duplicates.length} identical file${duplicates.length > 1 ? 's' : ''} in both train and test (${shown}${duplicates.length > 5 ? '; ...' : ''})`);
  }
  const emptyAfterDecode = summary.classes.filter((_, i) => counts.train[i] === 0);
  if (emptyAfterDecode.length > 0) summary.warnings.push(`classes with no decodable training images: ${emptyAfterDecode.join(', ')}`);
  return { ...summary, counts };
}
