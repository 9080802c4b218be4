/**
 * How a checkpoint is described to people (Runs view, pickers, tooltips): what was measured, and nothing that was
 * not. A stop inside an epoch saved weights that were never evaluated, so they get no test accuracy.
 */
import { CheckpointMeta } from './checkpointMeta';
import { percent } from './format';

/**
 * Which model answered a prediction: "20261128-080000/best · fer2013" (the checkpoint's run and kind, and the
 * dataset it was trained on), so a prediction from another run's checkpoint never passes for this one's.
 */
export function answeredBy(checkpoint: string, datasetDir?: string): string {
  const tail = (p: string, n: number) => p.split(/[\\/]/).filter(Boolean).slice(-n).join('/');
  return datasetDir ? `${tail(checkpoint, 2)} · ${tail(datasetDir, 1)}` : tail(checkpoint, 2);
}

/** "epoch 3 · test 81.2%", or "stopped at batch 40 of epoch 2 · not evaluated". */
export function checkpointSummary(m: Pick<CheckpointMeta, 'epoch' | 'metrics' | 'stoppedAt'>): string {
  if (m.stoppedAt) return `stopped at batch ${m.stoppedAt.batch} of epoch ${m.stoppedAt.epoch} · not evaluated`;
  return m.metrics.testAcc === null ? `epoch ${m.epoch} · not evaluated` : `epoch ${m.epoch} · test ${percent(m.metrics.testAcc)}`;
}

const measured = (what: string, acc: number | null, loss: number | null) =>
  acc === null || loss === null ? `${what}: not measured` : `${what} accuracy ${percent(acc, 2)}, ${what} loss ${loss.toFixed(4)}`;

/** The tooltip's lines about training progress and metrics. */
export function checkpointDetails(kind: string, m: Pick<CheckpointMeta, 'epoch' | 'metrics' | 'stoppedAt'>): string[] {
  if (m.stoppedAt) {
    const s = m.stoppedAt;
    return [
      `**${kind}** checkpoint, stopped at batch ${s.batch} of ${s.batches} in epoch ${s.epoch} · not evaluated`,
      `${m.epoch} complete epoch${m.epoch === 1 ? '' : 's'} before it; resuming goes on at batch ${s.batch + 1}`,
      m.metrics.trainAcc === null || m.metrics.trainLoss === null
        ? 'train: not measured'
        : `train accuracy ${percent(m.metrics.trainAcc, 2)}, train loss ${m.metrics.trainLoss.toFixed(4)} (running, over the ${s.batch} batches of epoch ${s.epoch})`,
    ];
  }
  return [`**${kind}** checkpoint, epoch ${m.epoch}`, measured('test', m.metrics.testAcc, m.metrics.testLoss), measured('train', m.metrics.trainAcc, m.metrics.trainLoss)];
}
