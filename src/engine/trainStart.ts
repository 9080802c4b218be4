/**
 * Where a run starts: a new run folder and model, or a run continued from its `last` checkpoint with its optimizer
 * state, best so far, trimmed metrics and, after a stop inside an epoch, its place in that epoch.
 */
import * as tf from '@tensorflow/tfjs-core';
import * as tfl from '@tensorflow/tfjs-layers';
import * as fs from 'fs/promises';
import * as path from 'path';
import { CheckpointMeta } from '../shared/checkpointMeta';
import { CheckpointRef } from '../shared/metrics';
import { checkpointDir, META_FILE } from '../shared/runLayout';
import { TrainConfig } from '../shared/trainConfig';
import { buildAlexNet } from './alexnet';
import { loadCheckpoint, loadOptimizerState, readMeta } from './checkpoints';
import { ScannedDataset } from './datasetScan';
import { EpochPosition, positionFits, readPosition } from './epochPosition';
import { trimToEpoch } from './metricsLog';
import { recordInitialFilters } from './inspect/filters';
import { createRunFolder } from './runFolder';

export interface Start {
  config: TrainConfig;
  runDir: string;
  model: tfl.LayersModel;
  firstEpoch: number;
  best: CheckpointRef | null;
  optimizerState?: { name: string; tensor: tf.Tensor }[];
  /** Where the first epoch goes on from, when the run was stopped inside it. */
  position?: EpochPosition;
  /** Kept from a resumed checkpoint: the network variant and, for an imported one, where it came from. */
  variant?: CheckpointMeta['variant'];
  source?: CheckpointMeta['source'];
}

type Log = (level: 'info' | 'warn' | 'error', message: string) => void;

/** A new run, or the continuation of one from its `last` checkpoint with its optimizer state and epoch count. */
export async function prepareRun(config: TrainConfig, scanned: ScannedDataset, log: Log): Promise<Start> {
  if (!config.resume) {
    const runDir = await createRunFolder(config.outDir);
    const model = buildAlexNet({ numClasses: scanned.summary.classes.length, inputSize: config.inputSize, lrn: config.lrn, init: config.init, dropout: config.dropout, seed: config.seed });
    await recordInitialFilters(runDir, model);
    return { config, runDir, model, firstEpoch: 1, best: null };
  }
  const runDir = path.resolve(config.resume);
  const last = await loadCheckpoint(await resumeFrom(runDir));
  // The saved run decides the model and data; the new request may only extend the number of epochs and pick a backend.
  const resumed: TrainConfig = { ...last.meta.config, epochs: config.epochs > 0 ? config.epochs : last.meta.config.epochs, backend: config.backend, resume: runDir, outDir: runDir };
  if (scanned.summary.classes.join('\n') !== last.meta.classes.join('\n')) {
    last.model.dispose();
    throw new Error(`cannot resume ${runDir}: the dataset's classes (${scanned.summary.classes.join(', ')}) differ from the checkpoint's (${last.meta.classes.join(', ')})`);
  }
  if (scanned.fingerprint !== last.meta.datasetFingerprint) log('warn', `the dataset changed since ${runDir} was trained; resuming on its current files`);
  const bestMeta = await readMeta(path.join(runDir, 'best')).catch(() => undefined);
  const best = bestMeta && bestMeta.metrics.testAcc !== null ? { epoch: bestMeta.epoch, testAcc: bestMeta.metrics.testAcc, path: path.join(runDir, 'best') } : null;
  const optimizerState = await loadOptimizerState(last.dir);
  await trimToEpoch(path.join(runDir, 'metrics.jsonl'), last.meta.epoch);
  let position = await readPosition(last.dir);
  if (position && !positionFits(position, scanned.train.length)) {
    log('warn', `the training images changed since ${runDir} stopped in epoch ${position.epoch}; that epoch starts again from its first batch`);
    position = undefined;
  }
  const firstEpoch = position?.epoch ?? last.meta.epoch + 1;
  log('info', position ? `resuming ${runDir} at batch ${position.batch + 1} of epoch ${position.epoch}` : `resuming ${runDir} after epoch ${last.meta.epoch}`);
  return { config: resumed, runDir, model: last.model, firstEpoch, best, optimizerState, position, variant: last.meta.variant, source: last.meta.source };
}

/** A run continues from last/; a run imported from PyTorch has only best/, and fine-tuning starts from it. */
export async function resumeFrom(runDir: string): Promise<string> {
  const last = checkpointDir(runDir, 'last');
  if (await fs.stat(path.join(last, META_FILE)).then(() => false, () => true)) {
    const best = await readMeta(checkpointDir(runDir, 'best')).catch(() => undefined);
    if (best?.source) return checkpointDir(runDir, 'best');
  }
  return last;
}

