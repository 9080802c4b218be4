/** The last classified images: thumbnail, file, and top-k bars. */
import * as l10n from '@vscode/l10n';
import { answeredBy } from '../src/shared/checkpointText';
import { percent } from '../src/shared/format';
import { localized } from '../src/shared/messages';
import type { PanelState, PredictionView } from '../src/shared/panelState';
import { openFile } from './datasetView';
import { camCanvas, camControls, camSettings, explain } from './camOverlay';
import { basename, h, pathLine, replaceChildren, shortPath } from './dom';
import { locale } from './l10nSetup';
import { post } from './vscodeApi';

function card(p: PredictionView): HTMLElement {
  const picture = withCam(p, thumbnail(p));
  const top1 = p.top[0];
  const verdict = p.trueClass !== undefined && top1 ? (top1.class === p.trueClass ? 'right' : 'wrong') : '';
  const bars = p.top.map((t, i) => {
    const fill = h('span', { class: 'bar' });
    fill.style.width = `${(t.probability * 100).toFixed(1)}%`;
    return h(
      'div',
      { class: `topk-row ${i === 0 ? 'first' : ''}` },
      h('button', { class: `topk-label ${p.cam?.className === t.class && camSettings.on ? 'explained' : ''}`, title: l10n.t('class index {0}; show where the image speaks for it (Grad-CAM)', t.index), onClick: () => explainClass(p, t.class) }, t.class),
      h('span', { class: 'bar-track' }, fill),
      h('span', { class: 'num' }, percent(t.probability, 1, locale)),
    );
  });
  return h(
    'div',
    { class: `prediction ${verdict}`, attrs: { 'data-testid': 'prediction' } },
    picture,
    h(
      'div',
      { class: 'prediction-body' },
      h('a', { class: 'file-link', title: p.file, attrs: { href: '#', role: 'button' }, onClick: (ev) => openFile(ev, p.file) }, shortPath(p.file)),
      p.trueClass !== undefined && h('span', { class: `muted verdict`, title: p.trueClass }, ` ${l10n.t('true: {0}', p.trueClass)}${verdict === 'wrong' ? ' \u2717' : ' \u2713'}`),
      // Which model answered: a prediction from another run's checkpoint must not pass for this one's.
      h('span', { class: 'muted answered-by', title: `${p.checkpoint}${p.dataset ? `\n${l10n.t('trained on {0}', p.dataset)}` : ''}`, attrs: { 'data-testid': 'answered-by' } }, answeredBy(p.checkpoint, p.dataset)),
      p.error ? h('p', { class: 'warning' }, localized(p.error, p.errorMessage)) : h('div', { class: 'topk' }, ...bars),
      !p.error && h('a', { class: 'file-link small', title: l10n.t('What each layer makes of this image'), attrs: { href: '#', role: 'button', 'data-testid': 'card-feature-maps' }, onClick: (ev) => showMaps(ev, p.file) }, l10n.t('Feature maps')),
    ),
  );
}

function thumbnail(p: PredictionView): HTMLElement {
  const thumb = p.thumbnail
    ? h('img', { class: 'thumb', attrs: { src: p.thumbnail, alt: basename(p.file) } })
    : h('div', { class: 'thumb placeholder', title: l10n.t('no preview for this file type') }, '?');
  if (thumb instanceof HTMLImageElement) {
    thumb.addEventListener('error', () => thumb.replaceWith(h('div', { class: 'thumb placeholder' }, '?')), { once: true });
  }
  return thumb;
}

/** The thumbnail, with the Grad-CAM map over it when the overlay is on (the image then fills the square, as the network sees it). */
function withCam(p: PredictionView, thumb: HTMLElement): HTMLElement {
  if (!camSettings.on || !p.cam || !(thumb instanceof HTMLImageElement)) return thumb;
  thumb.classList.add('fill');
  return h('div', { class: 'thumb-wrap', title: l10n.t('Grad-CAM at conv5 for {0}', p.cam.className) }, thumb, camCanvas(p.cam));
}

let rerender: (() => void) | undefined;

function showMaps(ev: Event, file: string): void {
  ev.preventDefault();
  post({ type: 'featureMaps', path: file });
}

function explainClass(p: PredictionView, className: string): void {
  if (!camSettings.on) {
    camSettings.on = true;
    rerender?.();
  }
  explain(p, className);
}

export function renderPredictions(el: HTMLElement, state: PanelState): void {
  rerender = () => renderPredictions(el, state);
  const checkpoint = state.checkpoint ? pathLine(state.checkpoint, l10n.t('checkpoint: ')) : null;
  if (state.predictions.length === 0) {
    replaceChildren(
      el,
      checkpoint ?? h('p', { class: 'muted' }, l10n.t('No checkpoint yet: train a model first.')),
      h('p', { class: 'muted' }, l10n.t('Right-click images in the Explorer and choose AlexNet: Classify Image; the top classes show here.')),
    );
    return;
  }
  const clear = h('vscode-button', { attrs: { secondary: '' }, onClick: () => post({ type: 'clearPredictions' }) }, l10n.t('Clear'));
  replaceChildren(el, checkpoint, camControls(state.predictions, () => renderPredictions(el, state)), h('div', { class: 'predictions' }, ...state.predictions.map(card)), h('div', { class: 'actions' }, clear));
}
