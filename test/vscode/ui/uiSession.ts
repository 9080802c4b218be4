// One person's workbench for a UI test: a fresh workspace with the sample dataset, code-server (with the
// packaged extension when ALEXNET_UI_VSIX names a VSIX, else the source tree), headless chromium, and
// timestamped log lines and screenshots in test-results/.
import * as fs from 'fs';
import * as path from 'path';
import { Browser, Page } from 'playwright-core';
import { launchChromium } from '../harness/browser';
import { CodeServer, startCodeServer } from '../harness/codeServer';
import { writeSampleDataset } from '../harness/dataset';
import { clearResults, repoRoot, testResultsDir } from '../harness/paths';
import { freshWorkspace } from '../harness/workspace';
import { Workbench } from './workbench';

export const vsix = process.env.ALEXNET_UI_VSIX;

export interface UiSession {
  server: CodeServer;
  page: Page;
  wb: Workbench;
  workspace: string;
  /** Prints `msg` with the seconds since the session began. */
  lap(msg: string): void;
  /** Saves test-results/<prefix>-<name>.png. */
  shot(name: string): Promise<void>;
  close(): Promise<void>;
}

export interface UiSessionOptions {
  /** Names the workspace and code-server state folders. */
  name: string;
  /** Screenshot and log file prefix in test-results/. */
  prefix: string;
  /** Folder of the sample dataset inside the workspace. */
  dataset: string;
  workspaceTrust?: boolean;
  /** VS Code's display language, e.g. 'zh-cn' (code-server's --locale). */
  locale?: string;
  /** Called with the workspace once it is written, before code-server starts. */
  prepared?: (workspace: string) => void;
}

export async function openUiSession(opts: UiSessionOptions): Promise<UiSession> {
  const t0 = Date.now();
  const lap = (msg: string): void => console.log(`  [${((Date.now() - t0) / 1000).toFixed(1)} s] ${msg}`);
  clearResults(opts.prefix);
  const workspace = freshWorkspace(opts.name);
  writeSampleDataset(path.join(workspace, opts.dataset));
  lap(`workspace ${workspace} with the \`alexnet sample-data\` dataset`);
  opts.prepared?.(workspace);
  const server = await startCodeServer({ name: opts.name, workspace, vsix: vsix ? [vsix] : [], workspaceTrust: opts.workspaceTrust, locale: opts.locale });
  lap(`code-server ${server.origin} (pgid ${server.pgid})${vsix ? `, installed ${path.basename(vsix)}` : ''}${opts.workspaceTrust ? ', Workspace Trust on' : ''}`);
  let browser: Browser | undefined;
  try {
    browser = await launchChromium(server.stateDir);
    const page = await (await browser.newContext({ viewport: { width: 1400, height: 900 } })).newPage();
    page.on('console', (m) => {
      // Failed loads are reported with their URL below; the rest are the page's own errors.
      if (m.type() === 'error' && !/Failed to load resource|open-vsx\.org/.test(m.text())) lap(`[browser error] ${m.text().slice(0, 200)}`);
    });
    page.on('response', (r) => {
      // code-server lacks Microsoft's closed-source vsda module and the gallery is offline: expected, not news.
      if (r.status() >= 400 && !/open-vsx\.org|\/vsda\//.test(r.url())) lap(`[http ${r.status()}] ${r.url().slice(0, 200)}`);
    });
    const dev: [string, string][] = [['extensionDevelopmentPath', `vscode-remote://${server.authority}${repoRoot()}`]];
    await page.goto(server.url(vsix ? undefined : dev));
    const opened = browser;
    return {
      server,
      page,
      wb: new Workbench(page),
      workspace,
      lap,
      async shot(name: string) {
        fs.mkdirSync(testResultsDir(), { recursive: true });
        const file = path.join(testResultsDir(), `${opts.prefix}-${name}.png`);
        await page.screenshot({ path: file });
        lap(`screenshot ${path.relative(repoRoot(), file)}`);
      },
      async close() {
        await opened.close();
        await server.stop();
        server.collectLogs(testResultsDir(), opts.prefix);
      },
    };
  } catch (err) {
    await browser?.close();
    await server.stop();
    throw err;
  }
}
