/**
 * Finds class-folder datasets under the workspace folders for the Train QuickPick: a folder with train/ and
 * test/ (or val/, valid/) whose class sub-folders hold images. A quick look (counts only), not the engine's
 * full scan, and no vscode import so it can be tested on real folders.
 */
import { Dirent } from 'fs';
import * as fs from 'fs/promises';
import * as path from 'path';
import { codePointCompare, isHidden, isImageFile } from '../shared/imageFiles';

const TEST_NAMES = ['test', 'val', 'valid'];
const SKIP = new Set(['node_modules', 'out', 'dist', '__pycache__']);

export interface FoundDataset {
  root: string;
  trainDir: string;
  testDir: string;
  classes: string[];
  trainImages: number;
  testImages: number;
}

export interface FindOptions {
  /** Folder levels below each root to look at. */
  maxDepth?: number;
  /** Stop counting a split's images past this many (counts then read "at least"). */
  maxCount?: number;
}

type Kind = 'dir' | 'file' | 'other';

/** What an entry is, following a symbolic link to its target (a broken link is 'other'). */
async function kindOf(dir: string, e: Dirent): Promise<Kind> {
  if (e.isSymbolicLink()) {
    const stat = await fs.stat(path.join(dir, e.name)).catch(() => undefined);
    return stat?.isDirectory() ? 'dir' : stat?.isFile() ? 'file' : 'other';
  }
  return e.isDirectory() ? 'dir' : e.isFile() ? 'file' : 'other';
}

/** Visible sub-folders, symbolic links to folders included (as the engine's scan follows them). */
async function subdirs(dir: string): Promise<string[]> {
  const entries = await fs.readdir(dir, { withFileTypes: true }).catch(() => [] as Dirent[]);
  const names: string[] = [];
  for (const e of entries) if (!isHidden(e.name) && (await kindOf(dir, e)) === 'dir') names.push(e.name);
  return names;
}

/**
 * True the first time a folder's real path is seen: a symbolic link back to a folder above it (a loop) or to
 * one already visited is not entered again.
 */
async function firstVisit(dir: string, visited: Set<string>): Promise<boolean> {
  const real = await fs.realpath(dir).catch(() => undefined);
  if (real === undefined || visited.has(real)) return false;
  visited.add(real);
  return true;
}

async function countImages(dir: string, budget: { left: number }, visited = new Set<string>()): Promise<number> {
  if (!(await firstVisit(dir, visited))) return 0;
  let n = 0;
  const entries = await fs.readdir(dir, { withFileTypes: true }).catch(() => [] as Dirent[]);
  for (const e of entries) {
    if (budget.left <= 0) break;
    if (isHidden(e.name)) continue;
    const kind = await kindOf(dir, e);
    if (kind === 'file' && isImageFile(e.name)) {
      n++;
      budget.left--;
    } else if (kind === 'dir') n += await countImages(path.join(dir, e.name), budget, visited);
  }
  return n;
}

/** The dataset rooted at `dir`, or null when `dir` is not laid out as train/ + test/ class folders. */
export async function inspectSplitDataset(dir: string, maxCount = 100_000): Promise<FoundDataset | null> {
  const children = await subdirs(dir);
  const lower = new Map(children.map((c) => [c.toLowerCase(), c]));
  const train = lower.get('train');
  const test = TEST_NAMES.map((n) => lower.get(n)).find((n) => n !== undefined);
  if (!train || !test) return null;
  const trainDir = path.join(dir, train);
  const testDir = path.join(dir, test);
  const classes = (await subdirs(trainDir)).sort(codePointCompare); // the engine's class order
  if (classes.length === 0) return null;
  const budget = { left: maxCount };
  const trainImages = await countImages(trainDir, budget);
  if (trainImages === 0) return null;
  const testImages = await countImages(testDir, { left: maxCount });
  return { root: dir, trainDir, testDir, classes, trainImages, testImages };
}

export async function findDatasets(roots: string[], options: FindOptions = {}): Promise<FoundDataset[]> {
  const maxDepth = options.maxDepth ?? 4;
  const found: FoundDataset[] = [];
  const visited = new Set<string>();
  const visit = async (dir: string, depth: number): Promise<void> => {
    if (!(await firstVisit(dir, visited))) return;
    const dataset = await inspectSplitDataset(dir, options.maxCount);
    if (dataset) {
      found.push(dataset);
      return; // a dataset's class folders are not datasets themselves
    }
    if (depth >= maxDepth) return;
    for (const name of await subdirs(dir)) {
      if (!SKIP.has(name)) await visit(path.join(dir, name), depth + 1);
    }
  };
  for (const root of roots) await visit(root, 0);
  return found.sort((a, b) => a.root.localeCompare(b.root));
}
