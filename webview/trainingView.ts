/** Training state, progress, ETA, images/s, lr and the live charts. */
import { duration, percent } from '../src/shared/format';
import type { PanelState, TrainingPhase } from '../src/shared/panelState';
import { TrainingCharts } from './charts';
import { h, pathLine, replaceChildren } from './dom';

const PHASE_TEXT: Record<TrainingPhase, string> = {
  idle: 'Not training',
  starting: 'Starting',
  training: 'Training',
  stopping: 'Stopping',
  done: 'Finished',
  stopped: 'Stopped',
  failed: 'Failed',
};

export function phaseText(phase: TrainingPhase): string {
  return PHASE_TEXT[phase];
}

export class TrainingView {
  readonly element: HTMLElement;
  private readonly status = h('div', { class: 'training-status', attrs: { 'data-testid': 'training-status' } });
  private readonly charts = new TrainingCharts();

  constructor() {
    this.element = h('div', {}, this.status, this.charts.element);
  }

  render(state: PanelState): void {
    const t = state.training;
    const e = t.latest;
    const last = state.epochs[state.epochs.length - 1];
    const epochBar = h('vscode-progress-bar', { attrs: { 'aria-label': 'epochs' } });
    const batchBar = h('vscode-progress-bar', { attrs: { 'aria-label': 'batches' } });
    const epochsDone = e ? e.epoch - 1 + e.batch / e.batches : state.epochs.length;
    epochBar.max = Math.max(1, t.epochs);
    epochBar.value = t.phase === 'done' ? epochBar.max : epochsDone;
    batchBar.max = e?.batches ?? 1;
    batchBar.value = e?.batch ?? 0;
    const active = t.phase === 'training' || t.phase === 'starting' || t.phase === 'stopping';
    const stat = (label: string, value: string, testId?: string) =>
      h('div', { class: 'stat' }, h('span', { class: 'stat-label' }, label), h('span', { class: 'stat-value', attrs: testId ? { 'data-testid': testId } : {} }, value));
    replaceChildren(
      this.status,
      h(
        'p',
        { class: `phase phase-${t.phase}` },
        h('vscode-badge', { attrs: { 'data-testid': 'phase' } }, PHASE_TEXT[t.phase]),
        ' ',
        h('span', { attrs: { 'data-testid': 'phase-message' } }, t.message),
      ),
      t.runDir && pathLine(t.runDir),
      (active || e) &&
        h(
          'div',
          { class: 'progress' },
          h('span', { class: 'stat-label' }, `Epoch ${e ? e.epoch : Math.min(t.epochs, state.epochs.length + 1)} of ${t.epochs}`),
          epochBar,
          h('span', { class: 'stat-label' }, e ? `Batch ${e.batch} of ${e.batches}` : 'Batch'),
          batchBar,
        ),
      e &&
        h(
          'div',
          { class: 'stats' },
          stat('ETA', active ? duration(e.etaSeconds) : '\u2014', 'eta'),
          stat('Images/s', e.imagesPerSecond.toFixed(1), 'images-per-second'),
          stat('lr', String(e.lr), 'lr'),
          stat('Train loss', e.loss.toFixed(4)),
          stat('Train acc', percent(e.acc)),
          // Flat across epochs unless something leaks: worth seeing during a long run.
          last && Number.isFinite(last.rssMB) && stat('Trainer memory', `${Math.round(last.rssMB)} MB`, 'rss'),
          last && last.gpuMB !== undefined && stat('GPU memory', `${last.gpuMB} MB`, 'gpu-memory'),
        ),
      last &&
        h(
          'p',
          { class: 'meta' },
          `Epoch ${last.epoch}: test accuracy ${percent(last.testAcc, 2)}, test loss ${last.testLoss.toFixed(4)}`,
          best(state),
        ),
    );
    this.charts.update(state.epochs, state.batches);
  }

  retheme(): void {
    this.charts.retheme();
  }
}

function best(state: PanelState): string {
  if (state.epochs.length === 0) return '';
  const top = state.epochs.reduce((a, b) => (b.testAcc > a.testAcc ? b : a));
  return ` \u00b7 best ${percent(top.testAcc, 2)} at epoch ${top.epoch}`;
}
