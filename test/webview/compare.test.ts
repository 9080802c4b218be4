/** Compare Runs in Chromium: two real tiny training runs (different learning rates), overlaid curves and the settings that differ. */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import * as path from 'path';
import { readMeta } from '../../src/engine/checkpoints';
import { runTraining } from '../../src/engine/train';
import { compareRuns, CompareView } from '../../src/shared/compareRuns';
import { readEpochMetrics } from '../../src/shared/runLayout';
import { DEFAULT_TRAIN_CONFIG } from '../../src/shared/trainConfig';
import { tmpDir, writeSplit } from '../helpers/tmp';
import { assertClean, PanelBrowser, send, shoot } from './panelBrowser';

let browser: PanelBrowser;
let view: CompareView;

before(async () => {
  const root = tmpDir();
  const data = path.join(root, 'digits');
  await writeSplit(data, 'train', ['zero', 'one'], 8);
  await writeSplit(data, 'test', ['zero', 'one'], 4, 500);
  const runs = [];
  for (const [name, lr] of [['lr-0.01', 0.01], ['lr-0.003', 0.003]] as const) {
    const dir = path.join(root, name);
    await runTraining({ ...DEFAULT_TRAIN_CONFIG, datasetDir: data, outDir: dir, inputSize: 63, batchSize: 8, epochs: 2, lr, backend: 'wasm' }, { emit: () => undefined, log: () => undefined, stopRequested: () => false });
    runs.push({ name, dir, meta: await readMeta(path.join(dir, 'last')), epochs: await readEpochMetrics(dir) });
  }
  view = compareRuns(runs);
  browser = await PanelBrowser.start();
});

after(async () => {
  await browser?.close();
});

test('compareRuns finds what differs: only the learning rate', () => {
  assert.deepEqual(view.differing, ['lr']);
  assert.deepEqual(view.runs.map((r) => r.epochs.length), [2, 2]);
});

test('two runs: one colour each on the loss and accuracy charts, and a table of what differs with best and last accuracy', async () => {
  for (const theme of ['dark', 'light', 'hc'] as const) {
    for (const width of [300, 900]) {
      const { page, problems } = await browser.open(theme, width, []);
      assert.match((await page.textContent('#section-compare')) ?? '', /Select two or more runs in the Runs view/);
      await send(page, [{ type: 'compare', compare: view }]);
      assert.equal(await page.getAttribute('[data-testid="compare-loss"]', 'data-series'), '4');
      assert.equal(await page.getAttribute('[data-testid="compare-acc"]', 'data-series'), '4');
      const rows = await page.locator('[data-testid="compare-table"] tbody tr').allTextContents();
      assert.equal(rows.length, 2);
      assert.match(rows[0], /lr-0\.01\s*0\.01/);
      assert.match(rows[1], /lr-0\.003\s*0\.003/);
      await shoot(page, '#section-compare', `compare-${theme}-${width}`);
      await assertClean(page, problems);
      await page.close();
    }
  }
});
