import * as path from 'path';
import * as vscode from 'vscode';
import { trainConfigFromSettings } from '../config/trainSettings';
import { pickDataset } from '../datasets/pickDataset';
import { Services } from '../services';
import { DoneEvent } from '../shared/metrics';
import { runFolderName } from '../shared/runLayout';
import { TrainConfig } from '../shared/trainConfig';
import { requireTrust } from '../workspaceTrust';
import { asPath } from './args';

/**
 * AlexNet: Train. Arguments (all optional, for tests and scripts): the dataset folder (Uri or path) and
 * settings overrides; without a dataset it asks with the dataset QuickPick.
 */
export function trainCommand(s: Services) {
  return async (dataset?: unknown, overrides?: Partial<TrainConfig>): Promise<DoneEvent | undefined> => {
    if (!requireTrust(vscode.l10n.t('Training'))) return undefined;
    const datasetDir = asPath(dataset) ?? (await pickDataset(s.context.workspaceState));
    if (!datasetDir) return undefined;
    const outDir = path.join(s.runsFolder(datasetDir), runFolderName());
    const config = { ...trainConfigFromSettings(s.settings, datasetDir, outDir), ...(overrides ?? {}), datasetDir, outDir };
    return s.training.start({ config });
  };
}
