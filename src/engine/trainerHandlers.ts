/**
 * One handler per entry of TrainerApi (src/shared/trainerProtocol.ts): the trainer process's whole job.
 * Each runs alone in its process (trainerProcess.ts queues them), so each may pick the tf backend it needs.
 */
import { EventOf, ParamsOf, ResultOf, TrainerMethod, TrainParams } from '../shared/trainerProtocol';
import { DEFAULT_TRAIN_CONFIG, TrainConfig } from '../shared/trainConfig';
import { selectBackend } from './backend';
import { classify } from './classify';
import { checkDataset } from './datasetCheck';
import { checkDatasetCached, datasetSummary } from './datasetSummaryCache';
import { inspectHandlers } from './inspect/inspectHandlers';
import { buildLayerTable } from './layerTable';
import { writeSampleDataset } from './sampleData';
import { importTorchCheckpoint, inspectTorchCheckpoint } from './torch/importTorch';
import { runTraining } from './train';

export interface RequestContext<K extends TrainerMethod> {
  /** Streams one of the request's events to the host before its result. */
  emit(event: EventOf<K>): void;
  log(level: 'info' | 'warn' | 'error', message: string): void;
  /** True once the host cancelled the request; handlers listed in STOPPABLE check it and end cleanly. */
  cancelled(): boolean;
  /** Fires when the host cancels the request, for engine steps that take an AbortSignal. */
  signal: AbortSignal;
}

export type Handlers = { [K in TrainerMethod]: (params: ParamsOf<K>, ctx: RequestContext<K>) => Promise<ResultOf<K>> };

/** A resume asks only for the run folder, the new total and the backend: runTraining reads the rest from its last checkpoint. */
function trainConfigFor(params: TrainParams): TrainConfig {
  if ('config' in params) return params.config;
  return { ...DEFAULT_TRAIN_CONFIG, datasetDir: '', resume: params.resume, epochs: params.epochs ?? 0, backend: params.backend };
}

export const handlers: Handlers = {
  backend: (p) => selectBackend(p.backend),
  check: (p, ctx) => {
    const options = { valFraction: p.valFraction, seed: p.seed, onProgress: ctx.emit, signal: ctx.signal };
    return p.cacheDir ? checkDatasetCached(p.datasetDir, p.cacheDir, options) : checkDataset(p.datasetDir, options);
  },
  summary: (p, ctx) => datasetSummary(p.datasetDir, p.cacheDir, { valFraction: p.valFraction, seed: p.seed, onProgress: ctx.emit, signal: ctx.signal }),
  // Shapes and counts only: the cpu backend builds the model without native code or kernels. A later request
  // selects its own backend again (selectBackend switches back), so this does not leave the process on cpu.
  layers: async (p) => {
    await selectBackend('cpu');
    return buildLayerTable(p.config);
  },
  classify: async (p, ctx) => {
    await selectBackend(p.backend);
    return classify(p.checkpoint, p.paths, p.topK, { onProgress: ctx.emit, signal: ctx.signal });
  },
  sampleData: (p) => writeSampleDataset(p.dir, p.perClassTrain, p.perClassTest),
  train: (p, ctx) =>
    runTraining(trainConfigFor(p), {
      emit: (event) => {
        if (event.event === 'batch') ctx.emit({ type: 'batch', event });
        else if (event.event === 'epoch') ctx.emit({ type: 'epoch', event });
        else if (event.event === 'progress') ctx.emit({ type: 'progress', event });
      },
      log: ctx.log,
      backend: (report) => ctx.emit({ type: 'backend', report }),
      dataset: (summary) => ctx.emit({ type: 'dataset', summary }),
      started: (run) => ctx.emit({ type: 'started', run }),
      layers: (table) => ctx.emit({ type: 'layers', table }),
      stopRequested: ctx.cancelled,
    }),
  ...inspectHandlers,
  inspectTorch: (p) => inspectTorchCheckpoint(p.file),
  importTorch: async ({ backend, ...request }) => {
    await selectBackend(backend);
    return importTorchCheckpoint(request);
  },
};
