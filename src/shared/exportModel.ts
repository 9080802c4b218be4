/**
 * Export a checkpoint as a folder that `@teachablemachine/image` loads as it is (load(model.json, metadata.json),
 * then predict()), and that any TF.js client can use: model.json + weights + metadata.json.
 * Two changes to the model make Teachable Machine's predict() give this extension's probabilities:
 *  - its capture() feeds x/127 - 1, and the model was trained on (x/255 - mean)/std, so a 1x1 depthwise layer
 *    first maps the one onto the other (exactly, per channel);
 *  - predict() reports the outputs as probabilities, so fc8 ends in a softmax.
 * Plain JSON and file work, no TensorFlow.js and no vscode (node's fs only): the extension host's Export
 * Checkpoint and the CLI's export share it.
 */
import * as fs from 'fs/promises';
import * as path from 'path';
import { checkMeta, checkWeightFileName, parseJsonFile } from './checkpointChecks';
import { CheckpointMeta } from './checkpointMeta';

const MODEL_JSON_LIMIT = 5 * 1024 * 1024;
const RESCALE_LAYER = 'tm_input_rescale';
/** Teachable Machine's capture(): x / TM_DIVISOR - 1. */
const TM_DIVISOR = 127;

interface LayerJson {
  class_name: string;
  config: Record<string, unknown>;
}

interface ModelJson {
  modelTopology?: { class_name?: string; config?: { layers?: LayerJson[] } };
  weightsManifest?: { paths: string[]; weights: { name: string; shape: number[]; dtype: string }[] }[];
  [key: string]: unknown;
}

export interface ExportMetadata {
  /** The fields @teachablemachine/image reads. */
  tfjsVersion: string;
  packageName: string;
  packageVersion: string;
  modelName: 'AlexNet';
  timeStamp: string;
  labels: string[];
  imageSize: number;
  grayscale: false;
  /** What the exported model expects: Teachable Machine's x/127 - 1, as (x/255 - mean)/std. */
  normalisation: CheckpointMeta['normalisation'];
  /** Outputs are softmax probabilities in `labels` order. */
  output: 'probabilities';
  classToIdx: Record<string, number>;
  epoch: number;
  /** Null when the checkpoint was saved mid-epoch and never evaluated. */
  testAccuracy: number | null;
  exportedFrom: string;
  exportedAt: string;
  userMetadata: { trainedNormalisation: CheckpointMeta['normalisation']; variant: string; source?: CheckpointMeta['source'] };
}

export interface ExportResult {
  dir: string;
  /** Why some clients cannot run the export, when that is so. */
  warning?: string;
}

/** Per-channel kernel and bias turning x/127 - 1 into (x/255 - mean)/std. */
function rescaleWeights(n: CheckpointMeta['normalisation']): Float32Array {
  const kernel = n.std.map((s) => TM_DIVISOR / (255 * s));
  const bias = n.std.map((s, c) => (TM_DIVISOR / 255 - n.mean[c]) / s);
  return Float32Array.from([...kernel, ...bias]);
}

/** The checkpoint's topology with the input rescale in front and a softmax at the end. */
function teachableTopology(model: ModelJson, modelFile: string, inputSize: number): { layers: LayerJson[]; lrn: boolean } {
  const layers = model.modelTopology?.config?.layers;
  if (model.modelTopology?.class_name !== 'Sequential' || !Array.isArray(layers) || layers.length < 2) {
    throw new Error(`${modelFile}: not the Sequential AlexNet this extension writes`);
  }
  const last = layers[layers.length - 1];
  if (last.class_name !== 'Dense') throw new Error(`${modelFile}: the last layer is ${last.class_name}, not the output Dense layer`);
  const first = { ...layers[0], config: { ...layers[0].config } };
  delete first.config.batch_input_shape;
  const rescale: LayerJson = {
    class_name: 'DepthwiseConv2D',
    config: {
      name: RESCALE_LAYER,
      trainable: false,
      batch_input_shape: [null, inputSize, inputSize, 3],
      dtype: 'float32',
      kernel_size: [1, 1],
      strides: [1, 1],
      padding: 'valid',
      data_format: 'channels_last',
      dilation_rate: [1, 1],
      depth_multiplier: 1,
      activation: 'linear',
      use_bias: true,
      depthwise_initializer: { class_name: 'Zeros', config: {} },
      bias_initializer: { class_name: 'Zeros', config: {} },
      depthwise_regularizer: null,
      bias_regularizer: null,
      activity_regularizer: null,
      depthwise_constraint: null,
      bias_constraint: null,
    },
  };
  const output = { ...last, config: { ...last.config, activation: 'softmax' } };
  return { layers: [rescale, first, ...layers.slice(1, -1), output], lrn: layers.some((l) => l.class_name === 'LocalResponseNormalization') };
}

