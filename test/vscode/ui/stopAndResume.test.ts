// Stop Training inside an epoch, as a person would at the tutorial's scale (an epoch of 20 minutes): the toast
// says what was saved and offers Resume, the Runs view says where the run stopped and that it was not evaluated,
// and Resume goes on at the next batch of the same epoch. Screenshots: test-results/stop-*.png.
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { after, before, describe, it } from 'node:test';
import { UiSession, openUiSession, vsix } from './uiSession';
import { Workbench } from './workbench';

const DATASET = 'digits';

let session: UiSession;
let wb: Workbench;
let workspace: string;
let lap: UiSession['lap'];
let shot: UiSession['shot'];

describe(`AlexNet: stop mid-epoch and resume${vsix ? ' (installed VSIX)' : ''}`, { concurrency: false }, () => {
  before(async () => {
    session = await openUiSession({ name: 'stop', prefix: 'stop', dataset: DATASET });
    ({ wb, workspace, lap, shot } = session);
    await wb.waitReady();
    await wb.activityIcon('AlexNet').waitFor({ timeout: 60_000 });
    await wb.widenSideBar(560);
  });

  after(async () => {
    await session?.close();
  });

  it('Stop Training mid-epoch: the toast says what was saved, the Runs view says where, Resume goes on at the next batch', async () => {
    const runsRoot = path.join(workspace, '.alexnet', 'runs');
    const earlier = new Set(fs.existsSync(runsRoot) ? fs.readdirSync(runsRoot) : []);
    try {
      await wb.runCommand('AlexNet: Train');
      const pick = wb.quickPickRow(DATASET);
      await pick.waitFor({ timeout: 30_000 });
      await pick.click();
      await wb.openActivity('AlexNet');
      const panel = wb.webview();
      const batches = panel.locator('[data-testid="progress-batches"]');
      // A few batches into epoch 1 (63 batches of 16 in the sample dataset), then Stop.
      await wb.waitUnlessError(panel.locator('[data-testid="phase-message"]', { hasText: /^epoch 1 of \d+, batch ([2-9]|[1-9]\d+) of/ }), 3 * 60_000);
      await wb.runCommand('AlexNet: Stop Training');
      const toast = await wb.notification(/training stopped at batch/, 60_000);
      lap(`stop toast: ${toast}`);
      const [, batch, , epoch] = /stopped at batch (\d+) of (\d+) in epoch (\d+)/.exec(toast) ?? [];
      assert.ok(batch && epoch, toast);
      assert.match(toast, /saved last\/ \(not evaluated/);
      const run = fs.readdirSync(runsRoot).find((n) => !earlier.has(n));
      assert.ok(run, 'a new run folder');
      const meta = JSON.parse(fs.readFileSync(path.join(runsRoot, run, 'last', 'meta.json'), 'utf8')) as { stoppedAt?: { batch: number; epoch: number }; metrics: { testAcc: number | null } };
      assert.deepStrictEqual([meta.stoppedAt?.batch, meta.stoppedAt?.epoch], [Number(batch), Number(epoch)]);
      assert.strictEqual(meta.metrics.testAcc, null, 'never evaluated: null, not 0');
      // The Runs view row of that last/ says where it stopped, not a made-up accuracy.
      const row = wb.treeRow('Runs', run);
      await row.waitFor({ timeout: 30_000 });
      const stoppedRow = wb.page.locator('.monaco-list-row', { hasText: `stopped at batch ${batch} of epoch ${epoch} · not evaluated` }).first();
      await wb.expandUntil(row, stoppedRow);
      await shot('stopped');
      lap(`Runs view: ${(await stoppedRow.innerText()).replace(/\s+/g, ' ')}`);

      // Resume from the toast: the batch counter goes on after the stop, in the same epoch.
      await wb.page.locator('.notification-toast, .notifications-center .notification-list-item', { hasText: /training stopped at batch/ })
        .first().locator('a.monaco-button, .monaco-button', { hasText: /^Resume$/ }).first().click();
      await panel.locator('[data-testid="phase"]', { hasText: /^(Starting|Training)$/ }).waitFor({ timeout: 30_000 });
      // The panel shows the stopped run's counter (B), then none or 0 while the run restarts, then the first new
      // batch: that one must come after B (a restart at batch 1 would show 1, 2, ... first).
      const resumedAt = await waitUntilAsync(async () => {
        const v = Number((await batches.getAttribute('aria-valuenow', { timeout: 1000 }).catch(() => null)) ?? 0);
        return v !== 0 && v !== Number(batch) ? v : undefined;
      }, 3 * 60_000, 'the first batch after Resume');
      const status = (await panel.locator('[data-testid="training-status"]').innerText()).replace(/\s+/g, ' ');
      lap(`resumed: batch counter at ${resumedAt}; ${status.slice(0, 160)}`);
      assert.ok(resumedAt > Number(batch), `the batch counter went on after ${batch} (shows ${resumedAt})`);
      assert.match(status, new RegExp(`Epoch ${epoch} of`));
      await shot('resumed');
      await wb.runCommand('AlexNet: Stop Training');
      await panel.locator('[data-testid="phase"]', { hasText: /^Stopped$/ }).waitFor({ timeout: 120_000 });
    } catch (err) {
      await shot('stop-resume-failure').catch(() => undefined);
      throw err;
    }
  });
});

async function waitUntilAsync<T>(probe: () => Promise<T | undefined>, timeoutMs: number, what: string): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs / 1000} s waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}
