/**
 * Messages the engine sends to the host as a code plus parameters, so that the host and the panel show them in
 * the user's language while the engine, its logs and the CLI stay English. Each template is written once, here,
 * inside an `l10n.t()` call, so `npm run l10n` extracts it into the bundle. @vscode/l10n is configured with a
 * translation only in the extension host and the webview; in the trainer process and the CLI it formats the
 * English template.
 */
import * as l10n from '@vscode/l10n';
import { thousands } from './format';

type Param = string | number;

/**
 * The UI language for the numbers inside messages (a pixel limit), set where @vscode/l10n gets its bundle (the
 * host, the webview). Unset in the engine and the CLI, whose texts keep English grouping.
 */
let numberLocale: string | undefined;

export function setMessageLocale(locale: string | undefined): void {
  numberLocale = locale;
}

/** A count with the UI language's grouping; a parameter already sent as text (an older trainer) stays as it is. */
const count = (n: Param): string => (typeof n === 'number' ? thousands(n, numberLocale ?? 'en-US') : n);

const CATALOGUE = {
  // Files a dataset scan skips.
  'skip.emptyFile': () => l10n.t('empty file (0 bytes)'),
  'skip.symlinkLoop': () => l10n.t('symbolic link loop'),
  'skip.symlinkLoopVisited': () => l10n.t('symbolic link loop: folder already visited'),
  'skip.symlinkLoopParent': () => l10n.t('symbolic link loop: it points to a folder that contains it'),
  'skip.brokenLink': () => l10n.t('cannot read: broken symbolic link (its target is missing)'),
  'skip.permissionDenied': () => l10n.t('cannot read: permission denied'),
  'skip.unreadable': (code: Param) => l10n.t('cannot read: {0}', code),
  'skip.folderUnreadable': (code: Param) => l10n.t('cannot read folder: {0}', code),
  'skip.notImage': () => l10n.t('not an image (unrecognised content)'),
  'skip.noDimensions': () => l10n.t('not an image (no dimensions)'),
  'skip.corruptHeader': () => l10n.t('corrupt image header'),
  'skip.corrupt': (detail: Param) => l10n.t('corrupt or truncated image ({0})', detail),
  'skip.fileDenied': () => l10n.t('cannot read file (permission denied)'),
  'skip.overPixels': (max: Param) => l10n.t('too large: over {0} pixels', count(max)),
  'skip.tooLarge': (width: Param, height: Param, max: Param) => l10n.t('too large: {0}x{1} is over {2} pixels', width, height, count(max)),
  // Datasets the engine refuses to train on.
  'dataset.notFound': (dir: Param) => l10n.t('dataset folder not found: {0}', dir),
  'dataset.notFolder': (dir: Param) => l10n.t('not a folder: {0}', dir),
  'dataset.noTestSplit': (dir: Param) => l10n.t('{0} has train/ but no test/, val/ or valid/ folder', dir),
  'dataset.noClasses': (dir: Param, layout: Param) => l10n.t('no class folders in {0}: expected {1} (ImageFolder layout)', dir, layout),
  'dataset.classMismatch': (test: Param, inTrainOnly: Param, inTestOnly: Param) =>
    l10n.t('train and {0} have different classes (missing in {0}/: {1}; missing in train/: {2}); class indices would not match', test, inTrainOnly, inTestOnly),
  'dataset.classMismatchTest': (test: Param, inTrainOnly: Param) =>
    l10n.t('train and {0} have different classes (missing in {0}/: {1}); class indices would not match', test, inTrainOnly),
  'dataset.classMismatchTrain': (test: Param, inTestOnly: Param) =>
    l10n.t('train and {0} have different classes (missing in train/: {1}); class indices would not match', test, inTestOnly),
  'dataset.emptyClass': (dirs: Param) => l10n.t('class with no usable training images: {0}', dirs),
  'dataset.emptyClasses': (dirs: Param) => l10n.t('classes with no usable training images: {0}', dirs),
  'dataset.oneClass': (name: Param, dir: Param) => l10n.t('only one class ({0}) in {1}: a classifier needs at least two class folders', name, dir),
  // Warnings about a dataset that can be trained on.
  'dataset.imbalanced': (split: Param, most: Param, max: Param, least: Param, min: Param) =>
    l10n.t('{0}: classes are imbalanced over 3:1 ({1}: {2}, {3}: {4})', split, most, max, least, min),
  'dataset.fewImages': (split: Param, classes: Param) => l10n.t('{0}: classes with fewer than 10 images: {1}', split, classes),
  'dataset.duplicate': (shown: Param) => l10n.t('1 identical file in both train and test ({0})', shown),
  'dataset.duplicates': (count: Param, shown: Param) => l10n.t('{0} identical files in both train and test ({1})', count, shown),
  'dataset.undecodable': (classes: Param) => l10n.t('classes with no decodable training images: {0}', classes),
  // Why a faster backend is not used.
  'backend.notInstalled': (pkg: Param) => l10n.t('not installed: {0}', pkg),
  'backend.notInstalledGpu': (pkg: Param) => l10n.t('not installed: {0} (needs CUDA 11.2 + cuDNN 8.1; `npm install {0}`)', pkg),
  'backend.loadFailed': (pkg: Param, error: Param) => l10n.t('failed to load {0}: {1}', pkg, error),
  'backend.noCuda': (libs: Param, pkg: Param) => l10n.t('no CUDA libraries found ({0}): {1} would run on the CPU', libs, pkg),
  'backend.notTried': (requested: Param) => l10n.t("not tried: backend '{0}' was requested", requested),
  // Why webgpu (Dawn) or a backend's start failed: the panel lists these under "Faster backends not used".
  'backend.electron': () =>
    l10n.t("this process runs on Electron's Node, which cannot load dawn.node (electron#35801): set alexnet.nodePath to a Node.js 20+ binary, or put `node` on PATH"),
  'backend.dawnLoadFailed': (platform: Param, error: Param) => l10n.t("failed to load webgpu (Dawn's dawn.node for {0}): {1}", platform, error),
  'backend.dawnNoAdapter': (error: Param) => l10n.t('Dawn found no adapter: {0}', error),
  'backend.noAdapterSeen': (seen: Param) => l10n.t('no WebGPU adapter (Dawn saw only: {0})', seen),
  'backend.noAdapterDriver': () => l10n.t('no WebGPU adapter (no Vulkan, Metal or D3D12 driver that Dawn accepts)'),
  'backend.softwareOnly': (adapter: Param) =>
    l10n.t('only a software adapter ({0}, runs on the CPU, where wasm is faster); --backend webgpu uses it anyway', adapter),
  'backend.notRegistered': () => l10n.t('tfjs-backend-webgpu did not register (navigator.gpu was missing when it loaded)'),
  'backend.setFailed': (tfName: Param) => l10n.t("tf.setBackend('{0}') failed to initialise", tfName),
  'backend.initFailed': (error: Param) => l10n.t('failed to initialise: {0}', error),
  // Where the running backend computes (BackendReport.deviceCoded): the panel's Backend section and the backend toast.
  'backend.deviceCpuNative': () => l10n.t('CPU (libtensorflow, native)'),
  'backend.deviceCuda': () => l10n.t('GPU (CUDA, libtensorflow)'),
  'backend.deviceCpuJs': () => l10n.t('CPU, plain JavaScript (slow: for checks only)'),
  'backend.deviceWasm': (wasm: Param, threads: Param, kernels: Param) =>
    threads === 1
      ? l10n.t('CPU, {0} (XNNPACK), 1 thread, {1} training kernels', wasm, kernels)
      : l10n.t('CPU, {0} (XNNPACK), {1} threads, {2} training kernels', wasm, threads, kernels),
  'backend.deviceWasmThreadsLate': (wasm: Param, seconds: Param, kernels: Param) =>
    l10n.t('CPU, {0} (XNNPACK), 1 thread (threads off: the threaded start did not finish within {1} s), {2} training kernels', wasm, seconds, kernels),
  // {1}: the threaded start's failure as tfjs worded it (rare: the threaded build failed, the single-threaded one runs).
  'backend.deviceWasmThreadsOff': (wasm: Param, failure: Param, kernels: Param) =>
    l10n.t('CPU, {0} (XNNPACK), 1 thread (threads off: {1}), {2} training kernels', wasm, failure, kernels),
  'backend.deviceWebGpu': (api: Param, adapter: Param, kernels: Param) => {
    const name = adapter === '' ? l10n.t('unnamed adapter') : adapter;
    return api === ''
      ? l10n.t('GPU, WebGPU (Dawn): {0}, {1} training kernels', name, kernels)
      : l10n.t('GPU, WebGPU (Dawn, {0}): {1}, {2} training kernels', api, name, kernels);
  },
  'backend.deviceWebGpuSoftware': (adapter: Param) => l10n.t('CPU, software WebGPU adapter ({0}): for checks, slower than wasm', adapter),
} satisfies Record<string, (...params: never[]) => string>;

