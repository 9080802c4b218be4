import * as os from 'os';
import * as path from 'path';
import * as tf from '@tensorflow/tfjs-core';
import { Worker, WorkerOptions } from 'worker_threads';

/**
 * Multi-threaded wasm in Node. tfjs-backend-wasm 4.22 ships a threaded SIMD build (Emscripten pthreads, which in
 * Node run on worker_threads) but keeps it off in Node for three reasons, each worked around here:
 *  1. WASM_HAS_MULTITHREAD_SUPPORT returns false when IS_NODE: we set the flag.
 *  2. The pthread worker script and the main script are handed to the workers as Blob URLs, which Node's Worker
 *     and Emscripten's Node importScripts (fs.readFileSync) cannot open: a Worker subclass runs the worker script
 *     from source (eval) and points the 'load' message at the package's threaded .js file.
 *  3. The C++ side sizes its thread pool as navigator.hardwareConcurrency / 2 (assuming hyper-threading), i.e.
 *     1 thread on a 2-core machine: Emscripten reads os.cpus().length in Node, so during start-up we report twice
 *     the wanted thread count.
 * Emscripten's glue assigns global.Worker itself, so ours is installed as a property that ignores that write.
 * Workers are unref'd so that they never keep the process alive.
 */
export interface ThreadsSetup {
  /** Undo the start-up patches (the global Worker and os.cpus); the created workers stay. */
  restore(): void;
}

const WASM_DIR = () => path.dirname(require.resolve('@tensorflow/tfjs-backend-wasm/package.json'));

export function wantedWasmThreads(): number {
  const env = process.env.ALEXNET_WASM_THREADS;
  if (env !== undefined && /^\d+$/.test(env)) return Math.max(1, Math.min(8, Number(env)));
  const cores = typeof os.availableParallelism === 'function' ? os.availableParallelism() : os.cpus().length;
  // The threaded build pre-spawns 8 workers; its C++ side never uses more.
  return Math.max(1, Math.min(8, cores));
}

export function prepareWasmThreads(threads: number): ThreadsSetup | undefined {
  if (threads <= 1) return undefined;
  const wasm = require('@tensorflow/tfjs-backend-wasm') as typeof import('@tensorflow/tfjs-backend-wasm');
  const dir = WASM_DIR();
  const workerSource = (
    require(path.join(dir, 'wasm-out/tfjs-backend-wasm-threaded-simd.worker.js')) as { wasmWorkerContents: string }
  ).wasmWorkerContents;
  const mainScript = path.join(dir, 'wasm-out/tfjs-backend-wasm-threaded-simd.js');

  class PthreadWorker extends Worker {
    constructor(url: string | URL, options?: WorkerOptions) {
      const blob = typeof url === 'string' && url.startsWith('blob:');
      // The embedded source has literal newlines inside string literals (tfjs escapes them the same way).
      super(blob ? workerSource.replace(/\n/g, '\\n') : url, blob ? { ...options, eval: true } : options);
      this.unref();
    }
    override ref(): void {
      // Emscripten refs a worker while it runs a pthread; the pool's threads run forever, so stay unref'd.
    }
    override postMessage(message: unknown, transfer?: readonly (ArrayBuffer | import('worker_threads').MessagePort)[]): void {
      const m = message as { cmd?: string; urlOrBlob?: unknown } | null;
      const fixed = m && m.cmd === 'load' && typeof m.urlOrBlob !== 'string' ? { ...m, urlOrBlob: mainScript } : message;
      super.postMessage(fixed, transfer as never);
    }
  }

  const globalObject = globalThis as { Worker?: unknown };
  const hadWorker = Object.getOwnPropertyDescriptor(globalObject, 'Worker');
  Object.defineProperty(globalObject, 'Worker', { get: () => PthreadWorker, set: () => undefined, configurable: true });
  // The live module object (an ES namespace import is a read-only copy), the one Emscripten's require('os') sees.
  const nodeOs = require('os') as { cpus: () => os.CpuInfo[] };
  const realCpus = nodeOs.cpus;
  const cpus = realCpus();
  nodeOs.cpus = () => Array.from({ length: 2 * threads }, (_, i) => cpus[i % cpus.length]);
  tf.env().set('WASM_HAS_MULTITHREAD_SUPPORT', true);
  wasm.setThreadsCount(threads);
  return {
    restore() {
      nodeOs.cpus = realCpus;
      delete globalObject.Worker;
      if (hadWorker) Object.defineProperty(globalObject, 'Worker', hadWorker);
    },
  };
}

/** After a failed threaded start: the single-threaded SIMD build. */
export function disableWasmThreads(): void {
  const wasm = require('@tensorflow/tfjs-backend-wasm') as typeof import('@tensorflow/tfjs-backend-wasm');
  tf.env().set('WASM_HAS_MULTITHREAD_SUPPORT', false);
  wasm.setThreadsCount(1);
}
