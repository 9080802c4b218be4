#!/usr/bin/env node
// `npm run test:vscode`: everything that needs a real VS Code or a browser, on code-server + Debian chromium.
//   1. installs code-server and chromium when missing (scripts/setup-code-server.sh), builds
//   2. the in-host mocha suite inside code-server's extension host   (out/test/vscode/runCodeServer.js)
//   3. the webview tests in chromium, when they exist                 (out/test/webview/)
//   4. the VSIX: `npm run package`, then installed into code-server by the UI test
//   5. the UI test: chromium drives code-server as a person would      (out/test/vscode/ui/)
// Prints per-suite results and ends with one plain `N passed, N failed` line. Exit code 1 when anything failed.
// Options: --skip-setup, --skip-build, --only=suite,webview,vsix,ui, --dev (UI test on the source tree, no VSIX).
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const args = process.argv.slice(2);
const only = args.find((a) => a.startsWith('--only='))?.slice(7).split(',');
const wants = (name) => !only || only.includes(name);
const results = [];
const t0 = Date.now();
const secs = (ms) => `${(ms / 1000).toFixed(0)} s`;

/** Kills code-server groups a runner left behind (it crashed or was killed before its own cleanup ran). */
function reapCodeServers() {
  const runs = join(root, '.vscode-test', 'runs');
  if (!existsSync(runs)) return;
  for (const name of readdirSync(runs)) {
    const file = join(runs, name, 'pgid');
    if (!existsSync(file)) continue;
    const pgid = Number(readFileSync(file, 'utf8'));
    try {
      process.kill(-pgid, 'SIGKILL');
      console.log(`run-all: killed leftover code-server process group ${pgid} (${name})`);
    } catch {
      // already gone
    }
    rmSync(file, { force: true });
  }
}

/** Runs one step, echoing its output; resolves with its exit code and output. */
function step(cmd, cmdArgs, { env = {}, timeoutMs }) {
  return new Promise((done) => {
    const child = spawn(cmd, cmdArgs, { cwd: root, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    const echo = (stream) => (chunk) => {
      output += chunk;
      stream.write(chunk);
    };
    child.stdout.on('data', echo(process.stdout));
    child.stderr.on('data', echo(process.stderr));
    // SIGTERM first: the runners' handlers stop their code-server; reapCodeServers() catches the rest.
    const timer = setTimeout(() => {
      console.log(`run-all: ${cmdArgs.join(' ')} ran past ${secs(timeoutMs)}, stopping it`);
      child.kill('SIGTERM');
      setTimeout(() => child.kill('SIGKILL'), 5000).unref();
    }, timeoutMs);
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      reapCodeServers();
      done({ code: code ?? (signal ? 1 : 0), output });
    });
  });
}

