import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import * as path from 'path';
import { registerWasmTrainingKernels } from './wasmKernels';
import { errorText, setTfBackend } from './tfBackendSwitch';
import { startWebGpu } from './webgpu/start';
import { disableWasmThreads, prepareWasmThreads, wantedWasmThreads } from './wasmThreads';
import { BACKENDS, BackendChoice, BackendName, BackendReport, GpuAdapterReport, SkippedBackend } from '../shared/backendReport';
import './globalEffects';
import { CodedError, CodedMessage, Message, message } from '../shared/messages';

interface Attempt {
  ok: boolean;
  reason?: string;
  /** The reason as a code, for the UI to show in its language. */
  coded?: CodedMessage;
  /** Names of the training kernels registered for this backend. */
  kernels?: string[];
  /** Where the arithmetic happens, in English and as a code. */
  device?: Message;
  threads?: number;
  simd?: boolean;
  adapter?: GpuAdapterReport;
  /** webgpu: refused only because the adapter is software; asking for webgpu by name would take it. */
  softwareOnly?: boolean;
}

const NODE_PACKAGES: Record<'tensorflow-gpu' | 'tensorflow', string> = {
  'tensorflow-gpu': '@tensorflow/tfjs-node-gpu',
  tensorflow: '@tensorflow/tfjs-node',
};

const reason = (m: Message): Pick<Attempt, 'reason' | 'coded'> => ({ reason: m.text, coded: m.coded });


function isMissingModule(err: unknown, name: string): boolean {
  const e = err as NodeJS.ErrnoException;
  return e?.code === 'MODULE_NOT_FOUND' && String(e.message).includes(`'${name}'`);
}

/**
 * Whether the CUDA libraries that tfjs-node-gpu 4.x links against can be loaded. Without them libtensorflow
 * silently computes on the CPU, so the report must say so. process.dlopen of a plain shared library fails with
 * "did not self-register" when the library exists, and with "cannot open shared object file" when it does not.
 */
function missingCudaLibraries(): string[] {
  const names =
    process.platform === 'win32' ? ['cudart64_110.dll', 'cudnn64_8.dll'] : ['libcudart.so.11.0', 'libcudnn.so.8'];
  return names.filter((name) => {
    try {
      process.dlopen({ exports: {} } as NodeJS.Module, name);
      return false;
    } catch (err) {
      return /cannot open|no such file|not find|specified module could not be found/i.test(errorText(err));
    }
  });
}

function tryNode(name: 'tensorflow-gpu' | 'tensorflow'): Attempt {
  const pkg = NODE_PACKAGES[name];
  try {
    require(pkg);
  } catch (err) {
    if (isMissingModule(err, pkg)) {
      return { ok: false, ...reason(message(name === 'tensorflow-gpu' ? 'backend.notInstalledGpu' : 'backend.notInstalled', pkg)) };
    }
    return { ok: false, ...reason(message('backend.loadFailed', pkg, errorText(err))) };
  }
  if (name === 'tensorflow-gpu') {
    const missing = missingCudaLibraries();
    if (missing.length > 0) {
      return { ok: false, ...reason(message('backend.noCuda', missing.join(', '), pkg)) };
    }
    return { ok: true, device: message('backend.deviceCuda') };
  }
  return { ok: true, device: message('backend.deviceCpuNative') };
}

async function tryWasm(): Promise<Attempt> {
  try {
    const wasm = require('@tensorflow/tfjs-backend-wasm') as typeof import('@tensorflow/tfjs-backend-wasm');
    // Load the .wasm binaries from the installed package, never from a CDN.
    const dist = path.dirname(require.resolve('@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm.wasm'));
    wasm.setWasmPaths(dist + path.sep);
    return { ok: true };
  } catch (err) {
    return { ok: false, ...reason(message('backend.loadFailed', '@tensorflow/tfjs-backend-wasm', errorText(err))) };
  }
}

/** How long the threaded wasm start may take before the single-threaded build is used instead. */
function threadedStartTimeoutMs(): number {
  const env = process.env.ALEXNET_WASM_START_TIMEOUT_MS;
  return env !== undefined && /^\d+$/.test(env) ? Number(env) : 60_000;
}

