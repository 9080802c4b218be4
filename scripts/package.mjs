#!/usr/bin/env node
// `npm run package`: a production build, then `vsce package` into alexnet-trainer-<version>-<target>.vsix, and its
// size with the largest parts, so growth is noticed. What goes in is decided by .vscodeignore (an allow-list).
// Options: --out FILE (default: in the repository root).
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));

/** The VSIX carries sharp's native libvips for one platform, so it is published per target. */
function vsceTarget() {
  const arch = { x64: 'x64', arm64: 'arm64', arm: 'armhf' }[process.arch];
  if (!arch) throw new Error(`no VS Code target for CPU architecture ${process.arch}`);
  if (process.platform === 'linux') return `${existsSync('/etc/alpine-release') ? 'alpine' : 'linux'}-${arch}`;
  if (process.platform === 'darwin' || process.platform === 'win32') return `${process.platform}-${arch}`;
  throw new Error(`no VS Code target for platform ${process.platform}`);
}

const outFlag = process.argv.indexOf('--out');
const target = vsceTarget();
const out = outFlag > 0 ? resolve(process.argv[outFlag + 1]) : join(root, `${pkg.name}-${pkg.version}-${target}.vsix`);

/** A failed package leaves no VSIX behind: a rejected one must not be mistaken for a release. */
function fail(message) {
  rmSync(out, { force: true });
  console.error(message);
  process.exit(1);
}

const t0 = Date.now();
rmSync(out, { force: true });
const ignoreFile = join(tmpdir(), `alexnet-vscodeignore-${process.pid}`);
try {
  execFileSync(process.execPath, ['esbuild.mjs', '--production'], { cwd: root, stdio: 'inherit' });
  const hasLicense = readdirSync(root).some((f) => /^LICEN[CS]E/i.test(f));
  const vsce = join(root, 'node_modules', '@vscode', 'vsce', 'vsce');
  // webgpu ships dawn.node for every platform (about 130 MB); this target's VSIX keeps only its own (none on Alpine:
  // dawn.node needs glibc). .vscodeignore cannot know the target, so its rules go to vsce with these added.
  const dawnDir = { 'linux-x64': 'linux-x64', 'linux-arm64': 'linux-arm64', 'darwin-x64': 'darwin-universal', 'darwin-arm64': 'darwin-universal', 'win32-x64': 'win32-x64', 'win32-arm64': 'win32-arm64' }[target];
  const webgpuDist = join(root, 'node_modules', 'webgpu', 'dist');
  const otherDawn = existsSync(webgpuDist) ? readdirSync(webgpuDist).filter((d) => d !== dawnDir) : [];
  writeFileSync(ignoreFile, readFileSync(join(root, '.vscodeignore'), 'utf8') + '\n' + otherDawn.map((d) => `node_modules/webgpu/dist/${d}/**`).join('\n') + '\n');
  try {
    execFileSync(process.execPath, [vsce, 'package', '--allow-missing-repository', '--target', target, '--out', out, '--ignoreFile', ignoreFile,
      ...(hasLicense ? [] : ['--skip-license'])], { cwd: root, stdio: 'inherit' });
  } finally {
    rmSync(ignoreFile, { force: true });
  }
} catch (e) {
  fail(`package: ${e instanceof Error ? e.message : String(e)}`);
}

// Sizes per top-level part, read from the zip's central directory (no unzip tool needed).
const zip = readFileSync(out);
const eocd = zip.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
const count = zip.readUInt16LE(eocd + 10);
let p = zip.readUInt32LE(eocd + 16);
const parts = new Map();
const names = [];
for (let i = 0; i < count; i++) {
  const compressed = zip.readUInt32LE(p + 20);
  const nameLen = zip.readUInt16LE(p + 28);
  const name = zip.toString('utf8', p + 46, p + 46 + nameLen);
  names.push(name);
  const segs = name.split('/');
  const key = segs[1] === 'node_modules'
    ? segs.slice(0, segs[2]?.startsWith('@') ? 4 : 3).join('/')
    : segs.slice(0, Math.min(2, segs.length - 1) || 1).join('/');
  parts.set(key, (parts.get(key) ?? 0) + compressed);
  p += 46 + nameLen + zip.readUInt16LE(p + 30) + zip.readUInt16LE(p + 32);
}
// .vscodeignore keeps development folders out by name; a new top-level folder must be listed there or here.
const allowed = /^(\[Content_Types\]\.xml|extension\.vsixmanifest|extension\/(package\.json|package\.nls(\.[a-z-]+)?\.json|l10n\/bundle\.l10n(\.[a-z-]+)?\.json|readme\.md|changelog\.md|LICENSE[^/]*|dist\/.*|media\/.*|node_modules\/.*))$/i;
const unexpected = names.filter((n) => !allowed.test(n));
if (unexpected.length > 0) {
  fail(`package: unexpected files in the VSIX (add them to .vscodeignore or to the allow-list in scripts/package.mjs); removed ${out}:\n  ${unexpected.slice(0, 20).join('\n  ')}`);
}
const mb = (n) => `${(n / 1024 / 1024).toFixed(1)} MB`;
console.log('largest parts (compressed):');
for (const [k, v] of [...parts].sort((a, b) => b[1] - a[1]).slice(0, 12)) console.log(`  ${mb(v).padStart(9)}  ${k}`);
console.log(`VSIX ${out}: ${mb(statSync(out).size)}, ${count} files, target ${target}, built in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
