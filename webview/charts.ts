/** Live curves with chart.js: loss and accuracy per epoch (train vs test), and the per-batch loss. */
import * as l10n from '@vscode/l10n';
import { Chart, Legend, LineController, LineElement, LinearScale, PointElement, ScriptableContext, Tooltip } from 'chart.js';
import type { EpochEvent } from '../src/shared/metrics';
import type { BatchPoint } from '../src/shared/panelState';
import { percent } from '../src/shared/format';
import { h, themeColor } from './dom';
import { locale } from './l10nSetup';

// Only what line charts on linear axes need: keeps the bundle small.
Chart.register(LineController, LineElement, PointElement, LinearScale, Legend, Tooltip);

interface Point {
  x: number;
  y: number;
}

interface Palette {
  train: string;
  test: string;
  batch: string;
  running: string;
  text: string;
  grid: string;
  font: string;
}

function palette(): Palette {
  return {
    train: themeColor('--vscode-charts-blue', '#3794ff'),
    test: themeColor('--vscode-charts-orange', '#d18616'),
    batch: themeColor('--vscode-charts-purple', '#b180d7'),
    running: themeColor('--vscode-charts-blue', '#3794ff'),
    text: themeColor('--vscode-charts-foreground', themeColor('--vscode-foreground', '#cccccc')),
    grid: themeColor('--vscode-charts-lines', 'rgba(128,128,128,0.3)'),
    font: themeColor('--vscode-font-family', 'sans-serif'),
  };
}

type SeriesKey = 'train' | 'test' | 'batch' | 'running';

interface LiveChart {
  chart: Chart<'line', Point[]>;
  box: HTMLElement;
  series: SeriesKey[];
}

function makeChart(title: string, yLabel: string, series: { key: SeriesKey; label: string }[], percentAxis: boolean, testId: string): LiveChart {
  const canvas = h('canvas', { attrs: { role: 'img', 'aria-label': title } });
  const box = h('div', { class: 'chart-box', attrs: { 'data-testid': testId, 'data-points': '0' } }, canvas);
  const p = palette();
  const chart = new Chart<'line', Point[]>(canvas, {
    type: 'line',
    data: {
      datasets: series.map((s) => ({
        label: s.label,
        data: [],
        borderColor: p[s.key],
        backgroundColor: p[s.key],
        borderWidth: s.key === 'batch' ? 1 : 2,
        borderDash: s.key === 'running' ? [4, 3] : [],
        // Dense curves draw no points, except while they have one or two (just after a start or a resume: a
        // lone point would otherwise be invisible).
        pointRadius: s.key === 'batch' || s.key === 'running' ? (ctx: ScriptableContext<'line'>) => (ctx.dataset.data.length < 3 ? 2 : 0) : 2.5,
        tension: 0,
      })),
    },
    options: {
      animation: false,
      responsive: true,
      maintainAspectRatio: false,
      parsing: false,
      normalized: true,
      interaction: { mode: 'nearest', axis: 'x', intersect: false },
      plugins: {
        // Only series with data get a legend entry: the running curve's shows while an epoch is in progress.
        legend: { display: series.length > 1, labels: { boxWidth: 10, boxHeight: 10, filter: (item, data) => (data.datasets[item.datasetIndex ?? 0]?.data.length ?? 0) > 0 } },
        tooltip: {
          callbacks: percentAxis ? { label: (ctx) => `${ctx.dataset.label}: ${percent(Number(ctx.parsed.y), 1, locale)}` } : {},
        },
      },
      scales: {
        // Epoch axes start at 0 so the running curve of the first epoch has room before epoch 1's point.
        x: series[0].key === 'batch' ? { type: 'linear', title: { display: true, text: l10n.t('batch') }, ticks: { precision: 0 } } : { type: 'linear', title: { display: true, text: l10n.t('epoch') }, min: 0, suggestedMax: 1 },
        y: {
          type: 'linear',
          title: { display: true, text: yLabel },
          // Loss axes fit the data: from zero, the late epochs' changes would be a flat line.
          ...(percentAxis ? { min: 0, max: 1, ticks: { callback: (v: string | number) => `${Math.round(Number(v) * 100)}%` } } : { beginAtZero: false }),
        },
      },
    },
  });
  const live = { chart, box, series: series.map((s) => s.key) };
  applyPalette(live, p);
  return live;
}

