/**
 * AlexNet: Import PyTorch Checkpoint: a .pth of the tutorial's AlexNet (file dialog, Explorer right-click or the
 * Runs view's title bar), then where its class names come from and, when several fit, the input size. The trainer
 * reads and converts it (no Python) and writes a run folder that the Runs view lists as imported.
 */
import * as path from 'path';
import * as vscode from 'vscode';
import { findDatasets } from '../datasets/findDatasets';
import { Services } from '../services';
import { TorchImportRequest, TorchInspection } from '../shared/torchImport';
import { requireTrust } from '../workspaceTrust';
import { asPath } from './args';
import { errorMessage } from '../shared/messages';

const title = (): string => vscode.l10n.t('AlexNet: Import PyTorch Checkpoint');

/** Options a test (or another command) passes to skip the dialogs. */
export interface ImportTorchOptions {
  /** Class names in output order, or a dataset folder. */
  classes?: string[] | string;
  inputSize?: number;
}

interface ClassItem extends vscode.QuickPickItem {
  pick: () => Promise<TorchImportRequest['classes'] | undefined>;
}

async function pickClasses(info: TorchInspection): Promise<TorchImportRequest['classes'] | undefined> {
  const n = info.classes;
  const roots = (vscode.workspace.workspaceFolders ?? []).map((f) => f.uri.fsPath);
  const datasets = (await findDatasets(roots)).filter((d) => d.classes.length === n);
  const indices = Array.from({ length: n }, (_, i) => String(i));
  const items: ClassItem[] = [
    ...datasets.map((d) => ({
      label: `$(database) ${path.basename(d.root)}`,
      description: `${d.classes.slice(0, 8).join(', ')}${n > 8 ? ', …' : ''}`,
      detail: vscode.workspace.asRelativePath(d.root),
      pick: async () => ({ datasetDir: d.root }),
    })),
    {
      label: `$(edit) ${vscode.l10n.t('Type the class names…')}`,
      pick: async () => {
        const text = await vscode.window.showInputBox({
          title: title(),
          prompt: vscode.l10n.t("{0} class names in output order (the order of ImageFolder's sorted folders), separated by commas", n),
          validateInput: (v) => {
            const names = v.split(',').map((c) => c.trim());
            return names.length === n && names.every((c) => c) ? undefined : vscode.l10n.t('{0} non-empty names, separated by commas ({1} now)', n, names.length);
          },
        });
        return text?.split(',').map((c) => c.trim());
      },
    },
    { label: `$(symbol-numeric) ${indices.slice(0, 4).join(', ')}${n > 4 ? `, …, ${n - 1}` : ''}`, description: vscode.l10n.t('the output indices as names'), pick: async () => indices },
    {
      label: `$(folder-opened) ${vscode.l10n.t('Choose a dataset folder…')}`,
      pick: async () => {
        const picked = await vscode.window.showOpenDialog({ canSelectFolders: true, canSelectFiles: false, openLabel: vscode.l10n.t('Use Its Classes'), title: vscode.l10n.t('A dataset with {0} class folders', n) });
        return picked?.[0] ? { datasetDir: picked[0].fsPath } : undefined;
      },
    },
  ];
  const choice = await vscode.window.showQuickPick(items, {
    title: title(),
    placeHolder: datasets.length
      ? vscode.l10n.t('The checkpoint has {0} outputs: where do their class names come from?', n)
      : vscode.l10n.t('The checkpoint has {0} outputs: where do their class names come from? (no dataset with {0} classes in the workspace)', n),
  });
  return choice?.pick();
}

async function pickInputSize(info: TorchInspection, file: string): Promise<number | undefined> {
  if (info.inputSizes.length === 1) return info.inputSizes[0];
  const sizes = [...info.inputSizes].sort((a, b) => Number(b === 224) - Number(a === 224) || a - b);
  const choice = await vscode.window.showQuickPick(
    sizes.map((s) => ({ label: String(s), description: s === 224 ? vscode.l10n.t("the tutorial's Resize") : undefined, size: s })),
    { title: title(), placeHolder: vscode.l10n.t('{0}: f9 takes {1} inputs, which every size from {2} to {3} px gives. Which input size was it trained at?', path.basename(file), info.flat, Math.min(...sizes), Math.max(...sizes)) },
  );
  return choice?.size;
}

export function importTorchCheckpointCommand(s: Services) {
  return async (arg?: unknown, options: ImportTorchOptions = {}): Promise<string | undefined> => {
    if (!requireTrust(vscode.l10n.t('Importing a PyTorch checkpoint'))) return undefined;
    let file = asPath(arg);
    if (!file) {
      const picked = await vscode.window.showOpenDialog({ title: title(), canSelectMany: false, openLabel: vscode.l10n.t('Import'), filters: { [vscode.l10n.t('PyTorch checkpoint')]: ['pth', 'pt'] } });
      file = picked?.[0]?.fsPath;
    }
    if (!file) return undefined;
    const name = path.basename(file);
    try {
      const source = file;
      const info = await vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: vscode.l10n.t('AlexNet: reading {0}', name) }, () =>
        s.trainer.request('inspectTorch', { file: source }),
      );
      const classes = options.classes === undefined ? await pickClasses(info) : Array.isArray(options.classes) ? options.classes : { datasetDir: options.classes };
      if (!classes) return undefined;
      const inputSize = options.inputSize ?? (await pickInputSize(info, file));
      if (!inputSize) return undefined;
      const result = await vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: vscode.l10n.t('AlexNet: importing {0}', name) }, () =>
        s.trainer.request('importTorch', { file: source, classes, inputSize, runsRoot: s.runsFolder(), backend: s.backend }),
      );
      s.output.info(`imported ${file} (${info.layout} layout, ${result.meta.classes.length} classes, ${inputSize} px) as ${result.checkpointDir}`);
      s.runs.changed();
      // The newest run's best is used by default; the button is offered only when another checkpoint was chosen.
      const inUse = (await s.runs.checkpointForPredictions())?.dir === result.checkpointDir;
      const use = vscode.l10n.t('Use for Predictions');
      const layout = info.layout === 'tutorial' ? vscode.l10n.t("the tutorial's model.py") : 'nn.Sequential';
      const parts = [name, layout, result.meta.classes.length, inputSize, path.basename(result.runDir)] as const;
      const message = inUse
        ? vscode.l10n.t('AlexNet: imported {0} ({1}, {2} classes, {3} px) as run {4}, used for predictions.', ...parts)
        : vscode.l10n.t('AlexNet: imported {0} ({1}, {2} classes, {3} px) as run {4}.', ...parts);
      void vscode.window
        .showInformationMessage(message, ...(inUse ? [] : [use]))
        .then((c) => {
          if (c === use) void s.runs.select(result.checkpointDir);
        });
      return result.runDir;
    } catch (err) {
      // A refusal comes coded from the trainer, and reads in the UI language.
      void vscode.window.showErrorMessage(vscode.l10n.t('AlexNet: could not import {0}: {1}', name, errorMessage(err)));
      return undefined;
    }
  };
}
