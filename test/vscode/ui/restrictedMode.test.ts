// Restricted Mode as a person meets it: Workspace Trust on, the folder opened for the first time, "No, I don't
// trust the authors". Training and classification must then be off with an explanation, and nothing may be
// read or written in the workspace. Screenshots: test-results/restricted-*.png.
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { after, before, describe, it } from 'node:test';
import { Page } from 'playwright-core';
import { UiSession, openUiSession, vsix } from './uiSession';
import { Workbench } from './workbench';

const DATASET = 'digits';

let session: UiSession;
let page: Page;
let wb: Workbench;
let workspace: string;
let lap: UiSession['lap'];
let shot: UiSession['shot'];

/** Every file under `dir` with its size and mtime: what "nothing was touched" is checked against. */
function snapshot(dir: string): string[] {
  return fs.readdirSync(dir, { recursive: true }).map(String).sort().map((rel) => {
    const st = fs.statSync(path.join(dir, rel));
    return `${rel} ${st.size} ${st.mtimeMs}`;
  });
}

describe(`AlexNet in Restricted Mode${vsix ? ' (installed VSIX)' : ''}`, { concurrency: false }, () => {
  let before0: string[];

  before(async () => {
    session = await openUiSession({
      name: 'restricted',
      prefix: 'restricted',
      dataset: DATASET,
      workspaceTrust: true,
      prepared: (dir) => (before0 = snapshot(dir)),
    });
    ({ page, wb, workspace, lap, shot } = session);
  });

  after(async () => {
    await session?.close();
  });

  it('opens the folder without trusting it', async () => {
    await wb.waitReady();
    // The workbench asks once it has restored the folder: on a busy machine that can take a while.
    const question = await wb.answerDialog(/^No, I don.t trust the authors$/, () => shot('1-trust-prompt'), 90_000);
    lap(`answered: ${question.replace(/\s+/g, ' ')}`);
    await page.locator('.statusbar-item', { hasText: 'Restricted Mode' }).first().waitFor({ timeout: 30_000 });
    await wb.activityIcon('AlexNet').waitFor({ timeout: 60_000 });
  });

  it('the panel explains Restricted Mode and its Train button is off', async () => {
    await wb.openActivity('AlexNet');
    const panel = wb.webview();
    const notice = panel.locator('[data-testid="restricted"]');
    await notice.waitFor({ timeout: 60_000 });
    lap(`panel: ${(await notice.innerText()).replace(/\s+/g, ' ').slice(0, 160)}`);
    const train = panel.locator('vscode-button[data-command="alexnet.train"]');
    assert.ok(await train.evaluate((el) => (el as HTMLElement & { disabled: boolean }).disabled), 'the Train button is disabled');
    // The layer table needs no workspace files and stays available.
    await panel.locator('table.layers').waitFor({ state: 'attached', timeout: 60_000 });
    await shot('2-panel');
  });

  it('AlexNet: Train from the palette says why it is off, and nothing in the workspace changes', async () => {
    await wb.runCommand('AlexNet: Train');
    const text = await wb.notification(/disabled in Restricted Mode/, 30_000);
    lap(`notification: ${text}`);
    assert.match(text, /Training is disabled in Restricted Mode/i);
    // Give a wrongly started trainer time to show itself (a run folder, a decoded-image cache), and the toast
    // time to finish fading in for the screenshot.
    await page.waitForTimeout(3000);
    await shot('3-train-refused');
    assert.deepStrictEqual(snapshot(workspace), before0, 'the workspace is exactly as it was');
  });
});
