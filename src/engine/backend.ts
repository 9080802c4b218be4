import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import * as path from 'path';
import { BACKENDS, BackendChoice, BackendName, BackendReport, SkippedBackend } from '../shared/backendReport';

// PROD silences tfjs' console banners (the cpu backend's "install tfjs-node" notice): the report says it better.
tf.env().set('PROD', true);

interface Attempt {
  ok: boolean;
  reason?: string;
  device?: string;
  threads?: number;
  simd?: boolean;
}

const NODE_PACKAGES: Record<'tensorflow-gpu' | 'tensorflow', string> = {
  'tensorflow-gpu': '@tensorflow/tfjs-node-gpu',
  tensorflow: '@tensorflow/tfjs-node',
};

function errorText(err: unknown): string {
  const text = err instanceof Error ? err.message : String(err);
  return text.split('\n')[0];
}

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
      const hint = name === 'tensorflow-gpu' ? ' (needs CUDA 11.2 + cuDNN 8.1; `npm install @tensorflow/tfjs-node-gpu`)' : '';
      return { ok: false, reason: `not installed: ${pkg}${hint}` };
    }
    return { ok: false, reason: `failed to load ${pkg}: ${errorText(err)}` };
  }
  if (name === 'tensorflow-gpu') {
    const missing = missingCudaLibraries();
    if (missing.length > 0) {
      return { ok: false, reason: `no CUDA libraries found (${missing.join(', ')}): ${pkg} would run on the CPU` };
    }
    return { ok: true, device: 'GPU (CUDA, libtensorflow)' };
  }
  return { ok: true, device: 'CPU (libtensorflow, native)' };
}

async function tryWasm(): Promise<Attempt> {
  try {
    const wasm = require('@tensorflow/tfjs-backend-wasm') as typeof import('@tensorflow/tfjs-backend-wasm');
    // Load the .wasm binaries from the installed package, never from a CDN.
    const dist = path.dirname(require.resolve('@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm.wasm'));
    wasm.setWasmPaths(dist + path.sep);
    return { ok: true };
  } catch (err) {
    return { ok: false, reason: `failed to load @tensorflow/tfjs-backend-wasm: ${errorText(err)}` };
  }
}

async function activate(name: BackendName): Promise<Attempt> {
  const attempt = name === 'cpu' ? { ok: true } : name === 'wasm' ? await tryWasm() : tryNode(name);
  if (!attempt.ok) return attempt;
  const tfName = name === 'tensorflow-gpu' ? 'tensorflow' : name;
  try {
    if (!(await tf.setBackend(tfName))) return { ok: false, reason: `tf.setBackend('${tfName}') failed to initialise` };
    await tf.ready();
  } catch (err) {
    return { ok: false, reason: `failed to initialise: ${errorText(err)}` };
  }
  if (name === 'wasm') {
    const simd = Boolean(tf.env().getAsync ? await tf.env().getAsync('WASM_HAS_SIMD_SUPPORT') : false);
    const wasm = require('@tensorflow/tfjs-backend-wasm') as typeof import('@tensorflow/tfjs-backend-wasm');
    const threads = wasm.getThreadsCount();
    return { ok: true, simd, threads, device: `CPU, WebAssembly${simd ? ' SIMD' : ''} (XNNPACK), ${threads} thread${threads === 1 ? '' : 's'}` };
  }
  if (name === 'cpu') return { ok: true, device: 'CPU, plain JavaScript (slow: for checks only)', threads: 1 };
  return attempt;
}

let active: BackendReport | undefined;

/**
 * Picks the fastest working backend (tensorflow-gpu -> tensorflow -> wasm -> cpu), or the one asked for, and
 * reports why each faster one was not used. Call once per process, before building models.
 */
export async function selectBackend(requested: BackendChoice = 'auto'): Promise<BackendReport> {
  if (active && (requested === 'auto' || requested === active.backend)) return active;
  // A forced backend skips the faster ones on purpose; say so rather than leave the report silent.
  const skipped: SkippedBackend[] =
    requested === 'auto'
      ? []
      : BACKENDS.slice(0, BACKENDS.indexOf(requested)).map((backend) => ({
          backend,
          reason: `not tried: backend '${requested}' was requested`,
        }));
  const order: readonly BackendName[] = requested === 'auto' ? BACKENDS : [requested];
  for (const name of order) {
    const attempt = await activate(name);
    if (attempt.ok) {
      active = {
        backend: name,
        tfBackend: tf.getBackend(),
        device: attempt.device ?? name,
        requested,
        skipped,
        tfjsVersion: tf.version_core,
        threads: attempt.threads,
        simd: attempt.simd,
      };
      return active;
    }
    skipped.push({ backend: name, reason: attempt.reason ?? 'unavailable' });
  }
  const why = skipped.map((s) => `${s.backend}: ${s.reason}`).join('; ');
  throw new Error(`backend '${requested}' is not available: ${why}`);
}
