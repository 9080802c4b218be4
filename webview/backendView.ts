import * as l10n from '@vscode/l10n';
import type { BackendReport } from '../src/shared/backendReport';
import { localized } from '../src/shared/messages';
import { h, replaceChildren, withCode } from './dom';

export function renderBackend(el: HTMLElement, r: BackendReport | null): void {
  if (!r) {
    replaceChildren(el, h('p', { class: 'muted' }, l10n.t('Asking the trainer which backend runs…')));
    return;
  }
  replaceChildren(
    el,
    h('p', {}, h('vscode-badge', {}, r.backend), ' ', h('span', { attrs: { 'data-testid': 'backend-device' } }, localized(r.device, r.deviceCoded))),
    h('p', { class: 'muted' }, `TensorFlow.js ${r.tfjsVersion}${r.requested !== 'auto' ? ` \u00b7 ${l10n.t('requested: {0}', r.requested)}` : ''}`),
    r.skipped.length > 0 && h('p', {}, l10n.t('Faster backends not used:')),
    r.skipped.length > 0 &&
      h('ul', { class: 'skipped-backends' }, ...r.skipped.map((s) => h('li', {}, h('strong', {}, s.backend), ': ', ...withCode(localized(s.reason, s.message))))),
  );
}
