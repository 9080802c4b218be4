/**
 * How a checkpoint is described to people (Runs view, pickers, tooltips): what was measured, and nothing that was
 * not. A stop inside an epoch saved weights that were never evaluated, so they get no test accuracy.
 */
import * as l10n from '@vscode/l10n';
import { CheckpointMeta } from './checkpointMeta';
import { fixed, percent } from './format';

/**
 * Which model answered a prediction: "20261128-080000/best · fer2013" (the checkpoint's run and kind, and the
 * dataset it was trained on), so a prediction from another run's checkpoint never passes for this one's.
 */
export function answeredBy(checkpoint: string, datasetDir?: string): string {
  const tail = (p: string, n: number) => p.split(/[\\/]/).filter(Boolean).slice(-n).join('/');
  return datasetDir ? `${tail(checkpoint, 2)} · ${tail(datasetDir, 1)}` : tail(checkpoint, 2);
}

/**
 * "epoch 3 · test 81.2%", or "stopped at batch 40 of epoch 2 · not evaluated": in the UI language where @vscode/l10n
 * has a bundle (the host), with `locale` for the numbers; English without.
 */
export function checkpointSummary(m: Pick<CheckpointMeta, 'epoch' | 'metrics' | 'stoppedAt'>, locale?: string): string {
  if (m.stoppedAt) return l10n.t('stopped at batch {0} of epoch {1} · not evaluated', m.stoppedAt.batch, m.stoppedAt.epoch);
  return m.metrics.testAcc === null
    ? l10n.t('epoch {0} · not evaluated', m.epoch)
    : l10n.t('epoch {0} · test {1}', m.epoch, percent(m.metrics.testAcc, 1, locale));
}

/** The tooltip's lines about training progress and metrics (markdown: the kind is bold). */
export function checkpointDetails(kind: string, m: Pick<CheckpointMeta, 'epoch' | 'metrics' | 'stoppedAt'>, locale?: string): string[] {
  const acc = (a: number) => percent(a, 2, locale);
  const loss = (l: number) => fixed(l, 4, locale);
  const { trainAcc, trainLoss, testAcc, testLoss } = m.metrics;
  if (m.stoppedAt) {
    const s = m.stoppedAt;
    return [
      l10n.t('**{0}** checkpoint, stopped at batch {1} of {2} in epoch {3} · not evaluated', kind, s.batch, s.batches, s.epoch),
      m.epoch === 1
        ? l10n.t('1 complete epoch before it; resuming goes on at batch {0}', s.batch + 1)
        : l10n.t('{0} complete epochs before it; resuming goes on at batch {1}', m.epoch, s.batch + 1),
      trainAcc === null || trainLoss === null
        ? l10n.t('train: not measured')
        : s.batch === 1
          ? l10n.t('train accuracy {0}, train loss {1} (running, over the 1 batch of epoch {2})', acc(trainAcc), loss(trainLoss), s.epoch)
          : l10n.t('train accuracy {0}, train loss {1} (running, over the {2} batches of epoch {3})', acc(trainAcc), loss(trainLoss), s.batch, s.epoch),
    ];
  }
  return [
    l10n.t('**{0}** checkpoint, epoch {1}', kind, m.epoch),
    testAcc === null || testLoss === null ? l10n.t('test: not measured') : l10n.t('test accuracy {0}, test loss {1}', acc(testAcc), loss(testLoss)),
    trainAcc === null || trainLoss === null ? l10n.t('train: not measured') : l10n.t('train accuracy {0}, train loss {1}', acc(trainAcc), loss(trainLoss)),
  ];
}