async function exists(p: string): Promise<boolean> {
  return fs.stat(p).then(
    () => true,
    () => false,
  );
}

/** Writes the export into a new folder inside destParent (name, name-2, ...), atomically; returns it. */
export async function exportForClients(checkpointDir: string, destParent: string, name: string): Promise<ExportResult> {
  const metaFile = path.join(checkpointDir, 'meta.json');
  const modelFile = path.join(checkpointDir, 'model.json');
  const meta = checkMeta(parseJsonFile(await fs.readFile(metaFile, 'utf8'), metaFile), metaFile);
  const stat = await fs.stat(modelFile);
  if (stat.size > MODEL_JSON_LIMIT) throw new Error(`${modelFile} is ${stat.size} bytes, over the ${MODEL_JSON_LIMIT}-byte limit`);
  const model = parseJsonFile(await fs.readFile(modelFile, 'utf8'), modelFile) as ModelJson;
  // A hostile model.json could name '../..' paths: copying them would read and write outside both folders.
  const groups = Array.isArray(model.weightsManifest) ? model.weightsManifest : [];
  const weightFiles = groups.flatMap((g) => (Array.isArray(g.paths) ? g.paths : [])).map((p) => checkWeightFileName(p, modelFile));
  if (weightFiles.length === 0 || !Array.isArray(groups[groups.length - 1].weights)) throw new Error(`${modelFile}: names no weight files`);
  const { layers, lrn } = teachableTopology(model, modelFile, meta.inputSize);
  const lastGroup = groups[groups.length - 1];
  const manifest = [
    ...groups.slice(0, -1),
    {
      ...lastGroup,
      weights: [...lastGroup.weights, { name: `${RESCALE_LAYER}/depthwise_kernel`, shape: [1, 1, 3, 1], dtype: 'float32' }, { name: `${RESCALE_LAYER}/bias`, shape: [3], dtype: 'float32' }],
    },
  ];
  const topology = { ...model.modelTopology, config: { ...model.modelTopology?.config, layers } };
  const exportedAt = new Date().toISOString();
  const tmNorm = { mean: [TM_DIVISOR / 255, TM_DIVISOR / 255, TM_DIVISOR / 255], std: [TM_DIVISOR / 255, TM_DIVISOR / 255, TM_DIVISOR / 255] } as CheckpointMeta['normalisation'];
  const metadata: ExportMetadata = {
    tfjsVersion: /v([0-9.]+)/.exec(String(model.generatedBy ?? ''))?.[1] ?? 'unknown',
    packageName: 'alexnet-trainer',
    packageVersion: '1',
    modelName: 'AlexNet',
    timeStamp: exportedAt,
    labels: meta.classes,
    imageSize: meta.inputSize,
    grayscale: false,
    normalisation: tmNorm,
    output: 'probabilities',
    classToIdx: meta.classToIdx,
    epoch: meta.epoch,
    testAccuracy: meta.metrics.testAcc,
    exportedFrom: checkpointDir,
    exportedAt,
    userMetadata: { trainedNormalisation: meta.normalisation, variant: meta.variant ?? 'fixed', source: meta.source },
  };

  let dest = path.join(destParent, name);
  for (let i = 2; await exists(dest); i++) dest = path.join(destParent, `${name}-${i}`);
  const tmp = path.join(destParent, `.tmp-${path.basename(dest)}-${process.pid}-${Date.now()}`);
  await fs.mkdir(tmp, { recursive: true });
  try {
    for (const file of weightFiles) {
      const src = path.join(checkpointDir, file);
      await fs.copyFile(src, path.join(tmp, file)).catch((err: NodeJS.ErrnoException) => {
        throw new Error(`cannot copy weight file ${src}: ${err.code ?? err.message}`);
      });
    }
    // The rescale weights go at the end of the last weight file, as the manifest lists them.
    const rescale = rescaleWeights(meta.normalisation);
    await fs.appendFile(path.join(tmp, lastGroup.paths[lastGroup.paths.length - 1]), Buffer.from(rescale.buffer));
    await fs.writeFile(path.join(tmp, 'model.json'), JSON.stringify({ ...model, modelTopology: topology, weightsManifest: manifest }));
    await fs.writeFile(path.join(tmp, 'metadata.json'), JSON.stringify(metadata, null, 2) + '\n');
    await fs.rename(tmp, dest);
  } catch (err) {
    await fs.rm(tmp, { recursive: true, force: true });
    throw err;
  }
  const warning = lrn
    ? 'the model has local response normalisation layers, which only this extension registers: @teachablemachine/image and other TF.js clients cannot load this export'
    : undefined;
  return { dir: dest, warning };
}
