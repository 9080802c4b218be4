/**
 * Every process-wide change the engine makes, in one place: what it changes, why, and for which versions it was
 * written (TESTED_VERSIONS; test/unit/globalEffects.test.ts fails on an upgrade until they are checked again,
 * and fails when the threaded wasm start stops working). The engine runs in its own process (the trainer, the
 * CLI), never in the extension host, so these never touch VS Code.
 *
 * Made on import of this module (backend.ts and imageDecode.ts import it):
 *  - tfjs-core `PROD` flag: silences tfjs' console banners (the cpu backend's "install tfjs-node" notice); the
 *    backend report says it better.
 *  - sharp.concurrency(1), sharp.cache(false): one libvips thread per image, so decoding runs beside the training
 *    step on a 2-core machine; no libvips cache, since each image is decoded once into the engine's own cache.
 *
 * Made by the CLI's entry (bin/alexnet.js) before anything runs: UV_THREADPOOL_SIZE, when unset, becomes the core
 * count (at least libuv's 4), so `alexnet check` decodes with sharp on every core of a larger machine.
 *
 * Made when the wasm backend starts (backend.ts startWasm):
 *  - wasmThreads.ts sets WASM_HAS_MULTITHREAD_SUPPORT, and for the start only replaces `globalThis.Worker` (Node
 *    cannot run tfjs-backend-wasm 4.22's Blob-URL pthread workers) and `os.cpus` (its pool takes half the
 *    reported cores); both are restored once the backend is up.
 *  - wasmKernels/index.ts registers training kernels for 'wasm' in tfjs' process-global kernel registry, and
 *    replaces its Conv2DBackpropInput, BatchMatMul, MaxPoolGrad and Identity kernels (Identity shares data
 *    instead of copying) for the rest of the process.
 */
import * as tf from '@tensorflow/tfjs-core';
import sharp from 'sharp';

/** The versions the effects above were written and checked against. */
export const TESTED_VERSIONS: Readonly<Record<string, string>> = {
  '@tensorflow/tfjs-core': '4.22.0',
  '@tensorflow/tfjs-backend-wasm': '4.22.0',
  sharp: '0.34.5',
};

tf.env().set('PROD', true);
sharp.concurrency(1);
sharp.cache(false);
