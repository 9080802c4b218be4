import * as tf from '@tensorflow/tfjs-core';
import * as os from 'os';
import { BackendName } from '../shared/backendReport';
import { LayerTable } from '../shared/layerTable';

const GiB = 1024 ** 3;
/** wasm32 addresses at most 4 GiB; leave room for the runtime's own allocations. */
const WASM_LIMIT = 3.5 * GiB;

/**
 * Bytes one training step needs, roughly: the tape keeps every layer's output (and the pre-activation beside the
 * ReLU), backprop makes a gradient of each, plus weights, gradients, momentum and the decayed gradient.
 */
export function stepBytes(table: LayerTable): { perImage: number; fixed: number } {
  const perImage = (table.totalNeurons * 4 + table.inputSize * table.inputSize * 3 * 2) * 4;
  const fixed = table.totalParams * 4 * 4;
  return { perImage, fixed };
}

export function memoryLimit(backend: BackendName): number {
  return backend === 'wasm' ? WASM_LIMIT : os.totalmem() * 0.8;
}

/** Refuses, before any work, a batch that cannot fit, and names one that can. */
export function checkBatchFits(table: LayerTable, batchSize: number, backend: BackendName): void {
  const { perImage, fixed } = stepBytes(table);
  const limit = memoryLimit(backend);
  const need = fixed + perImage * batchSize;
  if (need <= limit) return;
  const fits = Math.floor((limit - fixed) / perImage);
  const gb = (b: number) => (b / GiB).toFixed(1);
  const where = backend === 'wasm' ? 'the wasm backend can address (4 GiB)' : 'this machine can spare';
  const advice = fits >= 1 ? `try --batch-size ${Math.min(fits, Math.max(1, Math.floor(batchSize / 2)))} or smaller` : 'use a smaller --input-size';
  throw new Error(`a batch of ${batchSize} images at ${table.inputSize} px needs about ${gb(need)} GB for a training step, more than ${where}; ${advice}`);
}

/** GPU memory of live tensors in MB where the backend keeps them on a GPU (webgpu's numBytesInGPU), else undefined. */
export function gpuMegabytes(): number | undefined {
  const bytes = (tf.memory() as tf.MemoryInfo & { numBytesInGPU?: number }).numBytesInGPU;
  return typeof bytes === 'number' ? Math.round(bytes / 1024 / 1024) : undefined;
}