export type MessageCode = keyof typeof CATALOGUE;

/** A message as it travels: its code and parameters (plain data, so it crosses process and webview boundaries). */
export interface CodedMessage {
  code: MessageCode;
  params: Param[];
}

/** A message's text (in the current l10n language: English in the engine) and, when it has one, its coded form. */
export interface Message {
  text: string;
  coded?: CodedMessage;
}

/** The message in the current l10n language, and the coded form to send along. */
export function message<C extends MessageCode>(code: C, ...params: Parameters<(typeof CATALOGUE)[C]>): Required<Message> {
  const coded: CodedMessage = { code, params };
  return { text: messageText(coded) ?? code, coded };
}

export function isCodedMessage(value: unknown): value is CodedMessage {
  if (typeof value !== 'object' || value === null) return false;
  const { code, params } = value as { code?: unknown; params?: unknown };
  return (
    typeof code === 'string' &&
    Object.prototype.hasOwnProperty.call(CATALOGUE, code) &&
    Array.isArray(params) &&
    params.every((p) => typeof p === 'string' || typeof p === 'number')
  );
}

/**
 * The text of a coded message in the current l10n language; undefined for anything that is not a known code with
 * the right number of parameters (a message from another version of the trainer), so the caller shows its text.
 */
export function messageText(value: unknown): string | undefined {
  if (!isCodedMessage(value)) return undefined;
  const render = CATALOGUE[value.code] as (...params: Param[]) => string;
  if (render.length !== value.params.length) return undefined;
  return render(...value.params);
}

/** The coded message's text when there is one, else the English text that came with it. */
export function localized(text: string, coded: unknown): string {
  return messageText(coded) ?? text;
}
