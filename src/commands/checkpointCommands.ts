/** Select, delete and export checkpoints, delete runs: from the Runs view's context menu or the palette. */
import * as fs from 'fs/promises';
import * as path from 'path';
import * as vscode from 'vscode';
import { exportCheckpoint } from '../runs/exportCheckpoint';
import { CheckpointInfo, RunInfo, readCheckpoint, readRun } from '../runs/runStore';
import { Services } from '../services';
import { asPath, errorMessage, isNode } from './args';
import { pickCheckpoint, pickRun } from './pickRunOrCheckpoint';

async function checkpointFrom(s: Services, arg: unknown, placeHolder: string): Promise<CheckpointInfo | undefined> {
  if (isNode(arg) && arg.kind === 'checkpoint') return arg.checkpoint;
  const p = asPath(arg);
  if (p) {
    const cp = await readCheckpoint(path.dirname(p), path.basename(p) as 'best' | 'last');
    if (cp) return cp;
  }
  return pickCheckpoint(s, placeHolder);
}

async function runFrom(s: Services, arg: unknown, placeHolder: string): Promise<RunInfo | undefined> {
  if (isNode(arg) && arg.kind === 'run') return arg.run;
  const p = asPath(arg);
  if (p) return (await readRun(p)) ?? undefined;
  return pickRun(s, placeHolder);
}

export function selectCheckpointCommand(s: Services) {
  return async (arg?: unknown): Promise<string | undefined> => {
    const cp = await checkpointFrom(s, arg, 'Use which checkpoint for predictions?');
    if (!cp) return undefined;
    if (!cp.meta) {
      void vscode.window.showErrorMessage(`AlexNet: ${cp.dir} cannot be used: ${cp.problem ?? 'unreadable'}`);
      return undefined;
    }
    await s.selectCheckpoint(cp.dir);
    s.output.info(`predictions now use ${cp.dir}`);
    return cp.dir;
  };
}

async function confirm(what: string, detail: string): Promise<boolean> {
  const choice = await vscode.window.showWarningMessage(`Delete ${what}?`, { modal: true, detail }, 'Delete');
  return choice === 'Delete';
}

export function deleteRunCommand(s: Services) {
  return async (arg?: unknown): Promise<boolean> => {
    const run = await runFrom(s, arg, 'Delete which run?');
    if (!run) return false;
    if (s.training?.runDir === run.dir) {
      void vscode.window.showWarningMessage('AlexNet: this run is training; stop it first.');
      return false;
    }
    if (!(await confirm(`run ${run.name}`, `${run.dir}\nand all its checkpoints will be deleted from disk.`))) return false;
    await fs.rm(run.dir, { recursive: true, force: true });
    if (s.selectedCheckpointDir()?.startsWith(run.dir + path.sep)) await s.selectCheckpoint(undefined);
    s.output.info(`deleted run ${run.dir}`);
    s.runs.refresh();
    return true;
  };
}

export function deleteCheckpointCommand(s: Services) {
  return async (arg?: unknown): Promise<boolean> => {
    const cp = await checkpointFrom(s, arg, 'Delete which checkpoint?');
    if (!cp) return false;
    if (s.training?.runDir === cp.runDir) {
      void vscode.window.showWarningMessage('AlexNet: this run is training; stop it first.');
      return false;
    }
    if (!(await confirm(`the ${cp.kind} checkpoint of ${path.basename(cp.runDir)}`, cp.dir))) return false;
    await fs.rm(cp.dir, { recursive: true, force: true });
    if (s.selectedCheckpointDir() === cp.dir) await s.selectCheckpoint(undefined);
    s.output.info(`deleted checkpoint ${cp.dir}`);
    s.runs.refresh();
    return true;
  };
}

export function exportCheckpointCommand(s: Services) {
  return async (arg?: unknown, destination?: unknown): Promise<string | undefined> => {
    const cp = await checkpointFrom(s, arg, 'Export which checkpoint?');
    if (!cp?.meta) return undefined;
    let dest = asPath(destination);
    if (!dest) {
      const picked = await vscode.window.showOpenDialog({
        canSelectFolders: true,
        canSelectFiles: false,
        openLabel: 'Export Here',
        title: 'Folder to export the TF.js model and metadata.json into',
      });
      dest = picked?.[0]?.fsPath;
    }
    if (!dest) return undefined;
    try {
      const out = await exportCheckpoint(cp.dir, dest, `alexnet-${path.basename(cp.runDir)}-${cp.kind}`);
      s.output.info(`exported ${cp.dir} -> ${out}`);
      void vscode.window.showInformationMessage(`AlexNet: exported to ${out} (model.json, weights, metadata.json).`, 'Reveal').then((c) => {
        if (c) void vscode.commands.executeCommand('revealFileInOS', vscode.Uri.file(out));
      });
      return out;
    } catch (err) {
      void vscode.window.showErrorMessage(`AlexNet: export failed: ${errorMessage(err)}`);
      return undefined;
    }
  };
}

/** Shows a run or checkpoint folder in VS Code's Explorer when it lies in the workspace, else in the OS. */
export function revealInExplorerCommand(s: Services) {
  return async (arg?: unknown): Promise<void> => {
    let dir = asPath(arg);
    if (!dir) dir = (await pickRun(s, 'Reveal which run?'))?.dir;
    if (!dir) return;
    const uri = vscode.Uri.file(dir);
    if (vscode.workspace.getWorkspaceFolder(uri)) await vscode.commands.executeCommand('revealInExplorer', uri);
    else await vscode.commands.executeCommand('revealFileInOS', uri);
  };
}
