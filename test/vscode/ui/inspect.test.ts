// Inside the network in a real VS Code (code-server) driven by headless chromium: two small runs trained with the
// CLI before the workbench opens; Show Feature Maps from the Explorer, a confusion cell's images (one opens in an
// editor tab), and Compare Runs on both runs selected in the Runs view. Screenshots: test-results/inspect-*.png.
import * as assert from 'assert';
import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { after, before, describe, it } from 'node:test';
import { repoRoot } from '../harness/paths';
import { UiSession, openUiSession, vsix } from './uiSession';
import { Workbench } from './workbench';

const DATASET = 'digits';
const SMALL = 'small-digits';
const RUNS = ['20260101-000001', '20260101-000002'];

let session: UiSession;
let wb: Workbench;
let workspace: string;
let shot: UiSession['shot'];
let lap: UiSession['lap'];

/** A small dataset and two 2-epoch runs at 63 px that differ in learning rate: the CLI, as a user would run it. */
function trainRuns(ws: string): void {
  const cli = (...args: string[]) => execFileSync(process.execPath, [path.join(repoRoot(), 'bin', 'alexnet.js'), ...args], { cwd: ws, stdio: 'pipe' });
  cli('sample-data', SMALL, '--train-per-class', '10', '--test-per-class', '4');
  RUNS.forEach((name, i) => cli('train', SMALL, '--input-size', '63', '--epochs', '2', '--batch-size', '16', '--lr', i === 0 ? '0.01' : '0.003', '--out', path.join('.alexnet', 'runs', name)));
}

describe(`inside the network in code-server${vsix ? ' (installed VSIX)' : ''}`, { concurrency: false }, () => {
  before(async () => {
    session = await openUiSession({ name: 'inspect', prefix: 'inspect', dataset: DATASET, prepared: trainRuns });
    ({ wb, workspace, shot, lap } = session);
    await wb.waitReady();
    await wb.widenSideBar(560);
  });

  after(async () => {
    await session?.close();
  });

  it('right-click an image -> Show Feature Maps: the conv1 grid of 96 maps appears in the panel', async () => {
    const testDir = path.join(workspace, SMALL, 'test');
    const cls = fs.readdirSync(testDir).sort()[0];
    const image = fs.readdirSync(path.join(testDir, cls)).sort()[0];
    try {
      const row = await wb.revealInExplorer([SMALL, 'test', cls, image]);
      await wb.contextMenu(row, 'Show Feature Maps', () => shot('1-context-menu'));
      await wb.openActivity('AlexNet');
      const panel = wb.webview();
      const grid = panel.locator('[data-testid="map-grid"][data-channels="96"]');
      await wb.waitUnlessError(grid, 120_000);
      await grid.scrollIntoViewIfNeeded();
      await shot('1-feature-maps');
      lap(`feature maps of ${SMALL}/test/${cls}/${image}`);
    } catch (err) {
      await shot('1-failure').catch(() => undefined);
      throw err;
    }
  });

  it('click a confusion-matrix cell -> its thumbnails -> click one: that file opens in an editor tab', async () => {
    try {
      await wb.openActivity('AlexNet');
      const panel = wb.webview();
      const cell = panel.locator('[data-testid="confusion"] td.cell[role="button"]').first();
      await cell.waitFor({ timeout: 60_000 });
      await cell.scrollIntoViewIfNeeded();
      await cell.click();
      const item = panel.locator('[data-testid="gallery-item"]').first();
      await wb.waitUnlessError(item, 60_000);
      await shot('2-gallery');
      const file = (await item.getAttribute('data-file')) ?? '';
      assert.ok(file.startsWith(path.join(workspace, SMALL, 'test')), file);
      await item.click();
      const tab = session.page.locator('.tabs-container .tab', { hasText: path.basename(file) });
      await tab.first().waitFor({ timeout: 30_000 });
      await shot('2-opened');
      lap(`opened ${file} from the gallery`);
    } catch (err) {
      await shot('2-failure').catch(() => undefined);
      throw err;
    }
  });

  it('select two runs in the Runs view -> Compare Runs: two runs\u2019 curves in the panel', async () => {
    try {
      await wb.openActivity('AlexNet');
      const first = wb.treeRow('Runs', RUNS[0]);
      const second = wb.treeRow('Runs', RUNS[1]);
      await first.waitFor({ timeout: 30_000 });
      await first.click();
      await second.click({ modifiers: ['Control'] });
      await wb.contextMenu(second, 'Compare Runs', () => shot('3-runs-context-menu'));
      const panel = wb.webview();
      const chart = panel.locator('[data-testid="compare-loss"][data-series="4"]');
      await wb.waitUnlessError(chart, 30_000);
      await chart.scrollIntoViewIfNeeded();
      // The Runs row's hover card would cover the table.
      await session.page.mouse.move(1000, 400);
      await session.page.waitForTimeout(500);
      await shot('3-compare');
      const rows = await panel.locator('[data-testid="compare-table"] tbody tr').allInnerTexts();
      assert.strictEqual(rows.length, 2, rows.join(' | '));
    } catch (err) {
      await shot('3-failure').catch(() => undefined);
      throw err;
    }
  });
});
