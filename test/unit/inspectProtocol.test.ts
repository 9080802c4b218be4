/** The panel messages of the inspection views: what the host accepts from the webview, and how updates apply. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parsePanelMessage } from '../../src/shared/panelProtocol';
import { applyHostMessage } from '../../src/shared/panelReducer';
import { initialPanelState, PredictionView } from '../../src/shared/panelState';

test('inspection requests from the webview are checked field by field', () => {
  const ok = [
    { type: 'featureMaps' },
    { type: 'featureMaps', path: '/data/a.png', layer: 'conv1' },
    { type: 'filters' },
    { type: 'confusionCell', row: 0, col: 2 },
    { type: 'revealFile', path: '/data/a.png' },
    { type: 'explain', path: '/data/a.png', at: '2026-01-01T00:00:00.000Z', className: 'cat' },
  ];
  for (const m of ok) assert.deepEqual(parsePanelMessage(m), { ok: true, message: m }, JSON.stringify(m));
  const bad = [
    { type: 'featureMaps', layer: 'conv1; rm -rf' },
    { type: 'featureMaps', path: 3 },
    { type: 'confusionCell', row: -1, col: 0 },
    { type: 'confusionCell', row: 0.5, col: 0 },
    { type: 'revealFile', path: '' },
    { type: 'explain', path: '/a.png' },
    { type: 'explain', path: '/a.png', at: 'x', className: 7 },
  ];
  for (const m of bad) assert.equal(parsePanelMessage(m).ok, false, JSON.stringify(m));
});

test('a Grad-CAM map goes to the one card it was asked for', () => {
  const card = (file: string, at: string): PredictionView => ({ file, thumbnail: null, checkpoint: '/run/best', top: [], at });
  let state = applyHostMessage(initialPanelState(), { type: 'predictions', items: [card('/a.png', 't2'), card('/a.png', 't1'), card('/b.png', 't1')] });
  const cam = { className: 'cat', probability: 0.9, size: 2, heat: 'AAEC/w==' };
  state = applyHostMessage(state, { type: 'predictionCam', file: '/a.png', at: 't1', cam });
  assert.deepEqual(state.predictions.map((p) => p.cam ?? null), [null, cam, null]);
});
