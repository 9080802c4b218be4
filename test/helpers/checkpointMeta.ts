/** A valid checkpoint meta.json for tests that write checkpoints by hand; classToIdx follows `classes`. */
import * as fs from 'fs/promises';
import * as path from 'path';
import { CheckpointMeta } from '../../src/shared/checkpointMeta';
import { DEFAULT_TRAIN_CONFIG } from '../../src/shared/trainConfig';

export function checkpointMeta(overrides: Partial<CheckpointMeta> = {}): CheckpointMeta {
  const classes = overrides.classes ?? ['0', '1', '2'];
  return {
    format: 'alexnet-trainer-checkpoint',
    version: 1,
    kind: 'last',
    inputSize: 63,
    normalisation: { mean: [0.5, 0.5, 0.5], std: [0.5, 0.5, 0.5] },
    epoch: 1,
    metrics: { trainLoss: 1, trainAcc: 0.5, testLoss: 1, testAcc: 0.5, lr: 0.01 },
    config: { ...DEFAULT_TRAIN_CONFIG, datasetDir: '/data', inputSize: 63 },
    backend: 'wasm',
    datasetFingerprint: 'abc',
    createdAt: new Date(0).toISOString(),
    ...overrides,
    classes,
    classToIdx: Object.fromEntries(classes.map((c, i) => [c, i])),
  };
}

/** A checkpoint folder as the Runs view reads it: meta.json and a model.json naming its one weight file. */
export async function writeCheckpointFiles(dir: string, meta: CheckpointMeta): Promise<void> {
  await fs.mkdir(dir, { recursive: true });
  // The shape of the Sequential topology the export works on; the weights are not read.
  const layers = [
    { class_name: 'ZeroPadding2D', config: { name: 'pad1', batch_input_shape: [null, 63, 63, 3] } },
    { class_name: 'Dense', config: { name: 'fc8', activation: 'linear' } },
  ];
  const model = { modelTopology: { class_name: 'Sequential', config: { layers } }, weightsManifest: [{ paths: ['group1-shard1of1.bin'], weights: [] }] };
  await fs.writeFile(path.join(dir, 'model.json'), JSON.stringify(model));
  await fs.writeFile(path.join(dir, 'group1-shard1of1.bin'), Buffer.from([1, 2, 3, 4]));
  await fs.writeFile(path.join(dir, 'meta.json'), JSON.stringify(meta));
}
