import * as vscode from 'vscode';
import { Services } from '../services';
import { InspectView } from '../shared/inspectView';
import { requireTrust } from '../workspaceTrust';
import { asPath } from './args';

/** AlexNet: Show Feature Maps: an image from the Explorer, an editor's title bar or a prediction card, layer by layer in the panel. */
export function showFeatureMapsCommand(s: Services) {
  return async (arg?: unknown): Promise<InspectView | null> => {
    if (!requireTrust(vscode.l10n.t('Show Feature Maps'))) return null;
    return s.inspector.featureMaps(asPath(arg));
  };
}

/** AlexNet: Show First-Layer Filters: conv1 of the checkpoint in use, trained and at initialisation. */
export function showFiltersCommand(s: Services) {
  return async (): Promise<void> => {
    if (!requireTrust(vscode.l10n.t('Show First-Layer Filters'))) return;
    await s.inspector.filters();
  };
}
