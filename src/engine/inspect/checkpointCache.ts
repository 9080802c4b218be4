import * as tf from '@tensorflow/tfjs-core';
import * as fs from 'fs/promises';
import * as path from 'path';
import { loadCheckpoint, LoadedCheckpoint, resolveCheckpoint } from '../checkpoints';

/**
 * The trainer keeps the last checkpoint it inspected loaded: feature maps, Grad-CAM and filters of one checkpoint
 * come in bursts (a click per layer or per card), and loading AlexNet's 233 MB of weights takes seconds. A
 * checkpoint rewritten since (a new epoch) is loaded again: meta.json's modification time tells.
 */
let cached: { dir: string; stamp: number; backend: string; checkpoint: LoadedCheckpoint } | undefined;

export async function inspectedCheckpoint(dir: string): Promise<LoadedCheckpoint> {
  const resolved = await resolveCheckpoint(dir);
  const stamp = (await fs.stat(path.join(resolved, 'meta.json'))).mtimeMs;
  // Weights live on the backend that loaded them: another backend loads its own copy.
  const backend = tf.getBackend();
  if (cached && cached.dir === resolved && cached.stamp === stamp && cached.backend === backend) return cached.checkpoint;
  forgetInspected();
  const checkpoint = await loadCheckpoint(resolved);
  cached = { dir: resolved, stamp, backend, checkpoint };
  return checkpoint;
}

function forgetInspected(): void {
  cached?.checkpoint.model.dispose();
  cached = undefined;
}
