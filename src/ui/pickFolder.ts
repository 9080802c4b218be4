/** The folder dialog the commands share: one folder, starting in the first workspace folder. */
import * as vscode from 'vscode';

export async function pickFolder(openLabel: string, title?: string): Promise<string | undefined> {
  const picked = await vscode.window.showOpenDialog({
    canSelectFolders: true,
    canSelectFiles: false,
    canSelectMany: false,
    openLabel,
    title,
    defaultUri: vscode.workspace.workspaceFolders?.[0]?.uri,
  });
  return picked?.[0]?.fsPath;
}
