/** The tutorial's per-layer table: kernel and channels, output map, neurons, params, MACs, share, size formula. */
import type { LayerRow, LayerTable } from '../src/shared/layerTable';
import { percent, thousands } from '../src/shared/format';
import { h, replaceChildren } from './dom';

const x = '\u00d7';

function kernelText(r: LayerRow): string {
  if (r.type === 'conv') return `${r.kernel[0]}${x}${r.kernel[1]}, ${r.kernel[2]}\u2192${r.kernel[3]}`;
  if (r.type === 'pool') return `${r.kernel[0]}${x}${r.kernel[1]} max`;
  return `${thousands(r.kernel[0])}\u2192${thousands(r.kernel[1])}`;
}

function outputText(r: LayerRow): string {
  return r.output.join(x);
}

const num = (text: string) => h('td', { class: 'num' }, text);

export function renderLayerTable(el: HTMLElement, table: LayerTable | null): void {
  if (!table) {
    replaceChildren(el, h('p', { class: 'muted' }, 'Asking the trainer for the layer table\u2026'));
    return;
  }
  const head = h(
    'tr',
    {},
    ...['Layer', 'Kernel, channels', 'Stride / pad', 'Output', 'Neurons', 'Params', 'MACs', 'Share', 'Size formula'].map((t, i) =>
      h('th', { class: i >= 4 && i <= 7 ? 'num' : '' }, t),
    ),
  );
  const rows = table.layers.map((r) =>
    h(
      'tr',
      { class: `layer-${r.type}` },
      h('td', {}, h('span', { class: 'layer-name' }, r.name), ' ', h('span', { class: 'muted' }, r.type)),
      h('td', {}, kernelText(r)),
      h('td', {}, r.stride === null ? '' : `${r.stride} / ${r.padding}`),
      h('td', {}, outputText(r)),
      num(thousands(r.neurons)),
      num(thousands(r.params)),
      num(thousands(r.macs)),
      h('td', { class: 'num share' }, shareBar(r.paramShare)),
      h('td', { class: 'formula' }, r.formula ?? ''),
    ),
  );
  const total = h(
    'tr',
    { class: 'total' },
    h('td', {}, 'Total'),
    h('td', {}),
    h('td', {}),
    h('td', {}),
    num(thousands(table.totalNeurons)),
    h('td', { class: 'num', attrs: { 'data-testid': 'total-params' } }, thousands(table.totalParams)),
    num(thousands(table.totalMacs)),
    num('100%'),
    h('td', {}),
  );
  replaceChildren(
    el,
    h(
      'p',
      { class: 'meta' },
      `Input ${table.inputSize}${x}${table.inputSize}${x}3 \u00b7 ${thousands(table.classes)} classes${table.lrn ? ' \u00b7 LRN' : ''} \u00b7 `,
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

function convMacShare(table: LayerTable): number {
  const conv = table.layers.filter((r) => r.type === 'conv').reduce((a, r) => a + r.macs, 0);
  return table.totalMacs ? conv / table.totalMacs : 0;
}

function shareBar(share: number): HTMLElement {
  const bar = h('span', { class: 'bar' });
  bar.style.width = `${Math.max(0, Math.min(100, share * 100)).toFixed(1)}%`;
  return h('span', { class: 'share-cell' }, h('span', { class: 'bar-track' }, bar), percent(share));
}
