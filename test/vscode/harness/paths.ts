import * as fs from 'fs';
import * as path from 'path';

/** The extension's folder: the nearest parent holding this project's package.json (works from test/ and out/test/). */
export function repoRoot(from: string = __dirname): string {
  for (let dir = from; ; dir = path.dirname(dir)) {
    const manifest = path.join(dir, 'package.json');
    if (fs.existsSync(manifest) && JSON.parse(fs.readFileSync(manifest, 'utf8')).name === 'alexnet-trainer') return dir;
    if (path.dirname(dir) === dir) throw new Error(`no alexnet-trainer package.json above ${from}`);
  }
}

/** Everything the real-VS-Code tests install or write lives under .vscode-test/ (gitignored). */
export function vscodeTestDir(): string {
  return path.join(repoRoot(), '.vscode-test');
}

/** code-server as installed by scripts/setup-code-server.sh. */
export function codeServerBin(): string {
  return path.join(vscodeTestDir(), 'code-server', 'node_modules', '.bin', 'code-server');
}

/** Screenshots and logs that a person or CI looks at after a run. */
export function testResultsDir(): string {
  return path.join(repoRoot(), 'test-results');
}

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** A fresh, empty folder (removed first if it exists). */
export function freshDir(dir: string): string {
  fs.rmSync(dir, { recursive: true, force: true });
  fs.mkdirSync(dir, { recursive: true });
  return dir;
}

/** Removes this runner's artefacts from an earlier run (files in test-results/ named `<prefix>-*`). */
export function clearResults(prefix: string): void {
  const dir = testResultsDir();
  if (!fs.existsSync(dir)) return;
  for (const f of fs.readdirSync(dir)) if (f.startsWith(`${prefix}-`)) fs.rmSync(path.join(dir, f), { force: true });
}
