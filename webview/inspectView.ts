/** Inside the network: one image's feature maps layer by layer, and conv1's filters trained and at initialisation. */
import * as l10n from '@vscode/l10n';
import { decodeBytes, FeatureMapLayer, FiltersResult, FilterTiles } from '../src/shared/inspect';
import { percent } from '../src/shared/format';
import type { InspectView } from '../src/shared/inspectView';
import { basename, h, pathLine, replaceChildren } from './dom';
import { channelGrid, channelMap, colourScale, fmt, rgbTiles, tileAt, unitStrip } from './mapCanvas';
import { locale } from './l10nSetup';
import { post } from './vscodeApi';

const x = '\u00d7';
/** View-only choices, kept across re-renders of the same maps. */
let chosenLayer: string | null = null;
const chosenChannel = new Map<string, number>();
let lastView: InspectView | null = null;

let trusted = true;

export function renderInspect(el: HTMLElement, view: InspectView | null, checkpoint: string | null, isTrusted = trusted): void {
  trusted = isTrusted;
  if (!view) {
    replaceChildren(el, ...emptyHint(checkpoint));
    return;
  }
  // A new image or a layer asked for from the layer table resets the choice; re-renders of the same view keep it.
  if (view !== lastView && (view.maps !== lastView?.maps || view.layer !== lastView?.layer)) chosenLayer = view.layer ?? view.maps?.layers[0]?.name ?? null;
  lastView = view;
  const status = view.status ? h('p', { class: view.failed ? 'warning' : 'muted', attrs: { 'data-testid': 'inspect-status', role: 'status' } }, view.status) : null;
  replaceChildren(el, status, view.maps ? mapsBlock(el, view) : null, view.filters ? filtersBlock(view.filters) : filtersButton());
}

function emptyHint(checkpoint: string | null): HTMLElement[] {
  if (!checkpoint) {
    return [h('p', { class: 'muted', attrs: { 'data-testid': 'inspect-empty' } }, l10n.t('No checkpoint yet: train a model first (Train above). Then right-click an image in the Explorer and choose AlexNet: Show Feature Maps to see what each layer makes of it.'))];
  }
  return [
    h('p', { class: 'muted', attrs: { 'data-testid': 'inspect-empty' } }, l10n.t('Right-click an image in the Explorer and choose AlexNet: Show Feature Maps, or open a row of the layer table: each layer’s activations for the image show here.')),
    filtersButton(),
  ];
}

function filtersButton(): HTMLElement {
  // In Restricted Mode the trainer does not load checkpoints: the button is off, as Train and Classify are.
  const attrs: Record<string, string> = { secondary: '', 'data-testid': 'show-filters', ...(trusted ? {} : { disabled: '' }) };
  return h('div', { class: 'actions' }, h('vscode-button', { attrs, onClick: () => trusted && post({ type: 'filters' }) }, l10n.t('Show conv1 filters')));
}

function mapsBlock(section: HTMLElement, view: InspectView): HTMLElement {
  const maps = view.maps!;
  const layer = maps.layers.find((l) => l.name === chosenLayer) ?? maps.layers[0];
  const chips = h(
    'div',
    { class: 'chips', attrs: { role: 'toolbar', 'aria-label': l10n.t('layers') } },
    ...maps.layers.map((l) =>
      h(
        'button',
        {
          class: `chip ${l === layer ? 'selected' : ''}`,
          title: `${l.name}: ${l.shape.join(x)}`,
          attrs: { 'aria-pressed': String(l === layer), 'data-layer': l.name },
          onClick: () => {
            chosenLayer = l.name;
            renderInspect(section, view, view.checkpoint);
            (section.querySelector(`button[data-layer="${l.name}"]`) as HTMLElement | null)?.focus();
          },
        },
        l.name,
      ),
    ),
  );
  const thumb = view.thumbnail ? h('img', { class: 'inspect-thumb', attrs: { src: view.thumbnail, alt: basename(view.image ?? '') } }) : null;
  const head = h('div', { class: 'inspect-head' }, thumb, h('div', {}, h('strong', {}, basename(maps.image)), pathLine(view.checkpoint, l10n.t('checkpoint: ')), h('p', { class: 'muted' }, l10n.t('input {0}', `${maps.inputSize}${x}${maps.inputSize}`))));
  const body = layer.shape.length === 1 ? denseBlock(layer, view.classes) : spatialBlock(section, view, layer);
  return h('div', { class: 'feature-maps', attrs: { 'data-testid': 'feature-maps', 'data-layer': layer.name } }, head, chips, body);
}

