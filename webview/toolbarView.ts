/** Buttons for the common commands, and the Restricted Mode notice. */
import * as l10n from '@vscode/l10n';
import type { PanelCommand } from '../src/shared/panelProtocol';
import type { PanelState } from '../src/shared/panelState';
import { h, replaceChildren } from './dom';
import { post } from './vscodeApi';

function button(label: string, command: PanelCommand, opts: { secondary?: boolean; disabled?: boolean; title?: string } = {}): HTMLElement {
  const b = h('vscode-button', { title: opts.title, attrs: { 'data-command': command }, onClick: () => post({ type: 'command', command }) }, label);
  b.secondary = Boolean(opts.secondary);
  b.disabled = Boolean(opts.disabled);
  return b;
}

export function renderToolbar(el: HTMLElement, s: PanelState): void {
  const running = s.training.phase === 'training' || s.training.phase === 'starting' || s.training.phase === 'stopping';
  const untrusted = !s.trusted;
  const why = untrusted ? l10n.t('Disabled in Restricted Mode') : undefined;
  replaceChildren(
    el,
    untrusted &&
      h(
        'p',
        { class: 'restricted', attrs: { 'data-testid': 'restricted' } },
        l10n.t(
          'Restricted Mode: training and classification are disabled because they read and decode files from this workspace in the trainer process. The layer table and backend info still work. Trust the workspace to enable them.',
        ),
      ),
    h(
      'div',
      { class: 'buttons' },
      running
        ? button(l10n.t('Stop'), 'alexnet.stopTraining', { disabled: s.training.phase === 'stopping' })
        : button(l10n.t('Train…'), 'alexnet.train', { disabled: untrusted, title: why }),
      button(l10n.t('Classify Image…'), 'alexnet.classifyImage', { secondary: true, disabled: untrusted, title: why }),
      button(l10n.t('Check Dataset…'), 'alexnet.checkDataset', { secondary: true, disabled: untrusted, title: why }),
      button(l10n.t('Sample Dataset…'), 'alexnet.createSampleDataset', { secondary: true, disabled: untrusted, title: why }),
    ),
  );
}
