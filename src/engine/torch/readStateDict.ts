/**
 * Reads a state_dict saved by torch.save (the zip format of PyTorch 1.6 and later) without Python: the records
 * through zipEntries, data.pkl through the restricted pickle reader, then each tensor's storage, converted to
 * float32 in C-contiguous order (byte order, storage offset and strides applied).
 */
import * as fs from 'fs/promises';
import { message } from '../../shared/messages';
import { PickleError, readPickle } from './pickleReader';
import { refuse } from './torchErrors';
import { asDict, asTensorDict, DTYPE_BYTES, stateDictPolicy, TensorRef, TorchDtype } from './torchPickle';
import { openZipArchive, ZipArchive } from './zipEntries';

const PICKLE_LIMIT = 64 * 1024 * 1024;
const STORAGE_LIMIT = 4 * 1024 * 1024 * 1024;
/** Keys under which training scripts often nest the state_dict in a checkpoint dict. */
const NESTED_KEYS = ['state_dict', 'model_state_dict', 'model', 'net', 'network'];

export interface TorchTensor {
  dtype: TorchDtype;
  shape: number[];
  /** Float tensors as float32, C-contiguous; null for integer and bool tensors (not read). */
  values: Float32Array | null;
}

export interface StateDict {
  tensors: Map<string, TorchTensor>;
  /** Set when the state_dict was found inside a checkpoint dict under this key. */
  nestedUnder?: string;
}

const FLOATS = new Set<TorchDtype>(['float32', 'float16', 'bfloat16', 'float64']);

function halfToFloat(h: number): number {
  const sign = h & 0x8000 ? -1 : 1;
  const exp = (h >> 10) & 0x1f;
  const frac = h & 0x3ff;
  if (exp === 0) return sign * frac * 2 ** -24;
  if (exp === 31) return frac ? NaN : sign * Infinity;
  return sign * (1 + frac / 1024) * 2 ** (exp - 15);
}

/** Element `i` of the storage as a number, for the dtype and byte order. */
function elementReader(bytes: Buffer, dtype: TorchDtype, little: boolean): (i: number) => number {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const bf = new DataView(new ArrayBuffer(4));
  switch (dtype) {
    case 'float32':
      return (i) => view.getFloat32(i * 4, little);
    case 'float64':
      return (i) => view.getFloat64(i * 8, little);
    case 'float16':
      return (i) => halfToFloat(view.getUint16(i * 2, little));
    case 'bfloat16':
      return (i) => (bf.setUint32(0, view.getUint16(i * 2, little) << 16), bf.getFloat32(0));
    default:
      throw new Error(`not a float dtype: ${dtype}`);
  }
}

/** Gathers the view (offset, size, stride) of the storage into a new contiguous float32 array. */
function gather(ref: TensorRef, read: (i: number) => number): Float32Array {
  const { size, stride, offset } = ref;
  const n = size.reduce((a, b) => a * b, 1);
  const out = new Float32Array(n);
  if (n === 0) return out;
  const index = new Array<number>(size.length).fill(0);
  let at = offset;
  for (let k = 0; k < n; k++) {
    out[k] = read(at);
    for (let d = size.length - 1; d >= 0; d--) {
      if (++index[d] < size[d]) {
        at += stride[d];
        break;
      }
      at -= stride[d] * (size[d] - 1);
      index[d] = 0;
    }
  }
  return out;
}

/** Refuses a tensor whose view reaches outside its storage, before any storage is read. */
function checkView(file: string, name: string, ref: TensorRef): void {
  const n = ref.size.reduce((a, b) => a * b, 1);
  if (!Number.isSafeInteger(n) || n > 2 ** 31) refuse(message('torch.tensorTooLarge', file, name, n));
  if (n === 0) return;
  const last = ref.offset + ref.size.reduce((a, s, d) => a + (s - 1) * ref.stride[d], 0);
  if (last >= ref.storage.numel) {
    refuse(message('torch.tensorOutsideStorage', file, name, ref.offset, `[${ref.size.join(', ')}]`, `[${ref.stride.join(', ')}]`, last, ref.storage.numel));
  }
}

