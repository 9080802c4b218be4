import * as tf from '@tensorflow/tfjs-core';
import * as fs from 'fs/promises';
import * as path from 'path';
import { BackendReport } from '../shared/backendReport';
import { CheckpointMeta, StoppedAt } from '../shared/checkpointMeta';
import { DatasetSummary } from '../shared/dataset';
import { LayerTable } from '../shared/layerTable';
import { DoneEvent, EpochEvent, RunStart, TrainEvent } from '../shared/metrics';
import { PREDICTIONS_FILE, readEpochMetrics } from '../shared/runLayout';
import { TrainConfig } from '../shared/trainConfig';
import { selectBackend } from './backend';
import { batches, cacheSizeFor } from './batches';
import { readMeta, saveCheckpoint } from './checkpoints';
import { appendEpoch } from './metricsLog';
import { scanDataset } from './datasetScan';
import { EpochPosition, POSITION_FILE, positionJson } from './epochPosition';
import { evaluate } from './evaluate';
import { ImageCache } from './imageCache';
import { computeLayerTable } from './layerTable';
import { checkBatchFits, gpuMegabytes } from './memoryBudget';
import { rng, shuffled } from './random';
import { throttled } from './progress';
import { stepLr } from './schedule';
import { prepareRun, resumeFrom } from './trainStart';
import { TrainStep } from './trainStep';
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

const epochMetrics = (e: EpochEvent): CheckpointMeta['metrics'] => ({ trainLoss: e.trainLoss, trainAcc: e.trainAcc, testLoss: e.testLoss, testAcc: e.testAcc, lr: e.lr });

