import * as assert from 'assert';
import * as vscode from 'vscode';
import { extension, manifest } from './extension';

/** Command ids other parts (menus, walkthroughs, tests, docs) rely on. */
const STABLE_COMMANDS = [
  'alexnet.train', 'alexnet.stopTraining', 'alexnet.resumeTraining', 'alexnet.classifyImage', 'alexnet.classifyFolder',
  'alexnet.selectCheckpoint', 'alexnet.deleteRun', 'alexnet.deleteCheckpoint', 'alexnet.exportCheckpoint',
  'alexnet.revealInExplorer', 'alexnet.checkDataset', 'alexnet.showLayerTable', 'alexnet.createSampleDataset',
  'alexnet.showBackendInfo', 'alexnet.refreshRuns', 'alexnet.importTorchCheckpoint',
];

describe('activation', () => {
  it('activates in a real extension host', async () => {
    const ext = extension();
    await ext.activate();
    assert.strictEqual(ext.isActive, true);
  });

  it('contributes the stable command ids', () => {
    const contributed = manifest().contributes.commands.map((c) => c.command);
    assert.deepStrictEqual(STABLE_COMMANDS.filter((id) => !contributed.includes(id)), []);
  });

  it('registers every command package.json contributes', async () => {
    const registered = new Set(await vscode.commands.getCommands(true));
    const missing = manifest().contributes.commands.map((c) => c.command).filter((id) => !registered.has(id));
    assert.deepStrictEqual(missing, [], `contributed but not registered: ${missing.join(', ')}`);
  });

  it('contributes the activity-bar container with the panel and the runs tree', () => {
    const m = manifest().contributes;
    assert.ok(m.viewsContainers.activitybar.some((c) => c.id === 'alexnet'));
    const views = m.views.alexnet ?? [];
    assert.ok(views.some((v) => v.id === 'alexnet.panel' && v.type === 'webview'), 'webview view alexnet.panel');
    assert.ok(views.some((v) => v.id === 'alexnet.runs'), 'tree view alexnet.runs');
  });
});
