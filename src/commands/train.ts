import * as vscode from 'vscode';
import * as path from 'path';
import { trainConfigFromSettings } from '../config/trainSettings';
import { pickDataset } from '../datasets/pickDataset';
import { runFolderName } from '../runs/runStore';
import { Services } from '../services';
import { DoneEvent, EpochEvent } from '../shared/metrics';
import { TrainConfig } from '../shared/trainConfig';
import { TrainingSession } from '../training/trainingSession';
import { asPath } from './args';

/** Starts a session unless one runs; shared by Train and Resume Training. */
export async function startSession(s: Services, config: TrainConfig, history: EpochEvent[]): Promise<DoneEvent | undefined> {
  if (s.training) {
    void vscode.window.showWarningMessage('AlexNet: a training run is already in progress. Stop it first.', 'Stop Training').then((c) => {
      if (c) void vscode.commands.executeCommand('alexnet.stopTraining');
    });
    return undefined;
  }
  const session = new TrainingSession(s, config, history);
  s.training = session;
  void s.panel.reveal('training');
  try {
    return await session.run();
  } finally {
    s.training = undefined;
  }
}

/**
 * AlexNet: Train. Arguments (all optional, for tests and scripts): the dataset folder (Uri or path) and
 * settings overrides; without a dataset it asks with the dataset QuickPick.
 */
export function trainCommand(s: Services) {
  return async (dataset?: unknown, overrides?: Partial<TrainConfig>): Promise<DoneEvent | undefined> => {
    if (!s.requireTrust('Training')) return undefined;
    const datasetDir = asPath(dataset) ?? (await pickDataset(s.context.workspaceState));
    if (!datasetDir) return undefined;
    const outDir = path.join(s.runsFolder(datasetDir), runFolderName());
    const config = { ...trainConfigFromSettings(s.settings, datasetDir, outDir), ...(overrides ?? {}), datasetDir, outDir };
    return startSession(s, config, []);
  };
}
