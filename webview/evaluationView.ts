/** Confusion matrix (rows: true class, columns: predicted) and per-class accuracy. */
import * as l10n from '@vscode/l10n';
import { percent, thousands } from '../src/shared/format';
import type { GalleryView } from '../src/shared/inspectView';
import type { EvaluationView } from '../src/shared/panelState';
import { h, replaceChildren } from './dom';
import { renderGallery } from './galleryView';
import { locale } from './l10nSetup';
import { post } from './vscodeApi';

/** A cell is a button: click or Enter shows its images below the matrix. */
function openCell(cell: HTMLElement, row: number, col: number): void {
  cell.tabIndex = 0;
  cell.setAttribute('role', 'button');
  cell.addEventListener('click', () => post({ type: 'confusionCell', row, col }));
  cell.addEventListener('keydown', (ev) => {
    if (ev.key === 'Enter' || ev.key === ' ') {
      ev.preventDefault();
      post({ type: 'confusionCell', row, col });
    }
  });
}

export function renderEvaluation(el: HTMLElement, ev: EvaluationView | null, gallery: GalleryView | null = null): void {
  if (!ev) {
    replaceChildren(el, h('p', { class: 'muted' }, l10n.t('After each epoch the test split’s confusion matrix appears here; Classify Folder on a folder of class folders shows one too.')));
    return;
  }
  const n = ev.confusion.length;
  const names = ev.classes.length === n ? ev.classes : ev.confusion.map((_, i) => String(i));
  const head = h(
    'tr',
    {},
    h('th', { class: 'corner', title: l10n.t('rows: true class, columns: predicted class') }, l10n.t('true \\ pred')),
    // Narrow: columns headed by the class index (the row headers and the tooltips carry the names), so 7 to 10
    // columns fit a 300 px side bar; from 520 px on, by name.
    ...names.map((c, j) => h('th', { class: 'num', title: l10n.t('predicted {0}: {1}', j, c) }, h('span', { class: 'class-index' }, j), h('span', { class: 'class-name' }, c))),
    h('th', { class: 'num' }, l10n.t('acc')),
  );
  const rows = ev.confusion.map((row, i) => {
    const total = row.reduce((a, b) => a + b, 0) || 1;
    return h(
      'tr',
      {},
      // The index beside the name, unless the name is the index (digit classes "0".."9").
      h('th', { title: l10n.t('true {0}: {1}', i, names[i]) }, names[i] !== String(i) && h('span', { class: 'class-index muted' }, `${i} `), h('span', { class: 'class-name' }, names[i])),
      ...row.map((count, j) => {
        const kind = count === 0 ? 'zero' : i === j ? 'diag' : 'off';
        const cell = h('td', { class: `num cell ${kind}`, title: l10n.t('true {0}, predicted {1}: {2} (click to see them)', names[i], names[j], count), attrs: { 'data-count': String(count), 'data-row': String(i), 'data-col': String(j) } }, count);
        if (count > 0) openCell(cell, i, j);
        if (gallery && gallery.trueClass === names[i] && gallery.predicted === names[j]) cell.classList.add('open');
        // Shade by the share of the row: the eye finds the confusions without reading numbers.
        cell.style.setProperty('--share', `${Math.round((count / total) * 100)}%`);
        return cell;
      }),
      h('td', { class: 'num' }, percent(ev.perClassAcc[i] ?? 0, 1, locale)),
    );
  });
  replaceChildren(
    el,
    h(
      'p',
      { class: 'meta' },
      `${ev.source}: `,
      h('strong', { attrs: { 'data-testid': 'eval-accuracy' } }, percent(ev.accuracy, 2, locale)),
      ` ${l10n.t('accuracy on {0} images', thousands(ev.count, locale))}`,
    ),
    // Scrolls both ways in its own box; the class names stay in view (sticky header row and first column).
    h('div', { class: 'table-scroll confusion-scroll' }, h('table', { class: 'confusion', attrs: { 'data-testid': 'confusion' } }, h('thead', {}, head), h('tbody', {}, ...rows))),
    gallery ? renderGallery(gallery) : h('p', { class: 'note' }, l10n.t('Click a cell to see its images.')),
  );
}
