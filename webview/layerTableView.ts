/** The tutorial's per-layer table: kernel and channels, output map, neurons, params, MACs, share, size formula. */
import * as l10n from '@vscode/l10n';
import { answeredBy } from '../src/shared/checkpointText';
import type { LayerRow, LayerTable } from '../src/shared/layerTable';
import { percent, thousands } from '../src/shared/format';
import { h, replaceChildren } from './dom';
import { locale } from './l10nSetup';
import { loadViewState, post, saveViewState } from './vscodeApi';

const x = '\u00d7';

function kernelText(r: LayerRow): string {
  if (r.type === 'conv') return `${r.kernel[0]}${x}${r.kernel[1]}, ${r.kernel[2]}\u2192${r.kernel[3]}`;
  if (r.type === 'pool') return `${r.kernel[0]}${x}${r.kernel[1]} ${l10n.t('max')}`;
  return `${thousands(r.kernel[0], locale)}\u2192${thousands(r.kernel[1], locale)}`;
}

function outputText(r: LayerRow): string {
  return r.output.join(x);
}

export function renderLayerTable(el: HTMLElement, table: LayerTable | null): void {
  if (!table) {
    replaceChildren(el, h('p', { class: 'muted' }, l10n.t('Asking the trainer for the layer table…')));
    return;
  }
  // The tutorial's columns first (kernel and channels, output map, neurons, parameters), then the extras.
  // `compact`: the columns a narrow side bar keeps (Layer / Output / Params); the rest show from 520 px on, and
  // on hover of a row (its tooltip lists every column). `id` names the column for tests and styles whatever the language.
  const n = (v: number) => thousands(v, locale);
  const columns: { id: string; title: string; num?: boolean; compact?: boolean; cell: (r: LayerRow) => Node | string; text: (r: LayerRow) => string; total?: string }[] = [
    { id: 'kernel', title: l10n.t('Kernel, channels'), cell: kernelText, text: kernelText },
    { id: 'output', title: l10n.t('Output'), compact: true, cell: outputText, text: outputText },
    { id: 'neurons', title: l10n.t('Neurons'), num: true, cell: (r) => n(r.neurons), text: (r) => n(r.neurons), total: n(table.totalNeurons) },
    { id: 'params', title: l10n.t('Params'), num: true, compact: true, cell: (r) => n(r.params), text: (r) => n(r.params), total: n(table.totalParams) },
    { id: 'share', title: l10n.t('Share'), num: true, cell: (r) => shareBar(r.paramShare), text: (r) => percent(r.paramShare, 1, locale), total: percent(1, 0, locale) },
    { id: 'macs', title: l10n.t('MACs'), num: true, cell: (r) => n(r.macs), text: (r) => n(r.macs), total: n(table.totalMacs) },
    { id: 'stride', title: l10n.t('Stride / pad'), cell: (r) => strideText(r), text: strideText },
    { id: 'size', title: l10n.t('Size formula'), cell: (r) => r.formula ?? '', text: (r) => r.formula ?? '' },
  ];
  const colClass = (c: { num?: boolean; compact?: boolean; id: string }) => [c.num ? 'num' : '', c.compact ? '' : 'wide', c.id === 'size' ? 'formula' : ''].join(' ').trim();
  const tooltip = (r: LayerRow) => [`${r.name} (${layerType(r.type)})`, ...columns.filter((c) => c.text(r)).map((c) => `${c.title}: ${c.text(r)}`)].join('\n');
  const attrs = (id: string) => ({ 'data-col': id });
  const head = h(
    'tr',
    {},
    h('th', { class: 'sticky' }, l10n.t('Layer')),
    ...columns.map((c) => h('th', { class: colClass({ ...c, id: '' }), attrs: attrs(c.id) }, c.title)),
  );
  const rows = table.layers.map((r) =>
    h(
      'tr',
      { class: `layer-${r.type}`, title: tooltip(r) },
      h(
        'th',
        { class: 'sticky', attrs: { scope: 'row' } },
        // A row opens that layer's activations for the image in the Feature maps section.
        h('button', { class: 'layer-open', title: l10n.t("Show {0}'s activations for an image", r.name), onClick: () => post({ type: 'featureMaps', layer: r.name }) }, h('span', { class: 'layer-name' }, r.name)),
        ' ',
        h('span', { class: 'muted layer-type' }, r.type === 'dense' && r.activation === 'linear' && r.name !== 'fc8' ? l10n.t('dense, no ReLU') : layerType(r.type)),
      ),
      ...columns.map((c) => h('td', { class: colClass(c), attrs: attrs(c.id) }, c.cell(r))),
    ),
  );
  const total = h(
    'tr',
    { class: 'total' },
    h('th', { class: 'sticky', attrs: { scope: 'row' } }, l10n.t('Total')),
    ...columns.map((c) => h('td', { class: colClass(c), attrs: c.id === 'params' ? { 'data-testid': 'total-params' } : {} }, c.total ?? '')),
  );
  replaceChildren(
    el,
    // Whose network: the checkpoint in use (its rows open its feature maps), or what Train would build now.
    h(
      'p',
      { class: 'muted layers-source', attrs: { 'data-testid': 'layers-source' }, title: table.checkpoint ?? '' },
      table.checkpoint ? l10n.t('The network of checkpoint {0}', answeredBy(table.checkpoint)) : l10n.t('The network Train builds with the current settings'),
    ),
    h(
      'p',
      { class: 'meta' },
      `${l10n.t('Input {0}', `${table.inputSize}${x}${table.inputSize}${x}3`)} \u00b7 ${l10n.t('{0} classes', n(table.classes))}${table.lrn ? ' \u00b7 LRN' : ''}${table.variant === 'tutorial' ? ` \u00b7 ${l10n.t("the tutorial's forward(): no ReLU after fc6, fc7")}` : ''} \u00b7 `,
      h('strong', { attrs: { 'data-testid': 'layers-total' } }, l10n.t('{0} parameters', n(table.totalParams))),
    ),
    h('div', { class: 'table-scroll' }, h('table', { class: 'layers' }, h('thead', {}, head), h('tbody', {}, ...rows, total))),
    columnsToggle(el),
    h(
      'p',
      { class: 'note', attrs: { 'data-testid': 'dense-share' } },
      l10n.t(
        'The three dense layers hold {0} of the parameters ({1}), while the convolutions do {2} of the multiply-adds.',
        percent(table.denseShare, 1, locale),
        n(table.denseParams),
        percent(convMacShare(table), 1, locale),
      ),
      ' ',
      l10n.t('Output size = floor((W − K + 2P) / S) + 1.'),
    ),
  );
}

