import { test } from 'node:test';
import assert from 'node:assert/strict';
import { PANEL_COMMANDS, parsePanelMessage } from '../../src/shared/panelProtocol';
import { applyHostMessage } from '../../src/shared/panelReducer';
import { BatchEvent, EpochEvent } from '../../src/shared/metrics';
import { MAX_BATCH_POINTS, MAX_PREDICTIONS, initialPanelState, thinBatches } from '../../src/shared/panelState';
import packageJson from '../../package.json';
import { describeExit } from '../../src/trainer/trainerErrors';

test('messages from the webview: valid ones pass, anything else is refused with a reason', () => {
  assert.deepEqual(parsePanelMessage({ type: 'ready' }), { ok: true, message: { type: 'ready' } });
  assert.deepEqual(parsePanelMessage({ type: 'command', command: 'alexnet.train' }), {
    ok: true,
    message: { type: 'command', command: 'alexnet.train' },
  });
  assert.deepEqual(parsePanelMessage({ type: 'openFile', path: '/a/b.png', extra: 1 }), { ok: true, message: { type: 'openFile', path: '/a/b.png' } });
  for (const bad of [null, 'ready', [], { type: 'nope' }, { type: 'command', command: 'workbench.action.terminal.new' }, { type: 'openFile' }, { type: 'log', level: 'fatal', message: 'x' }]) {
    const r = parsePanelMessage(bad);
    assert.equal(r.ok, false, JSON.stringify(bad));
    if (!r.ok) assert.ok(r.reason.length > 0);
  }
});

test('every command the panel may run is contributed by the extension', () => {
  const contributed = new Set(packageJson.contributes.commands.map((c: { command: string }) => c.command));
  for (const c of PANEL_COMMANDS) assert.ok(contributed.has(c), c);
});

function batch(epoch: number, b: number): BatchEvent {
  return { event: 'batch', epoch, epochs: 2, batch: b, batches: 3, loss: 1 / b, acc: 0.5, batchLoss: 1 / b, imagesPerSecond: 10, etaSeconds: 5, lr: 0.01 };
}

function epoch(e: number, testAcc: number): EpochEvent {
  return {
    event: 'epoch', epoch: e, epochs: 2, trainLoss: 1, trainAcc: 0.5, testLoss: 1, testAcc, lr: 0.01, seconds: 1, imagesPerSecond: 10,
    perClassAcc: [1, 0], confusion: [[3, 0], [2, 1]], best: true, tensors: 40, rssMB: 300,
  };
}

test('the reducer: a run builds curves, a resumed epoch replaces the old one, the evaluation follows the last epoch', () => {
  let s = initialPanelState();
  s = applyHostMessage(s, { type: 'runStarted', runDir: '/r', datasetDir: '/d', classes: ['a', 'b'], epochs: 2, history: [epoch(1, 0.4)] });
  assert.equal(s.training.phase, 'starting');
  assert.equal(s.evaluation?.source, 'test split, epoch 1');
  for (let b = 1; b <= 3; b++) s = applyHostMessage(s, { type: 'batch', event: batch(2, b) });
  assert.deepEqual(s.batches.map((p) => p.step), [4, 5, 6]);
  assert.equal(s.training.phase, 'training');
  s = applyHostMessage(s, { type: 'epoch', event: epoch(1, 0.6) });
  s = applyHostMessage(s, { type: 'epoch', event: epoch(2, 0.7) });
  assert.deepEqual(s.epochs.map((e) => [e.epoch, e.testAcc]), [[1, 0.6], [2, 0.7]]);
  assert.deepEqual(s.evaluation?.classes, ['a', 'b']);
  assert.equal(s.evaluation?.count, 6);
  const snap = applyHostMessage(initialPanelState(), { type: 'snapshot', state: s });
  assert.deepEqual(snap, s);
});

test('batch points are thinned, not dropped, and predictions are capped', () => {
  const many = Array.from({ length: MAX_BATCH_POINTS + 1 }, (_, i) => ({ step: i + 1, epoch: 1, loss: 1 }));
  const thin = thinBatches(many);
  assert.ok(thin.length <= MAX_BATCH_POINTS);
  assert.equal(thin[thin.length - 1].step, MAX_BATCH_POINTS + 1);
  let s = initialPanelState();
  const item = (i: number) => ({ file: `/f${i}.png`, thumbnail: null, checkpoint: '/c', top: [], at: '' });
  for (let i = 0; i < MAX_PREDICTIONS + 5; i++) s = applyHostMessage(s, { type: 'predictions', items: [item(i)] });
  assert.equal(s.predictions.length, MAX_PREDICTIONS);
  assert.equal(s.predictions[0].file, `/f${MAX_PREDICTIONS + 4}.png`);
});

test('a dead trainer is described by its error line, not by the end of the stack', () => {
  const stderr = [
    'node:internal/modules/cjs/loader:1228',
    '  throw err;',
    '  ^',
    '',
    "Error: Cannot find module '/ext/dist/trainer.js'",
    '    at Module._resolveFilename (node:internal/modules/cjs/loader:1225:15)',
    '    at node:internal/main/run_main_module:28:49 {',
    "  code: 'MODULE_NOT_FOUND',",
    '}',
    '',
    'Node.js v20.20.2',
  ].join('\n');
  assert.equal(
    describeExit({ code: 1, signal: null, stderrTail: stderr, expected: false }),
    "The trainer process exited with code 1: Error: Cannot find module '/ext/dist/trainer.js'",
  );
  assert.equal(describeExit({ code: null, signal: 'SIGKILL', stderrTail: '', expected: false }), 'The trainer process was killed by SIGKILL');
  // Dawn's notice on a machine without a GPU is not why a killed process died.
  const dawn = 'warning: XDG_RUNTIME_DIR is invalid or not set in the environment.\n';
  assert.equal(describeExit({ code: null, signal: 'SIGKILL', stderrTail: dawn, expected: false }), 'The trainer process was killed by SIGKILL');
  assert.equal(
    describeExit({ code: null, signal: 'SIGABRT', stderrTail: `${dawn}FATAL ERROR: Reached heap limit Allocation failed - JavaScript heap out of memory\n`, expected: false }),
    'The trainer process was killed by SIGABRT: FATAL ERROR: Reached heap limit Allocation failed - JavaScript heap out of memory',
  );
});
