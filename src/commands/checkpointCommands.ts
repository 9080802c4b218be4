/** Select, delete and export checkpoints, delete runs: from the Runs view's context menu or the palette. */
import * as fs from 'fs/promises';
import * as path from 'path';
import * as vscode from 'vscode';
import { exportCheckpoint } from '../runs/exportCheckpoint';
import { CheckpointInfo, RunInfo, readCheckpointAt, readRun } from '../runs/runStore';
import { Services } from '../services';
import { pickFolder } from '../ui/pickFolder';
import { asPath, isNode } from './args';
import { pickCheckpoint, pickRun } from './pickRunOrCheckpoint';
import { errorMessage } from '../shared/messages';

async function checkpointFrom(s: Services, arg: unknown, placeHolder: string): Promise<CheckpointInfo | undefined> {
  if (isNode(arg) && arg.kind === 'checkpoint') return arg.checkpoint;
  const p = asPath(arg);
  if (p) {
    const cp = await readCheckpointAt(p);
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
    const cp = await checkpointFrom(s, arg, vscode.l10n.t('Use which checkpoint for predictions?'));
    if (!cp) return undefined;
    if (!cp.meta) {
      void vscode.window.showErrorMessage(vscode.l10n.t('AlexNet: {0} cannot be used: {1}', cp.dir, cp.problem ?? vscode.l10n.t('unreadable')));
      return undefined;
    }
    await s.runs.select(cp.dir);
    s.output.info(`predictions now use ${cp.dir}`);
    return cp.dir;
  };
}

/**
 * Deletes a run folder or one checkpoint of it after a modal confirmation, unless that run is training; a chosen
 * checkpoint inside goes back to the default.
 */
async function deleteFolder(s: Services, target: { dir: string; runDir: string; what: string; question: string; detail: string }): Promise<boolean> {
  if (s.training.isTraining(target.runDir)) {
    void vscode.window.showWarningMessage(vscode.l10n.t('AlexNet: this run is training; stop it first.'));
    return false;
  }
  const remove = vscode.l10n.t('Delete');
  const choice = await vscode.window.showWarningMessage(target.question, { modal: true, detail: target.detail }, remove);
  if (choice !== remove) return false;
  await fs.rm(target.dir, { recursive: true, force: true });
  const selected = s.runs.selected;
  if (selected && (selected === target.dir || selected.startsWith(target.dir + path.sep))) await s.runs.select(undefined);
  s.output.info(`deleted ${target.what}: ${target.dir}`);
  s.runs.changed();
  return true;
}

export function deleteRunCommand(s: Services) {
  return async (arg?: unknown): Promise<boolean> => {
    const run = await runFrom(s, arg, vscode.l10n.t('Delete which run?'));
    if (!run) return false;
    return deleteFolder(s, {
      dir: run.dir,
      runDir: run.dir,
      what: `run ${run.name}`,
      question: vscode.l10n.t('Delete run {0}?', run.name),
      detail: vscode.l10n.t('{0}\nand all its checkpoints will be deleted from disk.', run.dir),
    });
  };
}

export function deleteCheckpointCommand(s: Services) {
  return async (arg?: unknown): Promise<boolean> => {
    const cp = await checkpointFrom(s, arg, vscode.l10n.t('Delete which checkpoint?'));
    if (!cp) return false;
    return deleteFolder(s, {
      dir: cp.dir,
      runDir: cp.runDir,
      what: `the ${cp.kind} checkpoint of ${path.basename(cp.runDir)}`,
      question: vscode.l10n.t('Delete the {0} checkpoint of {1}?', cp.kind, path.basename(cp.runDir)),
      detail: cp.dir,
    });
  };
}

export function exportCheckpointCommand(s: Services) {
  return async (arg?: unknown, destination?: unknown): Promise<string | undefined> => {
    const cp = await checkpointFrom(s, arg, vscode.l10n.t('Export which checkpoint?'));
    if (!cp?.meta) return undefined;
    const dest = asPath(destination) ?? (await pickFolder(vscode.l10n.t('Export Here'), vscode.l10n.t('Folder to export the TF.js model and metadata.json into')));
    if (!dest) return undefined;
    try {
      const out = await exportCheckpoint(cp.dir, dest, `alexnet-${path.basename(cp.runDir)}-${cp.kind}`);
      s.output.info(`exported ${cp.dir} -> ${out}`);
      const reveal = vscode.l10n.t('Reveal');
      void vscode.window.showInformationMessage(vscode.l10n.t('AlexNet: exported to {0} (model.json, weights, metadata.json).', out), reveal).then((c) => {
        if (c) void vscode.commands.executeCommand('revealFileInOS', vscode.Uri.file(out));
      });
      return out;
    } catch (err) {
      void vscode.window.showErrorMessage(vscode.l10n.t('AlexNet: export failed: {0}', errorMessage(err)));
      return undefined;
    }
  };
}

/** Shows a run or checkpoint folder in VS Code's Explorer when it lies in the workspace, else in the OS. */
export function revealInExplorerCommand(s: Services) {
  return async (arg?: unknown): Promise<void> => {
    let dir = asPath(arg);
    if (!dir) dir = (await pickRun(s, vscode.l10n.t('Reveal which run?')))?.dir;
    if (!dir) return;
    const uri = vscode.Uri.file(dir);
    if (vscode.workspace.getWorkspaceFolder(uri)) await vscode.commands.executeCommand('revealInExplorer', uri);
    else await vscode.commands.executeCommand('revealFileInOS', uri);
  };
}
