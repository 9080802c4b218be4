import * as tf from '@tensorflow/tfjs-core';
import * as tfl from '@tensorflow/tfjs-layers';
import * as fs from 'fs/promises';
import * as path from 'path';
import { CheckpointMeta } from '../shared/checkpointMeta';
import { checkMeta, checkWeightFileName, parseJsonFile } from '../shared/checkpointChecks';
import './lrnLayer';
import { CHECKPOINT_KINDS, META_FILE, checkpointDir, crashLeftover, swapPrefix } from '../shared/runLayout';

const MODEL_JSON_LIMIT = 5 * 1024 * 1024;
const META_JSON_LIMIT = 16 * 1024 * 1024;

interface ModelJson {
  modelTopology: object;
  format?: string;
  generatedBy?: string;
  weightsManifest: { paths: string[]; weights: tf.io.WeightsManifestEntry[] }[];
}

function joinWeightData(data: tf.io.WeightData): ArrayBuffer {
  return Array.isArray(data) ? tf.io.concatenateArrayBuffers(data) : data;
}

async function exists(p: string): Promise<boolean> {
  return fs.stat(p).then(
    () => true,
    () => false,
  );
}

/** ENOSPC and EDQUOT name the checkpoint and say that the previous one is intact, which the temp folder guarantees. */
function diskError(err: unknown, target: string): Error {
  const code = (err as NodeJS.ErrnoException).code;
  if (code === 'ENOSPC' || code === 'EDQUOT' || code === 'EFBIG') {
    return new Error(`no space left on the disk while writing ${target}: the previous checkpoint there is intact; free some space, then resume the run`);
  }
  return err instanceof Error ? err : new Error(String(err));
}

/** True when `pid` names a live process; a leftover whose writer is gone can be removed. */
function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Removes `.<kind>-<name>-<pid>-<time>` folders left by a writer that was killed (kill -9, power loss).
 * Only those of dead processes: another trainer may be writing beside us.
 */
async function removeLeftovers(parent: string, name: string, kind: 'tmp' | 'old'): Promise<void> {
  const prefix = swapPrefix(kind, name);
  for (const entry of await fs.readdir(parent).catch(() => [] as string[])) {
    if (!entry.startsWith(prefix)) continue;
    const pid = Number(entry.slice(prefix.length).split('-')[0]);
    if (!Number.isInteger(pid) || pid === process.pid || processAlive(pid)) continue;
    await fs.rm(path.join(parent, entry), { recursive: true, force: true });
  }
}

/** Writes files into a fresh temporary folder beside `target`, then swaps it in with renames. */
async function writeAtomically(target: string, write: (dir: string) => Promise<void>): Promise<void> {
  const parent = path.dirname(target);
  const name = path.basename(target);
  await removeLeftovers(parent, name, 'tmp');
  const stamp = `${process.pid}-${Date.now()}`;
  const tmp = path.join(parent, `${swapPrefix('tmp', name)}${stamp}`);
  await fs.mkdir(tmp, { recursive: true }).catch((err: unknown) => {
    throw diskError(err, target);
  });
  try {
    await write(tmp);
  } catch (err) {
    await fs.rm(tmp, { recursive: true, force: true });
    throw diskError(err, target);
  }
  // rename() cannot replace a non-empty folder: move the old one aside first. A crash between the two renames
  // leaves `.old-<name>-*`, which resolveCheckpoint() falls back to.
  const old = path.join(parent, `${swapPrefix('old', name)}${stamp}`);
  const hadOld = await exists(target);
  if (hadOld) await fs.rename(target, old);
  await fs.rename(tmp, target);
  if (hadOld) await fs.rm(old, { recursive: true, force: true });
  // A complete target now exists, so an older crash's `.old-*` fallback is no longer needed.
  await removeLeftovers(parent, name, 'old');
}

async function writeFileSynced(file: string, data: string | Uint8Array): Promise<void> {
  const handle = await fs.open(file, 'w');
  try {
    await handle.writeFile(data);
    await handle.sync();
  } finally {
    await handle.close();
  }
}

/**
 * Saves model.json + weights.bin + meta.json (+ optimizer.json/bin when given, + `extraFiles` by name, such as the
 * test predictions) as one checkpoint folder, atomically.
 */
export async function saveCheckpoint(dir: string, model: tfl.LayersModel, meta: CheckpointMeta, optimizer?: tf.Optimizer, extraFiles: Record<string, string> = {}): Promise<void> {
  let artifacts: tf.io.ModelArtifacts | undefined;
  await model.save(
    tf.io.withSaveHandler(async (a) => {
      artifacts = a;
      return { modelArtifactsInfo: { dateSaved: new Date(), modelTopologyType: 'JSON' } };
    }),
  );
  if (!artifacts?.weightData || !artifacts.weightSpecs) throw new Error('model produced no weights to save');
  let optimizerState: { data: tf.io.WeightData; specs: tf.io.WeightsManifestEntry[] } | undefined;
  if (optimizer) {
    const weights = await optimizer.getWeights();
    optimizerState = await tf.io.encodeWeights(weights);
    // getWeights() makes a new scalar for the iteration count; the rest are the optimizer's live variables.
    tf.dispose(weights.filter((w) => !(w.tensor instanceof tf.Variable)).map((w) => w.tensor));
  }
  const modelJson: ModelJson = {
    format: 'layers-model',
    generatedBy: `TensorFlow.js tfjs-layers v${tfl.version_layers} (alexnet-trainer)`,
    modelTopology: artifacts.modelTopology as object,
    weightsManifest: [{ paths: ['weights.bin'], weights: artifacts.weightSpecs }],
  };
  const weights = new Uint8Array(joinWeightData(artifacts.weightData));
  await writeAtomically(dir, async (tmp) => {
    await writeFileSynced(path.join(tmp, 'weights.bin'), weights);
    await writeFileSynced(path.join(tmp, 'model.json'), JSON.stringify(modelJson));
    if (optimizerState) {
      await writeFileSynced(path.join(tmp, 'optimizer.bin'), new Uint8Array(joinWeightData(optimizerState.data)));
      await writeFileSynced(path.join(tmp, 'optimizer.json'), JSON.stringify({ weights: optimizerState.specs }));
    }
    for (const [name, text] of Object.entries(extraFiles)) await writeFileSynced(path.join(tmp, name), text);
    await writeFileSynced(path.join(tmp, 'meta.json'), JSON.stringify(meta, null, 1));
  });
}