/** Resolves with `late` when `work` has not settled within `ms`; `work` goes on but is no longer waited for. */
async function within<T>(work: Promise<T>, ms: number, late: T): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<T>((resolve) => {
    timer = setTimeout(() => resolve(late), ms);
  });
  try {
    return await Promise.race([work, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

/** Why the threaded wasm start failed, and the seconds waited when it never finished. */
interface ThreadedFailure extends Message {
  lateAfterSeconds?: number;
}

/** Why the threaded wasm build was not used, when it was wanted and the single-threaded one runs instead. */
let threadedFailure: ThreadedFailure | undefined;

/**
 * wasm with Worker-based threads when more than one core is wanted; on failure, or when the threaded start hangs
 * (its workers never answer), the single-threaded build.
 */
async function startWasm(): Promise<Message | undefined> {
  const factory = tf.findBackendFactory('wasm');
  const threads = prepareWasmThreads(wantedWasmThreads());
  if (!threads) return setTfBackend('wasm');
  let failure: ThreadedFailure | undefined;
  try {
    const seconds = threadedStartTimeoutMs() / 1000;
    const late: ThreadedFailure = { text: `the threaded start did not finish within ${seconds} s`, lateAfterSeconds: seconds };
    failure = await within<ThreadedFailure | undefined>(setTfBackend('wasm'), seconds * 1000, late);
  } finally {
    threads.restore();
  }
  if (failure === undefined || !factory) return failure;
  // removeBackend also makes a start still in flight obsolete: tfjs ignores it when it settles.
  tf.removeBackend('wasm');
  disableWasmThreads();
  tf.registerBackend('wasm', factory, 2);
  const retry = await setTfBackend('wasm');
  // Both failed: the English text keeps both reasons; the UI shows the decisive one, the single-threaded start's.
  if (retry !== undefined) return { text: `${failure.text}; single-threaded: ${retry.text}`, coded: retry.coded };
  threadedFailure = failure;
  return undefined;
}

/** The wasm backend's device, in English and as a code: SIMD or not, its threads, and why threads are off. */
function wasmDevice(simd: boolean, threads: number, kernels: number): Message {
  const wasm = simd ? 'WebAssembly SIMD' : 'WebAssembly';
  if (threadedFailure?.lateAfterSeconds !== undefined) return message('backend.deviceWasmThreadsLate', wasm, threadedFailure.lateAfterSeconds, kernels);
  if (threadedFailure) return message('backend.deviceWasmThreadsOff', wasm, threadedFailure.text, kernels);
  return message('backend.deviceWasm', wasm, threads, kernels);
}

async function activate(name: BackendName, requested: BackendChoice): Promise<Attempt> {
  // A software WebGPU adapter (SwiftShader) is slower than wasm on the same CPU: only when asked for by name.
  if (name === 'webgpu') return startWebGpu(requested === 'webgpu');
  const attempt = name === 'cpu' ? { ok: true } : name === 'wasm' ? await tryWasm() : tryNode(name);
  if (!attempt.ok) return attempt;
  const tfName = name === 'tensorflow-gpu' ? 'tensorflow' : name;
  const failure = name === 'wasm' ? await startWasm() : await setTfBackend(tfName);
  if (failure !== undefined) return { ok: false, ...reason(failure) };
  if (name === 'wasm') {
    const simd = Boolean(tf.env().getAsync ? await tf.env().getAsync('WASM_HAS_SIMD_SUPPORT') : false);
    const wasm = require('@tensorflow/tfjs-backend-wasm') as typeof import('@tensorflow/tfjs-backend-wasm');
    const threads = wasm.getThreadsCount();
    // Without these the wasm backend cannot train (Conv2DBackpropFilter is missing) or trains 10x slower.
    const kernels = registerWasmTrainingKernels();
    return {
      ok: true,
      simd,
      threads,
      kernels,
      device: wasmDevice(simd, threads, kernels.length),
    };
  }
  if (name === 'cpu') return { ok: true, device: message('backend.deviceCpuJs'), threads: 1 };
  return attempt;
}

// Loading a backend happens once per process (a second setWasmPaths would throw); later requests only switch.
const attempts = new Map<BackendName, Promise<Attempt>>();
const reports = new Map<BackendChoice, BackendReport>();

async function activateOnce(name: BackendName, requested: BackendChoice): Promise<Attempt> {
  let known = attempts.get(name);
  // webgpu refused for a software adapter under 'auto' is taken when asked for by name.
  if (known && requested === name && (await known).softwareOnly) known = undefined;
  if (!known) {
    const attempt = activate(name, requested);
    attempts.set(name, attempt);
    return attempt;
  }
  const attempt = await known;
  if (attempt.ok) await tf.setBackend(name === 'tensorflow-gpu' ? 'tensorflow' : name);
  return attempt;
}

/**
 * Picks the fastest working backend (tensorflow-gpu -> webgpu -> tensorflow -> wasm -> cpu), or the one asked for, makes it
 * the active one, and reports why each faster one was not used. Each request is answered once per process; asking
 * again switches back to its backend, so a table built on cpu never leaves training on cpu.
 */
export async function selectBackend(requested: BackendChoice = 'auto'): Promise<BackendReport> {
  const known = reports.get(requested);
  if (known) {
    if (tf.getBackend() !== known.tfBackend) await tf.setBackend(known.tfBackend);
    return known;
  }
  // A forced backend skips the faster ones on purpose; say so rather than leave the report silent.
  const skipped: SkippedBackend[] =
    requested === 'auto'
      ? []
      : BACKENDS.slice(0, BACKENDS.indexOf(requested)).map((backend) => {
          const why = message('backend.notTried', requested);
          return { backend, reason: why.text, message: why.coded };
        });
  const order: readonly BackendName[] = requested === 'auto' ? BACKENDS : [requested];
  for (const name of order) {
    const attempt = await activateOnce(name, requested);
    if (attempt.ok) {
      const report: BackendReport = {
        backend: name,
        tfBackend: tf.getBackend(),
        device: attempt.device?.text ?? name,
        deviceCoded: attempt.device?.coded,
        requested,
        skipped,
        tfjsVersion: tf.version_core,
        threads: attempt.threads,
        simd: attempt.simd,
        trainingKernels: attempt.kernels,
        adapter: attempt.adapter,
      };
      reports.set(requested, report);
      return report;
    }
    skipped.push({ backend: name, reason: attempt.reason ?? 'unavailable', message: attempt.coded });
  }
  // Only a backend asked for by name can fail (auto ends on cpu), so the last reason is the one that matters.
  const failed = skipped[skipped.length - 1];
  throw new CodedError(message('backend.unavailable', requested, failed?.message ?? failed?.reason ?? requested));
}
