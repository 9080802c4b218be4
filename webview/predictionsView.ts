/** The last classified images: thumbnail, file, and top-k bars. */
import { answeredBy } from '../src/shared/checkpointText';
import { percent } from '../src/shared/format';
import type { PanelState, PredictionView } from '../src/shared/panelState';
import { openFile } from './datasetView';
import { basename, h, pathLine, replaceChildren, shortPath } from './dom';
import { post } from './vscodeApi';

function card(p: PredictionView): HTMLElement {
  const thumb = p.thumbnail
    ? h('img', { class: 'thumb', attrs: { src: p.thumbnail, alt: basename(p.file) } })
    : h('div', { class: 'thumb placeholder', title: 'no preview for this file type' }, '?');
  if (thumb instanceof HTMLImageElement) {
    thumb.addEventListener('error', () => thumb.replaceWith(h('div', { class: 'thumb placeholder' }, '?')), { once: true });
  }
  const top1 = p.top[0];
  const verdict = p.trueClass !== undefined && top1 ? (top1.class === p.trueClass ? 'right' : 'wrong') : '';
  const bars = p.top.map((t, i) => {
    const fill = h('span', { class: 'bar' });
    fill.style.width = `${(t.probability * 100).toFixed(1)}%`;
    return h(
      'div',
      { class: `topk-row ${i === 0 ? 'first' : ''}` },
      h('span', { class: 'topk-label', title: `class index ${t.index}` }, t.class),
      h('span', { class: 'bar-track' }, fill),
      h('span', { class: 'num' }, percent(t.probability)),
    );
  });
  return h(
    'div',
    { class: `prediction ${verdict}`, attrs: { 'data-testid': 'prediction' } },
    thumb,
    h(
      'div',
      { class: 'prediction-body' },
      h('a', { class: 'file-link', title: p.file, attrs: { href: '#', role: 'button' }, onClick: (ev) => openFile(ev, p.file) }, shortPath(p.file)),
      p.trueClass !== undefined && h('span', { class: `muted verdict`, title: p.trueClass }, `true: ${p.trueClass}${verdict === 'wrong' ? ' \u2717' : ' \u2713'}`),
      // Which model answered: a prediction from another run's checkpoint must not pass for this one's.
      h('span', { class: 'muted answered-by', title: `${p.checkpoint}${p.dataset ? `\ntrained on ${p.dataset}` : ''}`, attrs: { 'data-testid': 'answered-by' } }, answeredBy(p.checkpoint, p.dataset)),
      p.error ? h('p', { class: 'warning' }, p.error) : h('div', { class: 'topk' }, ...bars),
    ),
  );
}

export function renderPredictions(el: HTMLElement, state: PanelState): void {
  const checkpoint = state.checkpoint ? pathLine(state.checkpoint, 'checkpoint: ') : null;
  if (state.predictions.length === 0) {
    replaceChildren(
      el,
      checkpoint ?? h('p', { class: 'muted' }, 'No checkpoint yet: train a model first.'),
      h('p', { class: 'muted' }, 'Right-click images in the Explorer and choose AlexNet: Classify Image; the top classes show here.'),
    );
    return;
  }
  const clear = h('vscode-button', { attrs: { secondary: '' }, onClick: () => post({ type: 'clearPredictions' }) }, 'Clear');
  replaceChildren(el, checkpoint, h('div', { class: 'predictions' }, ...state.predictions.map(card)), h('div', { class: 'actions' }, clear));
}