async function readLimited(file: string, limit: number): Promise<string> {
  const stat = await fs.stat(file).catch(() => undefined);
  if (!stat) throw new Error(`${file} not found`);
  if (stat.size > limit) throw new Error(`${file} is ${stat.size} bytes, over the ${limit}-byte limit for this file`);
  return fs.readFile(file, 'utf8');
}

async function readWeights(dir: string, manifestFile: string, manifest: unknown): Promise<{ specs: tf.io.WeightsManifestEntry[]; data: ArrayBuffer }> {
  if (!Array.isArray(manifest)) throw new Error(`${manifestFile}: "weightsManifest" must be an array`);
  const specs: tf.io.WeightsManifestEntry[] = [];
  const buffers: ArrayBuffer[] = [];
  for (const group of manifest as { paths?: unknown; weights?: unknown }[]) {
    if (!Array.isArray(group.paths) || !Array.isArray(group.weights)) throw new Error(`${manifestFile}: each weights group needs "paths" and "weights" arrays`);
    for (const p of group.paths) {
      const file = path.join(dir, checkWeightFileName(p, manifestFile));
      const buf = await fs.readFile(file).catch(() => {
        throw new Error(`${file} is missing: the checkpoint is incomplete`);
      });
      buffers.push(buf.buffer.slice(buf.byteOffset, buf.byteOffset + buf.byteLength) as ArrayBuffer);
    }
    specs.push(...(group.weights as tf.io.WeightsManifestEntry[]));
  }
  const data = tf.io.concatenateArrayBuffers(buffers);
  const expected = specs.reduce((a, s) => a + s.shape.reduce((x, y) => x * y, 1) * 4, 0);
  if (expected !== data.byteLength) throw new Error(`${manifestFile}: weights hold ${data.byteLength} bytes but the manifest describes ${expected}`);
  return { specs, data };
}

/**
 * Finds the checkpoint folder to load: a checkpoint folder itself, or a run folder (its best/, else last/).
 * Falls back to the `.old-*` copy a crash mid-swap can leave behind.
 */
export async function resolveCheckpoint(dir: string): Promise<string> {
  const abs = path.resolve(dir);
  if (await exists(path.join(abs, META_FILE))) return abs;
  for (const kind of CHECKPOINT_KINDS) {
    if (await exists(path.join(checkpointDir(abs, kind), META_FILE))) return checkpointDir(abs, kind);
  }
  const leftover = await crashLeftover(abs);
  if (leftover) return leftover;
  throw new Error(`no checkpoint in ${abs}: expected meta.json and model.json, or a run folder with best/ or last/`);
}

export interface LoadedCheckpoint {
  dir: string;
  model: tfl.LayersModel;
  meta: CheckpointMeta;
}

export async function readMeta(dir: string): Promise<CheckpointMeta> {
  const file = path.join(dir, 'meta.json');
  return checkMeta(parseJsonFile(await readLimited(file, META_JSON_LIMIT), file), file);
}

/** Loads and validates a checkpoint; refuses weights outside the folder and meta.json of the wrong shape. */
export async function loadCheckpoint(dir: string): Promise<LoadedCheckpoint> {
  const resolved = await resolveCheckpoint(dir);
  const meta = await readMeta(resolved);
  const modelFile = path.join(resolved, 'model.json');
  const json = parseJsonFile(await readLimited(modelFile, MODEL_JSON_LIMIT), modelFile) as Partial<ModelJson>;
  if (typeof json.modelTopology !== 'object' || json.modelTopology === null) throw new Error(`${modelFile}: "modelTopology" is missing`);
  const { specs, data } = await readWeights(resolved, modelFile, json.weightsManifest);
  const model = await tfl.loadLayersModel(tf.io.fromMemory({ modelTopology: json.modelTopology, weightSpecs: specs, weightData: data }));
  const outUnits = (model.outputs[0].shape as (number | null)[])[1];
  if (outUnits !== meta.classes.length) {
    model.dispose();
    throw new Error(`${modelFile}: the model has ${outUnits} outputs but meta.json lists ${meta.classes.length} classes`);
  }
  return { dir: resolved, model, meta };
}

/** The optimizer state saved with a `last` checkpoint, in the order TrainStep applies gradients. */
export async function loadOptimizerState(dir: string): Promise<{ name: string; tensor: tf.Tensor }[] | undefined> {
  const file = path.join(dir, 'optimizer.json');
  if (!(await exists(file))) return undefined;
  const json = parseJsonFile(await readLimited(file, MODEL_JSON_LIMIT), file) as { weights?: unknown };
  const { specs, data } = await readWeights(dir, file, [{ paths: ['optimizer.bin'], weights: json.weights }]);
  const map = tf.io.decodeWeights(data, specs);
  return specs.map((s) => ({ name: s.name, tensor: map[s.name] }));
}
