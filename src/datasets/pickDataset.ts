/** Picks a class-folder dataset: those found in the workspace with their counts, or a folder dialog. Remembered per workspace. */
import * as path from 'path';
import * as vscode from 'vscode';
import { pickFolder } from '../ui/pickFolder';
import { count } from '../uiLanguage';
import { FoundDataset, findDatasets } from './findDatasets';

const LAST_DATASET = 'alexnet.dataset';

interface DatasetItem extends vscode.QuickPickItem {
  dir?: string;
  browse?: boolean;
}

function describe(d: FoundDataset): string {
  return vscode.l10n.t('{0} classes · {1} train / {2} {3} images', d.classes.length, count(d.trainImages), count(d.testImages), path.basename(d.testDir));
}

export function rememberedDataset(state: vscode.Memento): string | undefined {
  return state.get<string>(LAST_DATASET);
}

export function rememberDataset(state: vscode.Memento, dir: string): Thenable<void> {
  return state.update(LAST_DATASET, dir);
}

export async function pickDataset(state: vscode.Memento, title = vscode.l10n.t('AlexNet: pick a dataset')): Promise<string | undefined> {
  const roots = (vscode.workspace.workspaceFolders ?? []).map((f) => f.uri.fsPath);
  const last = rememberedDataset(state);
  const quickPick = vscode.window.createQuickPick<DatasetItem>();
  quickPick.title = title;
  quickPick.placeholder = vscode.l10n.t('Class-folder datasets (train/ and test/ folders of class folders) in this workspace');
  quickPick.busy = true;
  const browse: DatasetItem = { label: `$(folder-opened) ${vscode.l10n.t('Choose a folder…')}`, browse: true, alwaysShow: true };
  quickPick.items = [browse];
  quickPick.show();
  void findDatasets(roots).then((found) => {
    const items: DatasetItem[] = found.map((d) => ({
      label: `$(database) ${path.basename(d.root)}`,
      description: describe(d),
      detail: `${vscode.workspace.asRelativePath(d.root)}${d.root === last ? ` · ${vscode.l10n.t('last used')}` : ''} · ${d.classes.slice(0, 10).join(', ')}${d.classes.length > 10 ? ', …' : ''}`,
      dir: d.root,
    }));
    // The remembered dataset first, even if it is outside the workspace.
    items.sort((a, b) => Number(b.dir === last) - Number(a.dir === last));
    if (last && !items.some((i) => i.dir === last)) {
      items.unshift({ label: `$(history) ${path.basename(last)}`, description: vscode.l10n.t('last used'), detail: last, dir: last });
    }
    quickPick.items = [...items, browse];
    quickPick.busy = false;
    if (items.length === 0) quickPick.placeholder = vscode.l10n.t('No train/ + test/ class-folder dataset found in the workspace: choose a folder');
  });
  const choice = await new Promise<DatasetItem | undefined>((resolve) => {
    quickPick.onDidAccept(() => resolve(quickPick.selectedItems[0]));
    quickPick.onDidHide(() => resolve(undefined));
  });
  quickPick.dispose();
  if (!choice) return undefined;
  let dir = choice.dir;
  if (choice.browse) dir = await pickFolder(vscode.l10n.t('Use as dataset'), vscode.l10n.t('A folder with train/ and test/ class folders, or with class folders only'));
  if (dir) await rememberDataset(state, dir);
  return dir;
}
