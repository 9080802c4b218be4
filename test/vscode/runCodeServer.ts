// Runs the in-host mocha suite (test/vscode/suite) inside code-server's real extension host, the way
// @vscode/test-web does: a payload URL naming the extension under development and the suite, opened in headless
// chromium, which reports the host's exit code through window.codeAutomationExit.
// Usage (after `npm run build` and scripts/setup-code-server.sh): node out/test/vscode/runCodeServer.js
import * as fs from 'fs';
import * as path from 'path';
import { format } from 'util';
import { launchChromium } from './harness/browser';
import { startCodeServer } from './harness/codeServer';
import { prepareSuiteWorkspace } from './harness/suiteWorkspace';
import { clearResults, repoRoot, testResultsDir } from './harness/paths';

const RESULT_RE = /alexnet-vscode-suite result: (\d+) passed, (\d+) failed/;

async function main(): Promise<number> {
  const t0 = Date.now();
  const root = repoRoot();
  const suiteIndex = path.join(root, 'out', 'test', 'vscode', 'suite', 'index.js');
  if (!fs.existsSync(suiteIndex)) throw new Error(`${suiteIndex} is missing: run npm run build`);
  clearResults('vscode-suite');
  const workspace = await prepareSuiteWorkspace();
  const server = await startCodeServer({ name: 'suite', workspace });
  console.log(`code-server ${server.origin} (pgid ${server.pgid}), workspace ${workspace}`);
  const browser = await launchChromium(server.stateDir);
  let counts: [number, number] | undefined;
  const seen = { passed: 0, failed: 0 };
  try {
    const page = await browser.newPage();
    let exit: (code: number | string) => void = () => undefined;
    const exited = new Promise<number | string>((r) => (exit = r));
    await page.exposeFunction('codeAutomationLog', (_type: string, args: unknown) => {
      const line = format(...(Array.isArray(args) ? args : [args])).replace(/^%c\s*\w+\s+color: #\w+\s/, '');
      const m = RESULT_RE.exec(line);
      if (m) counts = [Number(m[1]), Number(m[2])];
      // Counted as they happen too, for a suite that hangs or crashes before mocha's summary.
      for (const l of line.split('\n')) {
        if (/^\s+✔ /.test(l)) seen.passed++;
        else if (/^\s+\d+\) /.test(l) && !/^\s+\d+\) .*:$/.test(l)) seen.failed++;
      }
      // The workbench asks the (unreachable) extension gallery for recommendations: noise, not a test result.
      if (!/ENOTFOUND open-vsx\.org/.test(line)) console.log(line);
    });
    await page.exposeFunction('codeAutomationExit', (code: number) => exit(code));
    if (process.env.VERBOSE) page.on('console', (m) => console.log('[workbench]', m.text().slice(0, 300)));
    await page.goto(server.url([
      ['extensionDevelopmentPath', `vscode-remote://${server.authority}${root}`],
      ['extensionTestsPath', `vscode-remote://${server.authority}${suiteIndex}`],
    ]));
    const timeoutMs = Number(process.env.TEST_TIMEOUT_MS ?? 15 * 60_000);
    const timer = setTimeout(() => exit('timeout'), timeoutMs);
    const code = await exited;
    clearTimeout(timer);
    console.log(`extension host exit code: ${code} after ${((Date.now() - t0) / 1000).toFixed(1)} s`);
    if (code !== 0 && !counts) {
      await page.screenshot({ path: path.join(testResultsDir(), 'vscode-suite-failure.png') }).catch(() => undefined);
    }
    if (code === 'timeout') console.log(`suite did not finish within ${timeoutMs / 1000} s`);
    // Without mocha's summary: what was seen, plus the test that was running when it stopped.
    if (!counts) counts = [seen.passed, seen.failed + (code === 0 ? 0 : 1)];
    // A host that crashed after mocha reported would otherwise pass silently.
    if (code !== 0 && counts[1] === 0) counts = [counts[0], 1];
  } finally {
    await browser.close();
    await server.stop();
    server.collectLogs(testResultsDir(), 'vscode-suite');
  }
  console.log(`${counts[0]} passed, ${counts[1]} failed`);
  return counts[1] === 0 ? 0 : 1;
}

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    console.error(err instanceof Error ? err.stack : err);
    console.log('0 passed, 1 failed');
    process.exit(1);
  },
);
