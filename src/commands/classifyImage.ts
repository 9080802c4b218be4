import * as path from 'path';
import * as vscode from 'vscode';
import { isImageFile } from '../shared/imageFiles';
import { Services } from '../services';
import { ClassifyResult } from '../shared/checkpointMeta';
import { answeredBy } from '../shared/checkpointText';
import { percent } from '../shared/format';
import { requireTrust } from '../workspaceTrust';
import { asPaths, errorMessage } from './args';
import { checkpointOrExplain, classifyWithProgress } from './classifyShared';

/**
 * AlexNet: Classify Image: from the Explorer (one or several selected images), the editor title of an open image,
 * or the palette (a file dialog). Top-k per image in the panel, top-1 in a notification.
 */
export function classifyImageCommand(s: Services) {
  return async (first?: unknown, all?: unknown): Promise<ClassifyResult | undefined> => {
    if (!requireTrust('Classification')) return undefined;
    let paths = asPaths(first ?? vscode.window.activeTextEditor?.document.uri, all).filter(isImageFile);
    if (paths.length === 0) {
      const picked = await vscode.window.showOpenDialog({
        canSelectMany: true,
        openLabel: 'Classify',
        filters: { Images: ['png', 'jpg', 'jpeg', 'gif', 'webp', 'bmp', 'tif', 'tiff', 'ppm', 'pgm'] },
        defaultUri: vscode.workspace.workspaceFolders?.[0]?.uri,
      });
      paths = (picked ?? []).map((u) => u.fsPath);
    }
    if (paths.length === 0) return undefined;
    const cp = await checkpointOrExplain(s);
    if (!cp) return undefined;
    try {
      const label = paths.length === 1 ? path.basename(paths[0]) : `${paths.length} images`;
      const result = await classifyWithProgress(s, cp, paths, `AlexNet: classifying ${label}`);
      await s.panel.showPredictions(result, result.files);
      void s.panel.reveal('predictions');
      for (const f of result.files) {
        const top = f.top[0];
        s.output.info(`${f.file}: ${f.error ?? f.top.map((p) => `${p.class} ${percent(p.probability)}`).join(', ')}`);
        if (f.error) void vscode.window.showWarningMessage(`AlexNet: ${path.basename(f.file)}: ${f.error}`);
        else if (result.files.length <= 3 && top) {
          void vscode.window.showInformationMessage(`AlexNet: ${path.basename(f.file)} is "${top.class}" (${percent(top.probability)}), by ${answeredBy(result.checkpoint, result.datasetDir)}.`);
        }
      }
      if (result.files.length > 3) {
        const ok = result.files.filter((f) => !f.error).length;
        void vscode.window.showInformationMessage(`AlexNet: classified ${ok} of ${result.files.length} images with ${answeredBy(result.checkpoint, result.datasetDir)}; see the panel.`);
      }
      return result;
    } catch (err) {
      if (errorMessage(err) === 'cancelled') return undefined; // the user pressed Cancel
      s.output.error(`classify: ${errorMessage(err)}`);
      void vscode.window.showErrorMessage(`AlexNet: classification failed: ${errorMessage(err)}`);
      return undefined;
    }
  };
}