/** Trains AlexNet on a class-folder dataset, writing best/ and last/ checkpoints and metrics.jsonl to the run folder. */
export async function runTraining(request: TrainConfig, hooks: TrainHooks): Promise<DoneEvent> {
  // A resumed run keeps its dataset, split and seed (prepare() keeps the rest): only epochs and backend may change.
  const savedMeta = request.resume ? await readMeta(await resumeFrom(path.resolve(request.resume))) : undefined;
  const saved = savedMeta?.config;
  // Where a resume goes on, said first (before the scan's progress): from last/meta.json.
  const announced = savedMeta && { epoch: savedMeta.stoppedAt?.epoch ?? savedMeta.epoch + 1, batch: savedMeta.stoppedAt?.batch ?? 0 };
  if (announced) hooks.emit({ event: 'resume', ...announced });
  const datasetDir = request.datasetDir || (saved?.datasetDir ?? '');
  // The dataset is checked before anything else, so that a bad one fails fast with its own message.
  const scanned = await scanDataset(datasetDir, { valFraction: saved?.valFraction ?? request.valFraction, seed: saved?.seed ?? request.seed, onProgress: hooks.emit });
  const report = await selectBackend(request.backend);
  hooks.backend?.(report);
  hooks.log('info', `backend: ${report.backend} (${report.device})`);
  const start = await prepareRun(request, scanned, hooks.log);
  const { config, runDir, model } = start;
  // A saved position that no longer fits the dataset restarts its epoch: say so with a second resume event.
  const resumedAt = { epoch: start.firstEpoch, batch: start.position?.batch ?? 0 };
  if (announced && (announced.epoch !== resumedAt.epoch || announced.batch !== resumedAt.batch)) hooks.emit({ event: 'resume', ...resumedAt });
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
  const meta = (kind: 'best' | 'last', epoch: number, metrics: CheckpointMeta['metrics'], stoppedAt?: StoppedAt): CheckpointMeta => ({
    format: 'alexnet-trainer-checkpoint',
    version: 1,
    kind,
    classes: summary.classes,
    classToIdx: Object.fromEntries(summary.classes.map((c, i) => [c, i])),
    inputSize: config.inputSize,
    normalisation: { mean: [0.5, 0.5, 0.5], std: [0.5, 0.5, 0.5] },
    epoch,
    metrics,
    ...(stoppedAt ? { stoppedAt } : {}),
    config: { ...config, datasetDir: summary.root },
    backend: report.backend,
    datasetFingerprint: scanned.fingerprint,
    createdAt: new Date().toISOString(),
    ...(start.variant ? { variant: start.variant } : {}),
    ...(start.source ? { source: start.source } : {}),
  });

  let best = start.best;
  let lastRef: DoneEvent['last'] = start.firstEpoch > 1 ? { path: path.join(runDir, 'last'), epoch: start.firstEpoch - 1 } : null;
  let stopped = false;
  let secondsPerTrainImage = 0;
  let secondsPerTestImage = 0;
  const progress = throttled(hooks.emit);
  try {
    for (let epoch = start.firstEpoch; epoch <= config.epochs; epoch++) {
      const lr = stepLr(config.lr, epoch, config.stepSize, config.gamma);
      step.setLearningRate(lr);
      // A resumed epoch goes on with its saved order, RNG state and running sums; a new one starts from its seed.
      const at = epoch === start.firstEpoch ? start.position : undefined;
      const random = rng(at ? at.rngState : config.seed * 1_000_003 + epoch);
      const order = at ? at.order : shuffled(train.length, config.seed * 65_537 + epoch);
      const from = at?.next ?? 0;
      const began = performance.now();
      let seen = at?.seen ?? 0;
      const seenBefore = seen;
      let correct = at?.correct ?? 0;
      let lossSum = at?.lossSum ?? 0;
      let batchIndex = at?.batch ?? 0;
      let next = from;
      let lastEmit = 0;
      const batchesPerEpoch = Math.ceil(train.length / config.batchSize);
      for await (const batch of batches(train, order.slice(from), config.batchSize, trainCache, config.inputSize, random, config)) {
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
        next = from + batch.end;
        progress('train', batchIndex, batchesPerEpoch);
        const now = performance.now();
        const elapsed = (now - began) / 1000;
        if (now - lastEmit >= BATCH_EVENT_INTERVAL_MS || batchIndex === batchesPerEpoch) {
          lastEmit = now;
          const perImage = elapsed / (seen - seenBefore);
          const testPerImage = secondsPerTestImage || perImage / 3;
          const remainingEpochs = config.epochs - epoch;
          const eta = (train.length - seen) * perImage + remainingEpochs * train.length * (secondsPerTrainImage || perImage) + (remainingEpochs + 1) * test.length * testPerImage;
          hooks.emit({ event: 'batch', epoch, epochs: config.epochs, batch: batchIndex, batches: batchesPerEpoch, loss: lossSum / seen, acc: correct / seen, batchLoss: lossValue[0], imagesPerSecond: (seen - seenBefore) / elapsed, etaSeconds: eta, lr });
        }
        if (hooks.stopRequested()) {
          stopped = true;
          break;
        }
      }
      const trainSeconds = (performance.now() - began) / 1000;
      if (stopped) {
        // Mid-epoch weights are kept as `last` so nothing trained is lost: meta.epoch stays the last complete
        // epoch, the test metrics stay null (these weights were never evaluated) and position.json lets a resume
        // go on at the next batch.
        const stoppedAt = { epoch, batch: batchIndex, batches: batchesPerEpoch };
        const running = seen > 0 ? { trainLoss: lossSum / seen, trainAcc: correct / seen } : { trainLoss: null, trainAcc: null };
        const position: EpochPosition = { ...stoppedAt, order, next, rngState: random.state(), seen, correct, lossSum };
        await saveCheckpoint(path.join(runDir, 'last'), model, meta('last', epoch - 1, { ...running, testLoss: null, testAcc: null, lr }, stoppedAt), step.optimizer, {
          [POSITION_FILE]: positionJson(position),
        });
        lastRef = { path: path.join(runDir, 'last'), epoch: epoch - 1, stoppedAt };
        hooks.log('info', `stopped at batch ${batchIndex} of ${batchesPerEpoch} in epoch ${epoch}; saved ${lastRef.path} (not evaluated; resume goes on at batch ${batchIndex + 1})`);
        break;
      }
      secondsPerTrainImage = trainSeconds / Math.max(seen - seenBefore, 1);
      const testBegan = performance.now();
      const ev = await evaluate(model, test, testCache, config.inputSize, config.batchSize, numClasses, (done, total) => progress('test', done, total));
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
        imagesPerSecond: (seen - seenBefore) / trainSeconds,
        perClassAcc: ev.perClassAcc,
        confusion: ev.confusion,
        best: isBest,
        tensors: tf.memory().numTensors,
        rssMB: Math.round(process.memoryUsage().rss / 1024 / 1024),
        gpuMB: gpuMegabytes(),
      };
      // Metrics line, then best/, then last/: last/ decides where a resume starts, and resuming trims the
      // metrics to it (metricsLog.ts), so a kill between any two of these writes loses at most this epoch.
      await appendEpoch(metricsFile, event);
      const predictions = { [PREDICTIONS_FILE]: predictionsJson(epoch, summary.root, summary.classes, test, ev) };
      if (isBest) {
        await saveCheckpoint(path.join(runDir, 'best'), model, meta('best', epoch, epochMetrics(event)), undefined, predictions);
        best = { epoch, testAcc: ev.accuracy, path: path.join(runDir, 'best') };
      }
      await saveCheckpoint(path.join(runDir, 'last'), model, meta('last', epoch, epochMetrics(event)), step.optimizer, predictions);
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
