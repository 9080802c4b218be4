/**
 * The allow-list for a torch.save'd state_dict, as torch.load(weights_only=True) has it: collections.OrderedDict,
 * torch._utils._rebuild_tensor_v2 (and _rebuild_parameter), the storage types, and persistent ids naming
 * data/<key> records. Any other global is refused with its name.
 */
import { message } from '../../shared/messages';
import { PickleDict, PickleObject, PicklePolicy, PickleValue } from './pickleReader';
import { refuse } from './torchErrors';

export type TorchDtype = 'float32' | 'float16' | 'bfloat16' | 'float64' | 'int64' | 'int32' | 'int16' | 'int8' | 'uint8' | 'bool';

export const DTYPE_BYTES: Record<TorchDtype, number> = { float32: 4, float16: 2, bfloat16: 2, float64: 8, int64: 8, int32: 4, int16: 2, int8: 1, uint8: 1, bool: 1 };

/** torch.<Name>Storage, the legacy typed storage names torch.save writes in persistent ids. */
export const STORAGE_TYPES: Record<string, TorchDtype> = {
  FloatStorage: 'float32',
  HalfStorage: 'float16',
  BFloat16Storage: 'bfloat16',
  DoubleStorage: 'float64',
  LongStorage: 'int64',
  IntStorage: 'int32',
  ShortStorage: 'int16',
  CharStorage: 'int8',
  ByteStorage: 'uint8',
  BoolStorage: 'bool',
};

class AllowedGlobal extends PickleObject {
  constructor(readonly qualified: string) {
    super();
  }
}

class StorageType extends PickleObject {
  constructor(readonly dtype: TorchDtype) {
    super();
  }
}

/** data/<key> in the archive: `numel` elements of `dtype`. */
export class StorageRef extends PickleObject {
  constructor(
    readonly key: string,
    readonly dtype: TorchDtype,
    readonly numel: number,
  ) {
    super();
  }
}

/** A tensor as torch pickles it: a view (offset, size, stride in elements) of a storage. */
export class TensorRef extends PickleObject {
  constructor(
    readonly storage: StorageRef,
    readonly offset: number,
    readonly size: number[],
    readonly stride: number[],
  ) {
    super();
  }
}

const ORDERED_DICT = 'collections.OrderedDict';
const REBUILD_TENSOR = 'torch._utils._rebuild_tensor_v2';
const REBUILD_PARAMETER = 'torch._utils._rebuild_parameter';

const isIntTuple = (v: PickleValue): v is number[] => Array.isArray(v) && v.every((x) => Number.isSafeInteger(x) && (x as number) >= 0);

/** The policy for one file; every refusal names `file`. */
export function stateDictPolicy(file: string): PicklePolicy {
  const storages = new Map<string, StorageRef>();
  return {
    global(module, name) {
      const qualified = `${module}.${name}`;
      if (qualified === ORDERED_DICT || qualified === REBUILD_TENSOR || qualified === REBUILD_PARAMETER) return new AllowedGlobal(qualified);
      if (module === 'torch' && name in STORAGE_TYPES) return new StorageType(STORAGE_TYPES[name]);
      return refuseGlobal(file, qualified);
    },
    call(callable, args) {
      const name = callable instanceof AllowedGlobal ? callable.qualified : '?';
      if (name === ORDERED_DICT && args.length === 0) return new Map();
      if (name === REBUILD_PARAMETER && args[0] instanceof TensorRef) return args[0];
      if (name === REBUILD_TENSOR) {
        const [storage, offset, size, stride] = args;
        if (!(storage instanceof StorageRef) || !Number.isSafeInteger(offset) || !isIntTuple(size) || !isIntTuple(stride) || size.length !== stride.length) {
          return refuse(message('torch.pickleBadTensor', file));
        }
        return new TensorRef(storage, offset as number, [...size], [...stride]);
      }
      return refuse(message('torch.pickleBadCall', file, name));
    },
    persistentLoad(pid) {
      const [tag, type, key, , numel] = Array.isArray(pid) ? pid : [];
      if (tag !== 'storage' || !(type instanceof StorageType) || typeof key !== 'string' || !/^[0-9]{1,9}$/.test(key) || !Number.isSafeInteger(numel) || (numel as number) < 0) {
        return refuse(message('torch.pickleBadStorage', file));
      }
      const known = storages.get(key);
      if (known && (known.dtype !== type.dtype || known.numel !== numel)) {
        return refuse(message('torch.pickleStorageTwice', file, key));
      }
      const ref = known ?? new StorageRef(key, type.dtype, numel as number);
      storages.set(key, ref);
      return ref;
    },
    build(target, state) {
      // An OrderedDict state_dict carries `_metadata` (module versions) as its instance __dict__: not needed.
      if (target instanceof Map && state instanceof Map && [...state.keys()].every((k) => k === '_metadata')) return;
      refuse(message('torch.pickleBadBuild', file));
    },
  };
}

/** Globals that a whole pickled model names: its own class, torch.nn modules. */
function looksLikeModel(module: string, name: string): boolean {
  const dangerous = /^(os|posix|nt|subprocess|sys|builtins|__builtin__|shutil|socket|importlib|runpy|pickle|code|pty|ctypes|webbrowser|eval|exec)$/;
  if (dangerous.test(module.split('.')[0]) || dangerous.test(name)) return false;
  return module.startsWith('torch.nn') || module.startsWith('torch.optim') || /^[A-Z]/.test(name);
}

function refuseGlobal(file: string, qualified: string): never {
  const dot = qualified.lastIndexOf('.');
  if (looksLikeModel(qualified.slice(0, dot), qualified.slice(dot + 1))) {
    return refuse(message('torch.wholeModel', file, qualified));
  }
  return refuse(message('torch.pickleGlobal', file, qualified));
}

/** A dict of tensors under string keys, or undefined. */
export function asTensorDict(value: PickleValue): Map<string, TensorRef> | undefined {
  if (!(value instanceof Map) || value.size === 0) return undefined;
  for (const [k, v] of value) if (typeof k !== 'string' || !(v instanceof TensorRef)) return undefined;
  return value as Map<string, TensorRef>;
}

/** The top level of data.pkl as a dict, for the checks on what else it might be. */
export function asDict(value: PickleValue): PickleDict | undefined {
  return value instanceof Map ? value : undefined;
}
