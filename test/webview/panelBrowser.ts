/** Chromium on the built panel for the inspection and comparison tests: open, send host messages, read what it posted, screenshots. */
import assert from 'node:assert/strict';
import * as fs from 'fs';
import * as path from 'path';
import { Browser, Page, chromium } from 'playwright-core';
import { HostToPanel, parsePanelMessage } from '../../src/shared/panelProtocol';
import { PanelServer, ROOT, StandinWindow, Theme, startPanelServer } from './panelPage';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const SHOTS = path.join(ROOT, 'test-results', 'webview');

/** Some of VS Code's High Contrast (black) colours, laid over the dark test theme: borders instead of fills. */
const HIGH_CONTRAST: Record<string, string> = {
  '--vscode-foreground': '#ffffff',
  '--vscode-descriptionForeground': '#ffffff',
  '--vscode-focusBorder': '#f38518',
  '--vscode-contrastBorder': '#6fc3df',
  '--vscode-sideBar-background': '#000000',
  '--vscode-editor-background': '#000000',
  '--vscode-panel-border': '#6fc3df',
  '--vscode-widget-border': '#6fc3df',
  '--vscode-button-background': '#000000',
  '--vscode-button-foreground': '#ffffff',
  '--vscode-button-border': '#6fc3df',
  '--vscode-textLink-foreground': '#21a6ff',
  '--vscode-charts-foreground': '#ffffff',
  '--vscode-charts-lines': '#ffffff',
  '--vscode-editorWidget-background': '#0c141f',
};

export class PanelBrowser {
  private constructor(
    private readonly server: PanelServer,
    private readonly browser: Browser,
  ) {}

  static async start(): Promise<PanelBrowser> {
    assert.ok(fs.existsSync(CHROMIUM), `${CHROMIUM} not found: apt-get install -y chromium`);
    const server = await startPanelServer();
    const browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox', '--headless', '--disable-gpu', '--no-first-run'] });
    fs.mkdirSync(SHOTS, { recursive: true });
    return new PanelBrowser(server, browser);
  }

  async close(): Promise<void> {
    await this.browser.close();
    await this.server.close();
  }

  /** A panel page that gets `onReady` after it says ready, `width` px wide; 'hc' is High Contrast over the dark theme. */
  async open(theme: Theme | 'hc', width: number, onReady: HostToPanel[]): Promise<{ page: Page; problems: string[] }> {
    const page = await this.browser.newPage({ viewport: { width, height: 900 } });
    const problems: string[] = [];
    page.on('console', (m) => (m.type() === 'error' || m.type() === 'warning') && problems.push(`${m.type()}: ${m.text()}`));
    page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
    await page.goto(this.server.url(theme === 'hc' ? 'dark' : theme));
    await page.evaluate((r) => sessionStorage.setItem('standin.onReady', JSON.stringify(r)), onReady);
    await page.reload();
    await page.waitForFunction(() => (window as unknown as StandinWindow).__posted?.some((m) => (m as { type: string }).type === 'ready'));
    // The test themes fix the body at a side bar's 360 px; narrow and wide panels are set here.
    await page.evaluate((w) => (document.body.style.width = `${w}px`), width);
    if (theme === 'hc') {
      await page.evaluate((vars) => {
        for (const [k, v] of Object.entries(vars)) document.documentElement.style.setProperty(k, v);
        document.documentElement.style.background = '#000000';
        document.body.classList.replace('vscode-dark', 'vscode-high-contrast');
      }, HIGH_CONTRAST);
    }
    return { page, problems };
  }
}

export async function send(page: Page, msgs: HostToPanel[]): Promise<void> {
  const before = await page.evaluate(() => Number(document.body.dataset.rendered ?? 0));
  await page.evaluate((list) => list.forEach((m) => window.postMessage(m, '*')), msgs);
  await page.waitForFunction((n) => Number(document.body.dataset.rendered ?? 0) > n, before);
}

export const posted = (page: Page) => page.evaluate(() => (window as unknown as StandinWindow).__posted as { type: string }[]);

export async function assertClean(page: Page, problems: string[]): Promise<void> {
  const w = await page.evaluate(() => ({ csp: (window as unknown as StandinWindow).__csp, posted: (window as unknown as StandinWindow).__posted }));
  assert.deepEqual(w.csp, [], 'CSP violations');
  assert.deepEqual(problems, [], 'console errors or warnings');
  for (const m of w.posted) assert.ok(parsePanelMessage(m).ok, `malformed message from the webview: ${JSON.stringify(m)}`);
}

export async function shoot(page: Page, selector: string, name: string): Promise<void> {
  const file = path.join(SHOTS, `${name}.png`);
  await page.locator(selector).screenshot({ path: file });
  assert.ok(fs.statSync(file).size > 2000, `${file} looks empty`);
  console.log(`screenshot: ${path.relative(ROOT, file)}`);
}
