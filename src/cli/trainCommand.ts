import * as path from 'path';
import { runTraining } from '../engine/train';
import { BackendChoice } from '../shared/backendReport';
import { duration, percent } from '../shared/format';
import { BatchEvent, TrainEvent } from '../shared/metrics';
import { epochLine } from '../shared/progressLines';
import { DEFAULT_RUNS_FOLDER } from '../shared/runLayout';
import { DEFAULT_TRAIN_CONFIG, TrainConfig } from '../shared/trainConfig';
import { intOption, numberOption, Options, UsageError } from './args';
import { progressText } from '../shared/progressLines';

export const trainOptions: Options = {
  epochs: { type: 'string' },
  'batch-size': { type: 'string' },
  'input-size': { type: 'string' },
  lr: { type: 'string' },
  momentum: { type: 'string' },
  'weight-decay': { type: 'string' },
  'step-size': { type: 'string' },
  gamma: { type: 'string' },
  hflip: { type: 'boolean' },
  vflip: { type: 'boolean' },
  'random-crop': { type: 'boolean' },
  lrn: { type: 'boolean' },
  init: { type: 'string' },
  seed: { type: 'string' },
  'val-fraction': { type: 'string' },
  out: { type: 'string' },
  resume: { type: 'string' },
  json: { type: 'boolean' },
};

const d = DEFAULT_TRAIN_CONFIG;
export const trainHelp = `alexnet train <datasetDir> [options]
alexnet train --resume RUN_DIR [--epochs N]
  Trains AlexNet on a class-folder dataset: <datasetDir>/train/<class>/* and test/<class>/* (or val/, valid/),
  or <datasetDir>/<class>/* split with --val-fraction. Writes <run>/best (highest test accuracy), <run>/last
  (every epoch, with optimizer state) and <run>/metrics.jsonl. Ctrl-C stops after the current batch and saves last
  with its place in the epoch (shuffle order, RNG state); --resume goes on at the next batch.
  --epochs N            epochs in all (default ${d.epochs}); with --resume, the new total
  --batch-size N        images per step (default ${d.batchSize})
  --input-size S        input side in pixels, at least 63 (default ${d.inputSize})
  --lr X                SGD learning rate (default ${d.lr})
  --momentum X          SGD momentum (default ${d.momentum})
  --weight-decay X      L2 weight decay (default ${d.weightDecay})
  --step-size N         StepLR: multiply lr by gamma every N epochs (default ${d.stepSize})
  --gamma X             StepLR factor (default ${d.gamma})
  --hflip/--no-hflip    random horizontal flips (default on)
  --vflip               random vertical flips, as the tutorial's code (default off)
  --random-crop         resize to 256/224 of the input size, then crop at random (default off)
  --lrn                 local response normalisation after conv1 and conv2 (paper)
  --init glorot|paper   weight initialisation (default glorot; paper = N(0, 0.01), bias 1)
  --seed N              seed for initialisation, shuffling and augmentation (default ${d.seed})
  --val-fraction X      test share for a dataset without a train/test split (default ${d.valFraction})
  --out DIR             run folder (default ./${DEFAULT_RUNS_FOLDER}/<timestamp>)
  --resume RUN_DIR      continue RUN_DIR from its last checkpoint (a run from import-torch: fine-tune its best/)
  --json                one JSON object per line: with --resume first {"event":"resume","epoch":E,"batch":B}
                        (going on after batch B of epoch E), {"event":"progress","phase":"scan"|"train"|"test",
                        "done":N,"total":M} at most twice a second, {"event":"epoch",...} per epoch, then
                        {"event":"done",...}`;

export function trainConfigFrom(values: Record<string, unknown>, datasetDir: string, backend: BackendChoice): TrainConfig {
  const init = values.init ?? d.init;
  if (init !== 'glorot' && init !== 'paper') throw new UsageError(`--init must be glorot or paper, got '${init}'`);
  const valFraction = numberOption(values['val-fraction'], 'val-fraction') ?? d.valFraction;
  if (!(valFraction > 0 && valFraction < 1)) throw new UsageError(`--val-fraction must be between 0 and 1, got ${valFraction}`);
  return {
    datasetDir,
    outDir: typeof values.out === 'string' ? values.out : undefined,
    resume: typeof values.resume === 'string' ? values.resume : undefined,
    epochs: intOption(values.epochs, 'epochs') ?? (typeof values.resume === 'string' ? 0 : d.epochs),
    batchSize: intOption(values['batch-size'], 'batch-size') ?? d.batchSize,
    inputSize: intOption(values['input-size'], 'input-size') ?? d.inputSize,
    lr: numberOption(values.lr, 'lr') ?? d.lr,
    momentum: numberOption(values.momentum, 'momentum') ?? d.momentum,
    weightDecay: numberOption(values['weight-decay'], 'weight-decay') ?? d.weightDecay,
    stepSize: intOption(values['step-size'], 'step-size') ?? d.stepSize,
    gamma: numberOption(values.gamma, 'gamma') ?? d.gamma,
    hflip: values.hflip === undefined ? d.hflip : Boolean(values.hflip),
    vflip: Boolean(values.vflip ?? d.vflip),
    randomCrop: Boolean(values['random-crop'] ?? d.randomCrop),
    seed: intOption(values.seed, 'seed', 0) ?? d.seed,
    valFraction,
    backend,
    lrn: Boolean(values.lrn ?? d.lrn),
    init,
    dropout: d.dropout,
  };
}

