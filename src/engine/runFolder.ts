import * as fs from 'fs/promises';
import * as path from 'path';
import { DEFAULT_RUNS_FOLDER, holdsRun, runFolderName } from '../shared/runLayout';

/** A new run folder under `runsRoot` (default ./.alexnet/runs), never reusing an existing one. */
export async function createRunFolder(outDir: string | undefined, runsRoot = path.resolve(DEFAULT_RUNS_FOLDER)): Promise<string> {
  if (outDir) {
    const dir = path.resolve(outDir);
    const held = await fs.readdir(dir).catch(() => [] as string[]);
    if (holdsRun(held)) {
      throw new Error(`${dir} already holds a training run; continue it with --resume ${outDir} or choose another --out`);
    }
    await fs.mkdir(dir, { recursive: true });
    return dir;
  }
  const base = path.join(runsRoot, runFolderName());
  for (let i = 0; ; i++) {
    const dir = i === 0 ? base : `${base}-${i}`;
    try {
      await fs.mkdir(dir, { recursive: false });
      return dir;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') await fs.mkdir(runsRoot, { recursive: true });
      else if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') i--;
    }
  }
}
