/**
 * Finds class-folder datasets under the workspace folders for the Train QuickPick: a folder with train/ and
 * test/ (or val/, valid/) whose class sub-folders hold images. A quick look (counts only), not the engine's
 * full scan, and no vscode import so it can be tested on real folders.
 */
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

async function subdirs(dir: string): Promise<string[]> {
  const entries = await fs.readdir(dir, { withFileTypes: true }).catch(() => []);
  return entries.filter((e) => e.isDirectory() && !isHidden(e.name)).map((e) => e.name);
}

async function countImages(dir: string, budget: { left: number }): Promise<number> {
  let n = 0;
  const entries = await fs.readdir(dir, { withFileTypes: true }).catch(() => []);
  for (const e of entries) {
    if (budget.left <= 0) break;
    if (isHidden(e.name)) continue;
    if (e.isFile() && isImageFile(e.name)) {
      n++;
      budget.left--;
    } else if (e.isDirectory()) n += await countImages(path.join(dir, e.name), budget);
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
  const visit = async (dir: string, depth: number): Promise<void> => {
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