function spatialBlock(section: HTMLElement, view: InspectView, layer: FeatureMapLayer): HTMLElement {
  const [H, W, C] = layer.shape;
  const bytes = decodeBytes(layer.data);
  const channel = Math.min(chosenChannel.get(layer.name) ?? strongest(layer), C - 1);
  const pick = (c: number) => {
    chosenChannel.set(layer.name, c);
    renderInspect(section, view, view.checkpoint);
    (section.querySelector('select.channel-picker') as HTMLElement | null)?.focus();
  };
  const { canvas, layout } = channelGrid(bytes, C, layer.width, layer.height, l10n.t('{0}: {1} channel maps of {2}', layer.name, C, `${H}${x}${W}`));
  canvas.classList.add('map-grid');
  canvas.dataset.testid = 'map-grid';
  canvas.dataset.channels = String(C);
  canvas.addEventListener('click', (ev) => {
    const c = tileAt(canvas, layout, C, ev);
    if (c >= 0) pick(c);
  });
  // Most active channels first: the picker is where a keyboard user chooses.
  const order = Array.from({ length: C }, (_, c) => c).sort((a, b) => layer.channelMax[b] - layer.channelMax[a]);
  const select = h('select', { class: 'channel-picker', attrs: { 'aria-label': l10n.t('channel'), 'data-testid': 'channel-picker' } }, ...order.map((c) => h('option', { attrs: { value: String(c), ...(c === channel ? { selected: '' } : {}) } }, l10n.t('channel {0} (max {1})', c, fmt(layer.channelMax[c])))));
  select.addEventListener('change', () => pick(Number(select.value)));
  const one = channelMap(bytes, channel, layer.width, layer.height, l10n.t('{0} channel {1}', layer.name, channel));
  one.classList.add('map-one');
  const note = layer.height !== H ? ` ${l10n.t('(shown at {0})', `${layer.height}${x}${layer.width}`)}` : '';
  return h(
    'div',
    {},
    h('p', { class: 'meta' }, l10n.t('{0}: {1} maps of {2}', layer.name, C, `${H}${x}${W}`) + note),
    colourScale(layer.min, layer.max),
    canvas,
    h('div', { class: 'channel-row' }, select),
    one,
  );
}

function strongest(layer: FeatureMapLayer): number {
  return layer.channelMax.indexOf(Math.max(...layer.channelMax));
}

function denseBlock(layer: FeatureMapLayer, classes: string[]): HTMLElement {
  const units = layer.shape[0];
  const bytes = decodeBytes(layer.data);
  const perRow = Math.min(units, 128);
  const strip = unitStrip(bytes, perRow, l10n.t('{0}: {1} units', layer.name, units));
  strip.classList.add('unit-strip');
  strip.dataset.testid = 'unit-strip';
  // fc8's units are the classes: name them.
  const named = layer.name === 'fc8' && classes.length === units;
  const top = h(
    'ol',
    { class: 'top-units', attrs: { 'data-testid': 'top-units' } },
    ...layer.top.map((t) => h('li', {}, named ? `${classes[t.unit]}` : l10n.t('unit {0}', t.unit), h('span', { class: 'num muted' }, ` ${fmt(t.value)}`))),
  );
  return h('div', {}, h('p', { class: 'meta' }, named ? l10n.t('{0}: {1} units (one per class, before softmax)', layer.name, units) : l10n.t('{0}: {1} units', layer.name, units)), colourScale(layer.min, layer.max), strip, h('p', { class: 'muted' }, l10n.t('Most active:')), top);
}

function filtersBlock(f: FiltersResult): HTMLElement {
  const tiles = (t: FilterTiles, label: string) => {
    const c = rgbTiles(decodeBytes(t.rgb), t.count, t.size, 12, label);
    c.classList.add('filter-tiles');
    return c;
  };
  const initial = f.initial
    ? h('figure', {}, tiles(f.initial, l10n.t('conv1 filters at initialisation')), h('figcaption', {}, f.initialSource === 'recorded' ? l10n.t('At initialisation (recorded when the run started), largest |w| {0}', fmt(f.initial.maxAbs)) : l10n.t('At initialisation (rebuilt from the run’s seed), largest |w| {0}', fmt(f.initial.maxAbs))))
    : h('p', { class: 'muted' }, l10n.t('The filters at initialisation were not recorded for this run.'));
  const change = f.change !== null ? ` ${l10n.t('Training moved them by {0} (‖W − W₀‖ / ‖W₀‖).', percent(f.change, 1, locale))}` : '';
  return h(
    'div',
    { class: 'filters', attrs: { 'data-testid': 'filters' } },
    h('h4', { class: 'sub-heading' }, l10n.t('First-layer filters')),
    h('p', { class: 'meta' }, h('strong', {}, l10n.t('conv1: {0} filters of {1}', f.trained.count, `${f.trained.size}${x}${f.trained.size}${x}3`)), l10n.t('; grey is 0.')),
    h('div', { class: 'filter-pair' }, h('figure', {}, tiles(f.trained, l10n.t('conv1 filters, trained')), h('figcaption', {}, l10n.t('Trained, largest |w| {0}', fmt(f.trained.maxAbs)))), initial),
    h('p', { class: 'note' }, l10n.t('Each tile is one kernel as an RGB picture, on one scale for all 96.') + change),
  );
}
