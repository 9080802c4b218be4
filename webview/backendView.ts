import type { BackendReport } from '../src/shared/backendReport';
import { h, replaceChildren } from './dom';

export function renderBackend(el: HTMLElement, r: BackendReport | null): void {
  if (!r) {
    replaceChildren(el, h('p', { class: 'muted' }, 'Asking the trainer which backend runs\u2026'));
    return;
  }
  replaceChildren(
    el,
    h('p', {}, h('vscode-badge', {}, r.backend), ' ', h('span', { attrs: { 'data-testid': 'backend-device' } }, r.device)),
    h('p', { class: 'muted' }, `TensorFlow.js ${r.tfjsVersion}${r.requested !== 'auto' ? ` \u00b7 requested: ${r.requested}` : ''}`),
    r.skipped.length > 0 && h('p', {}, 'Faster backends not used:'),
    r.skipped.length > 0 &&
      h('ul', { class: 'skipped-backends' }, ...r.skipped.map((s) => h('li', {}, h('strong', {}, s.backend), ': ', s.reason))),
  );
}
