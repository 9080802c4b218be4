import * as fs from 'fs/promises';
import * as path from 'path';

/** `YYYYMMDD-HHMMSS` in local time: sortable, readable, safe in file names on every platform. */
export function timestamp(date = new Date()): string {
  const p = (n: number) => String(n).padStart(2, '0');
  return `${date.getFullYear()}${p(date.getMonth() + 1)}${p(date.getDate())}-${p(date.getHours())}${p(date.getMinutes())}${p(date.getSeconds())}`;
}

/** A new run folder under `runsRoot` (default ./.alexnet/runs), never reusing an existing one. */
export async function createRunFolder(outDir: string | undefined, runsRoot = path.resolve('.alexnet', 'runs')): Promise<string> {
  if (outDir) {
    const dir = path.resolve(outDir);
    const held = await fs.readdir(dir).catch(() => [] as string[]);
    if (held.some((n) => n === 'best' || n === 'last' || n === 'metrics.jsonl')) {
      throw new Error(`${dir} already holds a training run; continue it with --resume ${outDir} or choose another --out`);
    }
    await fs.mkdir(dir, { recursive: true });
    return dir;
  }
  const base = path.join(runsRoot, timestamp());
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
