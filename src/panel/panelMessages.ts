/** What the webview asks of the host: run an allowed command, open or reveal a file it names, look inside the network, clear predictions, log. */
import * as vscode from 'vscode';
import { PanelToHost } from '../shared/panelProtocol';
import { Inspector } from './inspector';

export interface PanelMessageDeps {
  output: vscode.LogOutputChannel;
  clearPredictions(): void;
  inspector: Inspector;
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
    case 'revealFile':
      void vscode.commands.executeCommand('revealInExplorer', vscode.Uri.file(msg.path));
      return;
    // The views of the network's inside load checkpoints and decode workspace files in the trainer: like
    // classification, only in a trusted workspace (the panel's buttons are disabled otherwise).
    case 'featureMaps':
      if (vscode.workspace.isTrusted) void deps.inspector.featureMaps(msg.path, msg.layer);
      return;
    case 'filters':
      if (vscode.workspace.isTrusted) void deps.inspector.filters();
      return;
    case 'explain':
      if (vscode.workspace.isTrusted) void deps.inspector.explain(msg.path, msg.at, msg.className);
      return;
    case 'confusionCell':
      if (vscode.workspace.isTrusted) void deps.inspector.openCell(msg.row, msg.col);
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
    void vscode.window.showWarningMessage(vscode.l10n.t('AlexNet: {0} no longer exists.', file));
  }
}
