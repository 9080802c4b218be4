/**
 * A restricted reader for Python pickles (protocols 2 to 5, the opcodes a state_dict uses). It never runs or
 * imports anything: each global, call (REDUCE), BUILD and persistent id goes to a policy, which either returns a
 * plain value or refuses. Lengths are checked against the bytes that remain before anything is allocated.
 */

/** Objects a policy makes (a global it allows, a tensor, a storage); the reader only passes them around. */
export abstract class PickleObject {}

export type PickleKey = string | number;
export type PickleValue = null | boolean | number | string | Uint8Array | PickleValue[] | PickleDict | PickleObject;
export type PickleDict = Map<PickleKey, PickleValue>;

export interface PicklePolicy {
  /** GLOBAL / STACK_GLOBAL: return a PickleObject standing for the allowed global, or throw naming it. */
  global(module: string, name: string): PickleValue;
  /** REDUCE: callable(*args). */
  call(callable: PickleValue, args: PickleValue[]): PickleValue;
  /** BINPERSID: the object a persistent id stands for. */
  persistentLoad(pid: PickleValue): PickleValue;
  /** BUILD: set `state` on `target`. */
  build(target: PickleValue, state: PickleValue): void;
}

export class PickleError extends Error {}

const MAX_MEMO = 10_000_000;
const MAX_DEPTH = 100_000;

const MARK = Symbol('mark');
type StackItem = PickleValue | typeof MARK;

function isKey(v: PickleValue): v is PickleKey {
  return typeof v === 'string' || typeof v === 'number';
}

