/**
 * The panel's views of the network's inside in Chromium: feature maps, conv1 filters and the confusion-cell
 * gallery, fed with what the engine makes of real digits (a seeded AlexNet at 224 px for the maps, a tiny real
 * training run for the filters and the per-file predictions), dark and light, narrow and wide, with screenshots.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'fs';
import * as path from 'path';
import { buildAlexNet } from '../../src/engine/alexnet';
import { selectBackend } from '../../src/engine/backend';
import { loadCheckpoint } from '../../src/engine/checkpoints';
import { featureMaps } from '../../src/engine/inspect/featureMaps';
import { conv1Filters } from '../../src/engine/inspect/filters';
import { camView, gradCam } from '../../src/engine/inspect/gradCam';
import { readPredictions } from '../../src/engine/inspect/predictions';
import { computeLayerTable } from '../../src/engine/layerTable';
import { runTraining } from '../../src/engine/train';
import { CamView, cellFiles, FeatureMaps, FiltersResult, PANEL_MAP_SIDE } from '../../src/shared/inspect';
import { GalleryView, InspectView } from '../../src/shared/inspectView';
import { LayerTable } from '../../src/shared/layerTable';
import { EpochEvent } from '../../src/shared/metrics';
import { HostToPanel } from '../../src/shared/panelProtocol';
import { applyHostMessage } from '../../src/shared/panelReducer';
import { epochEvaluation, initialPanelState, PredictionView } from '../../src/shared/panelState';
import { DEFAULT_TRAIN_CONFIG } from '../../src/shared/trainConfig';
import { tmpDir, writeDigit, writeSplit } from '../helpers/tmp';
import { assertClean, PanelBrowser, posted, send, shoot } from './panelBrowser';

const CLASSES = ['zero', 'one', 'two'];

let browser: PanelBrowser;
let maps: FeatureMaps;
let table: LayerTable;
let filters: FiltersResult;
let lastEpoch: EpochEvent;
let gallery: GalleryView;
let imageUri: string;
let checkpoint: string;
let cards: PredictionView[];
let cams: CamView[];

before(async () => {
  await selectBackend('wasm');
  const root = tmpDir();
  const image = path.join(root, 'five.png');
  await writeDigit(image, 5, 0);
  imageUri = `data:image/png;base64,${fs.readFileSync(image).toString('base64')}`;
  const model = buildAlexNet({ numClasses: 3, inputSize: 224, lrn: false, init: 'glorot', dropout: 0.5, seed: 4 });
  table = computeLayerTable(model);
  maps = await featureMaps(model, 224, image, { maxSide: PANEL_MAP_SIDE });
  model.dispose();
  const data = path.join(root, 'digits');
  await writeSplit(data, 'train', CLASSES, 12);
  await writeSplit(data, 'test', CLASSES, 6, 500);
  const epochs: EpochEvent[] = [];
  const config = { ...DEFAULT_TRAIN_CONFIG, datasetDir: data, outDir: path.join(root, 'run'), inputSize: 63, batchSize: 8, epochs: 2, backend: 'wasm' as const };
  const done = await runTraining(config, { emit: (e) => e.event === 'epoch' && epochs.push(e), log: () => undefined, stopRequested: () => false });
  lastEpoch = epochs[epochs.length - 1];
  checkpoint = done.last!.path;
  const loaded = await loadCheckpoint(checkpoint);
  filters = await conv1Filters(loaded);
  // Prediction cards for three test digits, with their Grad-CAM maps as the host would send them.
  const cardFiles = CLASSES.map((c) => path.join(data, 'test', c, '0.png'));
  const results = await Promise.all(cardFiles.map((f) => gradCam(loaded, f)));
  loaded.model.dispose();
  cams = results.map(camView);
  cards = results.map((r, i) => ({
    file: cardFiles[i],
    thumbnail: `data:image/png;base64,${fs.readFileSync(cardFiles[i]).toString('base64')}`,
    checkpoint,
    top: [{ class: r.className, index: r.classIndex, probability: r.probability }],
    trueClass: CLASSES[i],
    at: `2026-01-01T00:00:0${i}.000Z`,
  }));
  const predictions = (await readPredictions(checkpoint))!;
  // The fullest cell, as the host would answer a click on it.
  const cells = predictions.classes.flatMap((t) => predictions.classes.map((p) => cellFiles(predictions.files, t, p)));
  const fullest = cells.reduce((a, b) => (b.length > a.length ? b : a));
  gallery = {
    source: `test split, epoch ${predictions.epoch}, last/`,
    trueClass: fullest[0].trueClass,
    predicted: fullest[0].predicted,
    items: fullest.map((f) => ({ ...f, thumbnail: `data:image/png;base64,${fs.readFileSync(f.file).toString('base64')}` })),
    total: fullest.length,
    missing: '',
  };
  browser = await PanelBrowser.start();
});

after(async () => {
  await browser?.close();
});

function inspectView(extra: Partial<InspectView> = {}): InspectView {
  return { checkpoint, classes: CLASSES, image: maps.image, thumbnail: imageUri, maps, layer: 'conv1', filters: null, status: '', failed: false, ...extra };
}

test('with no checkpoint the Feature maps section says what to do', async () => {
  const { page, problems } = await browser.open('dark', 360, []);
  assert.match((await page.textContent('[data-testid="inspect-empty"]')) ?? '', /No checkpoint yet: train a model first/);
  await send(page, [{ type: 'checkpoint', path: checkpoint }]);
  assert.match((await page.textContent('[data-testid="inspect-empty"]')) ?? '', /Show Feature Maps/);
  await page.click('[data-testid="show-filters"]');
  assert.deepEqual((await posted(page)).at(-1), { type: 'filters' });
  await assertClean(page, problems);
  await page.close();
});

test('feature maps: conv1 as a grid of 96 maps, a channel picker by keyboard, fc8 as named units; layer rows ask for maps', async () => {
  const { page, problems } = await browser.open('dark', 360, [{ type: 'layers', table }, { type: 'inspect', inspect: inspectView() }]);
  await page.waitForSelector('[data-testid="map-grid"]');
  assert.equal(await page.getAttribute('[data-testid="map-grid"]', 'data-channels'), '96');
  assert.match((await page.textContent('[data-testid="feature-maps"] .meta')) ?? '', /conv1: 96 maps of 55\u00d755 \(shown at 28\u00d728\)/);
  assert.equal(await page.locator('button.chip').count(), 11);
  // The picker lists the most active channel first and is operable by keyboard.
  const picker = page.locator('[data-testid="channel-picker"]');
  const first = await picker.inputValue();
  await picker.focus();
  await page.keyboard.press('ArrowDown');
  const second = await page.locator('[data-testid="channel-picker"]').inputValue();
  assert.notEqual(second, first, 'ArrowDown picks the next channel');
  const strongest = maps.layers[0].channelMax.indexOf(Math.max(...maps.layers[0].channelMax));
  assert.equal(Number(first), strongest);
  // Figure, not assertion: drawing the largest grid (conv2: 256 maps) after a click.
  const began = Date.now();
  await page.click('button.chip[data-layer="conv2"]');
  await page.waitForSelector('[data-testid="feature-maps"][data-layer="conv2"] [data-testid="map-grid"]');
  console.log(`conv2's grid (256 maps of ${maps.layers[2].height}x${maps.layers[2].width}) drawn ${Date.now() - began} ms after the click`);
  await page.click('button.chip[data-layer="fc8"]');
  assert.equal(await page.getAttribute('[data-testid="feature-maps"]', 'data-layer'), 'fc8');
  const top = await page.locator('[data-testid="top-units"] li').allTextContents();
  assert.equal(top.length, 3);
  assert.ok(top.every((t) => CLASSES.some((c) => t.startsWith(c))), top.join(' | '));
  await page.click('table.layers button.layer-open >> nth=2');
  assert.deepEqual((await posted(page)).at(-1), { type: 'featureMaps', layer: table.layers[2].name });
  await assertClean(page, problems);
  await page.close();
});

test('filters: trained and initial conv1 tiles with what training changed', async () => {
  const { page, problems } = await browser.open('light', 360, [{ type: 'inspect', inspect: inspectView({ filters }) }]);
  await page.waitForSelector('[data-testid="filters"]');
  assert.equal(await page.locator('[data-testid="filters"] canvas.filter-tiles').count(), 2);
  assert.match((await page.textContent('[data-testid="filters"]')) ?? '', /96 filters of 11\u00d711\u00d73.*recorded when the run started.*moved them by \d/s);
  await assertClean(page, problems);
  await page.close();
});

test('a confusion cell opens its images; a click opens one, a right-click reveals it', async () => {
  const state = [
    { type: 'runStarted', runDir: path.dirname(checkpoint), datasetDir: '', classes: [...CLASSES].sort(), epochs: 2, history: [lastEpoch] } as HostToPanel,
  ].reduce(applyHostMessage, initialPanelState());
  const { page, problems } = await browser.open('dark', 360, [{ type: 'snapshot', state: { ...state, evaluation: epochEvaluation(lastEpoch, [...CLASSES].sort()) } }]);
  await page.waitForSelector('[data-testid="confusion"]');
  await page.click('td.cell[role="button"] >> nth=0');
  const ask = (await posted(page)).at(-1) as { type: string; row: number; col: number };
  assert.equal(ask.type, 'confusionCell');
  await send(page, [{ type: 'gallery', gallery }]);
  const items = page.locator('[data-testid="gallery-item"]');
  assert.equal(await items.count(), gallery.items.length);
  const files = await items.evaluateAll((els) => els.map((e) => (e as HTMLElement).dataset.file));
  assert.deepEqual(files, gallery.items.map((g) => g.file), 'most confident first, as sent');
  await items.first().click();
  assert.deepEqual((await posted(page)).at(-1), { type: 'openFile', path: gallery.items[0].file });
  await items.first().click({ button: 'right' });
  assert.deepEqual((await posted(page)).at(-1), { type: 'revealFile', path: gallery.items[0].file });
  await items.nth(0).focus();
  await page.keyboard.press('Enter');
  assert.deepEqual((await posted(page)).at(-1), { type: 'openFile', path: gallery.items[0].file });
  await assertClean(page, problems);
  await page.close();
});

test('Grad-CAM on prediction cards: the toggle asks for the maps, they draw over the thumbnails, opacity follows the slider', async () => {
  const { page, problems } = await browser.open('dark', 360, [{ type: 'checkpoint', path: checkpoint }, { type: 'predictions', items: cards }]);
  await page.waitForSelector('[data-testid="cam-toggle"]');
  assert.equal(await page.locator('canvas.cam').count(), 0);
  await page.check('[data-testid="cam-toggle"]');
  const asked = (await posted(page)).filter((m) => m.type === 'explain');
  assert.deepEqual(asked, cards.map((c) => ({ type: 'explain', path: c.file, at: c.at })));
  await send(page, cards.map((c, i) => ({ type: 'predictionCam', file: c.file, at: c.at, cam: cams[i] }) as HostToPanel));
  assert.equal(await page.locator('canvas.cam').count(), 3);
  assert.equal(await page.getAttribute('canvas.cam >> nth=0', 'width'), String(cams[0].size));
  await page.locator('[data-testid="cam-opacity"]').fill('0.3');
  assert.equal(await page.locator('canvas.cam >> nth=0').evaluate((c) => (c as HTMLElement).style.opacity), '0.3');
  await page.click('button.topk-label >> nth=1');
  assert.deepEqual((await posted(page)).at(-1), { type: 'explain', path: cards[1].file, at: cards[1].at, className: cards[1].top[0].class });
  await page.click('[data-testid="card-feature-maps"] >> nth=0');
  assert.deepEqual((await posted(page)).at(-1), { type: 'featureMaps', path: cards[0].file });
  await page.uncheck('[data-testid="cam-toggle"]');
  assert.equal(await page.locator('canvas.cam').count(), 0);
  for (const theme of ['dark', 'light', 'hc'] as const) {
    const shot = await browser.open(theme, 360, [{ type: 'checkpoint', path: checkpoint }, { type: 'predictions', items: cards.map((c, i) => ({ ...c, cam: cams[i] })) }]);
    await shot.page.waitForSelector('[data-testid="cam-toggle"]');
    await shot.page.check('[data-testid="cam-toggle"]');
    await shot.page.waitForSelector('canvas.cam');
    await shoot(shot.page, '#section-predictions', `gradcam-${theme}`);
    await shot.page.close();
  }
  await assertClean(page, problems);
  await page.close();
});

test('screenshots: feature maps, filters and gallery, dark and light, narrow and wide', async () => {
  const sorted = [...CLASSES].sort();
  const base = initialPanelState();
  const state = { ...base, checkpoint, layers: table, evaluation: epochEvaluation(lastEpoch, sorted), gallery, inspect: inspectView({ filters }) };
  for (const theme of ['dark', 'light', 'hc'] as const) {
    for (const width of theme === 'hc' ? [360] : [300, 900]) {
      const { page, problems } = await browser.open(theme, width, [{ type: 'snapshot', state }]);
      await page.waitForSelector('[data-testid="map-grid"]');
      await page.waitForSelector('[data-testid="gallery"]');
      await shoot(page, '#section-inspect', `inspect-${theme}-${width}`);
      await shoot(page, '#section-evaluation', `gallery-${theme}-${width}`);
      await assertClean(page, problems);
      await page.close();
    }
  }
});