function applyPalette(live: LiveChart, p: Palette): void {
  const { chart } = live;
  chart.data.datasets.forEach((ds, i) => {
    ds.borderColor = p[live.series[i]];
    ds.backgroundColor = p[live.series[i]];
  });
  const o = chart.options;
  if (o.plugins?.legend?.labels) o.plugins.legend.labels.color = p.text;
  for (const axis of [o.scales?.x, o.scales?.y]) {
    if (!axis) continue;
    if (axis.ticks) axis.ticks.color = p.text;
    if (axis.grid) axis.grid.color = p.grid;
    const title = (axis as { title?: { color?: string } }).title;
    if (title) title.color = p.text;
  }
  Chart.defaults.font.family = p.font;
  Chart.defaults.color = p.text;
}

export class TrainingCharts {
  readonly element: HTMLElement;
  private readonly loss: LiveChart;
  private readonly acc: LiveChart;
  private readonly batch: LiveChart;
  private epochs: EpochEvent[] | undefined;
  private batches: BatchPoint[] | undefined;

  constructor() {
    const epochSeries: { key: SeriesKey; label: string }[] = [
      { key: 'train', label: l10n.t('train') },
      { key: 'test', label: l10n.t('test') },
      { key: 'running', label: l10n.t('train, this epoch') },
    ];
    this.loss = makeChart(l10n.t('Loss per epoch'), l10n.t('loss'), epochSeries, false, 'chart-loss');
    this.acc = makeChart(l10n.t('Accuracy per epoch'), l10n.t('accuracy'), epochSeries, true, 'chart-acc');
    this.batch = makeChart(l10n.t('Loss per batch'), l10n.t('loss'), [{ key: 'batch', label: l10n.t('batch loss') }], false, 'chart-batch');
    // The live chart first: it moves from the first batch on, where a narrow side bar shows it without scrolling.
    this.element = h(
      'div',
      { class: 'charts' },
      h('h4', {}, l10n.t('Loss per batch')),
      this.batch.box,
      h('h4', {}, l10n.t('Loss per epoch')),
      this.loss.box,
      h('h4', {}, l10n.t('Accuracy per epoch')),
      this.acc.box,
    );
  }

  /** Updates only what changed: the reducer hands out new arrays exactly when data changed. */
  update(epochs: EpochEvent[], batches: BatchPoint[]): void {
    if (epochs === this.epochs && batches === this.batches) return;
    if (batches !== this.batches) setData(this.batch, [batches.map((b) => ({ x: b.step, y: b.loss }))]);
    this.epochs = epochs;
    this.batches = batches;
    // The epoch in progress as a running curve: its train loss and accuracy so far, at fractional epochs.
    const finished = epochs.length > 0 ? epochs[epochs.length - 1].epoch : 0;
    const running = batches.filter((b) => b.epoch > finished && b.at !== undefined);
    setData(this.loss, [
      epochs.map((e) => ({ x: e.epoch, y: e.trainLoss })),
      epochs.map((e) => ({ x: e.epoch, y: e.testLoss })),
      running.map((b) => ({ x: b.at as number, y: b.runLoss as number })),
    ]);
    setData(this.acc, [
      epochs.map((e) => ({ x: e.epoch, y: e.trainAcc })),
      epochs.map((e) => ({ x: e.epoch, y: e.testAcc })),
      running.map((b) => ({ x: b.at as number, y: b.runAcc as number })),
    ]);
  }

  /** VS Code switched theme: recolour from the new CSS variables. */
  retheme(): void {
    const p = palette();
    for (const live of [this.loss, this.acc, this.batch]) {
      applyPalette(live, p);
      live.chart.update('none');
    }
  }
}

function setData(live: LiveChart, series: Point[][]): void {
  series.forEach((data, i) => {
    live.chart.data.datasets[i].data = data;
  });
  live.box.dataset.points = String(series.reduce((a, s) => a + s.length, 0));
  live.chart.update('none');
}
