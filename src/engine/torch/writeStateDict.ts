/**
 * Writes a float32 state_dict in torch.save's zip format, as PyTorch 1.6 and later write it: <archive>/data.pkl
 * (pickle protocol 2: an OrderedDict of _rebuild_tensor_v2 calls on persistent storage ids), <archive>/data/<n>
 * (little-endian raw values), <archive>/version and <archive>/byteorder. torch.load(weights_only=True) takes it.
 * The file is written beside its target and renamed into place.
 */
import { createWriteStream } from 'fs';
import * as fs from 'fs/promises';
import * as path from 'path';
import * as yazl from 'yazl';

export interface NamedTensor {
  name: string;
  shape: number[];
  values: Float32Array;
}

class PickleBytes {
  private readonly parts: Buffer[] = [];
  op(code: string): this {
    this.parts.push(Buffer.from(code, 'latin1'));
    return this;
  }
  global(module: string, name: string): this {
    return this.op(`c${module}\n${name}\n`);
  }
  str(s: string): this {
    const b = Buffer.from(s, 'utf8');
    const len = Buffer.alloc(4);
    len.writeUInt32LE(b.length);
    this.parts.push(Buffer.from('X', 'latin1'), len, b);
    return this;
  }
  int(n: number): this {
    if (!Number.isInteger(n) || n < 0 || n > 0x7fffffff) throw new Error(`cannot pickle ${n} as a 4-byte int`);
    const b = Buffer.alloc(5);
    b.write('J', 'latin1');
    b.writeInt32LE(n, 1);
    this.parts.push(b);
    return this;
  }
  tuple(items: number[]): this {
    this.op('(');
    for (const n of items) this.int(n);
    return this.op('t');
  }
  bytes(): Buffer {
    return Buffer.concat(this.parts);
  }
}

/** data.pkl for the tensors, each with its own storage data/<index>. */
export function stateDictPickle(tensors: NamedTensor[]): Buffer {
  const p = new PickleBytes().op('\x80\x02').global('collections', 'OrderedDict').op(')R(');
  tensors.forEach((t, i) => {
    const stride = t.shape.map((_, d) => t.shape.slice(d + 1).reduce((a, b) => a * b, 1));
    p.str(t.name).global('torch._utils', '_rebuild_tensor_v2').op('(');
    // Persistent id ('storage', torch.FloatStorage, key, location, numel); then offset, size, stride,
    // requires_grad, backward_hooks.
    p.op('(').str('storage').global('torch', 'FloatStorage').str(String(i)).str('cpu').int(t.values.length).op('tQ');
    p.int(0).tuple(t.shape).tuple(stride).op('\x89').global('collections', 'OrderedDict').op(')Rt').op('R');
  });
  return p.op('u.').bytes();
}

function littleEndian(values: Float32Array): Buffer {
  const out = Buffer.alloc(values.length * 4);
  for (let i = 0; i < values.length; i++) out.writeFloatLE(values[i], i * 4);
  return out;
}

/** Writes `tensors` to `file` as torch.save(state_dict) would; `archive` is the records' folder name. */
export async function writeStateDict(file: string, tensors: NamedTensor[], archive = 'archive'): Promise<void> {
  for (const t of tensors) {
    if (t.shape.reduce((a, b) => a * b, 1) !== t.values.length) throw new Error(`${t.name}: ${t.values.length} values do not fill shape [${t.shape.join(', ')}]`);
  }
  const zip = new yazl.ZipFile();
  const mtime = new Date();
  const add = (name: string, data: Buffer) => zip.addBuffer(data, `${archive}/${name}`, { compress: false, mtime });
  add('data.pkl', stateDictPickle(tensors));
  add('byteorder', Buffer.from('little'));
  tensors.forEach((t, i) => add(`data/${i}`, littleEndian(t.values)));
  add('version', Buffer.from('3\n'));
  zip.end();
  const target = path.resolve(file);
  const tmp = path.join(path.dirname(target), `.${path.basename(target)}.tmp-${process.pid}-${Date.now()}`);
  try {
    await new Promise<void>((resolve, reject) => {
      const out = createWriteStream(tmp);
      out.on('error', reject);
      out.on('close', resolve);
      zip.outputStream.on('error', reject).pipe(out);
    });
    await fs.rename(tmp, target);
  } catch (err) {
    await fs.rm(tmp, { force: true });
    throw err;
  }
}
