import * as path from 'path';
import * as vscode from 'vscode';
import { isImageFile } from '../shared/imageFiles';
import { Services } from '../services';
import { ClassifyResult } from '../shared/checkpointMeta';
import { answeredBy } from '../shared/checkpointText';
import { percent } from '../shared/format';
import { errorMessage, localized } from '../shared/messages';
import { count, uiLocale } from '../uiLanguage';
import { requireTrust } from '../workspaceTrust';
import { asPaths } from './args';
import { checkpointOrExplain, classifyWithProgress } from './classifyShared';

/**
 * AlexNet: Classify Image: from the Explorer (one or several selected images), the editor title of an open image,
 * or the palette (a file dialog). Top-k per image in the panel, top-1 in a notification.
 */
export function classifyImageCommand(s: Services) {
  return async (first?: unknown, all?: unknown): Promise<ClassifyResult | undefined> => {
    if (!requireTrust(vscode.l10n.t('Classification'))) return undefined;
    let paths = asPaths(first ?? vscode.window.activeTextEditor?.document.uri, all).filter(isImageFile);
    if (paths.length === 0) {
      const picked = await vscode.window.showOpenDialog({
        canSelectMany: true,
        openLabel: vscode.l10n.t('Classify'),
        filters: { [vscode.l10n.t('Images')]: ['png', 'jpg', 'jpeg', 'gif', 'webp', 'bmp', 'tif', 'tiff', 'ppm', 'pgm'] },
        defaultUri: vscode.workspace.workspaceFolders?.[0]?.uri,
      });
      paths = (picked ?? []).map((u) => u.fsPath);
    }
    if (paths.length === 0) return undefined;
    const cp = await checkpointOrExplain(s);
    if (!cp) return undefined;
    try {
      const label = paths.length === 1 ? path.basename(paths[0]) : vscode.l10n.t('{0} images', count(paths.length));
      const result = await classifyWithProgress(s, cp, paths, vscode.l10n.t('AlexNet: classifying {0}', label));
      await s.panel.showPredictions(result, result.files);
      void s.panel.reveal('predictions');
      for (const f of result.files) {
        const top = f.top[0];
        s.output.info(`${f.file}: ${f.error ?? f.top.map((p) => `${p.class} ${percent(p.probability)}`).join(', ')}`);
        if (f.error) void vscode.window.showWarningMessage(vscode.l10n.t('AlexNet: {0}: {1}', path.basename(f.file), localized(f.error, f.errorMessage)));
        else if (result.files.length <= 3 && top) {
          const by = answeredBy(result.checkpoint, result.datasetDir);
          void vscode.window.showInformationMessage(vscode.l10n.t('AlexNet: {0} is "{1}" ({2}), by {3}.', path.basename(f.file), top.class, percent(top.probability, 1, uiLocale()), by));
        }
      }
      if (result.files.length > 3) {
        const ok = result.files.filter((f) => !f.error).length;
        const by = answeredBy(result.checkpoint, result.datasetDir);
        void vscode.window.showInformationMessage(vscode.l10n.t('AlexNet: classified {0} of {1} images with {2}; see the panel.', count(ok), count(result.files.length), by));
      }
      return result;
    } catch (err) {
      if (errorMessage(err) === 'cancelled') return undefined; // the user pressed Cancel
      s.output.error(`classify: ${errorMessage(err)}`);
      void vscode.window.showErrorMessage(vscode.l10n.t('AlexNet: classification failed: {0}', errorMessage(err)));
      return undefined;
    }
  };
}
