/** Training state, progress, ETA, images/s, lr and the live charts. */
import * as l10n from '@vscode/l10n';
import { duration, fixed, percent } from '../src/shared/format';
import type { PanelState, TrainingPhase } from '../src/shared/panelState';
import { TrainingCharts } from './charts';
import { h, pathLine, replaceChildren } from './dom';
import { locale } from './l10nSetup';

export function phaseText(phase: TrainingPhase): string {
  const text: Record<TrainingPhase, string> = {
    idle: l10n.t('Not training'),
    starting: l10n.t('Starting'),
    training: l10n.t({ message: 'Training', comment: ['phase badge: a run is in progress'] }),
    stopping: l10n.t('Stopping'),
    done: l10n.t('Finished'),
    stopped: l10n.t('Stopped'),
    failed: l10n.t('Failed'),
  };
  return text[phase];
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
    const epochBar = progressTrack(l10n.t('epochs'), t.phase === 'done' ? epochMax : epochsDone, epochMax);
    const batchBar = progressTrack(l10n.t('batches'), e?.batch ?? 0, e?.batches ?? 1);
    const active = t.phase === 'training' || t.phase === 'starting' || t.phase === 'stopping';
    const stat = (label: string, value: string, testId?: string) =>
      h('div', { class: 'stat' }, h('span', { class: 'stat-label' }, label), h('span', { class: 'stat-value', attrs: testId ? { 'data-testid': testId } : {} }, value));
    replaceChildren(
      this.status,
      h(
        'p',
        { class: `phase phase-${t.phase}` },
        h('vscode-badge', { attrs: { 'data-testid': 'phase' } }, phaseText(t.phase)),
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
          h('span', { class: 'stat-label' }, l10n.t('Epoch {0} of {1}', e ? e.epoch : Math.min(t.epochs, state.epochs.length + 1), t.epochs)),
          epochBar,
          h('span', { class: 'stat-label' }, e ? l10n.t('Batch {0} of {1}', e.batch, e.batches) : l10n.t('Batch')),
          batchBar,
        ),
      e &&
        h(
          'div',
          { class: 'stats' },
          stat(l10n.t('ETA'), active ? duration(e.etaSeconds, locale) : '\u2014', 'eta'),
          stat(l10n.t('Images/s'), fixed(e.imagesPerSecond, 1, locale), 'images-per-second'),
          stat(l10n.t('lr'), String(e.lr), 'lr'),
          stat(l10n.t('Train loss'), fixed(e.loss, 4, locale)),
          stat(l10n.t('Train acc'), percent(e.acc, 1, locale)),
          // Flat across epochs unless something leaks: worth seeing during a long run.
          last && Number.isFinite(last.rssMB) && stat(l10n.t('Trainer memory'), l10n.t('{0} MB', Math.round(last.rssMB)), 'rss'),
          last && last.gpuMB !== undefined && stat(l10n.t('GPU memory'), l10n.t('{0} MB', last.gpuMB), 'gpu-memory'),
        ),
      last &&
        h(
          'p',
          { class: 'meta' },
          l10n.t('Epoch {0}: test accuracy {1}, test loss {2}', last.epoch, percent(last.testAcc, 2, locale), fixed(last.testLoss, 4, locale)),
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
  return ` \u00b7 ${l10n.t('best {0} at epoch {1}', percent(top.testAcc, 2, locale), top.epoch)}`;
}
