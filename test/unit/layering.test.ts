/**
 * The layering, checked on the sources and the bundle: the engine and shared code never import vscode; shared
 * code never imports tfjs and only itself; the webview imports only itself and src/shared; host code never
 * imports the engine, and the host bundle (dist/extension.js) holds no tfjs; no import cycles anywhere (madge).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'fs';
import * as path from 'path';
import madge from 'madge';

const ROOT = path.resolve(__dirname, '..', '..', '..');

function sourceFiles(dir: string): string[] {
  return fs
    .readdirSync(path.join(ROOT, dir), { recursive: true })
    .map(String)
    .filter((f) => f.endsWith('.ts') && !f.endsWith('.d.ts'))
    .map((f) => path.join(dir, f).split(path.sep).join('/'));
}

/** Every module a file names: import/export ... from, import '...', require('...'), import('...'). */
function specifiers(file: string): string[] {
  const text = fs.readFileSync(path.join(ROOT, file), 'utf8');
  const found: string[] = [];
  for (const m of text.matchAll(/(?:\bfrom\s*|\bimport\s*\(?\s*|\brequire\s*\(\s*)['"]([^'"]+)['"]/g)) found.push(m[1]);
  return found;
}

/** A relative specifier as a path from the repository root; packages stay as they are. */
function target(file: string, spec: string): string {
  return spec.startsWith('.') ? path.posix.join(path.posix.dirname(file), spec) : spec;
}

const under = (dir: string) => (p: string) => p === dir || p.startsWith(dir + '/');
const isTfjs = (p: string) => p.startsWith('@tensorflow/');

function violations(files: string[], bad: (to: string) => boolean): string[] {
  return files.flatMap((f) => specifiers(f).map((s) => target(f, s)).filter(bad).map((to) => `${f} -> ${to}`));
}

test('the engine and shared code never import vscode', () => {
  assert.deepEqual(violations([...sourceFiles('src/engine'), ...sourceFiles('src/shared')], (to) => to === 'vscode'), []);
});

test('shared code imports neither tfjs nor anything outside src/shared', () => {
  const shared = sourceFiles('src/shared');
  assert.ok(shared.length > 10);
  const outside = (to: string) => isTfjs(to) || to === 'vscode' || (to.startsWith('src/') && !under('src/shared')(to));
  assert.deepEqual(violations(shared, outside), []);
});

test('the webview imports only itself and src/shared', () => {
  const files = sourceFiles('webview');
  const project = (to: string) => to.startsWith('src/') || to.startsWith('webview/') || to.startsWith('test/');
  assert.deepEqual(violations(files, (to) => (project(to) && !under('webview')(to) && !under('src/shared')(to)) || to === 'vscode' || isTfjs(to)), []);
});

test('host code never imports the engine or tfjs', () => {
  const engineSide = ['src/engine', 'src/cli', 'src/shared', 'src/types'].map(under);
  const host = sourceFiles('src').filter((f) => !engineSide.some((u) => u(f)) && f !== 'src/cli.ts');
  assert.ok(host.some((f) => f === 'src/extension.ts'));
  assert.deepEqual(violations(host, (to) => under('src/engine')(to) || isTfjs(to) || to === 'sharp'), []);
});

test('the host bundle dist/extension.js holds no tfjs and loads no sharp', () => {
  const bundle = fs.readFileSync(path.join(ROOT, 'dist', 'extension.js'), 'utf8');
  assert.doesNotMatch(bundle, /@tensorflow\//);
  assert.doesNotMatch(bundle, /require\(["']sharp["']\)/);
  assert.ok(bundle.length < 500_000, `dist/extension.js is ${bundle.length} bytes`);
});

test('no import cycles in src/ and webview/ (madge)', async () => {
  const graph = await madge([path.join(ROOT, 'src'), path.join(ROOT, 'webview')], {
    baseDir: ROOT,
    fileExtensions: ['ts'],
    tsConfig: path.join(ROOT, 'tsconfig.json'),
    // A cycle through types only is still two modules that each need the other to be understood.
    detectiveOptions: { ts: { skipTypeImports: false }, es6: { skipTypeImports: false } },
  });
  assert.ok(Object.keys(graph.obj()).length > 80, 'madge read the sources');
  assert.deepEqual(graph.circular(), []);
});
