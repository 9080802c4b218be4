import { createHash } from 'crypto';
import * as fs from 'fs/promises';
import * as path from 'path';
import { DatasetSummary, SkippedFile } from '../shared/dataset';
import { codePointCompare, isHidden, isImageFile } from '../shared/imageFiles';
import { StepControl, throttled, throwIfCancelled } from './progress';
import { CodedMessage, Message, message } from '../shared/messages';
import { shuffled } from './random';

export interface Sample {
  file: string;
  label: number;
}

export interface ScannedDataset {
  summary: DatasetSummary;
  train: Sample[];
  test: Sample[];
  /** Stable hash of relative paths, sizes and modification times. */
  fingerprint: string;
}

export class DatasetError extends Error {
  /** The message as a code, for the UI to show in its language. */
  readonly coded?: CodedMessage;

  constructor(
    reason: string | Message,
    readonly file?: string,
  ) {
    super(typeof reason === 'string' ? reason : reason.text);
    if (typeof reason !== 'string') this.coded = reason.coded;
  }
}

const skip = (file: string, reason: Message): SkippedFile => ({ file, reason: reason.text, message: reason.coded });

const TEST_SPLIT_NAMES = ['test', 'val', 'valid'];

async function listDir(dir: string): Promise<import('fs').Dirent[]> {
  try {
    return await fs.readdir(dir, { withFileTypes: true });
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw new DatasetError(message('dataset.notFound', dir), dir);
    if (code === 'ENOTDIR') throw new DatasetError(message('dataset.notFolder', dir), dir);
    if (code === 'EACCES') throw new DatasetError(`cannot read folder (permission denied): ${dir}`, dir);
    throw new DatasetError(`cannot read folder ${dir}: ${(err as Error).message}`, dir);
  }
}

/** Visible sub-folders (following symlinks to folders), sorted like Python's sorted(). */
async function classFolders(dir: string): Promise<string[]> {
  const names: string[] = [];
  for (const entry of await listDir(dir)) {
    if (isHidden(entry.name)) continue;
    if (entry.isDirectory()) names.push(entry.name);
    else if (entry.isSymbolicLink()) {
      const stat = await fs.stat(path.join(dir, entry.name)).catch(() => undefined);
      if (stat?.isDirectory()) names.push(entry.name);
    }
  }
  return names.sort(codePointCompare);
}

interface FileEntry {
  file: string;
  size: number;
  mtimeMs: number;
}

/** Image files under a class folder, nested folders included; symlink loops are cut by real-path tracking. */
export async function imagesUnder(dir: string, skipped: SkippedFile[], seen = new Set<string>()): Promise<FileEntry[]> {
  const real = await fs.realpath(dir).catch(() => dir);
  if (seen.has(real)) {
    skipped.push(skip(dir, message('skip.symlinkLoopVisited')));
    return [];
  }
  seen.add(real);
  const out: FileEntry[] = [];
  let entries: import('fs').Dirent[];
  try {
    entries = await fs.readdir(dir, { withFileTypes: true });
  } catch (err) {
    skipped.push(skip(dir, message('skip.folderUnreadable', (err as NodeJS.ErrnoException).code ?? (err as Error).message)));
    return out;
  }
  entries.sort((a, b) => codePointCompare(a.name, b.name));
  for (const entry of entries) {
    if (isHidden(entry.name)) continue;
    const file = path.join(dir, entry.name);
    let stat: import('fs').Stats;
    try {
      stat = await fs.stat(file);
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code;
      const reason =
        code === 'ELOOP'
          ? message('skip.symlinkLoop')
          : code === 'ENOENT'
            ? message('skip.brokenLink')
            : code === 'EACCES'
              ? message('skip.permissionDenied')
              : message('skip.unreadable', code ?? (err as Error).message);
      skipped.push(skip(file, reason));
      continue;
    }
    if (stat.isDirectory()) {
      // A link back to this folder or one above it would pull in the files of other classes, or never end.
      if (entry.isSymbolicLink()) {
        const target = await fs.realpath(file).catch(() => file);
        if (real === target || real.startsWith(target + path.sep)) {
          skipped.push(skip(file, message('skip.symlinkLoopParent')));
          continue;
        }
      }
      out.push(...(await imagesUnder(file, skipped, seen)));
    }
    else if (stat.isFile() && isImageFile(entry.name)) out.push({ file, size: stat.size, mtimeMs: stat.mtimeMs });
  }
  return out;
}

