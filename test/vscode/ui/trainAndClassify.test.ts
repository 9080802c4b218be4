// A person's session in a real VS Code (code-server) driven by headless chromium: open the workspace with the
// sample dataset, train from the Command Palette, watch the panel's charts, classify an image from the Explorer.
// Screenshots land in test-results/. ALEXNET_UI_VSIX=<file> runs it against the packaged, installed extension
// instead of the source tree.
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { after, before, describe, it } from 'node:test';
import { Browser, Page } from 'playwright-core';
import { launchChromium } from '../harness/browser';
import { CodeServer, startCodeServer } from '../harness/codeServer';
import { writeSampleDataset } from '../harness/dataset';
import { repoRoot, testResultsDir } from '../harness/paths';
import { FAST_TRAINING_SETTINGS, freshWorkspace } from '../harness/workspace';
import { Workbench } from './workbench';

const DATASET = 'digits';
const EPOCHS = FAST_TRAINING_SETTINGS['alexnet.epochs'] as number;
const vsix = process.env.ALEXNET_UI_VSIX;

let server: CodeServer;
let browser: Browser;
let page: Page;
let wb: Workbench;
let workspace: string;
let trained = false;
const t0 = Date.now();
const lap = (msg: string): void => console.log(`  [${((Date.now() - t0) / 1000).toFixed(1)} s] ${msg}`);

async function shot(name: string): Promise<void> {
  fs.mkdirSync(testResultsDir(), { recursive: true });
  const file = path.join(testResultsDir(), `ui-${name}.png`);
  await page.screenshot({ path: file });
  lap(`screenshot ${path.relative(repoRoot(), file)}`);
}

describe(`AlexNet in code-server, as a person uses it${vsix ? ' (installed VSIX)' : ''}`, { concurrency: false }, () => {
  before(async () => {
    workspace = freshWorkspace('ui');
    const source = await writeSampleDataset(path.join(workspace, DATASET));
    lap(`workspace ${workspace} with the ${source === 'cli' ? '`alexnet sample-data`' : 'fallback'} dataset`);
    server = await startCodeServer({ name: 'ui', workspace, vsix: vsix ? [vsix] : [] });
    lap(`code-server ${server.origin} (pgid ${server.pgid})${vsix ? `, installed ${path.basename(vsix)}` : ''}`);
    browser = await launchChromium(server.stateDir);
    page = await (await browser.newContext({ viewport: { width: 1400, height: 900 } })).newPage();
    page.on('console', (m) => {
      if (m.type() === 'error' && !/open-vsx\.org|ENOTFOUND/.test(m.text())) lap(`[browser error] ${m.text().slice(0, 200)}`);
    });
    wb = new Workbench(page);
    const dev: [string, string][] = [['extensionDevelopmentPath', `vscode-remote://${server.authority}${repoRoot()}`]];
    await page.goto(server.url(vsix ? undefined : dev));
  });

  after(async () => {
    await browser?.close();
    await server?.stop();
    server?.collectLogs(testResultsDir(), 'ui');
  });

  it('opens the workspace and shows the AlexNet activity-bar icon', async () => {
    await wb.waitReady();
    await wb.explorerRow(DATASET).waitFor({ timeout: 60_000 });
    await wb.activityIcon('AlexNet').waitFor({ timeout: 60_000 });
    lap('workbench, Explorer and the AlexNet icon are there');
  });

  it('trains from the Command Palette, picking the dataset in the QuickPick; the panel charts the epochs', async (t) => {
    try {
      await wb.runCommand('AlexNet: Train');
      const row = wb.quickPickRow(DATASET);
      await row.waitFor({ timeout: 30_000 });
      await shot('1-pick-dataset');
      await row.click();
      lap('training started');
      await wb.activityIcon('AlexNet').click();
      const panel = wb.webview();
      await wb.waitUnlessError(panel.locator('canvas').first(), 60_000);
      // Every epoch adds a point to the curves and a line to the epoch list; the last one ends the run.
      await wb.waitUnlessError(panel.getByText(new RegExp(`epoch\\s*${EPOCHS}\\s*(/|of)\\s*${EPOCHS}`, 'i')).first(), 8 * 60_000);
      await shot('2-trained');
      trained = true;
    } catch (err) {
      await shot('2-train-failure').catch(() => undefined);
      t.diagnostic(String(err));
      throw err;
    }
  });

  it('classifies an image from the Explorer context menu; the panel shows the top-k', async (t) => {
    if (!trained) {
      t.skip('no trained checkpoint: the training step failed');
      return;
    }
    const testDir = path.join(workspace, DATASET, 'test');
    const cls = fs.readdirSync(testDir).sort()[0];
    const image = fs.readdirSync(path.join(testDir, cls)).sort()[0];
    try {
      const row = await wb.revealInExplorer([DATASET, 'test', cls, image]);
      await wb.contextMenu(row, 'Classify Image');
      lap(`classify ${DATASET}/test/${cls}/${image}`);
      await wb.activityIcon('AlexNet').click();
      const panel = wb.webview();
      const prediction = panel.getByText(image).first();
      await prediction.waitFor({ timeout: 120_000 });
      await prediction.scrollIntoViewIfNeeded();
      await shot('3-classified');
      const text = await panel.locator('body').innerText();
      assert.match(text, /\d+(\.\d+)?\s*%/, 'the panel shows probabilities');
    } catch (err) {
      await shot('3-classify-failure').catch(() => undefined);
      throw err;
    }
  });
});
