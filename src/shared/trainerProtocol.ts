/**
 * Messages between the extension host and the trainer process (child_process.fork of dist/trainer.js).
 * Plain JSON over the IPC channel: no tensors cross it. Each request has an id; every reply and event carries it.
 */
import { BackendChoice, BackendReport } from './backendReport';
import { ClassifyResult } from './checkpointMeta';
import { DatasetSummary } from './dataset';
import { LayerTable } from './layerTable';
import { TrainEvent } from './metrics';
import { ModelConfig } from './modelConfig';
import { TrainConfig } from './trainConfig';

export type TrainerRequest =
  | { type: 'train'; id: number; config: TrainConfig }
  | { type: 'stop'; id: number }
  | { type: 'classify'; id: number; checkpoint: string; paths: string[]; topK: number; backend: BackendChoice }
  | { type: 'check'; id: number; datasetDir: string; valFraction?: number; seed?: number }
  | { type: 'layers'; id: number; config: Pick<ModelConfig, 'numClasses' | 'inputSize' | 'lrn'> }
  | { type: 'backend'; id: number; backend: BackendChoice }
  /** Writes a small class-folder dataset (train/ and test/ of digit classes from the mnist package) into dir. */
  | { type: 'sampleData'; id: number; dir: string; perClassTrain?: number; perClassTest?: number };

export type TrainerMessage =
  /** Sent once when the process is up and listening. */
  | { type: 'ready'; pid: number }
  | { type: 'backend'; id: number; report: BackendReport }
  | { type: 'dataset'; id: number; summary: DatasetSummary }
  | { type: 'layers'; id: number; table: LayerTable }
  | { type: 'train'; id: number; event: TrainEvent }
  | { type: 'classified'; id: number; result: ClassifyResult }
  | { type: 'sampleData'; id: number; dir: string; classes: string[]; train: number; test: number }
  | { type: 'log'; id?: number; level: 'info' | 'warn' | 'error'; message: string }
  /** The request failed; `message` is one line for the user, `file` names the offending file when there is one. */
  | { type: 'error'; id: number; message: string; file?: string; stack?: string };
