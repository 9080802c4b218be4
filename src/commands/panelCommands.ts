/** Commands that mostly show things: dataset check, layer table, backend info, runs refresh. */
import * as path from 'path';
import * as vscode from 'vscode';
import { pickDataset } from '../datasets/pickDataset';
import { Services } from '../services';
import { describeBackend } from '../shared/backendReport';
import { DatasetSummary } from '../shared/dataset';
import { asPath, errorMessage } from './args';
import { withCounts } from './classifyShared';
import { TrainerError } from '../trainer/trainerClient';
import { requireTrust } from '../workspaceTrust';

export function checkDatasetCommand(s: Services) {
  return async (arg?: unknown): Promise<DatasetSummary | undefined> => {
    if (!requireTrust('Checking a dataset')) return undefined;
    const dir = asPath(arg) ?? (await pickDataset(s.context.workspaceState, 'AlexNet: check which dataset?'));
    if (!dir) return undefined;
    try {
      const summary = await withCounts(`AlexNet: checking ${path.basename(dir)}`, (onEvent, signal) =>
        s.trainer.request('check', { datasetDir: dir, cacheDir: s.datasetCacheDir }, { onEvent, signal, timeoutMs: 0 }),
      );
      s.panel.showDataset(summary);
      void s.panel.reveal('dataset');
      void s.panel.refreshLayerTable(summary.classes.length);
      const train = summary.counts.train.reduce((a, b) => a + b, 0);
      const test = summary.counts.test.reduce((a, b) => a + b, 0);
      s.output.info(`dataset ${dir}: ${summary.classes.length} classes, ${train} train, ${test} test, ${summary.skipped.length} skipped`);
      for (const f of summary.skipped) s.output.warn(`skipped ${f.file}: ${f.reason}`);
      for (const w of summary.warnings) s.output.warn(`dataset: ${w}`);
      const problems = summary.skipped.length ? `; ${summary.skipped.length} files skipped (listed in the panel)` : '';
      // The warnings (identical train/test files, imbalance) belong in the toast too: they change what accuracy means.
      const warnings = summary.warnings.length ? ` Warning: ${summary.warnings.join('; ')}.` : '';
      const show = summary.warnings.length ? vscode.window.showWarningMessage : vscode.window.showInformationMessage;
      void show(`AlexNet: ${summary.classes.length} classes, ${train} training and ${test} test images${problems}.${warnings}`);
      return summary;
    } catch (err) {
      if (errorMessage(err) === 'cancelled') return undefined;
      const file = err instanceof TrainerError && err.file ? ` (${err.file})` : '';
      void vscode.window.showErrorMessage(`AlexNet: dataset check failed: ${errorMessage(err)}${file}`);
      return undefined;
    }
  };
}

export function showLayerTableCommand(s: Services) {
  return async (): Promise<void> => {
    await s.panel.reveal('layers');
    await s.panel.refreshLayerTable();
  };
}

export function showBackendInfoCommand(s: Services) {
  return async (): Promise<void> => {
    try {
      const report = await s.trainer.request('backend', { backend: s.backend });
      s.panel.showBackend(report);
      s.output.info(describeBackend(report));
      void s.panel.reveal('backend');
      const why = report.skipped.length ? ` Not faster: ${report.skipped.map((k) => `${k.backend} (${k.reason})`).join('; ')}` : '';
      void vscode.window.showInformationMessage(`AlexNet: backend ${report.backend} on ${report.device}.${why}`);
    } catch (err) {
      void vscode.window.showErrorMessage(`AlexNet: backend check failed: ${errorMessage(err)}`);
    }
  };
}

export function refreshRunsCommand(s: Services) {
  return (): void => s.runs.changed();
}
