/**
 * The side panel in Chromium: the built bundle in the page VS Code would build, with a stand-in host replaying
 * messages recorded from a real session (fixtures/session.json, see recordFixture.ts).
 */
import * as l10n from '@vscode/l10n';
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { Browser, Page, chromium } from 'playwright-core';
import { HostToPanel, parsePanelMessage } from '../../src/shared/panelProtocol';
import { applyHostMessage } from '../../src/shared/panelReducer';
import { BackendReport } from '../../src/shared/backendReport';
import { compareRuns } from '../../src/shared/compareRuns';
import { checkpointMeta } from '../helpers/checkpointMeta';
import { LayerTable } from '../../src/shared/layerTable';
import { PanelState, initialPanelState } from '../../src/shared/panelState';
import { englishWords } from '../vscode/ui/englishWords';
import { PanelServer, ROOT, StandinWindow, Theme, startPanelServer } from './panelPage';
import type { SessionFixture } from './recordFixture';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const fixture = JSON.parse(fs.readFileSync(path.join(ROOT, 'test', 'webview', 'fixtures', 'session.json'), 'utf8')) as SessionFixture;
const messages = fixture.messages;

let server: PanelServer;
let browser: Browser;

interface PageProblems {
  console: string[];
}

before(async () => {
  assert.ok(fs.existsSync(CHROMIUM), `${CHROMIUM} not found: apt-get install -y chromium`);
  assert.ok(fs.existsSync(path.join(ROOT, 'dist', 'webview.js')), 'dist/webview.js missing: run npm run build');
  server = await startPanelServer();
  browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ['--no-sandbox', '--headless', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run'],
  });
});

after(async () => {
  await browser?.close();
  await server?.close();
});

async function openPanel(theme: Theme, onReady: HostToPanel[] = [], width = 360, lang?: string): Promise<{ page: Page; problems: PageProblems }> {
  const page = await browser.newPage({ viewport: { width, height: 900 } });
  const problems: PageProblems = { console: [] };
  page.on('console', (m) => {
    if (m.type() === 'error' || m.type() === 'warning') problems.console.push(`${m.type()}: ${m.text()}`);
  });
  page.on('pageerror', (e) => problems.console.push(`pageerror: ${e.message}`));
  await page.goto(server.url(theme, lang));
  await page.evaluate((r) => sessionStorage.setItem('standin.onReady', JSON.stringify(r)), onReady);
  await page.reload();
  await page.waitForFunction(() => (window as unknown as StandinWindow).__posted?.some((m) => (m as { type: string }).type === 'ready'));
  return { page, problems };
}

async function send(page: Page, msgs: HostToPanel[]): Promise<void> {
  const before = await renderCount(page);
  await page.evaluate((list) => list.forEach((m) => window.postMessage(m, '*')), msgs);
  await page.waitForFunction((n) => Number(document.body.dataset.rendered ?? 0) > n, before);
}

const renderCount = (page: Page) => page.evaluate(() => Number(document.body.dataset.rendered ?? 0));
const points = (page: Page, id: string) => page.getAttribute(`[data-testid="${id}"]`, 'data-points').then(Number);

async function assertClean(page: Page, problems: PageProblems): Promise<void> {
  const w = await page.evaluate(() => {
    const s = window as unknown as StandinWindow;
    return { csp: s.__csp, posted: s.__posted, acquired: s.__acquired };
  });
  assert.deepEqual(w.csp, [], 'CSP violations');
  assert.deepEqual(problems.console, [], 'console errors or warnings');
  assert.equal(w.acquired, 1, 'acquireVsCodeApi called once');
  for (const m of w.posted) assert.ok(parsePanelMessage(m).ok, `the webview sent a malformed message: ${JSON.stringify(m)}`);
}

function tutorialTable(): LayerTable {
  // The engine's own numbers, from the CLI, not copied into the test.
  const json = execFileSync(process.execPath, [path.join(ROOT, 'bin', 'alexnet.js'), 'layers', '--json'], { encoding: 'utf8' });
  return JSON.parse(json) as LayerTable;
}

