/**
 * A restricted reader for Python pickles (protocols 2 to 5, the opcodes a state_dict uses). It never runs or
 * imports anything: each global, call (REDUCE), BUILD and persistent id goes to a policy, which either returns a
 * plain value or refuses. Lengths are checked against the bytes that remain before anything is allocated.
 */
import { PickleCursor } from './pickleCursor';
import { MessageParams } from '../../shared/messages';
import { PickleCode, PickleDict, PickleKey, PicklePolicy, PickleValue } from './pickleTypes';

export { PickleError, PickleObject } from './pickleTypes';
export type { PickleCode, PickleDict, PickleKey, PicklePolicy, PickleValue } from './pickleTypes';

const MAX_MEMO = 10_000_000;
const MAX_DEPTH = 100_000;

const MARK = Symbol('mark');
type StackItem = PickleValue | typeof MARK;

function isKey(v: PickleValue): v is PickleKey {
  return typeof v === 'string' || typeof v === 'number';
}

/** Unpickles `data` with `policy`; throws PickleError (or the policy's error) on anything it does not accept. */
export function readPickle(data: Uint8Array, policy: PicklePolicy): PickleValue {
  const cur = new PickleCursor(data);
  const stack: StackItem[] = [];
  const marks: number[] = [];
  const memo = new Map<number, PickleValue>();
  const fail = <C extends PickleCode>(code: C, ...params: MessageParams<C>): never => cur.fail(code, ...params);
  const push = (v: PickleValue) => {
    if (stack.length >= MAX_DEPTH) fail('pickle.tooDeep');
    stack.push(v);
  };
  const pop = (): PickleValue => {
    if (stack.length === 0 || (marks.length > 0 && stack.length <= marks[marks.length - 1])) fail('pickle.popEmpty');
    const v = stack.pop() as StackItem;
    if (v === MARK) return fail('pickle.popMark');
    return v;
  };
  const top = (): PickleValue => {
    const v = stack[stack.length - 1];
    if (v === undefined || v === MARK) return fail('pickle.stackEmpty');
    return v;
  };
  const popMark = (): PickleValue[] => {
    const m = marks.pop();
    if (m === undefined) return fail('pickle.noMark');
    const items = stack.splice(m) as StackItem[];
    items.shift(); // the MARK itself
    return items as PickleValue[];
  };
  const memoPut = (index: number) => {
    if (memo.size >= MAX_MEMO && !memo.has(index)) fail('pickle.memoFull');
    memo.set(index, top());
  };
  const memoGet = (index: number) => {
    if (!memo.has(index)) fail('pickle.memoUnset', index);
    push(memo.get(index) as PickleValue);
  };
  const tuple = (items: PickleValue[]) => Object.freeze(items) as PickleValue[];
  const setItems = (dict: PickleValue, items: PickleValue[]) => {
    if (!(dict instanceof Map)) return fail('pickle.setItemsNotDict');
    if (items.length % 2 !== 0) fail('pickle.setItemsOdd');
    for (let i = 0; i < items.length; i += 2) {
      const k = items[i];
      if (!isKey(k)) return fail('pickle.dictKey');
      dict.set(k, items[i + 1]);
    }
  };
  const append = (list: PickleValue, items: PickleValue[]) => {
    if (!Array.isArray(list) || Object.isFrozen(list)) return fail('pickle.appendNotList');
    list.push(...items);
  };

  for (;;) {
    const at = cur.pos;
    const op = cur.u8();
    switch (op) {
      case 0x80: // PROTO
        if (cur.u8() > 5) fail('pickle.protocol');
        break;
      case 0x95: // FRAME: a length hint only
        cur.u64();
        break;
      case 0x2e: // STOP
        if (stack.length !== 1 || marks.length > 0) fail('pickle.stopStack');
        return pop();
      case 0x28: // MARK
        if (stack.length >= MAX_DEPTH) fail('pickle.tooDeep');
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
        push(cur.u8());
        break;
      case 0x4d: // BININT2
        push(cur.u16());
        break;
      case 0x4a: // BININT
        push(cur.i32());
        break;
      case 0x8a: // LONG1
        push(cur.long(cur.u8()));
        break;
      case 0x47: // BINFLOAT
        push(cur.f64be());
        break;
      case 0x58: // BINUNICODE
        push(cur.utf8Text(cur.u32()));
        break;
      case 0x8c: // SHORT_BINUNICODE
        push(cur.utf8Text(cur.u8()));
        break;
      case 0x8d: // BINUNICODE8
        push(cur.utf8Text(cur.u64()));
        break;
      case 0x55: // SHORT_BINSTRING
        push(cur.latin1Text(cur.u8()));
        break;
      case 0x54: // BINSTRING
        push(cur.latin1Text(cur.u32()));
        break;
      case 0x43: // SHORT_BINBYTES
        push(cur.bytes(cur.u8()));
        break;
      case 0x42: // BINBYTES
        push(cur.bytes(cur.u32()));
        break;
      case 0x8e: // BINBYTES8
        push(cur.bytes(cur.u64()));
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
        memoPut(cur.u8());
        break;
      case 0x72: // LONG_BINPUT
        memoPut(cur.u32());
        break;
      case 0x94: // MEMOIZE
        memoPut(memo.size);
        break;
      case 0x68: // BINGET
        memoGet(cur.u8());
        break;
      case 0x6a: // LONG_BINGET
        memoGet(cur.u32());
        break;
      case 0x63: {
        // GLOBAL: "module\nname\n"
        const module = cur.line();
        push(policy.global(module, cur.line()));
        break;
      }
      case 0x93: {
        // STACK_GLOBAL
        const name = pop();
        const module = pop();
        if (typeof module !== 'string' || typeof name !== 'string') fail('pickle.stackGlobal');
        push(policy.global(module as string, name as string));
        break;
      }
      case 0x52: {
        // REDUCE
        const args = pop();
        const callable = pop();
        if (!Array.isArray(args)) fail('pickle.reduceArgs');
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
        cur.pos = at;
        fail('pickle.opcode', `0x${op.toString(16).padStart(2, '0')}`);
    }
  }
}
