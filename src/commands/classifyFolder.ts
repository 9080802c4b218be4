import * as path from 'path';
import * as vscode from 'vscode';
import { Services } from '../services';
import { ClassifyResult } from '../shared/checkpointMeta';
import { answeredBy } from '../shared/checkpointText';
import { percent } from '../shared/format';
import { pickFolder } from '../ui/pickFolder';
import { requireTrust } from '../workspaceTrust';
import { asPath, errorMessage } from './args';
import { checkpointOrExplain, classifyWithProgress } from './classifyShared';

/** Files shown in the panel after a folder: mistakes first, since those are worth a look. */
const SHOWN = 12;

/** AlexNet: Classify Folder: every image in it; accuracy and confusion matrix when it is laid out as classes. */
export function classifyFolderCommand(s: Services) {
  return async (arg?: unknown): Promise<ClassifyResult | undefined> => {
    if (!requireTrust('Classification')) return undefined;
    let dir = asPath(arg);
    dir ??= await pickFolder('Classify', 'A folder of images, or of class folders (then accuracy and a confusion matrix are shown)');
    if (!dir) return undefined;
    const cp = await checkpointOrExplain(s);
    if (!cp) return undefined;
    try {
      const result = await classifyWithProgress(s, cp, [dir], `AlexNet: classifying ${path.basename(dir)}`);
      const wrong = (f: ClassifyResult['files'][number]) => Boolean(f.error) || (f.trueClass !== undefined && f.top[0]?.class !== f.trueClass);
      const shown = [...result.files.filter(wrong), ...result.files.filter((f) => !wrong(f))].slice(0, SHOWN);
      await s.panel.showPredictions(result, shown.reverse());
      const ev = result.evaluation;
      if (ev) {
        const source = `folder ${vscode.workspace.asRelativePath(dir)}`;
        s.inspector.rememberFolder(source, result);
        s.panel.showEvaluation({ source, classes: result.classes, ...ev });
        void s.panel.reveal('evaluation');
        s.output.info(`${dir}: accuracy ${percent(ev.accuracy, 2)} on ${ev.count} images`);
        void vscode.window.showInformationMessage(`AlexNet: ${path.basename(dir)}: accuracy ${percent(ev.accuracy, 2)} on ${ev.count} images, by ${answeredBy(result.checkpoint, result.datasetDir)}.`);
      } else {
        void s.panel.reveal('predictions');
        void vscode.window.showInformationMessage(`AlexNet: classified ${result.files.length} images in ${path.basename(dir)} with ${answeredBy(result.checkpoint, result.datasetDir)}; see the panel.`);
      }
      return result;
    } catch (err) {
      if (errorMessage(err) === 'cancelled') return undefined; // the user pressed Cancel
      s.output.error(`classify folder: ${errorMessage(err)}`);
      void vscode.window.showErrorMessage(`AlexNet: classification failed: ${errorMessage(err)}`);
      return undefined;
    }
  };
}
