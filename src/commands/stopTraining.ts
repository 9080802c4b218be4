import * as vscode from 'vscode';
import { Services } from '../services';

export function stopTrainingCommand(s: Services) {
  return (): void => {
    if (!s.training) {
      void vscode.window.showInformationMessage('AlexNet: no training run in progress.');
      return;
    }
    s.training.stop();
  };
}
