/**
 * One-line summaries of a batch, an epoch and a progress count. progressText and batchLine are what the
 * extension's notifications and status bar show: in the UI language where @vscode/l10n has a bundle (the host),
 * with `locale` for the numbers; English in the CLI. epochLine is for the CLI and the extension's log, which stay
 * English.
 */
import * as l10n from '@vscode/l10n';
import { duration, fixed, percent, thousands } from './format';
import { BatchEvent, EpochEvent, ProgressEvent } from './metrics';

/** "epoch 2/10 · batch 40/1795 · loss 1.234 · ETA 3m05s". */
export function batchLine(e: BatchEvent, locale?: string): string {
  return l10n.t('epoch {0}/{1} · batch {2}/{3} · loss {4} · ETA {5}', e.epoch, e.epochs, e.batch, e.batches, fixed(e.loss, 3, locale), duration(e.etaSeconds, locale));
}

/** The epoch's line in the CLI's output and the extension's log (English in both). */
export function epochLine(e: EpochEvent): string {
  return (
    `epoch ${e.epoch}/${e.epochs}: train loss ${e.trainLoss.toFixed(4)} acc ${percent(e.trainAcc, 2)} · ` +
    `test loss ${e.testLoss.toFixed(4)} acc ${percent(e.testAcc, 2)} · lr ${e.lr} · ${e.seconds.toFixed(1)} s · ` +
    `${e.imagesPerSecond.toFixed(1)} img/s${e.best ? ' · best so far' : ''}`
  );
}

type Counts = { done: string; total: string; pct: string };

/** Each phase's whole sentence, with and without the percentage (no total yet). */
const TEMPLATES: Record<ProgressEvent['phase'], (c: Counts, withPct: boolean) => string> = {
  scan: (c, withPct) => (withPct ? l10n.t('scanning class folders: {0} of {1} ({2})', c.done, c.total, c.pct) : l10n.t('scanning class folders: {0} of {1}', c.done, c.total)),
  decode: (c, withPct) => (withPct ? l10n.t('decoding images: {0} of {1} ({2})', c.done, c.total, c.pct) : l10n.t('decoding images: {0} of {1}', c.done, c.total)),
  train: (c, withPct) => (withPct ? l10n.t('training batches: {0} of {1} ({2})', c.done, c.total, c.pct) : l10n.t('training batches: {0} of {1}', c.done, c.total)),
  test: (c, withPct) => (withPct ? l10n.t('testing images: {0} of {1} ({2})', c.done, c.total, c.pct) : l10n.t('testing images: {0} of {1}', c.done, c.total)),
  classify: (c, withPct) => (withPct ? l10n.t('classifying images: {0} of {1} ({2})', c.done, c.total, c.pct) : l10n.t('classifying images: {0} of {1}', c.done, c.total)),
};

/** "decoding images: 12,000 of 35,887 (33%)"; the numbers in `locale` (English grouping without one, as the CLI shows). */
export function progressText(e: ProgressEvent, locale?: string): string {
  const pct = e.total > 0 ? percent(Math.floor((e.done / e.total) * 100) / 100, 0, locale) : '';
  return TEMPLATES[e.phase]({ done: thousands(e.done, locale), total: thousands(e.total, locale), pct }, e.total > 0);
}
