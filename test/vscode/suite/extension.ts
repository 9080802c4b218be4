// Small helpers the in-host tests share: the extension under test and where its runs land.
import * as path from 'path';
import * as vscode from 'vscode';

export const EXTENSION_ID = 'alexnet-trainer.alexnet-trainer';

export interface Manifest {
  contributes: {
    commands: { command: string; title: string }[];
    views: Record<string, { id: string; type?: string }[]>;
    viewsContainers: { activitybar: { id: string }[] };
  };
}

export function extension(): vscode.Extension<unknown> {
  const ext = vscode.extensions.getExtension(EXTENSION_ID);
  if (!ext) throw new Error(`extension ${EXTENSION_ID} is not loaded in this host`);
  return ext;
}

export function manifest(): Manifest {
  return extension().packageJSON as Manifest;
}

export function workspaceDir(): string {
  const folder = vscode.workspace.workspaceFolders?.[0];
  if (!folder) throw new Error('the suite needs a workspace folder (the runner opens one)');
  return folder.uri.fsPath;
}

/** The folder holding run folders, as the extension resolves `alexnet.runsFolder`. */
export function runsDir(): string {
  const setting = vscode.workspace.getConfiguration('alexnet').get<string>('runsFolder') ?? '.alexnet/runs';
  return path.isAbsolute(setting) ? setting : path.join(workspaceDir(), setting);
}