/**
 * What the directory listing and stat already tell: an empty file is skipped here. Every other check (not an
 * image, truncated, too many pixels) needs the file's bytes and happens where they are first read: when training
 * decodes the image (reported as skipped then) or in `check`, which decodes every file. So a scan of 36,000
 * files reads no file.
 */
function nonEmptyFiles(files: FileEntry[], skipped: SkippedFile[]): FileEntry[] {
  const ok: FileEntry[] = [];
  for (const f of files) {
    if (f.size === 0) skipped.push(skip(f.file, message('skip.emptyFile')));
    else ok.push(f);
  }
  return ok;
}

export async function mapLimit<T, R>(items: T[], limit: number, fn: (item: T) => Promise<R>): Promise<R[]> {
  const out = new Array<R>(items.length);
  let next = 0;
  const workers = Array.from({ length: Math.min(limit, items.length) }, async () => {
    while (next < items.length) {
      const i = next++;
      out[i] = await fn(items[i]);
    }
  });
  await Promise.all(workers);
  return out;
}

async function scanSplit(dir: string, classes: string[], skipped: SkippedFile[], folderDone: () => void, signal?: AbortSignal): Promise<FileEntry[][]> {
  const perClass: FileEntry[][] = [];
  for (const name of classes) {
    throwIfCancelled(signal);
    perClass.push(nonEmptyFiles(await imagesUnder(path.join(dir, name), skipped), skipped));
    folderDone();
  }
  return perClass;
}

function fingerprint(root: string, groups: FileEntry[][][]): string {
  const hash = createHash('sha256');
  for (const split of groups) for (const cls of split) for (const f of cls) hash.update(`${path.relative(root, f.file)}\0${f.size}\0${Math.round(f.mtimeMs)}\n`);
  return hash.digest('hex').slice(0, 16);
}

async function findTestSplit(root: string): Promise<string | null> {
  for (const name of TEST_SPLIT_NAMES) {
    const stat = await fs.stat(path.join(root, name)).catch(() => undefined);
    if (stat?.isDirectory()) return path.join(root, name);
  }
  return null;
}

function imbalanceWarnings(classes: string[], counts: number[], split: string): Message[] {
  const warnings: Message[] = [];
  const nonEmpty = counts.filter((c) => c > 0);
  const max = Math.max(...nonEmpty);
  const min = Math.min(...nonEmpty);
  if (nonEmpty.length > 1 && max > 3 * min) {
    warnings.push(message('dataset.imbalanced', split, classes[counts.indexOf(max)], max, classes[counts.indexOf(min)], min));
  }
  const small = classes.filter((_, i) => counts[i] < 10);
  if (small.length > 0) warnings.push(message('dataset.fewImages', split, small.join(', ')));
  return warnings;
}

/**
 * Reads a class-folder dataset with ImageFolder semantics: root/train + root/test (or val, valid), or a root of
 * class folders split by a seeded fraction. Throws DatasetError when it cannot be trained on; lists every file it
 * skips and why. Never writes to the dataset.
 */