/** Unpickles `data` with `policy`; throws PickleError (or the policy's error) on anything it does not accept. */
export function readPickle(data: Uint8Array, policy: PicklePolicy): PickleValue {
  const view = new DataView(data.buffer, data.byteOffset, data.byteLength);
  const utf8 = new TextDecoder('utf-8', { fatal: true });
  const latin1 = new TextDecoder('latin1');
  const stack: StackItem[] = [];
  const marks: number[] = [];
  const memo = new Map<number, PickleValue>();
  let pos = 0;

  const fail = (what: string): never => {
    throw new PickleError(`${what} (byte ${pos} of ${data.length})`);
  };
  const need = (n: number): void => {
    if (!Number.isSafeInteger(n) || n < 0 || pos + n > data.length) fail(`a length of ${n} bytes runs past the end of the pickle`);
  };
  const u8 = () => (need(1), data[pos++]);
  const u16 = () => (need(2), (pos += 2), view.getUint16(pos - 2, true));
  const u32 = () => (need(4), (pos += 4), view.getUint32(pos - 4, true));
  const i32 = () => (need(4), (pos += 4), view.getInt32(pos - 4, true));
  const u64 = () => {
    need(8);
    const v = view.getBigUint64(pos, true);
    pos += 8;
    if (v > BigInt(Number.MAX_SAFE_INTEGER)) fail('a length over 2^53');
    return Number(v);
  };
  const bytes = (n: number) => (need(n), (pos += n), data.subarray(pos - n, pos));
  const text = (n: number) => {
    try {
      return utf8.decode(bytes(n));
    } catch {
      return fail('a string that is not valid UTF-8');
    }
  };
  const line = () => {
    const end = data.indexOf(0x0a, pos);
    if (end < 0) fail('a text argument without its end of line');
    const s = latin1.decode(data.subarray(pos, end));
    pos = end + 1;
    return s;
  };
  const push = (v: PickleValue) => {
    if (stack.length >= MAX_DEPTH) fail('the stack is too deep');
    stack.push(v);
  };
  const pop = (): PickleValue => {
    if (stack.length === 0 || (marks.length > 0 && stack.length <= marks[marks.length - 1])) fail('a pop from an empty stack');
    const v = stack.pop() as StackItem;
    if (v === MARK) return fail('a mark where a value was expected');
    return v;
  };
  const top = (): PickleValue => {
    const v = stack[stack.length - 1];
    if (v === undefined || v === MARK) return fail('an empty stack');
    return v;
  };
  const popMark = (): PickleValue[] => {
    const m = marks.pop();
    if (m === undefined) return fail('no mark to pop to');
    const items = stack.splice(m) as StackItem[];
    items.shift(); // the MARK itself
    return items as PickleValue[];
  };
  const memoPut = (index: number) => {
    if (memo.size >= MAX_MEMO && !memo.has(index)) fail('too many memo entries');
    memo.set(index, top());
  };
  const memoGet = (index: number) => {
    if (!memo.has(index)) fail(`memo entry ${index} is not set`);
    push(memo.get(index) as PickleValue);
  };
  const tuple = (items: PickleValue[]) => Object.freeze(items) as PickleValue[];
  const setItems = (dict: PickleValue, items: PickleValue[]) => {
    if (!(dict instanceof Map)) return fail('SETITEM(S) on something that is not a dict');
    if (items.length % 2 !== 0) fail('SETITEMS with an odd number of items');
    for (let i = 0; i < items.length; i += 2) {
      const k = items[i];
      if (!isKey(k)) return fail('a dict key that is not a string or an int');
      dict.set(k, items[i + 1]);
    }
  };
  const append = (list: PickleValue, items: PickleValue[]) => {
    if (!Array.isArray(list) || Object.isFrozen(list)) return fail('APPEND(S) on something that is not a list');
    list.push(...items);
  };

  for (;;) {
    const at = pos;
    const op = u8();
    switch (op) {
      case 0x80: // PROTO
        if (u8() > 5) fail('a pickle protocol above 5');
        break;
      case 0x95: // FRAME: a length hint only
        u64();
        break;
      case 0x2e: // STOP
        if (stack.length !== 1 || marks.length > 0) fail('STOP with more than one value on the stack');
        return pop();
      case 0x28: // MARK
        if (stack.length >= MAX_DEPTH) fail('the stack is too deep');
        marks.push(stack.length);
        stack.push(MARK);
        break;
      case 0x4e: // NONE
        push(null);
        break;
      case 0x88: // NEWTRUE
        push(true);
        break;
      case 0x89: // NEWFALSE
        push(false);
        break;
      case 0x4b: // BININT1
        push(u8());
        break;
      case 0x4d: // BININT2
        push(u16());
        break;
      case 0x4a: // BININT
        push(i32());
        break;
      case 0x8a: {
        // LONG1: little-endian two's complement
        const n = u8();
        if (n > 8) fail('an integer longer than 8 bytes');
        const b = bytes(n);
        let v = 0n;
        for (let i = n - 1; i >= 0; i--) v = (v << 8n) | BigInt(b[i]);
        if (n > 0 && b[n - 1] & 0x80) v -= 1n << BigInt(8 * n);
        if (v > BigInt(Number.MAX_SAFE_INTEGER) || v < BigInt(Number.MIN_SAFE_INTEGER)) fail('an integer beyond 2^53');
        push(Number(v));
        break;
      }
      case 0x47: // BINFLOAT (big-endian double)
        need(8);
        push(view.getFloat64(pos, false));
        pos += 8;
        break;
      case 0x58: // BINUNICODE
        push(text(u32()));
        break;
      case 0x8c: // SHORT_BINUNICODE
        push(text(u8()));
        break;
      case 0x8d: // BINUNICODE8
        push(text(u64()));
        break;
      case 0x55: // SHORT_BINSTRING
        push(latin1.decode(bytes(u8())));
        break;
      case 0x54: // BINSTRING
        push(latin1.decode(bytes(u32())));
        break;
      case 0x43: // SHORT_BINBYTES
        push(bytes(u8()));
        break;
      case 0x42: // BINBYTES
        push(bytes(u32()));
        break;
      case 0x8e: // BINBYTES8
        push(bytes(u64()));
        break;
      case 0x29: // EMPTY_TUPLE
        push(tuple([]));
        break;
      case 0x85: // TUPLE1
        push(tuple([pop()]));
        break;
      case 0x86: {
        // TUPLE2
        const b = pop();
        push(tuple([pop(), b]));
        break;
      }
      case 0x87: {
        // TUPLE3
        const c = pop();
        const b = pop();
        push(tuple([pop(), b, c]));
        break;
      }
      case 0x74: // TUPLE
        push(tuple(popMark()));
        break;
      case 0x5d: // EMPTY_LIST
        push([]);
        break;
      case 0x6c: // LIST
        push(popMark());
        break;
      case 0x7d: // EMPTY_DICT
        push(new Map());
        break;
      case 0x64: {
        // DICT
        const dict: PickleDict = new Map();
        setItems(dict, popMark());
        push(dict);
        break;
      }
      case 0x73: {
        // SETITEM
        const v = pop();
        const k = pop();
        setItems(top(), [k, v]);
        break;
      }
      case 0x75: {
        // SETITEMS
        const items = popMark();
        setItems(top(), items);
        break;
      }
      case 0x61: {
        // APPEND
        const v = pop();
        append(top(), [v]);
        break;
      }
      case 0x65: {
        // APPENDS
        const items = popMark();
        append(top(), items);
        break;
      }
      case 0x71: // BINPUT
        memoPut(u8());
        break;
      case 0x72: // LONG_BINPUT
        memoPut(u32());
        break;
      case 0x94: // MEMOIZE
        memoPut(memo.size);
        break;
      case 0x68: // BINGET
        memoGet(u8());
        break;
      case 0x6a: // LONG_BINGET
        memoGet(u32());
        break;
      case 0x63: {
        // GLOBAL: "module\nname\n"
        const module = line();
        push(policy.global(module, line()));
        break;
      }
      case 0x93: {
        // STACK_GLOBAL
        const name = pop();
        const module = pop();
        if (typeof module !== 'string' || typeof name !== 'string') fail('STACK_GLOBAL without two strings');
        push(policy.global(module as string, name as string));
        break;
      }
      case 0x52: {
        // REDUCE
        const args = pop();
        const callable = pop();
        if (!Array.isArray(args)) fail('REDUCE without an argument tuple');
        push(policy.call(callable, args as PickleValue[]));
        break;
      }
      case 0x62: {
        // BUILD
        const state = pop();
        policy.build(top(), state);
        break;
      }
      case 0x51: // BINPERSID
        push(policy.persistentLoad(pop()));
        break;
      default:
        pos = at;
        fail(`pickle opcode 0x${op.toString(16).padStart(2, '0')} is not one a state_dict uses; refusing it`);
    }
  }
}
