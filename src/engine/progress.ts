/**
 * Progress with counts for long steps (scan, decode, train, test, classify), at most twice a second, and the
 * cancel signal those steps honour between files. The engine reports; the CLI prints, the extension shows.
 */
import { ProgressEvent, ProgressPhase } from '../shared/metrics';

export const PROGRESS_INTERVAL_MS = 500;

export type ProgressSink = (event: ProgressEvent) => void;

/** What a long engine step takes besides its own arguments. */
export interface StepControl {
  onProgress?: ProgressSink;
  signal?: AbortSignal;
}

export type Report = (phase: ProgressPhase, done: number, total: number) => void;

/**
 * A reporter that passes on the first count of a phase and its last (done === total) always, others at most once
 * per interval, so a fast loop costs nothing and a slow one is never silent for long.
 */
export function throttled(sink: ProgressSink | undefined, intervalMs = PROGRESS_INTERVAL_MS): Report {
  if (!sink) return () => undefined;
  let last = -Infinity;
  let lastPhase: ProgressPhase | undefined;
  return (phase, done, total) => {
    const now = performance.now();
    if (phase === lastPhase && done < total && now - last < intervalMs) return;
    last = now;
    lastPhase = phase;
    sink({ event: 'progress', phase, done, total });
  };
}

export class CancelledError extends Error {
  constructor() {
    super('cancelled');
    this.name = 'AbortError';
  }
}

/** Throws CancelledError once `signal` has fired: called between files, so a cancel takes effect within one. */
export function throwIfCancelled(signal: AbortSignal | undefined): void {
  if (signal?.aborted) throw new CancelledError();
}
