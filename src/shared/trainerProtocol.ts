/**
 * Messages between the extension host and the trainer process (child_process.fork of dist/trainer.js): plain
 * JSON over the IPC channel, no tensors. Shaped like rust-analyzer's `RequestType<P, R>` and GitLens' `IpcRequest`:
 * one map pairs each request's params with its result (and the events it may stream before the result), so the
 * client has one generic `request<K>()` and the trainer one handler per entry, both checked by the compiler.
 *
 * To add a request:
 *   1. add an entry here: `name: { params: {...}; result: ...; events?: ... }`;
 *   2. add `name` to the handlers in src/engine/trainerHandlers.ts (the compiler asks for it);
 *   3. call it: `await client.request('name', params, { onEvent, signal, timeoutMs })`.
 * A request that polls `ctx.cancelled()` and ends cleanly also goes into STOPPABLE below; any other cancelled
 * request is cut off by ending the process.
 *
 * The trainer handles one request at a time, in the order they came (one tf backend per process); a `cancel`
 * is handled as soon as it arrives, so stopping a training run gets through while it trains.
 */
import { BackendChoice, BackendReport } from './backendReport';
import { ClassifyResult } from './checkpointMeta';
import { DatasetSummary, SampleDataResult } from './dataset';
import { CamView, CheckpointPredictions, FeatureMaps, FiltersResult } from './inspect';
import { LayerTable } from './layerTable';
import type { CodedMessage } from './messages';
import { BatchEvent, DoneEvent, EpochEvent, ProgressEvent, RunStart } from './metrics';
import { ModelConfig } from './modelConfig';
import { TorchImportRequest, TorchImportResult, TorchInspection } from './torchImport';
import { TrainConfig } from './trainConfig';

/** A new run from a full config, or more epochs of a run folder: the engine reads the rest from its last checkpoint. */
export type TrainParams = { config: TrainConfig } | { resume: string; epochs?: number; backend: BackendChoice };

/** What a training run streams before its `done` result, in this order: backend, dataset, started, layers, batches and epochs. */
export type TrainProgress =
  | { type: 'backend'; report: BackendReport }
  | { type: 'dataset'; summary: DatasetSummary }
  | { type: 'started'; run: RunStart }
  | { type: 'layers'; table: LayerTable }
  | { type: 'batch'; event: BatchEvent }
  | { type: 'epoch'; event: EpochEvent }
  /** Counts of the scan, the epoch's batches and the test pass, at most twice a second. */
  | { type: 'progress'; event: ProgressEvent };

/** Split options of a dataset; `cacheDir` keeps `check` results for `summary` (engine/datasetSummaryCache.ts). */
type DatasetParams = { datasetDir: string; valFraction?: number; seed?: number };

export interface TrainerApi {
  backend: { params: { backend: BackendChoice }; result: BackendReport };
  /** Decodes every file (scan, then decode progress); with cacheDir the result is kept for `summary`. */
  check: { params: DatasetParams & { cacheDir?: string }; result: DatasetSummary; events: ProgressEvent };
  /** Counts without decoding: the kept `check` result while the folder is unchanged, else the folder listing's. */
  summary: { params: DatasetParams & { cacheDir: string }; result: DatasetSummary; events: ProgressEvent };
  layers: { params: { config: Pick<ModelConfig, 'numClasses' | 'inputSize' | 'lrn'> }; result: LayerTable };
  classify: { params: { checkpoint: string; paths: string[]; topK: number; backend: BackendChoice }; result: ClassifyResult; events: ProgressEvent };
  /** Writes a small class-folder dataset (train/ and test/ of digit classes from the mnist package) into dir. */
  sampleData: { params: { dir: string; perClassTrain?: number; perClassTest?: number }; result: SampleDataResult };
  train: { params: TrainParams; result: DoneEvent; events: TrainProgress };
  /** One image's activations at every conv, pool and dense layer, 8-bit, maps at most maxSide a side (default PANEL_MAP_SIDE). */
  featureMaps: { params: { checkpoint: string; image: string; maxSide?: number; backend: BackendChoice }; result: { checkpoint: string; classes: string[]; maps: FeatureMaps } };
  filters: { params: { checkpoint: string; backend: BackendChoice }; result: FiltersResult };
  /** Grad-CAM at conv5 for a class (default: the predicted one). */
  explain: { params: { checkpoint: string; image: string; className?: string; backend: BackendChoice }; result: CamView };
  /** The checkpoint's predictions.json; null when it has none. */
  predictions: { params: { checkpoint: string }; result: CheckpointPredictions | null };
  /** Reads a PyTorch .pth without Python: its key layout, class count and the input sizes that fit. */
  inspectTorch: { params: { file: string }; result: TorchInspection };
  /** Imports a .pth as a run folder with a best/ checkpoint; nothing is written when it is refused. */
  importTorch: { params: TorchImportRequest & { backend: BackendChoice }; result: TorchImportResult };
}

export type TrainerMethod = keyof TrainerApi;
export type ParamsOf<K extends TrainerMethod> = TrainerApi[K]['params'];
export type ResultOf<K extends TrainerMethod> = TrainerApi[K]['result'];
export type EventOf<K extends TrainerMethod> = TrainerApi[K] extends { events: infer E } ? E : never;

/**
 * Requests that end by themselves soon after a cancel: a run with its result (after writing `last`), a check, a
 * summary or a classification with a 'cancelled' error (they look at the signal between files).
 */
export const STOPPABLE: ReadonlySet<TrainerMethod> = new Set<TrainerMethod>(['train', 'check', 'summary', 'classify']);

export const TRAINER_METHODS: readonly TrainerMethod[] = ['backend', 'check', 'summary', 'layers', 'classify', 'sampleData', 'train', 'featureMaps', 'filters', 'explain', 'predictions', 'inspectTorch', 'importTorch'];

/** Host -> trainer. */
export type TrainerRequest = RequestMessage | { kind: 'cancel'; id: number };

export type RequestMessage = { [K in TrainerMethod]: { kind: 'request'; id: number; method: K; params: ParamsOf<K> } }[TrainerMethod];

/** Trainer -> host. */
export type TrainerMessage =
  /** Sent once when the process is up and listening. */
  | { kind: 'ready'; pid: number }
  | { kind: 'event'; id: number; event: EventOf<TrainerMethod> }
  | { kind: 'result'; id: number; result: ResultOf<TrainerMethod> }
  /**
   * The request failed; `message` is one line for the user (English), `coded` the same as a code for the UI's
   * language when there is one, `file` names the offending file when there is one.
   */
  | { kind: 'error'; id: number; message: string; coded?: CodedMessage; file?: string; stack?: string }
  | { kind: 'log'; id?: number; level: 'info' | 'warn' | 'error'; message: string };

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Checks the envelope of a message to the trainer (the params are the handler's to check). */
export function parseTrainerRequest(raw: unknown): TrainerRequest | undefined {
  if (!isRecord(raw) || typeof raw.id !== 'number') return undefined;
  if (raw.kind === 'cancel') return { kind: 'cancel', id: raw.id };
  if (raw.kind !== 'request' || !(TRAINER_METHODS as readonly unknown[]).includes(raw.method) || !isRecord(raw.params)) return undefined;
  return raw as RequestMessage;
}
