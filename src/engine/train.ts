import * as tf from '@tensorflow/tfjs-core';
import * as tfl from '@tensorflow/tfjs-layers';
import * as fs from 'fs/promises';
import * as path from 'path';
import { BackendReport } from '../shared/backendReport';
import { CheckpointMeta } from '../shared/checkpointMeta';
import { DatasetSummary } from '../shared/dataset';
import { LayerTable } from '../shared/layerTable';
import { CheckpointRef, DoneEvent, EpochEvent, RunStart, TrainEvent } from '../shared/metrics';
import { checkpointDir, META_FILE, PREDICTIONS_FILE, readEpochMetrics } from '../shared/runLayout';
import { TrainConfig } from '../shared/trainConfig';
import { buildAlexNet } from './alexnet';
import { selectBackend } from './backend';
import { batches, cacheSizeFor } from './batches';
import { loadCheckpoint, loadOptimizerState, readMeta, saveCheckpoint } from './checkpoints';
import { appendEpoch, trimToEpoch } from './metricsLog';
import { scanDataset, ScannedDataset } from './datasetScan';
import { evaluate } from './evaluate';
import { ImageCache } from './imageCache';
import { computeLayerTable } from './layerTable';
import { checkBatchFits, gpuMegabytes } from './memoryBudget';
import { rng, shuffled } from './random';
import { createRunFolder } from './runFolder';
import { stepLr } from './schedule';
import { TrainStep } from './trainStep';
import { recordInitialFilters } from './inspect/filters';
import { predictionsJson } from './inspect/predictions';

export interface TrainHooks {
  emit(event: TrainEvent): void;
  log(level: 'info' | 'warn' | 'error', message: string): void;
  dataset?(summary: DatasetSummary): void;
  backend?(report: BackendReport): void;
  layers?(table: LayerTable): void;
  /** After the dataset: the run folder, its total epochs and the epochs a resumed run already has. */
  started?(run: RunStart): void;
  stopRequested(): boolean;
}

const BATCH_EVENT_INTERVAL_MS = 100;
const TRAIN_CACHE_BYTES = 1.5 * 1024 ** 3;
const TEST_CACHE_BYTES = 0.5 * 1024 ** 3;

interface Start {
  config: TrainConfig;
  runDir: string;
  model: tfl.LayersModel;
  firstEpoch: number;
  best: CheckpointRef | null;
  optimizerState?: { name: string; tensor: tf.Tensor }[];
  /** Kept from a resumed checkpoint: the network variant and, for an imported one, where it came from. */
  variant?: CheckpointMeta['variant'];
  source?: CheckpointMeta['source'];
}

/** A new run, or the continuation of one from its `last` checkpoint with its optimizer state and epoch count. */
async function prepare(config: TrainConfig, scanned: ScannedDataset, hooks: TrainHooks): Promise<Start> {
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
  if (scanned.fingerprint !== last.meta.datasetFingerprint) hooks.log('warn', `the dataset changed since ${runDir} was trained; resuming on its current files`);
  const bestMeta = await readMeta(path.join(runDir, 'best')).catch(() => undefined);
  const best = bestMeta ? { epoch: bestMeta.epoch, testAcc: bestMeta.metrics.testAcc, path: path.join(runDir, 'best') } : null;
  const optimizerState = await loadOptimizerState(last.dir);
  await trimToEpoch(path.join(runDir, 'metrics.jsonl'), last.meta.epoch);
  hooks.log('info', `resuming ${runDir} after epoch ${last.meta.epoch}`);
  return { config: resumed, runDir, model: last.model, firstEpoch: last.meta.epoch + 1, best, optimizerState, variant: last.meta.variant, source: last.meta.source };
}

/** A run continues from last/; a run imported from PyTorch has only best/, and fine-tuning starts from it. */
async function resumeFrom(runDir: string): Promise<string> {
  const last = checkpointDir(runDir, 'last');
  if (await fs.stat(path.join(last, META_FILE)).then(() => false, () => true)) {
    const best = await readMeta(checkpointDir(runDir, 'best')).catch(() => undefined);
    if (best?.source) return checkpointDir(runDir, 'best');
  }
  return last;
}

