import { runBenchmark } from '../engine/benchmark';
import { selectBackend } from '../engine/backend';
import { BackendChoice } from '../shared/backendReport';
import { MIN_INPUT_SIZE } from '../shared/modelConfig';
import { intOption, Options } from './args';

export const benchOptions: Options = {
  'batch-size': { type: 'string' },
  'input-size': { type: 'string' },
  steps: { type: 'string' },
  json: { type: 'boolean' },
  profile: { type: 'boolean' },
};

export const benchHelp = `alexnet bench [--backend B] [--batch-size 16] [--input-size 224] [--steps 5] [--json] [--profile]
  Training and inference speed of the tutorial's AlexNet (7 classes) on random data: one warm-up step, then
  --steps timed SGD steps (momentum 0.9, weight decay 5e-4) and --steps forward passes.
  Prints images per second, the thread count, peak resident memory and the tensor count after the warm-up and
  at the end (equal when nothing leaks). npm run bench compares it with PyTorch on the same machine.
  --json   print {"backend","trainImagesPerSecond","inferImagesPerSecond","batchSize","inputSize","steps",
           "threads","peakRssMB","tensorsAfterWarmup","tensorsAtEnd"}
  --profile  time one more training step per kernel and list where the time goes (stderr)`;

export async function benchCommand(values: Record<string, unknown>, backend: BackendChoice): Promise<void> {
  const batchSize = intOption(values['batch-size'], 'batch-size') ?? 16;
  const inputSize = intOption(values['input-size'], 'input-size', MIN_INPUT_SIZE) ?? 224;
  const steps = intOption(values.steps, 'steps') ?? 5;
  const report = await selectBackend(backend);
  if (!values.json) process.stderr.write(`backend: ${report.backend} (${report.device})\n`);
  const result = await runBenchmark({
    batchSize,
    inputSize,
    steps,
    profile: Boolean(values.profile),
    onStep: values.json ? undefined : (phase, step, s) => process.stderr.write(`${phase} step ${step}: ${s.toFixed(2)} s\n`),
  });
  const out = { backend: report.backend, ...result, threads: report.threads ?? null };
  const ordered = {
    backend: out.backend,
    trainImagesPerSecond: round(out.trainImagesPerSecond),
    inferImagesPerSecond: round(out.inferImagesPerSecond),
    batchSize: out.batchSize,
    inputSize: out.inputSize,
    steps: out.steps,
    threads: out.threads,
    peakRssMB: out.peakRssMB,
    tensorsAfterWarmup: out.tensorsAfterWarmup,
    tensorsAtEnd: out.tensorsAtEnd,
  };
  if (result.profile) {
    const total = result.profile.reduce((a, k) => a + k.ms, 0);
    process.stderr.write(`kernel time of one training step: ${total} ms\n`);
    for (const k of result.profile.slice(0, 25)) {
      process.stderr.write(`${k.kernel.padEnd(24)} ${String(k.calls).padStart(4)} calls ${String(k.ms).padStart(6)} ms  slowest on ${k.shapes}\n`);
    }
  }
  if (values.json) {
    process.stdout.write(JSON.stringify(ordered) + '\n');
    return;
  }
  process.stdout.write(
    [
      `training:  ${ordered.trainImagesPerSecond} images/s (batch ${batchSize}, ${inputSize} px, ${steps} steps)`,
      `inference: ${ordered.inferImagesPerSecond} images/s`,
      `threads: ${ordered.threads ?? 'n/a'}, peak RSS ${ordered.peakRssMB} MB, tensors ${ordered.tensorsAfterWarmup} -> ${ordered.tensorsAtEnd}`,
    ].join('\n') + '\n',
  );
}

const round = (n: number) => Math.round(n * 1000) / 1000;
