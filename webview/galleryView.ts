/** The images of one confusion-matrix cell, most confident first: a click opens one, a right-click reveals it. */
import * as l10n from '@vscode/l10n';
import { percent } from '../src/shared/format';
import type { GalleryItem, GalleryView } from '../src/shared/inspectView';
import { basename, h } from './dom';
import { locale } from './l10nSetup';
import { post } from './vscodeApi';

function item(g: GalleryItem): HTMLElement {
  const open = () => post({ type: 'openFile', path: g.file });
  const reveal = () => post({ type: 'revealFile', path: g.file });
  const thumb = g.thumbnail ? h('img', { class: 'thumb', attrs: { src: g.thumbnail, alt: basename(g.file) } }) : h('div', { class: 'thumb placeholder' }, '?');
  const el = h(
    'div',
    {
      class: `gallery-item ${g.trueClass === g.predicted ? 'right' : 'wrong'}`,
      title: [
        g.file,
        l10n.t('true {0}, predicted {1} ({2})', g.trueClass, g.predicted, percent(g.probability, 1, locale)),
        l10n.t('click: open · right-click or Shift+F10: reveal in Explorer'),
      ].join('\n'),
      attrs: { tabindex: '0', role: 'button', 'data-testid': 'gallery-item', 'data-file': g.file },
      onClick: open,
    },
    thumb,
    h('span', { class: 'caption' }, h('span', { class: 'gallery-name' }, basename(g.file)), h('span', { class: 'muted' }, `${g.predicted} ${percent(g.probability, 1, locale)}`)),
  );
  el.addEventListener('contextmenu', (ev) => {
    ev.preventDefault();
    reveal();
  });
  el.addEventListener('keydown', (ev) => {
    if (ev.key === 'Enter' || ev.key === ' ') {
      ev.preventDefault();
      open();
    } else if (ev.key === 'ContextMenu' || (ev.key === 'F10' && ev.shiftKey)) {
      ev.preventDefault();
      reveal();
    }
  });
  return el;
}

export function renderGallery(g: GalleryView): HTMLElement {
  const right = g.trueClass === g.predicted;
  const verdict = right ? l10n.t('Right: true {0}, predicted {1}', g.trueClass, g.predicted) : l10n.t('Wrong: true {0}, predicted {1}', g.trueClass, g.predicted);
  const count = g.total === 1 ? l10n.t('1 image') : l10n.t('{0} images', g.total);
  const shown = g.items.length < g.total ? l10n.t(', the {0} most confident shown', g.items.length) : '';
  const title = `${verdict} — ${count}${shown}`;
  return h(
    'div',
    { class: 'gallery', attrs: { 'data-testid': 'gallery' } },
    h('p', { class: 'meta' }, h('strong', {}, title), h('span', { class: 'muted' }, ` (${g.source})`)),
    g.missing ? h('p', { class: 'muted' }, g.missing) : null,
    g.items.length > 0 ? h('div', { class: 'gallery-items' }, ...g.items.map(item)) : null,
  );
}
