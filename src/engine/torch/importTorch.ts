/**
 * `alexnet import-torch`: a PyTorch state_dict of the tutorial's AlexNet becomes a normal checkpoint folder
 * (<run>/best: model.json, weights.bin, meta.json saying where it came from). Everything is read, checked and
 * converted before the run folder is made; a failure leaves nothing behind.
 */
import * as tf from '@tensorflow/tfjs-core';
import { createHash } from 'crypto';
import { createReadStream } from 'fs';
import * as fs from 'fs/promises';
import * as path from 'path';
import { BACKENDS, BackendName } from '../../shared/backendReport';
import { CheckpointMeta } from '../../shared/checkpointMeta';
import { message } from '../../shared/messages';
import { modelConfig } from '../../shared/modelConfig';
import { TorchImportRequest, TorchImportResult, TorchInspection, TorchLayout } from '../../shared/torchImport';
import { DEFAULT_TRAIN_CONFIG } from '../../shared/trainConfig';
import { buildAlexNet } from '../alexnet';
import { saveCheckpoint } from '../checkpoints';
import { scanDataset } from '../datasetScan';
import { createRunFolder } from '../runFolder';
import { readStateDict, TorchTensor } from './readStateDict';
import { convToTf, linearToTf } from './torchConvert';
import { refuse } from './torchErrors';
import { CONV5_CHANNELS, LAYOUT_VARIANT, matchLayout, MatchedLayout, TORCH_LAYERS } from './torchLayouts';

export type { TorchImportRequest, TorchImportResult, TorchInspection } from '../../shared/torchImport';

/** Reads and checks the file: which layout, how many classes, which input sizes fit. */
export async function inspectTorchCheckpoint(file: string): Promise<TorchInspection> {
  const { tensors, nestedUnder } = await readStateDict(file);
  const matched = matchLayout(file, tensors);
  return { ...matched, variant: LAYOUT_VARIANT[matched.layout], nestedUnder };
}

function chooseInputSize(file: string, matched: MatchedLayout, requested: number | undefined): number {
  const fc6 = `${TORCH_LAYERS[5].keys[matched.layout]}.weight`;
  // The sizes that fit are a run (pool5's side grows with the input size).
  const sizes = matched.inputSizes;
  const [from, to] = [sizes[0], sizes[sizes.length - 1]];
  if (requested !== undefined) {
    if (!sizes.includes(requested)) {
      refuse(
        sizes.length === 1
          ? message('torch.inputSizeMismatch', file, fc6, matched.flat, requested, from)
          : message('torch.inputSizeMismatchRange', file, fc6, matched.flat, requested, from, to),
      );
    }
    return requested;
  }
  if (sizes.length === 1) return from;
  return refuse(message(sizes.includes(224) ? 'torch.inputSizeAmbiguous224' : 'torch.inputSizeAmbiguous', file, fc6, matched.flat, from, to));
}

async function classNames(file: string, source: TorchImportRequest['classes'], count: number): Promise<string[]> {
  const names = Array.isArray(source) ? source : (await scanDataset(source.datasetDir)).summary.classes;
  const dataset = Array.isArray(source) ? undefined : path.resolve(source.datasetDir);
  if (names.length !== count) {
    const shown = names.slice(0, 10).join(', ');
    refuse(
      dataset === undefined
        ? message('torch.classesCountList', file, count, names.length, shown)
        : message('torch.classesCountDataset', file, count, dataset, names.length, shown),
    );
  }
  if (new Set(names).size !== names.length || names.some((n) => n.length === 0 || n.length > 1000)) {
    refuse(dataset === undefined ? message('torch.classNamesList', file) : message('torch.classNamesDataset', file, dataset));
  }
  return names;
}

async function sha256(file: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(file)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

/** [kernel, bias] of each TF.js layer, from the PyTorch tensors. */
function tfWeights(tensors: Map<string, TorchTensor>, layout: TorchLayout): Map<string, [Float32Array, Float32Array, number[]]> {
  const out = new Map<string, [Float32Array, Float32Array, number[]]>();
  for (const layer of TORCH_LAYERS) {
    const w = tensors.get(`${layer.keys[layout]}.weight`) as TorchTensor;
    const b = tensors.get(`${layer.keys[layout]}.bias`) as TorchTensor;
    const values = w.values as Float32Array;
    if (layer.kind === 'conv') {
      const [o, i, h, k] = w.shape;
      out.set(layer.tf, [convToTf(values, w.shape), b.values as Float32Array, [h, k, i, o]]);
    } else {
      const [outs, ins] = w.shape;
      out.set(layer.tf, [linearToTf(values, w.shape, layer.tf === 'fc6' ? CONV5_CHANNELS : undefined), b.values as Float32Array, [ins, outs]]);
    }
  }
  return out;
}

function currentBackend(): BackendName {
  const name = tf.getBackend();
  return (BACKENDS as readonly string[]).includes(name) ? (name as BackendName) : 'cpu';
}

/** Imports `request.file`; returns the run folder and its checkpoint. */
export async function importTorchCheckpoint(request: TorchImportRequest): Promise<TorchImportResult> {
  const file = path.resolve(request.file);
  const { tensors, nestedUnder } = await readStateDict(file);
  const matched = matchLayout(file, tensors);
  const inputSize = chooseInputSize(file, matched, request.inputSize);
  const classes = await classNames(file, request.classes, matched.classes);
  const variant = LAYOUT_VARIANT[matched.layout];
  const weights = tfWeights(tensors, matched.layout);
  tensors.clear();
  const model = buildAlexNet(modelConfig({ numClasses: classes.length, inputSize, variant, seed: 0 }));
  try {
    for (const [name, [kernel, bias, shape]] of weights) {
      const values = [tf.tensor(kernel, shape), tf.tensor1d(bias)];
      model.getLayer(name).setWeights(values);
      tf.dispose(values);
    }
    weights.clear();
    const now = new Date().toISOString();
    const meta: CheckpointMeta = {
      format: 'alexnet-trainer-checkpoint',
      version: 1,
      kind: 'best',
      classes,
      classToIdx: Object.fromEntries(classes.map((c, i) => [c, i])),
      inputSize,
      normalisation: { mean: [0.5, 0.5, 0.5], std: [0.5, 0.5, 0.5] },
      epoch: 0,
      metrics: { trainLoss: 0, trainAcc: 0, testLoss: 0, testAcc: 0, lr: 0 },
      config: { ...DEFAULT_TRAIN_CONFIG, datasetDir: Array.isArray(request.classes) ? '' : path.resolve(request.classes.datasetDir), inputSize },
      backend: currentBackend(),
      datasetFingerprint: '',
      createdAt: now,
      variant,
      source: { format: 'pytorch-state-dict', file, sha256: await sha256(file), layout: matched.layout, importedAt: now },
    };
    const existed = request.outDir ? await fs.stat(request.outDir).then(() => true, () => false) : false;
    const runDir = await createRunFolder(request.outDir, request.runsRoot);
    const checkpointDir = path.join(runDir, 'best');
    try {
      await saveCheckpoint(checkpointDir, model, meta);
    } catch (err) {
      if (!existed) await fs.rm(runDir, { recursive: true, force: true });
      throw err;
    }
    return { runDir, checkpointDir, meta, nestedUnder };
  } finally {
    model.dispose();
  }
}