/** Counts from a runner's own `N passed, N failed` line or node:test's `# pass N` / `# fail N` summary. */
function counts(output, code) {
  const plain = [...output.matchAll(/^(\d+) passed, (\d+) failed\s*$/gm)].pop();
  let passed = 0;
  let failed = 0;
  const pass = [...output.matchAll(/^(?:# |ℹ )pass (\d+)/gm)].pop();
  const fail = [...output.matchAll(/^(?:# |ℹ )fail (\d+)/gm)].pop();
  if (plain) [passed, failed] = [Number(plain[1]), Number(plain[2])];
  else if (pass || fail) [passed, failed] = [Number(pass?.[1] ?? 0), Number(fail?.[1] ?? 0)];
  // A step with no tests of its own (packaging) is one check: it worked or it did not.
  else [passed, failed] = code === 0 ? [1, 0] : [0, 1];
  // A runner that died without reporting (or reported success but exited non-zero) still counts as a failure.
  if (code !== 0 && failed === 0) failed = 1;
  return { passed, failed };
}

async function suite(name, cmd, cmdArgs, opts) {
  console.log(`\n=== ${name} ===`);
  const start = Date.now();
  const { code, output } = await step(cmd, cmdArgs, opts);
  const c = counts(output, code);
  results.push({ name, ...c, ms: Date.now() - start });
  console.log(`=== ${name}: ${c.passed} passed, ${c.failed} failed in ${secs(Date.now() - start)} ===`);
  return code;
}

async function prepare(name, cmd, cmdArgs, timeoutMs) {
  console.log(`\n=== ${name} ===`);
  const start = Date.now();
  const { code } = await step(cmd, cmdArgs, { timeoutMs });
  console.log(`=== ${name}: ${code === 0 ? 'done' : `failed (exit ${code})`} in ${secs(Date.now() - start)} ===`);
  if (code !== 0) results.push({ name, passed: 0, failed: 1, ms: Date.now() - start });
  return code === 0;
}

function summary() {
  console.log('\nreal VS Code tests:');
  for (const r of results) console.log(`  ${r.name.padEnd(52)} ${String(r.passed).padStart(3)} passed ${String(r.failed).padStart(3)} failed  ${secs(r.ms)}`);
  console.log(`  total time ${secs(Date.now() - t0)}`);
  const passed = results.reduce((n, r) => n + r.passed, 0);
  const failed = results.reduce((n, r) => n + r.failed, 0);
  console.log(`${passed} passed, ${failed} failed`);
  process.exit(failed === 0 && passed > 0 ? 0 : 1);
}

function uiTests() {
  const dir = join('out', 'test', 'vscode', 'ui');
  return readdirSync(join(root, dir)).filter((f) => f.endsWith('.test.js')).sort().map((f) => join(dir, f));
}

reapCodeServers();
const setupOk = args.includes('--skip-setup') || (await prepare('setup (code-server, chromium)', 'bash', ['scripts/setup-code-server.sh'], 20 * 60_000));
const buildOk = setupOk && (args.includes('--skip-build') || (await prepare('build', 'npm', ['run', 'build'], 5 * 60_000)));
if (!buildOk) summary();

const node = process.execPath;
if (wants('suite')) {
  await suite('in-host suite (code-server)', node, ['out/test/vscode/runCodeServer.js'], { timeoutMs: 15 * 60_000 });
}
if (wants('webview') && existsSync(join(root, 'out', 'test', 'webview'))) {
  await suite('webview (chromium)', node, ['--test', '--test-concurrency=1', 'out/test/webview/'], { timeoutMs: 5 * 60_000 });
}
let vsix;
if (wants('vsix') && !args.includes('--dev')) {
  const vsixOut = join(root, '.vscode-test', 'alexnet-trainer-test.vsix');
  rmSync(vsixOut, { force: true });
  // Package as a user would after `npm run demo`: the sample dataset and other generated folders lie in the repo,
  // and scripts/package.mjs fails if any of them reaches the VSIX. Only what this step made is removed again.
  const made = ['sample-digits', '.alexnet', '.gpu'].filter((d) => !existsSync(join(root, d)));
  if (made.includes('sample-digits')) spawnSync(node, ['bin/alexnet.js', 'sample-data', 'sample-digits', '--train-per-class', '5', '--test-per-class', '2'], { cwd: root, stdio: 'inherit' });
  for (const d of made.filter((d) => d !== 'sample-digits')) {
    mkdirSync(join(root, d), { recursive: true });
    writeFileSync(join(root, d, 'generated.txt'), 'made by run-all.mjs to check that it stays out of the VSIX\n');
  }
  const code = await suite('package (VSIX)', 'npm', ['run', '--silent', 'package', '--', '--out', vsixOut], { timeoutMs: 5 * 60_000 });
  for (const d of made) rmSync(join(root, d), { recursive: true, force: true });
  if (code === 0 && existsSync(vsixOut)) vsix = vsixOut;
  // `npm run package` made a production build; rebuild so later local runs get source maps again.
  spawnSync('npm', ['run', 'build'], { cwd: root, stdio: 'ignore' });
}
if (wants('ui')) {
  const env = vsix ? { ALEXNET_UI_VSIX: vsix } : {};
  await suite(`UI (chromium drives code-server${vsix ? ', installed VSIX' : ''})`, node,
    ['--test', '--test-concurrency=1', ...uiTests()], { env, timeoutMs: 18 * 60_000 });
}
summary();
