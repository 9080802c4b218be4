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
  'backend.unavailable': (requested: Param, reason: Param) => l10n.t("backend '{0}' is not available: {1}", requested, reason),
  // PyTorch checkpoint import and export. Every refusal starts with the file it is about ({0}); a variant that says
  // more (torchvision's AlexNet, the tutorial's 224) is its own entry, so that each reads as one sentence.
  'torch.unreadable': (file: Param, reason: Param) => l10n.t('{0}: cannot open: {1}', file, reason),
  'torch.legacyFormat': (file: Param) =>
    l10n.t(
      '{0}: is a legacy torch.save file (PyTorch before 1.6, or _use_new_zipfile_serialization=False), not the zip format; in PyTorch 1.6 or later run torch.save(torch.load(old, weights_only=True), new) and import the new file',
      file,
    ),
  'torch.notZip': (file: Param) => l10n.t('{0}: is not a torch.save file: it does not start with a zip signature', file),
  'torch.zipDamaged': (file: Param, reason: Param) => l10n.t('{0}: not a complete zip archive (truncated or damaged: {1})', file, reason),
  'torch.zipTooManyRecords': (file: Param, max: Param) => l10n.t('{0}: the archive has more than {1} records', file, max),
  'torch.zipMissing': (file: Param, record: Param) => l10n.t('{0}: the archive has no {1} record', file, record),
  'torch.zipTooLarge': (file: Param, record: Param, size: Param, limit: Param) =>
    l10n.t('{0}: {1} claims {2} bytes, over the {3} this record may hold', file, record, size, limit),
  'torch.zipBomb': (file: Param, record: Param, size: Param, compressed: Param) =>
    l10n.t('{0}: {1} claims {2} bytes from {3} compressed: damaged or hostile', file, record, size, compressed),
  'torch.zipUnreadable': (file: Param, record: Param, reason: Param) => l10n.t('{0}: cannot read {1}: {2}', file, record, reason),
  'torch.zipLong': (file: Param, record: Param, size: Param) => l10n.t('{0}: {1} holds more than the {2} bytes its header says', file, record, size),
  'torch.zipShort': (file: Param, record: Param, held: Param, size: Param) =>
    l10n.t('{0}: {1} holds {2} bytes, not the {3} its header says', file, record, held, size),
  'torch.torchScript': (file: Param) =>
    l10n.t('{0}: is a TorchScript archive (torch.jit.save), not a state_dict: in Python, save the weights with torch.save(model.state_dict(), "model.pth")', file),
  'torch.noDataPkl': (file: Param) => l10n.t('{0}: is a zip archive without <folder>/data.pkl, so not a torch.save file', file),
  'torch.byteOrder': (file: Param, order: Param) => l10n.t('{0}: byteorder record says "{1}", not little or big', file, order),
  // {1}: one of the pickle reader's reasons below (a `pickle.*` message).
  'torch.pickleInvalid': (file: Param, reason: Param) => l10n.t('{0}: data.pkl is not a pickle this reader accepts: {1}', file, reason),
  'torch.pickleGlobal': (file: Param, global: Param) =>
    l10n.t(
      '{0}: data.pkl names the Python global {1}, which a state_dict never needs; refusing to read it (a .pth file is a pickle: loading it in Python without weights_only=True would call that)',
      file,
      global,
    ),
  'torch.wholeModel': (file: Param, global: Param) =>
    l10n.t('{0}: holds a pickled Python object ({1}), not a state_dict. In Python, save the weights with torch.save(model.state_dict(), "model.pth") and import that file', file, global),
  'torch.pickleBadTensor': (file: Param) => l10n.t('{0}: data.pkl rebuilds a tensor from arguments that are not (storage, offset, size, stride)', file),
  'torch.pickleBadCall': (file: Param, callable: Param) => l10n.t('{0}: data.pkl calls {1} in a way a state_dict never does; refusing it', file, callable),
  'torch.pickleBadStorage': (file: Param) => l10n.t('{0}: data.pkl names a storage that is not ("storage", <type>, "<n>", <location>, <count>)', file),
  'torch.pickleStorageTwice': (file: Param, key: Param) => l10n.t('{0}: data.pkl describes storage data/{1} twice, differently', file, key),
  'torch.pickleBadBuild': (file: Param) => l10n.t('{0}: data.pkl sets attributes on an object, which a state_dict never does; refusing it', file),
  'torch.optimizerState': (file: Param) =>
    l10n.t(
      '{0}: holds an optimizer\'s state (state, param_groups), not a model: in Python, save the model\'s weights with torch.save(model.state_dict(), "model.pth")',
      file,
    ),
  'torch.notStateDict': (file: Param) => l10n.t('{0}: holds no state_dict (a dict of tensors): save one with torch.save(model.state_dict(), "model.pth")', file),
  'torch.notStateDictKeys': (file: Param, keys: Param) =>
    l10n.t('{0}: holds no state_dict (a dict of tensors); its top-level keys are: {1}: save one with torch.save(model.state_dict(), "model.pth")', file, keys),
  'torch.tensorTooLarge': (file: Param, tensor: Param, elements: Param) => l10n.t('{0}: tensor {1} has {2} elements, more than this reader takes', file, tensor, elements),
  'torch.tensorOutsideStorage': (file: Param, tensor: Param, offset: Param, size: Param, stride: Param, last: Param, storage: Param) =>
    l10n.t('{0}: tensor {1} (offset {2}, size {3}, stride {4}) reaches element {5} of a storage of {6}', file, tensor, offset, size, stride, last, storage),
  'torch.storageSize': (file: Param, tensor: Param, count: Param, dtype: Param, bytes: Param, record: Param, held: Param) =>
    l10n.t('{0}: tensor {1}: its storage claims {2} {3} values ({4} bytes) but {5} holds {6} bytes', file, tensor, count, dtype, bytes, record, held),
  'torch.storageMissing': (file: Param, tensor: Param, count: Param, dtype: Param, bytes: Param, record: Param) =>
    l10n.t('{0}: tensor {1}: its storage claims {2} {3} values ({4} bytes) but there is no {5} record', file, tensor, count, dtype, bytes, record),
  'torch.layoutUnknown': (file: Param, keys: Param) =>
    l10n.t("{0}: is not a state_dict of the tutorial's AlexNet: expected c1.weight (model.py) or features.0.weight (nn.Sequential), found {1}", file, keys),
  'torch.tensorMissingConv': (file: Param, tensor: Param, layer: Param) => l10n.t("{0}: has no {1}: the tutorial's {2} (conv) needs it", file, tensor, layer),
  'torch.tensorMissingDense': (file: Param, tensor: Param, layer: Param) => l10n.t("{0}: has no {1}: the tutorial's {2} (dense) needs it", file, tensor, layer),
  'torch.tensorShape': (file: Param, tensor: Param, shape: Param, layer: Param, expected: Param) =>
    l10n.t("{0}: {1} has shape {2} but the tutorial's {3} needs {4}", file, tensor, shape, layer, expected),
  'torch.tensorShapeTorchvision': (file: Param, tensor: Param, shape: Param, layer: Param, expected: Param) =>
    l10n.t(
      "{0}: {1} has shape {2} but the tutorial's {3} needs {4} (64 filters in conv1: this is torchvision's alexnet, a different network with 64/192/384/256/256 channels)",
      file,
      tensor,
      shape,
      layer,
      expected,
    ),
  'torch.tensorDtype': (file: Param, tensor: Param, dtype: Param) =>
    l10n.t('{0}: {1} holds {2} values; weights must be float32, float16, bfloat16 or float64', file, tensor, dtype),
  'torch.tensorExtra': (file: Param, tensors: Param) => l10n.t("{0}: has {1}, which the tutorial's AlexNet does not: a different network", file, tensors),
  'torch.classesRange': (file: Param, classes: Param, max: Param) => l10n.t('{0}: the output layer has {1} classes; expected 1 to {2}', file, classes, max),
  'torch.inputSizeNone': (file: Param, tensor: Param, inputs: Param) =>
    l10n.t('{0}: {1} takes {2} inputs, which no input size gives (256 x side x side after pool5)', file, tensor, inputs),
  'torch.inputSizeMismatch': (file: Param, tensor: Param, inputs: Param, requested: Param, size: Param) =>
    l10n.t('{0}: {1} takes {2} inputs, which input size {3} does not give; input size {4} does', file, tensor, inputs, requested, size),
  'torch.inputSizeMismatchRange': (file: Param, tensor: Param, inputs: Param, requested: Param, from: Param, to: Param) =>
    l10n.t('{0}: {1} takes {2} inputs, which input size {3} does not give; input sizes {4} to {5} do', file, tensor, inputs, requested, from, to),
  'torch.inputSizeAmbiguous': (file: Param, tensor: Param, inputs: Param, from: Param, to: Param) =>
    l10n.t('{0}: {1} takes {2} inputs, which every input size from {3} to {4} gives: choose one (--input-size)', file, tensor, inputs, from, to),
  'torch.inputSizeAmbiguous224': (file: Param, tensor: Param, inputs: Param, from: Param, to: Param) =>
    l10n.t('{0}: {1} takes {2} inputs, which every input size from {3} to {4} gives: choose one (--input-size) (the tutorial resizes to 224)', file, tensor, inputs, from, to),
  'torch.classesCountList': (file: Param, classes: Param, given: Param, names: Param) =>
    l10n.t('{0}: the output layer has {1} classes but the class list names {2} ({3})', file, classes, given, names),
  'torch.classesCountDataset': (file: Param, classes: Param, dataset: Param, given: Param, names: Param) =>
    l10n.t('{0}: the output layer has {1} classes but the dataset {2} names {3} ({4})', file, classes, dataset, given, names),
  'torch.classNamesList': (file: Param) => l10n.t('{0}: the class list has empty, over-long or repeated class names', file),
  'torch.classNamesDataset': (file: Param, dataset: Param) => l10n.t('{0}: the dataset {1} has empty, over-long or repeated class names', file, dataset),
  'torch.exportLrn': (dir: Param) =>
    l10n.t("{0}: the checkpoint's network has local response normalisation, which neither PyTorch layout has; it cannot be exported as the tutorial's AlexNet", dir),
  // The pickle reader's reasons, inside pickle.at (where the reader stopped: the byte's position, from 0, and the
  // pickle's length), inside torch.pickleInvalid.
  'pickle.at': (reason: Param, byte: Param, length: Param) => l10n.t('{0} (byte {1} of {2})', reason, byte, length),
  'pickle.opcode': (opcode: Param) => l10n.t('pickle opcode {0} is not one a state_dict uses; refusing it', opcode),
  'pickle.protocol': () => l10n.t('a pickle protocol above 5'),
  'pickle.pastEnd': (size: Param) => l10n.t('a length of {0} bytes runs past the end of the pickle', size),
  'pickle.lengthOver53': () => l10n.t('a length over 2^53'),
  'pickle.intTooLong': () => l10n.t('an integer longer than 8 bytes'),
  'pickle.intOver53': () => l10n.t('an integer beyond 2^53'),
  'pickle.notUtf8': () => l10n.t('a string that is not valid UTF-8'),
  'pickle.noEndOfLine': () => l10n.t('a text argument without its end of line'),
  'pickle.tooDeep': () => l10n.t('the stack is too deep'),
  'pickle.popEmpty': () => l10n.t('a pop from an empty stack'),
  'pickle.popMark': () => l10n.t('a mark where a value was expected'),
  'pickle.stackEmpty': () => l10n.t('an empty stack'),
  'pickle.noMark': () => l10n.t('no mark to pop to'),
  'pickle.memoFull': () => l10n.t('too many memo entries'),
  'pickle.memoUnset': (index: Param) => l10n.t('memo entry {0} is not set', index),
  'pickle.setItemsNotDict': () => l10n.t('SETITEM(S) on something that is not a dict'),
  'pickle.setItemsOdd': () => l10n.t('SETITEMS with an odd number of items'),
  'pickle.dictKey': () => l10n.t('a dict key that is not a string or an int'),
  'pickle.appendNotList': () => l10n.t('APPEND(S) on something that is not a list'),
  'pickle.stopStack': () => l10n.t('STOP with more than one value on the stack'),
  'pickle.stackGlobal': () => l10n.t('STACK_GLOBAL without two strings'),
  'pickle.reduceArgs': () => l10n.t('REDUCE without an argument tuple'),
  // Why webgpu (Dawn) or a backend's start failed: the panel lists these under "Faster backends not used".
  'backend.electron': () =>
    l10n.t("this process runs on Electron's Node, which cannot load dawn.node (electron#35801): set alexnet.nodePath to a Node.js 20+ binary, or put `node` on PATH"),
  'backend.dawnLoadFailed': (platform: Param, error: Param) => l10n.t("failed to load webgpu (Dawn's dawn.node for {0}): {1}", platform, error),
  'backend.dawnNoAdapter': (error: Param) => l10n.t('Dawn found no adapter: {0}', error),
  'backend.noAdapterSeen': (seen: Param) => l10n.t('no WebGPU adapter (Dawn saw only: {0})', seen),
  'backend.noAdapterDriver': () => l10n.t('no WebGPU adapter (no Vulkan, Metal or D3D12 driver that Dawn accepts)'),
  'backend.softwareOnly': (adapter: Param) =>
    l10n.t('only a software adapter ({0}, runs on the CPU, where wasm is faster); choosing webgpu by name (`--backend webgpu`, or the `alexnet.backend` setting) uses it anyway', adapter),
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

