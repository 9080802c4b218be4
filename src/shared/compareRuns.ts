/** Runs side by side: their curves and what differs in their configuration. Plain data, built by the host. */
import * as l10n from '@vscode/l10n';
import { CheckpointMeta } from './checkpointMeta';
import { EpochEvent } from './metrics';

export interface ComparedRun {
  name: string;
  dir: string;
  epochs: Pick<EpochEvent, 'epoch' | 'trainLoss' | 'testLoss' | 'trainAcc' | 'testAcc'>[];
  /** Setting -> value as shown, for every setting in COMPARED_SETTINGS. */
  config: Record<string, string>;
  bestAcc: number | null;
  lastAcc: number | null;
}

export interface CompareView {
  runs: ComparedRun[];
  /** Settings whose values differ between the runs, in COMPARED_SETTINGS order. */
  differing: string[];
}

/**
 * What a reader compares: the tutorial's hyper-parameters, the augmentation, the backend and the data. `key` is
 * stable (CompareView.config and .differing use it); `label` and the values' words are in the UI language where
 * @vscode/l10n has a bundle: the host builds the values, the webview renders the labels.
 */
export const COMPARED_SETTINGS: readonly { key: string; label: () => string; value: (m: CheckpointMeta) => unknown }[] = [
  { key: 'lr', label: () => l10n.t('learning rate'), value: (m) => m.config.lr },
  { key: 'batchSize', label: () => l10n.t({ message: 'batch', comment: ['Compare Runs row: the batch size'] }), value: (m) => m.config.batchSize },
  { key: 'inputSize', label: () => l10n.t('input size'), value: (m) => m.inputSize },
  { key: 'epochs', label: () => l10n.t('epochs'), value: (m) => m.config.epochs },
  { key: 'momentum', label: () => l10n.t('momentum'), value: (m) => m.config.momentum },
  { key: 'weightDecay', label: () => l10n.t('weight decay'), value: (m) => m.config.weightDecay },
  { key: 'schedule', label: () => 'StepLR', value: (m) => `${m.config.stepSize} / ${m.config.gamma}` },
  {
    key: 'augmentation',
    label: () => l10n.t('augmentation'),
    value: (m) =>
      [m.config.hflip && l10n.t('horizontal flips'), m.config.vflip && l10n.t('vertical flips'), m.config.randomCrop && l10n.t('random crops')]
        .filter(Boolean)
        .join(l10n.t({ message: ', ', comment: ['Compare Runs: between the augmentations a run used (Chinese: 、)'] })) ||
      l10n.t({ message: 'none', comment: ['Compare Runs: a run trained without augmentation'] }),
  },
  {
    key: 'model',
    label: () => l10n.t({ message: 'model', comment: ['Compare Runs row: initialisation, LRN and dropout'] }),
    value: (m) => (m.config.lrn ? l10n.t('{0} init, LRN, dropout {1}', m.config.init, m.config.dropout) : l10n.t('{0} init, dropout {1}', m.config.init, m.config.dropout)),
  },
  { key: 'seed', label: () => l10n.t('seed'), value: (m) => m.config.seed },
  { key: 'backend', label: () => l10n.t({ message: 'backend', comment: ['Compare Runs row: the TensorFlow.js backend a run trained on'] }), value: (m) => m.backend },
  { key: 'dataset', label: () => l10n.t({ message: 'dataset', comment: ['Compare Runs row: the dataset folder'] }), value: (m) => m.config.datasetDir },
  { key: 'fingerprint', label: () => l10n.t('dataset fingerprint'), value: (m) => m.datasetFingerprint.slice(0, 12) },
];

export function compareRuns(runs: { name: string; dir: string; meta: CheckpointMeta | undefined; epochs: EpochEvent[] }[]): CompareView {
  const compared: ComparedRun[] = runs.map((r) => ({
    name: r.name,
    dir: r.dir,
    epochs: r.epochs.map((e) => ({ epoch: e.epoch, trainLoss: e.trainLoss, testLoss: e.testLoss, trainAcc: e.trainAcc, testAcc: e.testAcc })),
    config: Object.fromEntries(COMPARED_SETTINGS.map((s) => [s.key, r.meta ? String(s.value(r.meta)) : '?'])),
    bestAcc: r.epochs.length ? Math.max(...r.epochs.map((e) => e.testAcc)) : null,
    lastAcc: r.epochs.length ? r.epochs[r.epochs.length - 1].testAcc : null,
  }));
  const differing = COMPARED_SETTINGS.map((s) => s.key).filter((k) => new Set(compared.map((r) => r.config[k])).size > 1);
  return { runs: compared, differing };
}
