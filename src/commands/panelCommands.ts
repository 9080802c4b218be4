/** Commands that mostly show things: dataset check, layer table, backend info, runs refresh. */
import * as path from 'path';
import * as vscode from 'vscode';
import { pickDataset } from '../datasets/pickDataset';
import { Services } from '../services';
import { describeBackend } from '../shared/backendReport';
import { DatasetSummary } from '../shared/dataset';
import { asPath } from './args';
import { withCounts } from './classifyShared';
import { TrainerError } from '../trainer/trainerClient';
import { errorMessage, localized } from '../shared/messages';
import { count } from '../uiLanguage';
import { requireTrust } from '../workspaceTrust';

export function checkDatasetCommand(s: Services) {
  return async (arg?: unknown): Promise<DatasetSummary | undefined> => {
    if (!requireTrust(vscode.l10n.t('Checking a dataset'))) return undefined;
    const dir = asPath(arg) ?? (await pickDataset(s.context.workspaceState, vscode.l10n.t('AlexNet: check which dataset?')));
    if (!dir) return undefined;
    try {
      const summary = await withCounts(vscode.l10n.t('AlexNet: checking {0}', path.basename(dir)), (onEvent, signal) =>
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
      const counts = [summary.classes.length, count(train), count(test)] as const;
      const found = summary.skipped.length
        ? vscode.l10n.t('AlexNet: {0} classes, {1} training and {2} test images; {3} files skipped (listed in the panel).', ...counts, count(summary.skipped.length))
        : vscode.l10n.t('AlexNet: {0} classes, {1} training and {2} test images.', ...counts);
      // The warnings (identical train/test files, imbalance) belong in the toast too: they change what accuracy means.
      const texts = summary.warnings.map((w, i) => localized(w, summary.warningMessages?.[i]));
      const warnings = texts.length ? ` ${vscode.l10n.t('Warning: {0}.', texts.join('; '))}` : '';
      const show = summary.warnings.length ? vscode.window.showWarningMessage : vscode.window.showInformationMessage;
      void show(found + warnings);
      return summary;
    } catch (err) {
      if (errorMessage(err) === 'cancelled') return undefined;
      const file = err instanceof TrainerError && err.file ? ` (${err.file})` : '';
      void vscode.window.showErrorMessage(vscode.l10n.t('AlexNet: dataset check failed: {0}', errorMessage(err)) + file);
      return undefined;
    }
  };
}

export function showLayerTableCommand(s: Services) {
  return async (): Promise<void> => {
    await s.panel.reveal('layers');
    // The table already shown (the checkpoint in use, or the settings' network) stays: showing is not re-deciding.
    if (!s.panel.state.layers) await s.panel.refreshLayerTable();
  };
}

export function showBackendInfoCommand(s: Services) {
  return async (): Promise<void> => {
    try {
      const report = await s.trainer.request('backend', { backend: s.backend });
      s.panel.showBackend(report);
      s.output.info(describeBackend(report));
      void s.panel.reveal('backend');
      const backend = vscode.l10n.t('AlexNet: backend {0} on {1}.', report.backend, localized(report.device, report.deviceCoded));
      const why = report.skipped.map((k) => `${k.backend} (${localized(k.reason, k.message)})`).join('; ');
      void vscode.window.showInformationMessage(why ? `${backend} ${vscode.l10n.t('Not faster: {0}', why)}` : backend);
    } catch (err) {
      void vscode.window.showErrorMessage(vscode.l10n.t('AlexNet: backend check failed: {0}', errorMessage(err)));
    }
  };
}

export function refreshRunsCommand(s: Services) {
  return (): void => s.runs.changed();
}
