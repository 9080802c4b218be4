/** Buttons for the common commands, and the Restricted Mode notice. */
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
  const why = untrusted ? 'Disabled in Restricted Mode' : undefined;
  replaceChildren(
    el,
    untrusted &&
      h(
        'p',
        { class: 'restricted', attrs: { 'data-testid': 'restricted' } },
        'Restricted Mode: training and classification are disabled because they read and decode files from this workspace ' +
          'in the trainer process. The layer table and backend info still work. Trust the workspace to enable them.',
      ),
    h(
      'div',
      { class: 'buttons' },
      running
        ? button('Stop', 'alexnet.stopTraining', { disabled: s.training.phase === 'stopping' })
        : button('Train\u2026', 'alexnet.train', { disabled: untrusted, title: why }),
      button('Classify Image\u2026', 'alexnet.classifyImage', { secondary: true, disabled: untrusted, title: why }),
      button('Check Dataset\u2026', 'alexnet.checkDataset', { secondary: true, disabled: untrusted, title: why }),
      button('Sample Dataset\u2026', 'alexnet.createSampleDataset', { secondary: true, disabled: untrusted, title: why }),
    ),
  );
}