/**
 * In a narrow side bar the table keeps Layer / Output / Params; this button shows the other columns (the table then
 * scrolls sideways, the layer names staying in view), for keyboards and touch, which have no tooltips. Hidden from
 * 520 px on, where every column shows anyway; the choice is kept across reloads.
 */
function columnsToggle(el: HTMLElement): HTMLElement {
  const button = h('button', { class: 'columns-toggle', attrs: { 'data-testid': 'layer-columns' } });
  const show = (all: boolean) => {
    el.classList.toggle('all-columns', all);
    button.setAttribute('aria-pressed', String(all));
    button.textContent = all ? l10n.t('Fewer columns') : l10n.t('All columns');
  };
  show(loadViewState().allLayerColumns);
  button.addEventListener('click', () => {
    const all = !el.classList.contains('all-columns');
    show(all);
    saveViewState({ allLayerColumns: all });
  });
  return button;
}

/** The row's kind in the tutorial's words (conv, pool, dense). */
function layerType(type: LayerRow['type']): string {
  const names: Record<string, string> = { conv: l10n.t('conv'), pool: l10n.t('pool'), dense: l10n.t('dense') };
  return names[type] ?? type;
}

function strideText(r: LayerRow): string {
  return r.stride === null ? '' : `${r.stride} / ${r.padding}`;
}

function convMacShare(table: LayerTable): number {
  const conv = table.layers.filter((r) => r.type === 'conv').reduce((a, r) => a + r.macs, 0);
  return table.totalMacs ? conv / table.totalMacs : 0;
}

function shareBar(share: number): HTMLElement {
  const bar = h('span', { class: 'bar' });
  bar.style.width = `${Math.max(0, Math.min(100, share * 100)).toFixed(1)}%`;
  return h('span', { class: 'share-cell' }, percent(share, 1, locale), h('span', { class: 'bar-track' }, bar));
}
