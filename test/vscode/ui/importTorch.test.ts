// The tutorial reader's way in: a torch-made alexnet-best-model.pth in the workspace, right-click -> Import
// PyTorch Checkpoint -> class names -> input size; the Runs view then lists the imported run. Screenshots:
// test-results/torch-*.png (light and dark, narrow and wide side bar).
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import * as zlib from 'zlib';
import { after, before, describe, it } from 'node:test';
import { Page } from 'playwright-core';
import { repoRoot } from '../harness/paths';
import { UiSession, openUiSession, vsix } from './uiSession';
import { Workbench } from './workbench';

const PTH = 'alexnet-best-model.pth';

let session: UiSession;
let page: Page;
let wb: Workbench;
let workspace: string;
let lap: UiSession['lap'];
let shot: UiSession['shot'];

describe(`Import PyTorch Checkpoint from the Explorer${vsix ? ' (installed VSIX)' : ''}`, { concurrency: false }, () => {
  before(async () => {
    session = await openUiSession({
      name: 'torch',
      prefix: 'torch',
      dataset: 'digits',
      prepared: (dir) => {
        const gz = path.join(repoRoot(), 'test', 'fixtures', 'torch', 'tutorial-63-pattern.pth.gz');
        fs.writeFileSync(path.join(dir, PTH), zlib.gunzipSync(fs.readFileSync(gz)));
      },
    });
    ({ page, wb, workspace, lap, shot } = session);
  });

  after(async () => {
    await session?.close();
  });

  it('right-click on the .pth -> class names -> input size -> an imported run in the Runs view', async () => {
    await wb.waitReady();
    await wb.activityIcon('AlexNet').waitFor({ timeout: 60_000 });
    await wb.widenSideBar(420);
    const row = await wb.revealInExplorer([PTH]);
    await wb.contextMenu(row, 'Import PyTorch Checkpoint', () => shot('1-context-menu'));
    const indices = wb.quickPickRow(/the output indices as names/);
    await indices.waitFor({ timeout: 60_000 });
    await shot('2-class-names');
    await indices.click();
    const size = wb.quickPickRow(/^63$/);
    await size.waitFor({ timeout: 30_000 });
    await shot('3-input-size');
    await size.click();
    const text = await wb.notification(/imported alexnet-best-model\.pth/, 3 * 60_000);
    lap(`notification: ${text}`);
    assert.match(text, /the tutorial's model\.py, 7 classes, 63 px/);
    const runs = fs.readdirSync(path.join(workspace, '.alexnet', 'runs'));
    assert.strictEqual(runs.length, 1);
    const meta = JSON.parse(fs.readFileSync(path.join(workspace, '.alexnet', 'runs', runs[0], 'best', 'meta.json'), 'utf8')) as { source?: { file: string } };
    assert.strictEqual(meta.source?.file, path.join(workspace, PTH));

    await wb.openActivity('AlexNet');
    const imported = page.locator('.part.sidebar .monaco-list-row', { hasText: 'imported' }).first();
    await imported.waitFor({ timeout: 30_000 });
    lap(`Runs view: ${(await imported.innerText()).replace(/\s+/g, ' ')}`);
    const button = page.locator('.part.sidebar .pane-header .action-label[aria-label="Import PyTorch Checkpoint"]');
    assert.strictEqual(await button.count(), 1, "the Runs view's title bar offers the import");
    // The Dashboard folded away so that the Runs view shows whole; the pointer on its header shows the title-bar
    // actions (Import PyTorch Checkpoint among them).
    await page.locator('.part.sidebar .pane-header', { hasText: /^Dashboard/i }).first().click();
    const header = page.locator('.part.sidebar .pane-header', { hasText: /^Runs/i }).first();
    const views = async (name: string) => {
      await header.hover();
      await page.waitForTimeout(500);
      await shot(name);
    };
    await views('4-runs-light-wide');
    await wb.widenSideBar(300);
    await views('5-runs-light-narrow');
    await wb.runCommand('Preferences: Toggle between Light/Dark Themes');
    await page.waitForTimeout(1500);
    await views('6-runs-dark-narrow');
    await wb.widenSideBar(560);
    await views('7-runs-dark-wide');
  });

  it("the Dashboard's layer table is the imported network's: 63 px, 7 classes, no ReLU after fc6 and fc7", async () => {
    // Unfold the Dashboard again: the checkpoint in use is the imported one, so the table describes it.
    await page.locator('.part.sidebar .pane-header', { hasText: /^Dashboard/i }).first().click();
    const panel = wb.webview();
    const source = panel.locator('[data-testid="layers-source"]');
    await source.filter({ hasText: /^The network of checkpoint \d{8}-\d{6}\/best/ }).waitFor({ timeout: 60_000 });
    const meta = (await panel.locator('#section-layers p.meta').first().innerText()).replace(/\s+/g, ' ');
    lap(`layer table: ${(await source.innerText()).trim()} | ${meta}`);
    assert.match(meta, /Input 63×63×3 · 7 classes · the tutorial's forward\(\): no ReLU after fc6, fc7/);
    await panel.locator('#section-layers').scrollIntoViewIfNeeded();
    await shot('8-layers-imported-dark-wide');
  });
});
