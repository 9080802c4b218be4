import * as tf from '@tensorflow/tfjs-core';
import { adapterModel, GpuAdapterReport } from '../../shared/backendReport';
import { CodedMessage, Message, message } from '../../shared/messages';
import { errorText, setTfBackend } from '../tfBackendSwitch';
import { startDawn } from './dawn';
import { registerWebGpuTrainingKernels } from './kernels';

export interface WebGpuAttempt {
  ok: boolean;
  reason?: string;
  /** The reason as a code, for the UI to show in its language. */
  coded?: CodedMessage;
  softwareOnly?: boolean;
  /** Where the arithmetic happens, in English and as a code. */
  device?: Message;
  adapter?: GpuAdapterReport;
  kernels?: string[];
}


const refused = (m: Message): WebGpuAttempt => ({ ok: false, reason: m.text, coded: m.coded });

/**
 * Dawn first (it must provide `navigator.gpu` before tfjs-backend-webgpu is imported, or the backend never
 * registers), then the backend package, then tfjs' switch to it and this project's training kernels. Loaded only
 * here, so a process that never tries webgpu never loads dawn.node.
 */
export async function startWebGpu(allowSoftware: boolean): Promise<WebGpuAttempt> {
  const dawn = await startDawn(allowSoftware);
  if (!dawn.ok) return { ...refused(dawn.reason), softwareOnly: dawn.softwareOnly };
  const pkg = '@tensorflow/tfjs-backend-webgpu';
  try {
    require(pkg);
  } catch (err) {
    const missing = (err as NodeJS.ErrnoException).code === 'MODULE_NOT_FOUND';
    return refused(missing ? message('backend.notInstalled', pkg) : message('backend.loadFailed', pkg, errorText(err)));
  }
  if (!tf.findBackendFactory('webgpu')) return refused(message('backend.notRegistered'));
  const failed = await setTfBackend('webgpu');
  if (failed) return refused(failed);
  // ALEXNET_WEBGPU_STOCK_KERNELS=1 keeps tfjs' own kernels: for benchmarks that compare the two.
  const kernels = process.env.ALEXNET_WEBGPU_STOCK_KERNELS === '1' ? [] : registerWebGpuTrainingKernels();
  const a = dawn.adapter;
  const device = a.fallback
    ? message('backend.deviceWebGpuSoftware', a.description || a.architecture)
    : message('backend.deviceWebGpu', a.api ?? '', adapterModel(a), kernels.length);
  return { ok: true, adapter: a, kernels, device };
}