test('the layer table shows the tutorial numbers at 224 px and 1000 classes', async () => {
  const table = tutorialTable();
  const { page, problems } = await openPanel('dark');
  await send(page, [{ type: 'layers', table }]);
  assert.equal(await page.textContent('[data-testid="total-params"]'), '62,378,344');
  // One record per row: column name (data-col) -> text, the layer name under 'layer'.
  const rows = await page.$$eval('table.layers tbody tr', (trs) =>
    trs.map((tr) => {
      const row: Record<string, string> = { layer: tr.querySelector('th .layer-name')?.textContent ?? '' };
      tr.querySelectorAll('td[data-col]').forEach((td) => (row[(td as HTMLElement).dataset.col!] = td.textContent ?? ''));
      return row;
    }),
  );
  const paramsOf = (type: string) => table.layers.flatMap((l, i) => (l.type === type ? [rows[i].params] : []));
  assert.deepEqual(paramsOf('conv'), ['34,944', '614,656', '885,120', '1,327,488', '884,992']);
  assert.deepEqual(paramsOf('dense'), ['37,752,832', '16,781,312', '4,097,000']);
  const neurons = rows.slice(0, table.layers.length).map((r) => r.neurons);
  assert.deepEqual(neurons, ['290,400', '69,984', '186,624', '43,264', '64,896', '64,896', '43,264', '9,216', '4,096', '4,096', '1,000']);
  assert.equal(rows[0].layer, table.layers[0].name);
  assert.equal(rows[0].size, 'floor((224 - 11 + 2*2)/4) + 1 = 55');
  assert.equal(rows[0].output, '55\u00d755\u00d796');
  assert.equal(rows[0].kernel, '11\u00d711, 3\u219296');
  assert.match((await page.textContent('[data-testid="dense-share"]')) ?? '', /dense layers hold 94\.\d% of the parameters \(58,631,144\)/);
  await assertClean(page, problems);
  await page.close();
});