/** Trains AlexNet on a class-folder dataset, writing best/ and last/ checkpoints and metrics.jsonl to the run folder. */
export async function runTraining(request: TrainConfig, hooks: TrainHooks): Promise<DoneEvent> {
  // A resumed run keeps its dataset, split and seed (prepare() keeps the rest): only epochs and backend may change.
  const saved = request.resume ? (await readMeta(await resumeFrom(path.resolve(request.resume)))).config : undefined;
  const datasetDir = request.datasetDir || (saved?.datasetDir ?? '');
  // The dataset is checked before anything else, so that a bad one fails fast with its own message.
  const scanned = await scanDataset(datasetDir, { valFraction: saved?.valFraction ?? request.valFraction, seed: saved?.seed ?? request.seed });
  const report = await selectBackend(request.backend);
  hooks.backend?.(report);
  hooks.log('info', `backend: ${report.backend} (${report.device})`);
  const start = await prepare(request, scanned, hooks);
  const { config, runDir, model } = start;
  const { summary, train, test } = scanned;
  hooks.dataset?.(summary);
  for (const s of summary.skipped) hooks.log('warn', `skipped ${s.file}: ${s.reason}`);
  for (const w of summary.warnings) hooks.log('warn', w);
  const history = start.firstEpoch > 1 ? (await readEpochMetrics(runDir)).filter((e) => e.epoch < start.firstEpoch) : [];
  hooks.started?.({ runDir, datasetDir: summary.root, classes: summary.classes, epochs: config.epochs, history });
  const table = computeLayerTable(model);
  hooks.layers?.(table);
  try {
    checkBatchFits(table, config.batchSize, report.backend);
  } catch (err) {
    model.dispose();
    throw err;
  }

  const numClasses = summary.classes.length;
  const step = new TrainStep(model, { lr: config.lr, momentum: config.momentum, weightDecay: config.weightDecay });
  if (start.optimizerState) {
    await step.optimizer.setWeights(start.optimizerState);
    tf.dispose(start.optimizerState.map((w) => w.tensor));
  }
  const reportFailure = (file: string, reason: string) => hooks.log('warn', `skipped ${file}: ${reason}`);
  const trainCache = new ImageCache(cacheSizeFor(config.inputSize, config.randomCrop), TRAIN_CACHE_BYTES, path.join(runDir, 'cache', 'train.u8'), reportFailure);
  const testCache = new ImageCache(config.inputSize, TEST_CACHE_BYTES, path.join(runDir, 'cache', 'test.u8'), reportFailure);
  const metricsFile = path.join(runDir, 'metrics.jsonl');
  const meta = (kind: 'best' | 'last', epoch: number, e: Pick<EpochEvent, 'trainLoss' | 'trainAcc' | 'testLoss' | 'testAcc' | 'lr'>): CheckpointMeta => ({
    format: 'alexnet-trainer-checkpoint',
    version: 1,
    kind,
    classes: summary.classes,
    classToIdx: Object.fromEntries(summary.classes.map((c, i) => [c, i])),
    inputSize: config.inputSize,
    normalisation: { mean: [0.5, 0.5, 0.5], std: [0.5, 0.5, 0.5] },
    epoch,
    metrics: { trainLoss: e.trainLoss, trainAcc: e.trainAcc, testLoss: e.testLoss, testAcc: e.testAcc, lr: e.lr },
    config: { ...config, datasetDir: summary.root },
    backend: report.backend,
    datasetFingerprint: scanned.fingerprint,
    createdAt: new Date().toISOString(),
    ...(start.variant ? { variant: start.variant } : {}),
    ...(start.source ? { source: start.source } : {}),
  });

  let best = start.best;
  let lastRef: DoneEvent['last'] = start.firstEpoch > 1 ? { path: path.join(runDir, 'last'), epoch: start.firstEpoch - 1 } : null;
  let lastEpochMetrics = { trainLoss: 0, trainAcc: 0, testLoss: 0, testAcc: 0, lr: config.lr };
  let stopped = false;
  let secondsPerTrainImage = 0;
  let secondsPerTestImage = 0;
  try {
    for (let epoch = start.firstEpoch; epoch <= config.epochs; epoch++) {
      const lr = stepLr(config.lr, epoch, config.stepSize, config.gamma);
      step.setLearningRate(lr);
      const random = rng(config.seed * 1_000_003 + epoch);
      const order = shuffled(train.length, config.seed * 65_537 + epoch);
      const began = performance.now();
      let seen = 0;
      let correct = 0;
      let lossSum = 0;
      let batchIndex = 0;
      let lastEmit = 0;
      const batchesPerEpoch = Math.ceil(train.length / config.batchSize);
      for await (const batch of batches(train, order, config.batchSize, trainCache, config.inputSize, random, config)) {
        const x = tf.tensor4d(batch.pixels, [batch.size, config.inputSize, config.inputSize, 3]);
        const labels = tf.tensor1d(batch.labels, 'int32');
        const result = step.run(x, labels);
        const [lossValue, correctValue] = await Promise.all([result.loss.data(), result.correct.data()]);
        tf.dispose([x, labels, result.loss, result.correct]);
        if (!Number.isFinite(lossValue[0])) {
          throw new Error(`training diverged: the loss became ${lossValue[0]} in epoch ${epoch}, batch ${batchIndex + 1}; try a smaller learning rate (now ${lr})`);
        }
        seen += batch.size;
        correct += correctValue[0];
        lossSum += lossValue[0] * batch.size;
        batchIndex++;
        const now = performance.now();
        const elapsed = (now - began) / 1000;
        if (now - lastEmit >= BATCH_EVENT_INTERVAL_MS || batchIndex === batchesPerEpoch) {
          lastEmit = now;
          const perImage = elapsed / seen;
          const testPerImage = secondsPerTestImage || perImage / 3;
          const remainingEpochs = config.epochs - epoch;
          const eta = (train.length - seen) * perImage + remainingEpochs * train.length * (secondsPerTrainImage || perImage) + (remainingEpochs + 1) * test.length * testPerImage;
          hooks.emit({ event: 'batch', epoch, epochs: config.epochs, batch: batchIndex, batches: batchesPerEpoch, loss: lossSum / seen, acc: correct / seen, batchLoss: lossValue[0], imagesPerSecond: seen / elapsed, etaSeconds: eta, lr });
        }
        if (hooks.stopRequested()) {
          stopped = true;
          break;
        }
      }
      const trainSeconds = (performance.now() - began) / 1000;
      if (stopped) {
        // Mid-epoch weights are kept as `last` so nothing trained is lost; meta.epoch stays the last complete epoch.
        await saveCheckpoint(path.join(runDir, 'last'), model, meta('last', epoch - 1, lastEpochMetrics), step.optimizer);
        lastRef = { path: path.join(runDir, 'last'), epoch: epoch - 1 };
        hooks.log('info', `stopped in epoch ${epoch} after batch ${batchIndex}; saved ${lastRef.path}`);
        break;
      }
      secondsPerTrainImage = trainSeconds / Math.max(seen, 1);
      const testBegan = performance.now();
      const ev = await evaluate(model, test, testCache, config.inputSize, config.batchSize, numClasses);
      secondsPerTestImage = (performance.now() - testBegan) / 1000 / Math.max(ev.count, 1);
      const isBest = ev.count > 0 && (best === null || ev.accuracy > best.testAcc);
      const event: EpochEvent = {
        event: 'epoch',
        epoch,
        epochs: config.epochs,
        trainLoss: lossSum / Math.max(seen, 1),
        trainAcc: correct / Math.max(seen, 1),
        testLoss: ev.loss,
        testAcc: ev.accuracy,
        lr,
        seconds: (performance.now() - began) / 1000,
        imagesPerSecond: seen / trainSeconds,
        perClassAcc: ev.perClassAcc,
        confusion: ev.confusion,
        best: isBest,
        tensors: tf.memory().numTensors,
        rssMB: Math.round(process.memoryUsage().rss / 1024 / 1024),
        gpuMB: gpuMegabytes(),
      };
      lastEpochMetrics = event;
      // Metrics line, then best/, then last/: last/ decides where a resume starts, and resuming trims the
      // metrics to it (metricsLog.ts), so a kill between any two of these writes loses at most this epoch.
      await appendEpoch(metricsFile, event);
      const predictions = { [PREDICTIONS_FILE]: predictionsJson(epoch, summary.root, summary.classes, test, ev) };
      if (isBest) {
        await saveCheckpoint(path.join(runDir, 'best'), model, meta('best', epoch, event), undefined, predictions);
        best = { epoch, testAcc: ev.accuracy, path: path.join(runDir, 'best') };
      }
      await saveCheckpoint(path.join(runDir, 'last'), model, meta('last', epoch, event), step.optimizer, predictions);
      lastRef = { path: path.join(runDir, 'last'), epoch };
      hooks.emit(event);
      if (hooks.stopRequested()) {
        stopped = epoch < config.epochs;
        break;
      }
    }
  } finally {
    trainCache.close();
    testCache.close();
    await fs.rm(path.join(runDir, 'cache'), { recursive: true, force: true });
    step.optimizer.dispose();
    model.dispose();
  }
  const done: DoneEvent = { event: 'done', runDir, best, last: lastRef, stopped };
  hooks.emit(done);
  return done;
}
