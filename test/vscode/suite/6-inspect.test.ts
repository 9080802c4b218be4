import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import * as vscode from 'vscode';
import type { GalleryView, InspectView } from '../../../src/shared/inspectView';
import { SUITE_DATASET } from '../harness/suiteDataset';
import { extension, workspaceDir } from './extension';

interface ExtensionApi {
  openConfusionCell(row: number, col: number): Promise<GalleryView | null>;
}

describe('inside the network', () => {
  it('Show Feature Maps on an Explorer image puts conv1\u2019s 96 maps and every other layer in the panel', async function () {
    this.timeout(3 * 60_000);
    const dir = path.join(workspaceDir(), SUITE_DATASET.folder, 'test', String(SUITE_DATASET.digits[0]));
    const image = path.join(dir, fs.readdirSync(dir).sort()[0]);
    const view = await vscode.commands.executeCommand<InspectView | null>('alexnet.showFeatureMaps', vscode.Uri.file(image));
    assert.ok(view?.maps, `no feature maps: ${view?.status}`);
    assert.strictEqual(view.image, image);
    const conv1 = view.maps.layers[0];
    assert.strictEqual(conv1.name, 'conv1');
    assert.strictEqual(conv1.shape[2], 96);
    assert.deepStrictEqual(view.maps.layers.map((l) => l.name).slice(-3), ['fc6', 'fc7', 'fc8']);
  });

  it('a confusion-matrix cell of the last epoch lists its test images, most confident first, and one opens in an editor', async function () {
    this.timeout(2 * 60_000);
    const api = (await extension().activate()) as ExtensionApi;
    const gallery = await api.openConfusionCell(0, 0);
    assert.ok(gallery, 'the panel shows the trained run\u2019s evaluation');
    assert.strictEqual(gallery.missing, '', gallery.missing);
    assert.ok(gallery.items.length > 0 && gallery.items.length === gallery.total, `${gallery.items.length} of ${gallery.total}`);
    const probabilities = gallery.items.map((i) => i.probability);
    assert.deepStrictEqual(probabilities, [...probabilities].sort((a, b) => b - a));
    for (const item of gallery.items) assert.strictEqual(item.trueClass, String(SUITE_DATASET.digits[0]));
    // What a click on a thumbnail runs (the webview posts openFile; the host opens it like this).
    await vscode.commands.executeCommand('vscode.open', vscode.Uri.file(gallery.items[0].file));
    const tab = vscode.window.tabGroups.activeTabGroup.activeTab;
    assert.ok(tab && tab.input && (tab.input as { uri?: vscode.Uri }).uri?.fsPath === gallery.items[0].file, `active tab: ${tab?.label}`);
  });
});
