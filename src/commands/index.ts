import * as vscode from 'vscode';
import { Services } from '../services';
import {
  deleteCheckpointCommand,
  deleteRunCommand,
  exportCheckpointCommand,
  revealInExplorerCommand,
  selectCheckpointCommand,
} from './checkpointCommands';
import { classifyFolderCommand } from './classifyFolder';
import { classifyImageCommand } from './classifyImage';
import { compareRunsCommand } from './compareRuns';
import { createSampleDatasetCommand } from './createSampleDataset';
import { importTorchCheckpointCommand } from './importTorch';
import { checkDatasetCommand, refreshRunsCommand, showBackendInfoCommand, showLayerTableCommand } from './panelCommands';
import { resumeTrainingCommand } from './resumeTraining';
import { showFeatureMapsCommand, showFiltersCommand } from './showFeatureMaps';
import { stopTrainingCommand } from './stopTraining';
import { trainCommand } from './train';

type Factory = (s: Services) => (...args: never[]) => unknown;

/** Every contributed command, by the id package.json declares. */
export const COMMANDS: Record<string, Factory> = {
  'alexnet.train': trainCommand,
  'alexnet.stopTraining': stopTrainingCommand,
  'alexnet.resumeTraining': resumeTrainingCommand,
  'alexnet.classifyImage': classifyImageCommand,
  'alexnet.classifyFolder': classifyFolderCommand,
  'alexnet.selectCheckpoint': selectCheckpointCommand,
  'alexnet.deleteRun': deleteRunCommand,
  'alexnet.deleteCheckpoint': deleteCheckpointCommand,
  'alexnet.exportCheckpoint': exportCheckpointCommand,
  'alexnet.revealInExplorer': revealInExplorerCommand,
  'alexnet.checkDataset': checkDatasetCommand,
  'alexnet.showLayerTable': showLayerTableCommand,
  'alexnet.createSampleDataset': createSampleDatasetCommand,
  'alexnet.showBackendInfo': showBackendInfoCommand,
  'alexnet.refreshRuns': refreshRunsCommand,
  'alexnet.showFeatureMaps': showFeatureMapsCommand,
  'alexnet.showFilters': showFiltersCommand,
  'alexnet.compareRuns': compareRunsCommand,
  'alexnet.importTorchCheckpoint': importTorchCheckpointCommand,
};

export function registerCommands(s: Services): vscode.Disposable[] {
  return Object.entries(COMMANDS).map(([id, factory]) =>
    vscode.commands.registerCommand(id, factory(s) as (...args: unknown[]) => unknown),
  );
}
