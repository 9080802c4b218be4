import * as vscode from 'vscode';
import { Services } from '../services';

export function stopTrainingCommand(s: Services) {
  return (): void => {
    if (!s.training.stop()) void vscode.window.showInformationMessage(vscode.l10n.t('AlexNet: no training run in progress.'));
  };
}
