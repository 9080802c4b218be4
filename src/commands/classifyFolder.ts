import * as path from 'path';
import * as vscode from 'vscode';
import { Services } from '../services';
import { ClassifyResult } from '../shared/checkpointMeta';
import { answeredBy } from '../shared/checkpointText';
import { percent } from '../shared/format';
import { pickFolder } from '../ui/pickFolder';
import { count, uiLocale } from '../uiLanguage';
import { requireTrust } from '../workspaceTrust';
import { asPath } from './args';
import { checkpointOrExplain, classifyWithProgress } from './classifyShared';
import { errorMessage } from '../shared/messages';

/** Files shown in the panel after a folder: mistakes first, since those are worth a look. */
const SHOWN = 12;

/** AlexNet: Classify Folder: every image in it; accuracy and confusion matrix when it is laid out as classes. */
export function classifyFolderCommand(s: Services) {
  return async (arg?: unknown): Promise<ClassifyResult | undefined> => {
    if (!requireTrust(vscode.l10n.t('Classification'))) return undefined;
    let dir = asPath(arg);
    dir ??= await pickFolder(vscode.l10n.t('Classify'), vscode.l10n.t('A folder of images, or of class folders (then accuracy and a confusion matrix are shown)'));
    if (!dir) return undefined;
    const cp = await checkpointOrExplain(s);
    if (!cp) return undefined;
    try {
      const result = await classifyWithProgress(s, cp, [dir], vscode.l10n.t('AlexNet: classifying {0}', path.basename(dir)));
      const wrong = (f: ClassifyResult['files'][number]) => Boolean(f.error) || (f.trueClass !== undefined && f.top[0]?.class !== f.trueClass);
      const shown = [...result.files.filter(wrong), ...result.files.filter((f) => !wrong(f))].slice(0, SHOWN);
      await s.panel.showPredictions(result, shown.reverse());
      const ev = result.evaluation;
      if (ev) {
        const source = vscode.l10n.t('folder {0}', vscode.workspace.asRelativePath(dir));
        s.inspector.rememberFolder(source, result);
        s.panel.showEvaluation({ source, classes: result.classes, ...ev });
        void s.panel.reveal('evaluation');
        s.output.info(`${dir}: accuracy ${percent(ev.accuracy, 2)} on ${ev.count} images`);
        const by = answeredBy(result.checkpoint, result.datasetDir);
        void vscode.window.showInformationMessage(
          vscode.l10n.t('AlexNet: {0}: accuracy {1} on {2} images, by {3}.', path.basename(dir), percent(ev.accuracy, 2, uiLocale()), count(ev.count), by),
        );
      } else {
        void s.panel.reveal('predictions');
        const by = answeredBy(result.checkpoint, result.datasetDir);
        void vscode.window.showInformationMessage(vscode.l10n.t('AlexNet: classified {0} images in {1} with {2}; see the panel.', count(result.files.length), path.basename(dir), by));
      }
      return result;
    } catch (err) {
      if (errorMessage(err) === 'cancelled') return undefined; // the user pressed Cancel
      s.output.error(`classify folder: ${errorMessage(err)}`);
      void vscode.window.showErrorMessage(vscode.l10n.t('AlexNet: classification failed: {0}', errorMessage(err)));
      return undefined;
    }
  };
}
