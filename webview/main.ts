/**
 * The side panel app. Says `ready`, then renders whatever the host sends: a full snapshot or one update,
 * applied with the same reducer the host uses. Sections re-render only when their slice of state changed.
 */
import { locale } from './l10nSetup';
import * as l10n from '@vscode/l10n';
import './elements';
import type { HostToPanel, PanelSection } from '../src/shared/panelProtocol';
import { PANEL_SECTIONS } from '../src/shared/panelProtocol';
import { applyHostMessage } from '../src/shared/panelReducer';
import { thousands } from '../src/shared/format';
import { PanelState, initialPanelState } from '../src/shared/panelState';
import { renderBackend } from './backendView';
import { renderCompare } from './compareView';
import { renderDataset } from './datasetView';
import { basename, h, replaceChildren } from './dom';
import { renderEvaluation } from './evaluationView';
import { renderInspect } from './inspectView';
import { renderLayerTable } from './layerTableView';
import { renderPredictions } from './predictionsView';
import { renderToolbar } from './toolbarView';
import { TrainingView, phaseText } from './trainingView';
import { loadViewState, post, saveViewState } from './vscodeApi';

const TITLES: Record<PanelSection, string> = {
  dataset: l10n.t('Dataset'),
  backend: l10n.t('Backend'),
  layers: l10n.t('Layer table'),
  inspect: l10n.t('Feature maps'),
  training: l10n.t('Training'),
  evaluation: l10n.t('Evaluation'),
  predictions: l10n.t('Predictions'),
  compare: l10n.t('Run comparison'),
};

const viewState = loadViewState();
const app = document.getElementById('app') ?? document.body;
const toolbar = h('div', { class: 'toolbar' });
const bodies = {} as Record<PanelSection, HTMLElement>;
const sections = {} as Record<PanelSection, HTMLElementTagNameMap['vscode-collapsible']>;
for (const id of PANEL_SECTIONS) {
  const body = h('div', { class: `section-body ${id}`, attrs: { 'data-section': id } });
  const section = h('vscode-collapsible', { attrs: { id: `section-${id}`, heading: TITLES[id] } }, body);
  section.open = !viewState.closed.includes(id);
  section.addEventListener('vsc-collapsible-toggle', () => {
    const closed = PANEL_SECTIONS.filter((s) => !sections[s].open);
    saveViewState({ closed });
  });
  bodies[id] = body;
  sections[id] = section;
}
const training = new TrainingView();
bodies.training.append(training.element);
replaceChildren(app, toolbar, ...PANEL_SECTIONS.map((id) => sections[id]));

let state: PanelState = initialPanelState();
let rendered: PanelState | undefined;
let frame = 0;

function render(): void {
  frame = 0;
  const prev = rendered;
  const s = state;
  if (!prev || prev.trusted !== s.trusted || prev.training.phase !== s.training.phase || prev.checkpoint !== s.checkpoint) {
    renderToolbar(toolbar, s);
  }
  if (!prev || prev.dataset !== s.dataset) {
    renderDataset(bodies.dataset, s.dataset);
    sections.dataset.description = s.dataset ? l10n.t('{0} classes', s.dataset.classes.length) : '';
  }
  if (!prev || prev.backend !== s.backend) {
    renderBackend(bodies.backend, s.backend);
    sections.backend.description = s.backend?.backend ?? '';
  }
  if (!prev || prev.layers !== s.layers) {
    renderLayerTable(bodies.layers, s.layers);
    sections.layers.description = s.layers ? l10n.t('{0} px, {1} classes', s.layers.inputSize, s.layers.classes) : '';
  }
  if (!prev || prev.inspect !== s.inspect || prev.checkpoint !== s.checkpoint || prev.trusted !== s.trusted) {
    renderInspect(bodies.inspect, s.inspect, s.checkpoint, s.trusted);
    sections.inspect.description = s.inspect?.image ? basename(s.inspect.image) : '';
  }
  if (!prev || prev.training !== s.training || prev.epochs !== s.epochs || prev.batches !== s.batches) {
    training.render(s);
    const e = s.training.latest;
    sections.training.description =
      s.training.phase === 'training' && e ? l10n.t('epoch {0}/{1}', e.epoch, e.epochs) : s.training.phase === 'idle' ? '' : phaseText(s.training.phase);
  }
  if (!prev || prev.evaluation !== s.evaluation || prev.gallery !== s.gallery) renderEvaluation(bodies.evaluation, s.evaluation, s.gallery);
  if (!prev || prev.predictions !== s.predictions || prev.checkpoint !== s.checkpoint) {
    renderPredictions(bodies.predictions, s);
    sections.predictions.description = s.predictions.length ? thousands(s.predictions.length, locale) : '';
  }
  if (!prev || prev.compare !== s.compare) {
    renderCompare(bodies.compare, s.compare);
    sections.compare.description = s.compare ? l10n.t('{0} runs', s.compare.runs.length) : '';
  }
  rendered = s;
  document.body.dataset.rendered = String(Number(document.body.dataset.rendered ?? 0) + 1);
}

function reveal(section: PanelSection): void {
  sections[section].open = true;
  sections[section].scrollIntoView({ block: 'start' });
}

window.addEventListener('message', (event: MessageEvent<HostToPanel>) => {
  const msg = event.data;
  if (!msg || typeof msg !== 'object' || typeof msg.type !== 'string') return;
  try {
    if (msg.type === 'reveal') {
      reveal(msg.section);
      return;
    }
    state = applyHostMessage(state, msg);
    // Updates can come in bursts (one per batch): draw once per frame.
    if (!frame) frame = requestAnimationFrame(render);
  } catch (err) {
    post({ type: 'log', level: 'error', message: `panel failed on '${msg.type}': ${(err as Error).stack ?? String(err)}` });
  }
});

window.addEventListener('error', (ev) => post({ type: 'log', level: 'error', message: `${ev.message} (${ev.filename}:${ev.lineno})` }));

// VS Code swaps the body's theme class (vscode-light, vscode-dark, vscode-high-contrast): recolour the charts.
new MutationObserver(() => {
  training.retheme();
  renderCompare(bodies.compare, state.compare);
}).observe(document.body, { attributes: true, attributeFilter: ['class'] });

render();
post({ type: 'ready' });
