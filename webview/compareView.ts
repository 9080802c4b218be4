/** Runs side by side: test (solid) and train (dashed) curves in one colour per run, and what differs in their configuration. */
import * as l10n from '@vscode/l10n';
import { Chart } from 'chart.js';
import type { CompareView } from '../src/shared/compareRuns';
import { COMPARED_SETTINGS } from '../src/shared/compareRuns';
import { percent } from '../src/shared/format';
import { h, replaceChildren, themeColor } from './dom';
import { locale } from './l10nSetup';

const COLOURS = ['blue', 'orange', 'green', 'purple', 'red', 'yellow'];
const FALLBACK = ['#3794ff', '#d18616', '#89d185', '#b180d7', '#f14c4c', '#cca700'];
let charts: Chart<'line', { x: number; y: number }[]>[] = [];

const runColour = (i: number) => themeColor(`--vscode-charts-${COLOURS[i % COLOURS.length]}`, FALLBACK[i % FALLBACK.length]);

function chart(view: CompareView, metric: 'Loss' | 'Acc', testId: string): HTMLElement {
  const canvas = h('canvas', { attrs: { role: 'img', 'aria-label': metric === 'Loss' ? l10n.t('loss per epoch of {0} runs', view.runs.length) : l10n.t('accuracy per epoch of {0} runs', view.runs.length) } });
  const box = h('div', { class: 'chart-box', attrs: { 'data-testid': testId, 'data-series': String(view.runs.length * 2) } }, canvas);
  const text = themeColor('--vscode-charts-foreground', themeColor('--vscode-foreground', '#cccccc'));
  const grid = themeColor('--vscode-charts-lines', 'rgba(128,128,128,0.3)');
  const datasets = view.runs.flatMap((r, i) => [
    { label: l10n.t('{0} test', r.name), data: r.epochs.map((e) => ({ x: e.epoch, y: metric === 'Loss' ? e.testLoss : e.testAcc })), borderColor: runColour(i), backgroundColor: runColour(i), borderWidth: 2, pointRadius: 2, borderDash: [] as number[] },
    { label: l10n.t('{0} train', r.name), data: r.epochs.map((e) => ({ x: e.epoch, y: metric === 'Loss' ? e.trainLoss : e.trainAcc })), borderColor: runColour(i), backgroundColor: runColour(i), borderWidth: 1, pointRadius: 0, borderDash: [4, 3] },
  ]);
  charts.push(
    new Chart(canvas, {
      type: 'line',
      data: { datasets },
      options: {
        animation: false,
        responsive: true,
        maintainAspectRatio: false,
        parsing: false,
        // One legend entry per run, its test curve (the even datasets): by index, since the labels are translated.
        plugins: { legend: { display: true, labels: { boxWidth: 10, boxHeight: 2, color: text, filter: (item) => (item.datasetIndex ?? 0) % 2 === 0 } } },
        scales: {
          x: { type: 'linear', title: { display: true, text: l10n.t('epoch'), color: text }, ticks: { precision: 0, color: text }, grid: { color: grid } },
          y: {
            type: 'linear',
            title: { display: true, text: metric === 'Loss' ? l10n.t('loss') : l10n.t('accuracy'), color: text },
            grid: { color: grid },
            ...(metric === 'Acc' ? { min: 0, max: 1, ticks: { color: text, callback: (v: string | number) => `${Math.round(Number(v) * 100)}%` } } : { ticks: { color: text } }),
          },
        },
      },
    }),
  );
  return box;
}

function diffTable(view: CompareView): HTMLElement {
  const rows = COMPARED_SETTINGS.filter((s) => view.differing.includes(s.key));
  const head = h('tr', {}, h('th', {}, l10n.t('run')), ...rows.map((s) => h('th', {}, s.label())), h('th', { class: 'num' }, l10n.t('best')), h('th', { class: 'num' }, l10n.t('last')));
  const body = view.runs.map((r, i) => {
    const swatch = h('span', { class: 'swatch' });
    swatch.style.background = runColour(i);
    return h(
      'tr',
      {},
      h('th', { title: r.dir }, swatch, ` ${r.name}`),
      ...rows.map((s) => h('td', {}, r.config[s.key])),
      h('td', { class: 'num' }, r.bestAcc === null ? '\u2013' : percent(r.bestAcc, 1, locale)),
      h('td', { class: 'num' }, r.lastAcc === null ? '\u2013' : percent(r.lastAcc, 1, locale)),
    );
  });
  return h('div', { class: 'table-scroll' }, h('table', { class: 'compare', attrs: { 'data-testid': 'compare-table' } }, h('thead', {}, head), h('tbody', {}, ...body)));
}

export function renderCompare(el: HTMLElement, view: CompareView | null): void {
  for (const c of charts) c.destroy();
  charts = [];
  if (!view) {
    replaceChildren(el, h('p', { class: 'muted' }, l10n.t('Select two or more runs in the Runs view (Ctrl or Cmd + click), then right-click and choose Compare Runs: their curves overlaid and what differs in their settings show here.')));
    return;
  }
  const same = view.differing.length === 0 ? h('p', { class: 'muted' }, l10n.t('The runs have the same settings (only chance differs: dropout masks are not seeded).')) : null;
  replaceChildren(
    el,
    h('p', { class: 'meta' }, l10n.t('{0} runs: test solid, train dashed.', view.runs.length)),
    h('h4', {}, l10n.t('Loss')),
    chart(view, 'Loss', 'compare-loss'),
    h('h4', {}, l10n.t('Accuracy')),
    chart(view, 'Acc', 'compare-acc'),
    h('h4', {}, l10n.t('What differs')),
    same,
    diffTable(view),
  );
}
