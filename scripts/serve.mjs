#!/usr/bin/env node
// Starts code-server with this extension (from the source tree) and a workspace holding the sample dataset, and
// prints the URL to open in a browser. Ctrl-C stops it (the whole process group).
// Usage: npm run build && node scripts/serve.mjs [--port 8765] [--host 127.0.0.1] [--vsix file.vsix] [--workspace DIR]
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { execFileSync } from 'node:child_process';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);
const opt = (name) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? process.argv[i + 1] : undefined;
};

if (!existsSync(join(root, '.vscode-test', 'code-server', 'node_modules', '.bin', 'code-server'))) {
  execFileSync('bash', [join(root, 'scripts', 'setup-code-server.sh')], { stdio: 'inherit' });
}
if (!existsSync(join(root, 'out', 'test', 'vscode', 'harness', 'codeServer.js')) || !existsSync(join(root, 'dist', 'extension.js'))) {
  execFileSync('npm', ['run', 'build'], { cwd: root, stdio: 'inherit' });
}
const { startCodeServer } = require(join(root, 'out', 'test', 'vscode', 'harness', 'codeServer.js'));
const { writeSampleDataset } = require(join(root, 'out', 'test', 'vscode', 'harness', 'dataset.js'));
const { freshWorkspace, FAST_TRAINING_SETTINGS } = require(join(root, 'out', 'test', 'vscode', 'harness', 'workspace.js'));

let workspace = opt('workspace') && resolve(opt('workspace'));
if (!workspace) {
  workspace = freshWorkspace('serve', FAST_TRAINING_SETTINGS);
  await writeSampleDataset(join(workspace, 'digits'));
}
const vsix = opt('vsix') && resolve(opt('vsix'));
const host = opt('host') ?? '127.0.0.1';
const server = await startCodeServer({ name: 'serve', workspace, host, port: Number(opt('port') ?? 8765), vsix: vsix ? [vsix] : [] });
const payload = vsix ? undefined : [['extensionDevelopmentPath', `vscode-remote://${server.authority}${root}`]];
console.log(`\ncode-server (VS Code 1.100.3) with ${vsix ? `the installed ${vsix}` : 'the extension from this source tree'}`);
console.log(`workspace: ${workspace}`);
console.log(`open:      ${server.url(payload)}`);
console.log(`log:       ${server.log}`);
console.log(`stop:      Ctrl-C (or kill -- -${server.pgid})\n`);
// Stay in the foreground until Ctrl-C; codeServer.js stops the process group on SIGINT/SIGTERM.
setInterval(() => undefined, 1 << 30);