test("an imported model.py checkpoint's layer table says that fc6 and fc7 have no ReLU (the tutorial's forward())", async () => {
  const json = execFileSync(process.execPath, [path.join(ROOT, 'bin', 'alexnet.js'), 'layers', '--json', '--classes', '7', '--variant', 'tutorial'], { encoding: 'utf8' });
  const table = JSON.parse(json) as LayerTable;
  const outDir = path.join(ROOT, 'test-results', 'webview');
  fs.mkdirSync(outDir, { recursive: true });
  for (const [theme, width] of [['dark', 300], ['light', 300], ['dark', 900], ['light', 900]] as const) {
    const { page, problems } = await openPanel(theme);
    await page.setViewportSize({ width, height: 900 });
    await send(page, [{ type: 'layers', table }]);
    assert.match((await page.textContent('p.meta')) ?? '', /the tutorial's forward\(\): no ReLU after fc6, fc7/);
    const types = await page.$$eval('table.layers tbody tr th .muted', (els) => els.map((e) => e.textContent));
    assert.deepEqual(types.slice(-3), ['dense, no ReLU', 'dense, no ReLU', 'dense']);
    const file = path.join(outDir, `layers-tutorial-variant-${theme}-${width}.png`);
    await page.locator('table.layers').scrollIntoViewIfNeeded();
    await page.screenshot({ path: file, fullPage: true });
    console.log(`screenshot: ${path.relative(ROOT, file)}`);
    await assertClean(page, problems);
    await page.close();
  }
});

test('charts grow with metric messages, and the rest of the session renders', async () => {
  const { page, problems } = await openPanel('dark');
  const start = messages.findIndex((m) => m.type === 'runStarted');
  await send(page, messages.slice(0, start + 1));
  assert.equal(await points(page, 'chart-loss'), 0);
  let epochs = 0;
  let batches = 0;
  for (const m of messages.slice(start + 1)) {
    await send(page, [m]);
    if (m.type === 'epoch') {
      epochs++;
      assert.equal(await points(page, 'chart-loss'), 2 * epochs, 'train and test loss per epoch');
      assert.equal(await points(page, 'chart-acc'), 2 * epochs);
    } else if (m.type === 'batch') {
      batches++;
      assert.equal(await points(page, 'chart-batch'), batches);
      assert.equal(await page.textContent('[data-testid="phase"]'), 'Training');
    }
  }
  assert.ok(epochs >= 2 && batches > epochs, `recorded ${epochs} epochs, ${batches} batches`);
  assert.equal(await page.textContent('[data-testid="phase"]'), 'Finished');
  // Evaluation of the latest epoch, and the classified images with their top-k bars.
  const lastEpoch = [...messages].reverse().find((m) => m.type === 'epoch');
  assert.ok(lastEpoch?.type === 'epoch');
  const cells = await page.$$eval('[data-testid="confusion"] td.cell', (tds) => tds.map((td) => Number((td as HTMLElement).dataset.count)));
  assert.deepEqual(cells, lastEpoch.event.confusion.flat());
  const predicted = messages.find((m) => m.type === 'predictions');
  assert.ok(predicted?.type === 'predictions');
  assert.equal(await page.locator('[data-testid="prediction"]').count(), predicted.items.length);
  assert.equal(await page.locator('.prediction img.thumb').count(), predicted.items.length);
  const dataset = messages.find((m) => m.type === 'dataset');
  assert.ok(dataset?.type === 'dataset');
  // A skipped file is a link that asks the host to open it.
  if (dataset.summary.skipped.length > 0) {
    await page.click('ul.skipped a.file-link');
    const posted = await page.evaluate(() => (window as unknown as StandinWindow).__posted);
    assert.deepEqual(posted[posted.length - 1], { type: 'openFile', path: dataset.summary.skipped[0].file });
  }
  await page.click('vscode-button[data-command="alexnet.train"]');
  const posted = await page.evaluate(() => (window as unknown as StandinWindow).__posted);
  assert.deepEqual(posted[posted.length - 1], { type: 'command', command: 'alexnet.train' });
  await assertClean(page, problems);
  await page.close();
});

test('a snapshot after ready restores the same view', async () => {
  const first = await openPanel('light');
  await send(first.page, messages);
  const before = await first.page.innerText('#app');
  const beforePoints = await Promise.all(['chart-loss', 'chart-acc', 'chart-batch'].map((id) => points(first.page, id)));
  await assertClean(first.page, first.problems);
  await first.page.close();
  // What the host holds after the same messages, sent as the one snapshot a re-created webview gets.
  const state = messages.reduce(applyHostMessage, initialPanelState());
  const second = await openPanel('light', [{ type: 'snapshot', state }]);
  await second.page.waitForFunction(() => document.querySelectorAll('[data-testid="prediction"]').length > 0);
  assert.equal(await second.page.innerText('#app'), before);
  assert.deepEqual(await Promise.all(['chart-loss', 'chart-acc', 'chart-batch'].map((id) => points(second.page, id))), beforePoints);
  await assertClean(second.page, second.problems);
  await second.page.close();
});

/**
 * The session as a user of the tutorial's fer2013 would see it: 7 classes named like `开心 happy`, a long file
 * path on a prediction card. Display data for the screenshots: the recorded session with its names replaced.
 */
function ferShaped(state: PanelState): PanelState {
  const names = ['生气 angry', '厌恶 disgust', '害怕 fear', '开心 happy', '平静 neutral', '伤心 sad', '惊讶 surprise'];
  const d = state.dataset;
  const ev = state.evaluation;
  const cut = <T,>(xs: T[]) => xs.slice(0, names.length);
  return {
    ...state,
    dataset: d && { ...d, root: '/workspace/计算机/data/fer2013_数据增强版本', classes: names, counts: { train: cut(d.counts.train), test: cut(d.counts.test) } },
    evaluation: ev && { ...ev, classes: names, confusion: cut(ev.confusion).map(cut), perClassAcc: cut(ev.perClassAcc) },
    predictions: state.predictions.map((p, i) => ({
      ...p,
      file: `/workspace/计算机/data/fer2013_数据增强版本/test/${names[i % names.length]}/PrivateTest_${String(10_000_000 + i).padStart(8, '0')}_with_a_long_name.jpg`,
      dataset: '/workspace/计算机/data/fer2013_数据增强版本',
      trueClass: p.trueClass === undefined ? undefined : names[Number(p.trueClass) % names.length],
      top: p.top.map((t) => ({ ...t, class: names[t.index % names.length] })),
    })),
  };
}

test('screenshots at 300, 480 and 1100 px in the dark and light themes, finished and in the first epoch', async () => {
  const finished = ferShaped([...messages, { type: 'layers', table: tutorialTable() } as HostToPanel].reduce(applyHostMessage, initialPanelState()));
  // Halfway through the first epoch's batches: the progress bars and the running epoch curves.
  const firstEpoch = messages.filter((m) => m.type === 'batch' && m.event.epoch === 1);
  const cutAt = messages.indexOf(firstEpoch[Math.floor(firstEpoch.length / 2)]);
  const training = [...messages.slice(0, cutAt + 1), { type: 'layers', table: tutorialTable() } as HostToPanel].reduce(applyHostMessage, initialPanelState());
  assert.equal(training.training.phase, 'training');
  const outDir = path.join(ROOT, 'test-results', 'webview');
  fs.mkdirSync(outDir, { recursive: true });
  // The default side bar is about 300 px wide; 480 is a widened one, 1100 the panel in an editor column.
  for (const width of [300, 480, 1100]) {
    for (const theme of ['dark', 'light'] as const) {
      for (const [name, state] of [['', finished], ['-epoch1', training]] as const) {
        const { page, problems } = await openPanel(theme, [{ type: 'snapshot', state }], width);
        await page.waitForFunction(() => Number(document.body.dataset.rendered ?? 0) > 1);
        const file = path.join(outDir, `panel-${width}-${theme}${name}.png`);
        await page.screenshot({ path: file, fullPage: true });
        assert.ok(fs.statSync(file).size > 10_000, `${file} looks empty`);
        // Nothing may stick out sideways: the body never scrolls horizontally (wide tables scroll in their own box).
        const overflow = await page.evaluate(() => {
          const limit = document.documentElement.clientWidth;
          const wide = [...document.querySelectorAll('#app *')].filter((el) => {
            const r = el.getBoundingClientRect();
            // Inside a scroll box is fine: only what widens the page counts.
            return r.right > limit + 0.5 && !el.closest('.table-scroll');
          });
          return { by: document.documentElement.scrollWidth - limit, what: wide.slice(0, 5).map((el) => `${el.tagName.toLowerCase()}.${el.className}`) };
        });
        assert.ok(overflow.by <= 0, `the page is ${overflow.by} px wider than ${width} px: ${overflow.what.join(', ')}`);
        console.log(`screenshot: ${path.relative(ROOT, file)}`);
        await assertClean(page, problems);
        await page.close();
      }
    }
  }
});

test('a narrow layer table shows every column on request (keyboard and touch have no tooltips), and keeps the choice', async () => {
  const table = tutorialTable();
  const outDir = path.join(ROOT, 'test-results', 'webview');
  fs.mkdirSync(outDir, { recursive: true });
  const shown = (page: Page) => page.$$eval('table.layers thead th[data-col]', (ths) => ths.filter((th) => (th as HTMLElement).offsetParent !== null).map((th) => (th as HTMLElement).dataset.col));
  for (const theme of ['dark', 'light'] as const) {
    const { page, problems } = await openPanel(theme, [{ type: 'layers', table }], 300);
    await page.waitForSelector('table.layers');
    assert.deepEqual(await shown(page), ['output', 'params']);
    const toggle = page.locator('[data-testid="layer-columns"]');
    assert.equal(await toggle.getAttribute('aria-pressed'), 'false');
    await toggle.focus();
    await page.keyboard.press('Enter');
    assert.deepEqual(await shown(page), ['kernel', 'output', 'neurons', 'params', 'share', 'macs', 'stride', 'size']);
    assert.equal(await toggle.getAttribute('aria-pressed'), 'true');
    // The table scrolls in its own box; the page does not widen.
    assert.ok(await page.evaluate(() => document.documentElement.scrollWidth <= document.documentElement.clientWidth), 'the page widened');
    const file = path.join(outDir, `layers-all-columns-${theme}-300.png`);
    await page.locator('#section-layers').screenshot({ path: file });
    console.log(`screenshot: ${path.relative(ROOT, file)}`);
    // A reload of the webview (VS Code keeps its state) keeps every column.
    await page.reload();
    await page.waitForSelector('table.layers');
    assert.deepEqual((await shown(page)).length, 8);
    await page.locator('[data-testid="layer-columns"]').click();
    assert.deepEqual(await shown(page), ['output', 'params']);
    // Wide, every column shows anyway and the button is gone.
    await page.setViewportSize({ width: 900, height: 900 });
    assert.equal(await page.locator('[data-testid="layer-columns"]').isVisible(), false);
    assert.equal((await shown(page)).length, 8);
    await assertClean(page, problems);
    await page.close();
  }
});

test('in Restricted Mode the panel says why training and classification are off', async () => {
  const { page, problems } = await openPanel('dark');
  assert.equal(await page.locator('[data-testid="restricted"]').count(), 0);
  await send(page, [{ type: 'trust', trusted: false }]);
  assert.match((await page.textContent('[data-testid="restricted"]')) ?? '', /Restricted Mode: training and classification are disabled/);
  for (const command of ['alexnet.train', 'alexnet.classifyImage']) {
    assert.equal(await page.getAttribute(`vscode-button[data-command="${command}"]`, 'disabled'), '', `${command} disabled`);
  }
  await send(page, [{ type: 'trust', trusted: true }]);
  assert.equal(await page.locator('[data-testid="restricted"]').count(), 0);
  await assertClean(page, problems);
  await page.close();
});

test('in zh-CN the panel reads in the tutorial\'s terms, skip reasons and numbers included (screenshots narrow and wide)', async () => {
  // The host builds its state with @vscode/l10n configured with the same bundle (evaluation source, phase texts).
  l10n.config({ fsPath: path.join(ROOT, 'l10n', 'bundle.l10n.zh-cn.json') });
  const base = [...messages, { type: 'layers', table: tutorialTable() } as HostToPanel].reduce(applyHostMessage, initialPanelState());
  // Compare Runs' values are worded by the host; its row labels by the panel.
  const compare = compareRuns([
    { name: 'run-a', dir: '/runs/a', meta: checkpointMeta(), epochs: [] },
    { name: 'run-b', dir: '/runs/b', meta: checkpointMeta({ config: { ...checkpointMeta().config, lr: 0.003, hflip: false, vflip: false, randomCrop: false } }), epochs: [] },
  ]);
  // The fixture's run message was recorded from an English host; a Chinese one says it like this.
  const runMessage = l10n.t('best test accuracy {0} at epoch {1}', '47.00%', 6);
  l10n.config({ contents: {} });
  assert.ok(base.dataset, 'the fixture has a dataset');
  // Skip reasons arrive from the engine as codes with parameters (and English text for logs and the CLI).
  const dataset = {
    ...base.dataset,
    skipped: [
      { file: '/data/train/3/empty.png', reason: 'empty file (0 bytes)', message: { code: 'skip.emptyFile' as const, params: [] } },
      { file: '/data/test/7/big.png', reason: 'too large: 9000x9000 is over 40,000,000 pixels', message: { code: 'skip.tooLarge' as const, params: [9000, 9000, '40,000,000'] } },
      // From the full decode (check): the pixel limit as a number, grouped by the panel.
      { file: '/data/test/7/huge.png', reason: 'too large: over 40,000,000 pixels', message: { code: 'skip.overPixels' as const, params: [40_000_000] } },
    ],
  };
  // The device and the refusals arrive as codes too.
  const backend: BackendReport = {
    backend: 'wasm',
    tfBackend: 'wasm',
    device: 'CPU, WebAssembly SIMD (XNNPACK), 4 threads, 31 training kernels',
    deviceCoded: { code: 'backend.deviceWasm', params: ['WebAssembly SIMD', 4, 31] },
    requested: 'auto',
    skipped: [{ backend: 'webgpu', reason: 'no WebGPU adapter (no Vulkan, Metal or D3D12 driver that Dawn accepts)', message: { code: 'backend.noAdapterDriver', params: [] } }],
    tfjsVersion: '4.22.0',
  };
  const unreadable = { ...base.predictions[0], file: '/data/cut.png', top: [], error: 'corrupt or truncated image (VipsPng: bad)', errorMessage: { code: 'skip.corrupt' as const, params: ['VipsPng: bad'] } };
  const state = { ...base, training: { ...base.training, message: runMessage }, dataset, backend, compare, predictions: [unreadable, ...base.predictions] };
  const outDir = path.join(ROOT, 'test-results', 'webview');
  fs.mkdirSync(outDir, { recursive: true });
  for (const [theme, width] of [['dark', 300], ['light', 700]] as const) {
    const { page, problems } = await openPanel(theme, [{ type: 'snapshot', state }], width, 'zh-cn');
    await page.waitForFunction(() => document.querySelectorAll('[data-testid="prediction"]').length > 0);
    assert.equal(await page.getAttribute('#section-layers', 'heading'), '网络层表');
    assert.equal(await page.textContent('table.layers thead th[data-col="params"]'), '参数量');
    assert.equal(await page.textContent('[data-testid="total-params"]'), '62,378,344');
    const kinds = await page.$$eval('table.layers tbody th .muted', (els) => [...new Set(els.map((e) => e.textContent))]);
    assert.deepEqual(kinds.sort(), ['全连接层', '卷积层', '池化层'].sort());
    assert.match((await page.textContent('[data-testid="dense-share"]')) ?? '', /^三个全连接层占了 94\.\d% 的参数量（58,631,144）/);
    assert.match((await page.textContent('ul.skipped')) ?? '', /空文件（0 字节）[\s\S]*太大：9000x9000 超过 40,000,000 像素[\s\S]*太大：超过 40,000,000 像素/);
    assert.equal(await page.textContent('[data-testid="backend-device"]'), 'CPU，WebAssembly SIMD（XNNPACK），4 个线程，31 个训练内核');
    assert.match((await page.textContent('ul.skipped-backends')) ?? '', /webgpu: 没有 WebGPU 适配器/);
    const compareHead = await page.$$eval('[data-testid="compare-table"] thead th', (els) => els.map((e) => e.textContent));
    assert.ok(compareHead.includes('学习率') && compareHead.includes('数据增强'), compareHead.join(' | '));
    assert.match((await page.textContent('[data-testid="compare-table"] tbody')) ?? '', /无/);
    assert.match((await page.textContent('#section-predictions')) ?? '', /图像已损坏或不完整（VipsPng: bad）/);
    assert.equal(await page.textContent('vscode-button[data-command="alexnet.train"]'), '训练…');
    // Nothing else is left in English: the run names and libvips' own detail are the user's and the decoder's words.
    const left = await englishWords(page.locator('body'), ['run', 'VipsPng', 'bad']);
    for (const [word, where] of left) console.log(`english: ${word} in "${where}"`);
    assert.deepEqual([...left.keys()], [], 'English words in the zh-CN panel');
    const file = path.join(outDir, `panel-zh-cn-${theme}-${width}.png`);
    await page.screenshot({ path: file, fullPage: true });
    console.log(`screenshot: ${path.relative(ROOT, file)}`);
    await assertClean(page, problems);
    await page.close();
  }
});
