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
import { asPath, errorMessage } from './args';

const TITLE = 'AlexNet: Import PyTorch Checkpoint';

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
      label: '$(edit) Type the class names…',
      pick: async () => {
        const text = await vscode.window.showInputBox({
          title: TITLE,
          prompt: `${n} class names in output order (the order of ImageFolder's sorted folders), separated by commas`,
          validateInput: (v) => {
            const names = v.split(',').map((c) => c.trim());
            return names.length === n && names.every((c) => c) ? undefined : `${n} non-empty names, separated by commas (${names.length} now)`;
          },
        });
        return text?.split(',').map((c) => c.trim());
      },
    },
    { label: `$(symbol-numeric) ${indices.slice(0, 4).join(', ')}${n > 4 ? `, …, ${n - 1}` : ''}`, description: 'the output indices as names', pick: async () => indices },
    {
      label: '$(folder-opened) Choose a dataset folder…',
      pick: async () => {
        const picked = await vscode.window.showOpenDialog({ canSelectFolders: true, canSelectFiles: false, openLabel: 'Use Its Classes', title: `A dataset with ${n} class folders` });
        return picked?.[0] ? { datasetDir: picked[0].fsPath } : undefined;
      },
    },
  ];
  const choice = await vscode.window.showQuickPick(items, {
    title: TITLE,
    placeHolder: `The checkpoint has ${n} outputs: where do their class names come from?${datasets.length ? '' : ` (no dataset with ${n} classes in the workspace)`}`,
  });
  return choice?.pick();
}

async function pickInputSize(info: TorchInspection, file: string): Promise<number | undefined> {
  if (info.inputSizes.length === 1) return info.inputSizes[0];
  const sizes = [...info.inputSizes].sort((a, b) => Number(b === 224) - Number(a === 224) || a - b);
  const choice = await vscode.window.showQuickPick(
    sizes.map((s) => ({ label: String(s), description: s === 224 ? "the tutorial's Resize" : undefined, size: s })),
    { title: TITLE, placeHolder: `${path.basename(file)}: f9 takes ${info.flat} inputs, which every size from ${Math.min(...sizes)} to ${Math.max(...sizes)} px gives. Which input size was it trained at?` },
  );
  return choice?.size;
}

export function importTorchCheckpointCommand(s: Services) {
  return async (arg?: unknown, options: ImportTorchOptions = {}): Promise<string | undefined> => {
    if (!requireTrust('Importing a PyTorch checkpoint')) return undefined;
    let file = asPath(arg);
    if (!file) {
      const picked = await vscode.window.showOpenDialog({ title: TITLE, canSelectMany: false, openLabel: 'Import', filters: { 'PyTorch checkpoint': ['pth', 'pt'] } });
      file = picked?.[0]?.fsPath;
    }
    if (!file) return undefined;
    const name = path.basename(file);
    try {
      const source = file;
      const info = await vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: `AlexNet: reading ${name}` }, () =>
        s.trainer.request('inspectTorch', { file: source }),
      );
      const classes = options.classes === undefined ? await pickClasses(info) : Array.isArray(options.classes) ? options.classes : { datasetDir: options.classes };
      if (!classes) return undefined;
      const inputSize = options.inputSize ?? (await pickInputSize(info, file));
      if (!inputSize) return undefined;
      const result = await vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: `AlexNet: importing ${name}` }, () =>
        s.trainer.request('importTorch', { file: source, classes, inputSize, runsRoot: s.runsFolder(), backend: s.backend }),
      );
      s.output.info(`imported ${file} (${info.layout} layout, ${result.meta.classes.length} classes, ${inputSize} px) as ${result.checkpointDir}`);
      s.runs.changed();
      // The newest run's best is used by default; the button is offered only when another checkpoint was chosen.
      const inUse = (await s.runs.checkpointForPredictions())?.dir === result.checkpointDir;
      const use = 'Use for Predictions';
      const layout = info.layout === 'tutorial' ? "the tutorial's model.py" : 'nn.Sequential';
      const message = `AlexNet: imported ${name} (${layout}, ${result.meta.classes.length} classes, ${inputSize} px) as run ${path.basename(result.runDir)}${inUse ? ', used for predictions' : ''}.`;
      void vscode.window
        .showInformationMessage(message, ...(inUse ? [] : [use]))
        .then((c) => {
          if (c === use) void s.runs.select(result.checkpointDir);
        });
      return result.runDir;
    } catch (err) {
      void vscode.window.showErrorMessage(`AlexNet: could not import ${name}: ${errorMessage(err)}`);
      return undefined;
    }
  };
}
