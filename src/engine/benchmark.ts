import * as tf from '@tensorflow/tfjs-core';
import { buildAlexNet } from './alexnet';
import { TrainStep } from './trainStep';
import { modelConfig } from '../shared/modelConfig';

export interface BenchOptions {
  batchSize: number;
  inputSize: number;
  steps: number;
  /** Called after each timed step, e.g. for progress on stderr. */
  onStep?: (phase: 'train' | 'infer', step: number, seconds: number) => void;
  /** Also time one training step per kernel (tf.profile) and return the kernels that took longest. */
  profile?: boolean;
}

export interface KernelTime {
  kernel: string;
  calls: number;
  ms: number;
  /** Input shapes of the slowest call. */
  shapes: string;
}

export interface BenchResult {
  trainImagesPerSecond: number;
  inferImagesPerSecond: number;
  batchSize: number;
  inputSize: number;
  steps: number;
  peakRssMB: number;
  tensorsAfterWarmup: number;
  tensorsAtEnd: number;
  profile?: KernelTime[];
}

async function profileStep(step: () => Promise<void>): Promise<KernelTime[]> {
  const info = await tf.profile(step);
  const byName = new Map<string, KernelTime & { slowest: number }>();
  for (const k of info.kernels) {
    const ms = typeof k.kernelTimeMs === 'number' ? k.kernelTimeMs : 0;
    const entry = byName.get(k.name) ?? { kernel: k.name, calls: 0, ms: 0, shapes: '', slowest: -1 };
    entry.calls++;
    entry.ms += ms;
    if (ms > entry.slowest) {
      entry.slowest = ms;
      entry.shapes = k.inputShapes.map((s) => `[${(s ?? []).join(',')}]`).join(' ');
    }
    byName.set(k.name, entry);
  }
  return [...byName.values()]
    .sort((a, b) => b.ms - a.ms)
    .map(({ kernel, calls, ms, shapes }) => ({ kernel, calls, ms: Math.round(ms), shapes }));
}

const seconds = (start: bigint) => Number(process.hrtime.bigint() - start) / 1e9;

/**
 * Training and inference throughput of the tutorial's AlexNet (7 classes, like the PyTorch reference's bench) on
 * the active backend: one untimed warm-up step each, then `steps` timed ones on a fixed random batch.
 */
export async function runBenchmark(options: BenchOptions): Promise<BenchResult> {
  const { batchSize, inputSize, steps } = options;
  const model = buildAlexNet(modelConfig({ numClasses: 7, inputSize, seed: 0 }));
  const trainer = new TrainStep(model, { lr: 0.01, momentum: 0.9, weightDecay: 5e-4 });
  const x = tf.randomNormal([batchSize, inputSize, inputSize, 3], 0, 1, 'float32', 1) as tf.Tensor4D;
  const labels = tf.tensor1d(Array.from({ length: batchSize }, (_, i) => i % 7), 'int32');
  try {
    const trainOnce = async () => {
      const r = trainer.run(x, labels);
      await r.loss.data();
      tf.dispose([r.loss, r.correct]);
    };
    await trainOnce();
    const tensorsAfterWarmup = tf.memory().numTensors;
    let start = process.hrtime.bigint();
    for (let i = 0; i < steps; i++) {
      const t = process.hrtime.bigint();
      await trainOnce();
      options.onStep?.('train', i + 1, seconds(t));
    }
    const trainSeconds = seconds(start);
    const tensorsAtEnd = tf.memory().numTensors;
    const profile = options.profile ? await profileStep(trainOnce) : undefined;

    const inferOnce = async () => {
      const logits = tf.tidy(() => model.apply(x, { training: false }) as tf.Tensor);
      await logits.data();
      logits.dispose();
    };
    await inferOnce();
    start = process.hrtime.bigint();
    for (let i = 0; i < steps; i++) {
      const t = process.hrtime.bigint();
      await inferOnce();
      options.onStep?.('infer', i + 1, seconds(t));
    }
    const inferSeconds = seconds(start);
    return {
      trainImagesPerSecond: (steps * batchSize) / trainSeconds,
      inferImagesPerSecond: (steps * batchSize) / inferSeconds,
      batchSize,
      inputSize,
      steps,
      // maxRSS is in kilobytes; it includes the wasm heap.
      peakRssMB: Math.round(process.resourceUsage().maxRSS / 1024),
      tensorsAfterWarmup,
      tensorsAtEnd,
      profile,
    };
  } finally {
    tf.dispose([x, labels]);
    trainer.optimizer.dispose();
    model.dispose();
  }
}
