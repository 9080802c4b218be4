/** One-line summaries of a batch and an epoch, as the extension's output channel and status bar and the CLI show them. */
import { duration, percent } from './format';
import { BatchEvent, EpochEvent } from './metrics';

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
