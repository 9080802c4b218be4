/**
 * One-line summaries of a batch, an epoch and a progress count, as the extension's output channel, status bar and
 * notifications and the CLI show them.
 */
import { duration, percent } from './format';
import { BatchEvent, EpochEvent, ProgressEvent } from './metrics';

export function batchLine(e: BatchEvent): string {
  return `epoch ${e.epoch}/${e.epochs} · batch ${e.batch}/${e.batches} · loss ${e.loss.toFixed(3)} · ETA ${duration(e.etaSeconds)}`;
}

export function epochLine(e: EpochEvent): string {
  return (
    `epoch ${e.epoch}/${e.epochs}: train loss ${e.trainLoss.toFixed(4)} acc ${percent(e.trainAcc, 2)} · ` +
    `test loss ${e.testLoss.toFixed(4)} acc ${percent(e.testAcc, 2)} · lr ${e.lr} · ${e.seconds.toFixed(1)} s · ` +
    `${e.imagesPerSecond.toFixed(1)} img/s${e.best ? ' · best so far' : ''}`
  );
}

const LABELS: Record<ProgressEvent['phase'], string> = {
  scan: 'scanning class folders',
  decode: 'decoding images',
  train: 'training batches',
  test: 'testing images',
  classify: 'classifying images',
};

/** "decoding images: 12,000 of 35,887 (33%)". */
export function progressText(e: ProgressEvent): string {
  const pct = e.total > 0 ? ` (${Math.floor((e.done / e.total) * 100)}%)` : '';
  return `${LABELS[e.phase]}: ${e.done.toLocaleString('en-US')} of ${e.total.toLocaleString('en-US')}${pct}`;
}
