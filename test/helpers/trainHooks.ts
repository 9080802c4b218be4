import { TrainHooks } from '../../src/engine/train';
import { TrainEvent } from '../../src/shared/metrics';

/** Hooks that record every event into `events` and ask for a stop once `stopAfterBatches` batches have run. */
export function recordingHooks(events: TrainEvent[], stopAfterBatches = Infinity): TrainHooks {
  let batches = 0;
  return {
    emit: (e) => {
      events.push(e);
      if (e.event === 'batch') batches++;
    },
    log: () => undefined,
    stopRequested: () => batches >= stopAfterBatches,
  };
}
