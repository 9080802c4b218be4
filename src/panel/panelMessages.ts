/** What the webview asks of the host: run an allowed command, open a file it names, clear predictions, log. */
import * as vscode from 'vscode';
import { PanelToHost } from '../shared/panelProtocol';

export interface PanelMessageDeps {
  output: vscode.LogOutputChannel;
  clearPredictions(): void;
}

export function routePanelMessage(msg: PanelToHost, deps: PanelMessageDeps): void {
  switch (msg.type) {
    case 'command':
      void vscode.commands.executeCommand(msg.command);
      return;
    case 'openFile':
      void openFile(msg.path);
      return;
    case 'clearPredictions':
      deps.clearPredictions();
      return;
    case 'log':
      deps.output[msg.level === 'error' ? 'error' : msg.level === 'warn' ? 'warn' : 'info'](`[webview] ${msg.message}`);
      return;
    case 'ready':
      return;
  }
}

/** Opens a file the panel names; images open in VS Code's image preview. */
async function openFile(file: string): Promise<void> {
  const uri = vscode.Uri.file(file);
  try {
    await vscode.workspace.fs.stat(uri);
    await vscode.commands.executeCommand('vscode.open', uri);
  } catch {
    void vscode.window.showWarningMessage(`AlexNet: ${file} no longer exists.`);
  }
}
