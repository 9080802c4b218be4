// The Chinese interface in a real workbench: code-server with the display language zh-cn (its --locale and a stub
// language pack, see stubLanguagePack in harness/codeServer.ts: VS Code's own strings stay English, the
// extension's package.nls.zh-cn.json and l10n/bundle.l10n.zh-cn.json load as under a real pack). The palette, a
// QuickPick, a notification and the panel must read in Chinese. Screenshots: test-results/zh-cn-*.png.
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { after, before, describe, it } from 'node:test';
import { Page } from 'playwright-core';
import { repoRoot } from '../harness/paths';
import { englishWords } from './englishWords';
import { UiSession, openUiSession, vsix } from './uiSession';
import { EXTENSION_ID, Workbench } from './workbench';

const DATASET = 'digits';
/** A .pth whose pickle names posix.system: what a hostile checkpoint looks like to the importer. */
const HOSTILE = 'posix-system.pth';

let session: UiSession;
let page: Page;
let wb: Workbench;
let lap: UiSession['lap'];
let shot: UiSession['shot'];

describe(`AlexNet in zh-CN${vsix ? ' (installed VSIX)' : ''}`, { concurrency: false }, () => {
  before(async () => {
    session = await openUiSession({
      name: 'zh-cn',
      prefix: 'zh-cn',
      dataset: DATASET,
      locale: 'zh-cn',
      prepared: (dir) => fs.copyFileSync(path.join(repoRoot(), 'test', 'fixtures', 'torch', HOSTILE), path.join(dir, HOSTILE)),
    });
    ({ page, wb, lap, shot } = session);
  });

  after(async () => {
    await session?.close();
  });

  it('the Command Palette lists the commands in Chinese', async () => {
    await wb.waitReady();
    await wb.activityIcon('AlexNet').waitFor({ timeout: 90_000 });
    assert.strictEqual(await page.evaluate(() => String((globalThis as { _VSCODE_NLS_LANGUAGE?: string })._VSCODE_NLS_LANGUAGE)), 'zh-cn');
    const labels = page.locator('.quick-input-widget .quick-input-list .monaco-list-row .label-name');
    for (let attempt = 0; ; attempt++) {
      await page.keyboard.press('F1');
      await page.locator('.quick-input-widget input').fill('>AlexNet');
      try {
        await labels.filter({ hasText: /^AlexNet: 对图像分类$/ }).first().waitFor({ timeout: 5000 });
        break;
      } catch (err) {
        await page.keyboard.press('Escape');
        if (attempt >= 10) throw err;
        await page.waitForTimeout(2000);
      }
    }
    const shown = (await labels.allInnerTexts()).map((t) => t.trim());
    lap(`palette: ${shown.slice(0, 8).join(' | ')}`);
    // The list is virtual (only visible rows exist): narrow it to each title in turn.
    await shot('1-palette');
    for (const title of ['AlexNet: 训练', 'AlexNet: 检查数据集', 'AlexNet: 创建示例数据集']) {
      await page.locator('.quick-input-widget input').fill(`>${title}`);
      await labels.filter({ hasText: new RegExp(`^${title}$`) }).first().waitFor({ timeout: 5000 });
    }
    await page.keyboard.press('Escape');
  });

  it('Check Dataset asks in a Chinese QuickPick and answers in a Chinese notification', async () => {
    await wb.runCommand('AlexNet: 检查数据集');
    await page.locator('.quick-input-widget input[placeholder*="按类别分文件夹的数据集"]').waitFor({ timeout: 30_000 });
    const row = wb.quickPickRow(DATASET);
    await row.waitFor({ timeout: 30_000 });
    assert.match(await row.innerText(), /10 个类别 · 训练集 1,000 张 \/ 测试集（test\/）200 张图像/);
    await shot('2-quickpick');
    await row.click();
    const text = await wb.notification(/^AlexNet：10 个类别/, 120_000);
    lap(`notification: ${text}`);
    assert.strictEqual(text, 'AlexNet：10 个类别，训练集 1,000 张、测试集 200 张图像。');
    await shot('3-notification');
  });

  it('the panel reads in the tutorial\'s terms', async () => {
    await wb.openActivity('AlexNet');
    await wb.widenSideBar(560);
    const panel = wb.webview();
    await panel.locator('#section-layers[heading="网络层表"]').waitFor({ timeout: 60_000 });
    await panel.locator('table.layers thead th[data-col="params"]', { hasText: '参数量' }).waitFor({ timeout: 120_000 });
    const meta = (await panel.locator('.section-body.dataset .meta').first().innerText()).trim();
    assert.strictEqual(meta, '10 个类别 · 训练集 1,000 · 测试集 200');
    const kinds = new Set((await panel.locator('table.layers tbody th .muted').allInnerTexts()).map((t) => t.trim()));
    assert.deepStrictEqual([...kinds].sort(), ['全连接层', '卷积层', '池化层'].sort());
    assert.strictEqual((await panel.locator('vscode-button[data-command="alexnet.train"]').innerText()).trim(), '训练…');
    await shot('4-panel');
    await panel.locator('#section-layers').scrollIntoViewIfNeeded();
    await shot('5-panel-layers');
  });

  it('training shows Chinese progress in the status bar and a notification, and stopping says so', async () => {
    await wb.runCommand('AlexNet: 训练');
    const row = wb.quickPickRow(DATASET);
    await row.waitFor({ timeout: 30_000 });
    await row.click();
    const status = page.locator('.statusbar-item', { hasText: /AlexNet 第 \d+\/\d+ 轮 · \d+\/\d+ · 损失/ }).first();
    await wb.waitUnlessError(status, 3 * 60_000);
    lap(`status bar: ${(await status.innerText()).trim()}`);
    await shot('6-training');
    const progress = page.locator('.notification-toast', { hasText: 'AlexNet：正在用 digits 训练' }).first();
    await progress.waitFor({ timeout: 30_000 });
    lap(`progress: ${(await progress.innerText()).replace(/\s+/g, ' ')}`);
    await wb.runCommand('AlexNet: 停止训练');
    // The toast's text begins with its source and buttons, so the pattern is not anchored.
    const done = await wb.notification(/AlexNet：训练.*停止/, 3 * 60_000);
    lap(`notification: ${done}`);
    // Stopped inside epoch 1: what was saved, and that Resume goes on from the next batch.
    assert.match(done, /^AlexNet：训练在第 1 轮的批次 \d+\/\d+ 处停止：已保存 last\/（未评估；继续训练将从批次 \d+ 开始）/);
    const panel = wb.webview();
    assert.strictEqual((await panel.locator('[data-testid="phase"]').innerText()).trim(), '已停止');
    await shot('7-stopped');
    // The Runs view's row of that last/ says where it stopped, in Chinese too (checkpointSummary in the host).
    const [, batch] = /批次 (\d+)\/\d+ 处停止/.exec(done) ?? [];
    const run = fs.readdirSync(path.join(session.workspace, '.alexnet', 'runs'))[0];
    assert.ok(batch && run, done);
    const runRow = wb.treeRow('训练记录', run);
    await runRow.waitFor({ timeout: 30_000 });
    const stoppedRow = page.locator('.monaco-list-row', { hasText: `在第 1 轮的批次 ${batch} 处停止 · 未评估` }).first();
    await wb.expandUntil(runRow, stoppedRow);
    lap(`Runs view: ${(await stoppedRow.innerText()).replace(/\s+/g, ' ')}`);
    await shot('8-runs');
  });

  it('Import PyTorch Checkpoint refuses a hostile .pth in Chinese, naming the file and the Python global', async () => {
    const row = await wb.revealInExplorer([HOSTILE]);
    await wb.contextMenu(row, '导入 PyTorch 检查点');
    const text = await wb.notification(/AlexNet：无法导入 posix-system\.pth/, 60_000);
    lap(`notification: ${text}`);
    assert.match(text, /data\.pkl 引用了 Python 全局对象 posix\.system，而 state_dict 从不需要它；拒绝读取/);
    await shot('9-import-refused');
    // The next step watches for error toasts of its own.
    await wb.runCommand('Notifications: Clear All Notifications');
  });

  it('no word of the extension is left in English: the panel with feature maps and filters, and the Runs view', async () => {
    const panel = wb.webview();
    // What the network sees, from the stopped run's last/: a test image's feature maps and conv1's filters.
    const image = fs.readdirSync(path.join(session.workspace, DATASET, 'test', '0')).sort()[0];
    const row = await wb.revealInExplorer([DATASET, 'test', '0', image]);
    await wb.contextMenu(row, '显示特征图');
    await wb.openActivity('AlexNet');
    await wb.waitUnlessError(panel.locator('[data-testid="map-grid"][data-channels="96"]'), 120_000);
    await wb.runCommand('AlexNet: 显示第一层卷积核');
    await panel.locator('[data-testid="filters"]').waitFor({ timeout: 120_000 });
    await panel.locator('[data-testid="filters"]').scrollIntoViewIfNeeded();
    await shot('8b-feature-maps-filters');
    // The Runs view's rows (expanded by the step before); its frame is VS Code's own, which stays English under
    // the stub language pack.
    const runs = page.locator('.part.sidebar .pane').filter({ has: page.locator('.pane-header .title', { hasText: /^训练记录$/ }) });
    await runs.locator('.monaco-list-row').nth(1).waitFor({ timeout: 30_000 });
    const left = new Map([...(await englishWords(panel.locator('body'), [DATASET])), ...(await englishWords(runs.locator('.monaco-list-rows'), [DATASET]))]);
    for (const [word, where] of left) lap(`english: ${word} in "${where}"`);
    assert.deepStrictEqual([...left.keys()], [], 'English words in the zh-CN panel or Runs view');
  });

  it('the Get Started walkthrough shows its pages in Chinese (media/walkthrough/*.nls.zh-cn.md)', async () => {
    await wb.runCommand('Welcome: Open Walkthrough...');
    const row = wb.quickPickRow(/AlexNet 训练器入门/);
    await row.waitFor({ timeout: 30_000 });
    await row.click();
    // The selected step's page is markdown that VS Code renders in a webview of its own.
    const step = page.locator('.getting-started-step', { hasText: '训练 AlexNet' }).first();
    await step.waitFor({ timeout: 30_000 });
    await step.click();
    const pageText = page.frameLocator(`iframe.webview.ready:not([src*="extensionId=${EXTENSION_ID}"])`).frameLocator('#active-frame').locator('body');
    await pageText.locator('h1', { hasText: /^训练$/ }).waitFor({ timeout: 30_000 });
    const text = await pageText.innerText();
    lap(`walkthrough page: ${text.replace(/\s+/g, ' ').slice(0, 120)}`);
    assert.match(text, /设置项 alexnet\.inputSize，至少 63 像素/);
    await shot('10-walkthrough');
  });
});