async function checkSignature(file: string): Promise<void> {
  const handle = await fs.open(file, 'r').catch((err: NodeJS.ErrnoException) => refuse(message('torch.unreadable', file, err.code ?? err.message)));
  const head = Buffer.alloc(4);
  try {
    await handle.read(head, 0, 4, 0);
  } finally {
    await handle.close();
  }
  if (head.readUInt32LE(0) === 0x04034b50) return; // "PK\3\4"
  if (head[0] === 0x80 && head[1] >= 2 && head[2] === 0x8a) {
    refuse(message('torch.legacyFormat', file));
  }
  refuse(message('torch.notZip', file));
}

/** The archive's folder: torch.save writes every record under one top-level folder. */
function archivePrefix(zip: ZipArchive): string {
  const pkl = [...zip.entries.keys()].filter((n) => /^[^/]+\/data\.pkl$/.test(n));
  if (pkl.length === 1) return pkl[0].slice(0, -'data.pkl'.length);
  const names = [...zip.entries.keys()];
  if (names.some((n) => /^[^/]+\/(constants\.pkl|code\/)/.test(n))) {
    refuse(message('torch.torchScript', zip.file));
  }
  return refuse(message('torch.noDataPkl', zip.file));
}

function findStateDict(file: string, top: ReturnType<typeof readPickle>): { dict: Map<string, TensorRef>; nestedUnder?: string } {
  const dict = asTensorDict(top);
  if (dict) return { dict };
  const outer = asDict(top);
  if (outer?.has('param_groups') && outer.has('state')) {
    refuse(message('torch.optimizerState', file));
  }
  for (const key of NESTED_KEYS) {
    const nested = outer ? asTensorDict(outer.get(key) ?? null) : undefined;
    if (nested) return { dict: nested, nestedUnder: key };
  }
  const keys = outer ? [...outer.keys()].slice(0, 8).join(', ') : '';
  return refuse(keys ? message('torch.notStateDictKeys', file, keys) : message('torch.notStateDict', file));
}

/** Reads the state_dict in `file`; refuses anything that is not one, naming the file and the reason. */
export async function readStateDict(file: string): Promise<StateDict> {
  await checkSignature(file);
  const zip = await openZipArchive(file);
  try {
    const prefix = archivePrefix(zip);
    const order = zip.entries.has(`${prefix}byteorder`) ? (await zip.read(`${prefix}byteorder`, 16)).toString('latin1').trim() : 'little';
    if (order !== 'little' && order !== 'big') refuse(message('torch.byteOrder', file, order));
    const pickle = await zip.read(`${prefix}data.pkl`, PICKLE_LIMIT);
    let top;
    try {
      top = readPickle(pickle, stateDictPolicy(file));
    } catch (err) {
      // The reader's reason, a `pickle.*` message, goes inside the refusal as it is, to be read in the same language.
      if (err instanceof PickleError) refuse(message('torch.pickleInvalid', file, err.coded));
      throw err;
    }
    const { dict, nestedUnder } = findStateDict(file, top);
    const stripModule = [...dict.keys()].every((k) => k.startsWith('module.')); // saved from nn.DataParallel
    const named = [...dict].map(([key, ref]) => ({ name: stripModule ? key.slice('module.'.length) : key, ref, record: `${prefix}data/${ref.storage.key}` }));
    // Every claim is checked against the archive before any storage is read.
    for (const { name, ref, record } of named) {
      checkView(file, name, ref);
      const entry = zip.entries.get(record);
      const bytes = ref.storage.numel * DTYPE_BYTES[ref.storage.dtype];
      if (!entry || entry.uncompressedSize !== bytes) {
        const { numel, dtype } = ref.storage;
        refuse(
          entry
            ? message('torch.storageSize', file, name, numel, dtype, bytes, record, entry.uncompressedSize)
            : message('torch.storageMissing', file, name, numel, dtype, bytes, record),
        );
      }
    }
    const tensors = new Map<string, TorchTensor>();
    const storages = new Map<string, Buffer>();
    for (const { name, ref, record } of named) {
      if (!FLOATS.has(ref.storage.dtype)) {
        tensors.set(name, { dtype: ref.storage.dtype, shape: ref.size, values: null });
        continue;
      }
      let data = storages.get(record);
      if (!data) storages.set(record, (data = await zip.read(record, STORAGE_LIMIT)));
      tensors.set(name, { dtype: ref.storage.dtype, shape: ref.size, values: gather(ref, elementReader(data, ref.storage.dtype, order === 'little')) });
    }
    return { tensors, nestedUnder };
  } finally {
    zip.close();
  }
}
