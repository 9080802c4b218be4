// Bundles: the extension host (no TensorFlow.js), the trainer process and CLI (node), the webview (browser),
// and the tests. Node packages stay external: tfjs-node(-gpu) must share the one tfjs-core that the
// engine registers its backends and kernels with, and sharp is a native addon.
import * as esbuild from 'esbuild';
import { readdirSync, existsSync } from 'fs';
import { join } from 'path';

const watch = process.argv.includes('--watch');
const production = process.argv.includes('--production');

const node = {
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  packages: 'external',
  external: ['vscode'],
  sourcemap: !production,
  minify: production,
  logLevel: 'warning',
};

function testEntries(dir) {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { recursive: true })
    .map(String)
    .filter((f) => f.endsWith('.ts') && !f.endsWith('.d.ts'))
    .map((f) => join(dir, f));
}

const builds = [
  { ...node, entryPoints: { extension: 'src/extension.ts' }, outdir: 'dist' },
  { ...node, entryPoints: { trainer: 'src/engine/trainerProcess.ts', cli: 'src/cli.ts' }, outdir: 'dist' },
  {
    bundle: true,
    platform: 'browser',
    format: 'esm',
    target: 'es2022',
    entryPoints: { webview: 'webview/main.ts' },
    outdir: 'dist',
    sourcemap: !production,
    minify: production,
    logLevel: 'warning',
  },
  { ...node, sourcemap: 'inline', entryPoints: testEntries('test'), outdir: 'out/test', outbase: 'test' },
]
  // Entry points not written yet (early in a checkout's life) are skipped rather than failing the build.
  .map((b) => ({
    ...b,
    entryPoints: Array.isArray(b.entryPoints)
      ? b.entryPoints
      : Object.fromEntries(Object.entries(b.entryPoints).filter(([, file]) => existsSync(file))),
  }))
  .filter((b) => Object.keys(b.entryPoints).length > 0);

if (watch) {
  for (const b of builds) await (await esbuild.context(b)).watch();
} else {
  await Promise.all(builds.map((b) => esbuild.build(b)));
}
