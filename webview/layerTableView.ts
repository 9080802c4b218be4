/** The tutorial's per-layer table: kernel and channels, output map, neurons, params, MACs, share, size formula. */
import type { LayerRow, LayerTable } from '../src/shared/layerTable';
import { percent, thousands } from '../src/shared/format';
import { h, replaceChildren } from './dom';
import { post } from './vscodeApi';

const x = '\u00d7';

function kernelText(r: LayerRow): string {
  if (r.type === 'conv') return `${r.kernel[0]}${x}${r.kernel[1]}, ${r.kernel[2]}\u2192${r.kernel[3]}`;
  if (r.type === 'pool') return `${r.kernel[0]}${x}${r.kernel[1]} max`;
  return `${thousands(r.kernel[0])}\u2192${thousands(r.kernel[1])}`;
}

function outputText(r: LayerRow): string {
  return r.output.join(x);
}

export function renderLayerTable(el: HTMLElement, table: LayerTable | null): void {
  if (!table) {
    replaceChildren(el, h('p', { class: 'muted' }, 'Asking the trainer for the layer table\u2026'));
    return;
  }
  // The tutorial's columns first (kernel and channels, output map, neurons, parameters), then the extras.
  // `compact`: the columns a narrow side bar keeps (Layer / Output / Params); the rest show from 520 px on, and
  // on hover of a row (its tooltip lists every column).
  const columns: { title: string; num?: boolean; compact?: boolean; cell: (r: LayerRow) => Node | string; text: (r: LayerRow) => string; total?: string }[] = [
    { title: 'Kernel, channels', cell: kernelText, text: kernelText },
    { title: 'Output', compact: true, cell: outputText, text: outputText },
    { title: 'Neurons', num: true, cell: (r) => thousands(r.neurons), text: (r) => thousands(r.neurons), total: thousands(table.totalNeurons) },
    { title: 'Params', num: true, compact: true, cell: (r) => thousands(r.params), text: (r) => thousands(r.params), total: thousands(table.totalParams) },
    { title: 'Share', num: true, cell: (r) => shareBar(r.paramShare), text: (r) => percent(r.paramShare), total: '100%' },
    { title: 'MACs', num: true, cell: (r) => thousands(r.macs), text: (r) => thousands(r.macs), total: thousands(table.totalMacs) },
    { title: 'Stride / pad', cell: (r) => strideText(r), text: strideText },
    { title: 'Size formula', cell: (r) => r.formula ?? '', text: (r) => r.formula ?? '' },
  ];
  const colClass = (c: { num?: boolean; compact?: boolean; title: string }) => [c.num ? 'num' : '', c.compact ? '' : 'wide', c.title === 'Size formula' ? 'formula' : ''].join(' ').trim();
  const tooltip = (r: LayerRow) => [`${r.name} (${r.type})`, ...columns.filter((c) => c.text(r)).map((c) => `${c.title}: ${c.text(r)}`)].join('\n');
  const attrs = (title: string) => ({ 'data-col': title.split(/[ ,]/)[0].toLowerCase() });
  const head = h(
    'tr',
    {},
    h('th', { class: 'sticky' }, 'Layer'),
    ...columns.map((c) => h('th', { class: colClass({ ...c, title: '' }), attrs: attrs(c.title) }, c.title)),
  );
  const rows = table.layers.map((r) =>
    h(
      'tr',
      { class: `layer-${r.type}`, title: tooltip(r) },
      h(
        'th',
        { class: 'sticky', attrs: { scope: 'row' } },
        // A row opens that layer's activations for the image in the Feature maps section.
        h('button', { class: 'layer-open', title: `Show ${r.name}'s activations for an image`, onClick: () => post({ type: 'featureMaps', layer: r.name }) }, h('span', { class: 'layer-name' }, r.name)),
        ' ',
        h('span', { class: 'muted layer-type' }, r.type === 'dense' && r.activation === 'linear' && r.name !== 'fc8' ? 'dense, no ReLU' : r.type),
      ),
      ...columns.map((c) => h('td', { class: colClass(c), attrs: attrs(c.title) }, c.cell(r))),
    ),
  );
  const total = h(
    'tr',
    { class: 'total' },
    h('th', { class: 'sticky', attrs: { scope: 'row' } }, 'Total'),
    ...columns.map((c) => h('td', { class: colClass(c), attrs: c.title === 'Params' ? { 'data-testid': 'total-params' } : {} }, c.total ?? '')),
  );
  replaceChildren(
    el,
    h(
      'p',
      { class: 'meta' },
      `Input ${table.inputSize}${x}${table.inputSize}${x}3 \u00b7 ${thousands(table.classes)} classes${table.lrn ? ' \u00b7 LRN' : ''}${table.variant === 'tutorial' ? " \u00b7 the tutorial's forward(): no ReLU after fc6, fc7" : ''} \u00b7 `,
      h('strong', { attrs: { 'data-testid': 'layers-total' } }, `${thousands(table.totalParams)} parameters`),
    ),
    h('div', { class: 'table-scroll' }, h('table', { class: 'layers' }, h('thead', {}, head), h('tbody', {}, ...rows, total))),
    h(
      'p',
      { class: 'note', attrs: { 'data-testid': 'dense-share' } },
      `The three dense layers hold ${percent(table.denseShare)} of the parameters (${thousands(table.denseParams)}), `,
      `while the convolutions do ${percent(convMacShare(table))} of the multiply-adds. `,
      'Output size = floor((W \u2212 K + 2P) / S) + 1.',
    ),
  );
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
  return h('span', { class: 'share-cell' }, percent(share), h('span', { class: 'bar-track' }, bar));
}