export async function scanDataset(root: string, options: { valFraction?: number; seed?: number } & StepControl = {}): Promise<ScannedDataset> {
  const absRoot = path.resolve(root);
  const rootStat = await fs.stat(absRoot).catch(() => undefined);
  if (!rootStat) throw new DatasetError(message('dataset.notFound', absRoot), absRoot);
  if (!rootStat.isDirectory()) throw new DatasetError(message('dataset.notFolder', absRoot), absRoot);
  const skipped: SkippedFile[] = [];
  const trainDirStat = await fs.stat(path.join(absRoot, 'train')).catch(() => undefined);
  const split = Boolean(trainDirStat?.isDirectory());
  const trainDir = split ? path.join(absRoot, 'train') : absRoot;
  const testDir = split ? await findTestSplit(absRoot) : null;
  if (split && !testDir) throw new DatasetError(message('dataset.noTestSplit', absRoot), absRoot);

  const classes = await classFolders(trainDir);
  if (classes.length === 0) {
    throw new DatasetError(message('dataset.noClasses', trainDir, split ? 'train/<class>/<image>' : '<class>/<image>'), trainDir);
  }
  if (testDir) {
    const testClasses = await classFolders(testDir);
    const missingInTest = classes.filter((c) => !testClasses.includes(c));
    const missingInTrain = testClasses.filter((c) => !classes.includes(c));
    if (missingInTest.length || missingInTrain.length) {
      const test = path.basename(testDir);
      const [inTrainOnly, inTestOnly] = [missingInTest.join(', '), missingInTrain.join(', ')];
      const reason =
        inTrainOnly && inTestOnly
          ? message('dataset.classMismatch', test, inTrainOnly, inTestOnly)
          : inTrainOnly
            ? message('dataset.classMismatchTest', test, inTrainOnly)
            : message('dataset.classMismatchTrain', test, inTestOnly);
      throw new DatasetError(reason, testDir);
    }
  }

  const report = throttled(options.onProgress);
  const folders = classes.length * (testDir ? 2 : 1);
  let foldersDone = 0;
  report('scan', 0, folders);
  const folderDone = () => report('scan', ++foldersDone, folders);
  const trainFiles = await scanSplit(trainDir, classes, skipped, folderDone, options.signal);
  let testFiles: FileEntry[][];
  let trainKept: FileEntry[][];
  if (testDir) {
    testFiles = await scanSplit(testDir, classes, skipped, folderDone, options.signal);
    trainKept = trainFiles;
  } else {
    const fraction = options.valFraction ?? 0.2;
    if (!(fraction > 0 && fraction < 1)) throw new DatasetError(`validation fraction must be between 0 and 1, got ${fraction}`);
    trainKept = [];
    testFiles = [];
    trainFiles.forEach((files, c) => {
      const order = shuffled(files.length, (options.seed ?? 0) * 7919 + c);
      const nTest = files.length > 1 ? Math.max(1, Math.round(files.length * fraction)) : 0;
      testFiles.push(order.slice(0, nTest).map((i) => files[i]));
      trainKept.push(order.slice(nTest).map((i) => files[i]));
    });
  }
  const empty = classes.filter((_, i) => trainKept[i].length === 0);
  if (empty.length > 0) {
    const dirs = empty.map((c) => path.join(trainDir, c)).join(', ');
    throw new DatasetError(message(empty.length > 1 ? 'dataset.emptyClasses' : 'dataset.emptyClass', dirs), path.join(trainDir, empty[0]));
  }
  if (classes.length < 2) {
    throw new DatasetError(message('dataset.oneClass', classes[0], trainDir), trainDir);
  }
  const counts = { train: trainKept.map((f) => f.length), test: testFiles.map((f) => f.length) };
  const warnings = [...imbalanceWarnings(classes, counts.train, 'train'), ...imbalanceWarnings(classes, counts.test, 'test')];
  const toSamples = (groups: FileEntry[][]) => groups.flatMap((files, label) => files.map((f) => ({ file: f.file, label })));
  return {
    summary: {
      root: absRoot,
      layout: split ? 'split' : 'folders',
      trainDir,
      testDir,
      classes,
      counts,
      skipped,
      warnings: warnings.map((w) => w.text),
      warningMessages: warnings.map((w) => w.coded ?? null),
    },
    train: toSamples(trainKept),
    test: toSamples(testFiles),
    fingerprint: fingerprint(absRoot, [trainKept, testFiles]),
  };
}
