import * as tf from '@tensorflow/tfjs-core';
import { adapterName, GpuAdapterReport } from '../../shared/backendReport';
import { startDawn } from './dawn';
import { registerWebGpuTrainingKernels } from './kernels';

export interface WebGpuAttempt {
  ok: boolean;
  reason?: string;
  softwareOnly?: boolean;
  device?: string;
  adapter?: GpuAdapterReport;
  kernels?: string[];
}

function errorText(err: unknown): string {
  return (err instanceof Error ? err.message : String(err)).split('\n')[0];
}

/**
 * Dawn first (it must provide `navigator.gpu` before tfjs-backend-webgpu is imported, or the backend never
 * registers), then the backend package, then tfjs' switch to it and this project's training kernels. Loaded only
 * here, so a process that never tries webgpu never loads dawn.node.
 */
export async function startWebGpu(allowSoftware: boolean): Promise<WebGpuAttempt> {
  const dawn = await startDawn(allowSoftware);
  if (!dawn.ok) return { ok: false, reason: dawn.reason, softwareOnly: dawn.softwareOnly };
  try {
    require('@tensorflow/tfjs-backend-webgpu');
  } catch (err) {
    const missing = (err as NodeJS.ErrnoException).code === 'MODULE_NOT_FOUND';
    return { ok: false, reason: missing ? 'not installed: @tensorflow/tfjs-backend-webgpu' : `failed to load @tensorflow/tfjs-backend-webgpu: ${errorText(err)}` };
  }
  if (!tf.findBackendFactory('webgpu')) return { ok: false, reason: 'tfjs-backend-webgpu did not register (navigator.gpu was missing when it loaded)' };
  try {
    if (!(await tf.setBackend('webgpu'))) return { ok: false, reason: "tf.setBackend('webgpu') failed to initialise" };
    await tf.ready();
  } catch (err) {
    return { ok: false, reason: `failed to initialise: ${errorText(err)}` };
  }
  // ALEXNET_WEBGPU_STOCK_KERNELS=1 keeps tfjs' own kernels: for benchmarks that compare the two.
  const kernels = process.env.ALEXNET_WEBGPU_STOCK_KERNELS === '1' ? [] : registerWebGpuTrainingKernels();
  const a = dawn.adapter;
  const device = a.fallback
    ? `CPU, software WebGPU adapter (${a.description || a.architecture}): for checks, slower than wasm`
    : `GPU, WebGPU (Dawn${a.api ? `, ${a.api}` : ''}): ${adapterName(a)}, ${kernels.length} training kernels`;
  return { ok: true, adapter: a, kernels, device };
}
