import * as l10n from '@vscode/l10n';
import type { DatasetSummary } from '../src/shared/dataset';
import { thousands } from '../src/shared/format';
import { localized } from '../src/shared/messages';
import { h, pathLine, replaceChildren, shortPath } from './dom';
import { locale } from './l10nSetup';
import { post } from './vscodeApi';

const MAX_SKIPPED_SHOWN = 50;

export function renderDataset(el: HTMLElement, d: DatasetSummary | null): void {
  if (!d) {
    replaceChildren(
      el,
      h('p', { class: 'muted' }, l10n.t('No dataset checked yet. A dataset is a folder with train/ and test/ folders, each holding one folder per class.')),
    );
    return;
  }
  const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);
  const train = sum(d.counts.train);
  const test = sum(d.counts.test);
  const max = Math.max(1, ...d.counts.train);
  const rows = d.classes.map((c, i) => {
    const bar = h('span', { class: 'bar' });
    bar.style.width = `${((d.counts.train[i] / max) * 100).toFixed(1)}%`;
    return h(
      'tr',
      {},
      h('td', { class: 'num muted' }, i),
      h('td', { title: c }, h('span', { class: 'class-name' }, c)),
      h('td', { class: 'num' }, thousands(d.counts.train[i] ?? 0, locale)),
      h('td', { class: 'num' }, thousands(d.counts.test[i] ?? 0, locale)),
      h('td', { class: 'bar-col' }, h('span', { class: 'bar-track' }, bar)),
    );
  });
  const skipped = d.skipped.slice(0, MAX_SKIPPED_SHOWN).map((s) =>
    h(
      'li',
      {},
      h('a', { class: 'file-link', title: s.file, attrs: { href: '#', role: 'button' }, onClick: (ev) => openFile(ev, s.file) }, shortPath(s.file)),
      h('span', { class: 'muted' }, ` \u2014 ${localized(s.reason, s.message)}`),
    ),
  );
  replaceChildren(
    el,
    pathLine(d.root),
    h(
      'p',
      { class: 'meta' },
      l10n.t('{0} classes · {1} train · {2} test', d.classes.length, thousands(train, locale), thousands(test, locale)),
      d.layout === 'folders' ? ` ${l10n.t('(held out from the class folders)')}` : '',
    ),
    // Counts from the folder listing until Check Dataset has decoded every file.
    !d.decoded && h('p', { class: 'note', attrs: { 'data-testid': 'not-decoded' } }, l10n.t('Counted from the folder listing; Check Dataset decodes every file and finds unreadable ones.')),
    h(
      'div',
      { class: 'table-scroll' },
      h(
        'table',
        { class: 'classes' },
        h('thead', {}, h('tr', {}, h('th', { class: 'num' }, '#'), h('th', {}, l10n.t('Class')), h('th', { class: 'num' }, l10n.t({ message: 'Train', comment: ['column header: images in the training split'] })), h('th', { class: 'num' }, l10n.t('Test')), h('th', {}, ''))),
        h('tbody', {}, ...rows),
      ),
    ),
    ...d.warnings.map((w, i) => h('p', { class: 'warning' }, localized(w, d.warningMessages?.[i]))),
    d.skipped.length > 0 &&
      h('p', { class: 'warning' }, d.skipped.length === 1 ? l10n.t('1 file skipped:') : l10n.t('{0} files skipped:', thousands(d.skipped.length, locale))),
    d.skipped.length > 0 && h('ul', { class: 'skipped' }, ...skipped),
    d.skipped.length > MAX_SKIPPED_SHOWN && h('p', { class: 'muted' }, l10n.t('… and {0} more (see the AlexNet output channel)', thousands(d.skipped.length - MAX_SKIPPED_SHOWN, locale))),
  );
}

export function openFile(ev: Event, file: string): void {
  ev.preventDefault();
  post({ type: 'openFile', path: file });
}