/** A template's own parameters, e.g. MessageParams<'torch.byteOrder'> is [file, order]. */
export type MessageParams<C extends MessageCode> = Parameters<(typeof CATALOGUE)[C]>;

/** A message as it travels: its code and parameters (plain data, so it crosses process and webview boundaries). */
export interface CodedMessage {
  code: MessageCode;
  /** A parameter may itself be a message (a reason inside a refusal), rendered in the same language. */
  params: (Param | CodedMessage)[];
}

/** How deep messages may nest: a reason inside a refusal; anything deeper is not from this catalogue. */
const MAX_NESTING = 2;

/** A message's text (in the current l10n language: English in the engine) and, when it has one, its coded form. */
export interface Message {
  text: string;
  coded?: CodedMessage;
}

/** A template's parameters, each of which may be a message of its own. */
type OrMessages<T extends unknown[]> = { [K in keyof T]: T[K] | CodedMessage };

/** The message in the current l10n language, and the coded form to send along. */
export function message<C extends MessageCode>(
  code: C,
  ...params: OrMessages<Parameters<(typeof CATALOGUE)[C]>>
): Required<Message> {
  const coded: CodedMessage = { code, params: params as (Param | CodedMessage)[] };
  return { text: messageText(coded) ?? code, coded };
}

export function isCodedMessage(value: unknown, depth = 0): value is CodedMessage {
  if (typeof value !== 'object' || value === null || depth > MAX_NESTING) return false;
  const { code, params } = value as { code?: unknown; params?: unknown };
  return (
    typeof code === 'string' &&
    Object.prototype.hasOwnProperty.call(CATALOGUE, code) &&
    Array.isArray(params) &&
    params.every((p) => typeof p === 'string' || typeof p === 'number' || isCodedMessage(p, depth + 1))
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
  const params: Param[] = [];
  for (const p of value.params) {
    const text = typeof p === 'object' ? messageText(p) : p;
    if (text === undefined) return undefined;
    params.push(text);
  }
  return render(...params);
}

/** The coded message's text when there is one, else the English text that came with it. */
export function localized(text: string, coded: unknown): string {
  return messageText(coded) ?? text;
}

/** The coded form of an error that carries one (CodedError, a dataset or PyTorch refusal, a TrainerError). */
export function codedOf(err: unknown): CodedMessage | undefined {
  const coded = typeof err === 'object' && err !== null ? (err as { coded?: unknown }).coded : undefined;
  return isCodedMessage(coded) ? coded : undefined;
}

/** An error's message in the current language when it came with a code (trainer errors), else as it is. */
export function errorMessage(err: unknown): string {
  if (!(err instanceof Error)) return String(err);
  return localized(err.message, codedOf(err));
}

/** An error whose message also travels as a code: the trainer process sends `coded` along (codedOf). */
export class CodedError extends Error {
  readonly coded: CodedMessage;

  constructor(m: Required<Message>) {
    super(m.text);
    this.coded = m.coded;
  }
}
