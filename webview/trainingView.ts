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
    const epochsDone = e ? e.epoch - 1 + e.batch / e.batches : state.epochs.length;
    const epochMax = Math.max(1, t.epochs);
    const epochBar = progressTrack('epochs', t.phase === 'done' ? epochMax : epochsDone, epochMax);
    const batchBar = progressTrack('batches', e?.batch ?? 0, e?.batches ?? 1);
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
      // Before the run knows its epochs (scanning, building the model) the phase message says what is happening:
      // no "Epoch 0 of 0".
      (e || (active && t.epochs > 0)) &&
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

/**
 * A progress bar with a visible track (a 6 px bar on a tinted groove): the @vscode-elements bar is a 2 px line
 * with no track, unreadable in a narrow side bar. A plain element with the ARIA progressbar role.
 */
function progressTrack(label: string, value: number, max: number): HTMLElement {
  const share = max > 0 ? Math.max(0, Math.min(1, value / max)) : 0;
  const fill = h('span', { class: 'progress-fill' });
  fill.style.width = `${(share * 100).toFixed(2)}%`;
  return h(
    'span',
    {
      class: 'progress-track',
      attrs: { role: 'progressbar', 'aria-label': label, 'aria-valuemin': '0', 'aria-valuemax': String(max), 'aria-valuenow': String(Math.round(value * 100) / 100), 'data-testid': `progress-${label}` },
    },
    fill,
  );
}

function best(state: PanelState): string {
  if (state.epochs.length === 0) return '';
  const top = state.epochs.reduce((a, b) => (b.testAcc > a.testAcc ? b : a));
  return ` \u00b7 best ${percent(top.testAcc, 2)} at epoch ${top.epoch}`;
}
