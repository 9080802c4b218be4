/** Confusion matrix (rows: true class, columns: predicted) and per-class accuracy. */
import { percent } from '../src/shared/format';
import type { GalleryView } from '../src/shared/inspectView';
import type { EvaluationView } from '../src/shared/panelState';
import { h, replaceChildren } from './dom';
import { renderGallery } from './galleryView';
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
    replaceChildren(el, h('p', { class: 'muted' }, 'After each epoch the test split\u2019s confusion matrix appears here; Classify Folder on a folder of class folders shows one too.'));
    return;
  }
  const n = ev.confusion.length;
  const names = ev.classes.length === n ? ev.classes : ev.confusion.map((_, i) => String(i));
  const head = h(
    'tr',
    {},
    h('th', { class: 'corner', title: 'rows: true class, columns: predicted class' }, 'true \\ pred'),
    ...names.map((c) => h('th', { class: 'num', title: c }, c)),
    h('th', { class: 'num' }, 'acc'),
  );
  const rows = ev.confusion.map((row, i) => {
    const total = row.reduce((a, b) => a + b, 0) || 1;
    return h(
      'tr',
      {},
      h('th', { title: names[i] }, names[i]),
      ...row.map((count, j) => {
        const kind = count === 0 ? 'zero' : i === j ? 'diag' : 'off';
        const cell = h('td', { class: `num cell ${kind}`, title: `true ${names[i]}, predicted ${names[j]}: ${count} (click to see them)`, attrs: { 'data-count': String(count), 'data-row': String(i), 'data-col': String(j) } }, count);
        if (count > 0) openCell(cell, i, j);
        if (gallery && gallery.trueClass === names[i] && gallery.predicted === names[j]) cell.classList.add('open');
        // Shade by the share of the row: the eye finds the confusions without reading numbers.
        cell.style.setProperty('--share', `${Math.round((count / total) * 100)}%`);
        return cell;
      }),
      h('td', { class: 'num' }, percent(ev.perClassAcc[i] ?? 0)),
    );
  });
  replaceChildren(
    el,
    h('p', { class: 'meta' }, `${ev.source}: `, h('strong', { attrs: { 'data-testid': 'eval-accuracy' } }, percent(ev.accuracy, 2)), ` accuracy on ${ev.count} images`),
    h('div', { class: 'table-scroll' }, h('table', { class: 'confusion', attrs: { 'data-testid': 'confusion' } }, h('thead', {}, head), h('tbody', {}, ...rows))),
    gallery ? renderGallery(gallery) : h('p', { class: 'note' }, 'Click a cell to see its images.'),
  );
}