function progressBar(e: BatchEvent): string {
  const width = 24;
  const filled = Math.round((e.batch / e.batches) * width);
  return `epoch ${e.epoch}/${e.epochs} [${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${e.batch}/${e.batches} loss ${e.loss.toFixed(4)} acc ${percent(e.acc)} ${e.imagesPerSecond.toFixed(1)} img/s ETA ${duration(e.etaSeconds)}`;
}

export async function trainCommand(positionals: string[], values: Record<string, unknown>, backend: BackendChoice): Promise<number> {
  const datasetDir = positionals[0];
  if (!datasetDir && typeof values.resume !== 'string') throw new UsageError('train needs a dataset folder (or --resume RUN_DIR)');
  if (positionals.length > 1) throw new UsageError(`train takes one dataset folder, got ${positionals.length}`);
  const config = trainConfigFrom(values, datasetDir ? path.resolve(datasetDir) : '', backend);
  const json = Boolean(values.json);
  const tty = process.stderr.isTTY && !json;
  let stop = false;
  const onSignal = () => {
    if (stop) process.exit(130);
    stop = true;
    process.stderr.write('\nstopping after the current batch (Ctrl-C again to quit now)\n');
  };
  process.on('SIGINT', onSignal);
  const emit = (e: TrainEvent) => {
    if (json) {
      if (e.event === 'resume' || e.event === 'progress') {
        process.stdout.write(JSON.stringify(e) + '\n');
      } else if (e.event === 'epoch') {
        const { event, epoch, trainLoss, trainAcc, testLoss, testAcc, lr, seconds, imagesPerSecond, perClassAcc, confusion, best, tensors, rssMB, gpuMB } = e;
        process.stdout.write(JSON.stringify({ event, epoch, trainLoss, trainAcc, testLoss, testAcc, lr, seconds, imagesPerSecond, best, perClassAcc, confusion, tensors, rssMB, gpuMB }) + '\n');
      } else if (e.event === 'done') {
        process.stdout.write(JSON.stringify({ event: 'done', best: e.best, last: e.last, runDir: e.runDir, stopped: e.stopped }) + '\n');
      }
      return;
    }
    if (e.event === 'batch' && tty) process.stderr.write(`\r${progressBar(e)}\x1b[K`);
    // Batches have their own bar; the scan and the test pass show counts.
    if (e.event === 'progress' && e.phase !== 'train' && tty) process.stderr.write(`\r${progressText(e)}\x1b[K`);
    if (e.event === 'epoch') process.stdout.write(`${tty ? '\r\x1b[K' : ''}${epochLine(e)}\n`);
    if (e.event === 'done') {
      if (e.best) process.stdout.write(`best: epoch ${e.best.epoch}, test accuracy ${percent(e.best.testAcc)} -> ${e.best.path}\n`);
      const at = e.last?.stoppedAt;
      if (e.last) process.stdout.write(`last: ${at ? `stopped at batch ${at.batch} of ${at.batches} in epoch ${at.epoch}, not evaluated` : `epoch ${e.last.epoch}`} -> ${e.last.path}\n`);
      if (at) process.stdout.write(`resume with: alexnet train --resume ${e.runDir}\n`);
    }
  };
  try {
    const done = await runTraining(config, {
      emit,
      log: (level, message) => {
        if (!json || level !== 'info') process.stderr.write(`${tty ? '\r\x1b[K' : ''}${level === 'info' ? '' : level + ': '}${message}\n`);
      },
      dataset: (s) => {
        if (!json) process.stderr.write(`${tty ? '\r\x1b[K' : ''}dataset: ${s.root} (${s.classes.length} classes, ${s.counts.train.reduce((a, b) => a + b, 0)} train / ${s.counts.test.reduce((a, b) => a + b, 0)} test images)\n`);
      },
      stopRequested: () => stop,
    });
    return done.stopped ? 130 : 0;
  } finally {
    process.off('SIGINT', onSignal);
  }
}
