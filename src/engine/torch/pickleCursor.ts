/** Reads a pickle's bytes front to back; every length is checked against what remains before it is used. */
import { MessageParams, message } from '../../shared/messages';
import { PickleCode, PickleError } from './pickleTypes';

export class PickleCursor {
  pos = 0;
  private readonly view: DataView;
  private readonly utf8 = new TextDecoder('utf-8', { fatal: true });
  private readonly latin1 = new TextDecoder('latin1');

  constructor(private readonly data: Uint8Array) {
    this.view = new DataView(data.buffer, data.byteOffset, data.byteLength);
  }

  /** Refuses at the current position, for the reason `code` (a `pickle.*` message) with its own parameters. */
  fail<C extends PickleCode>(code: C, ...params: MessageParams<C>): never {
    throw new PickleError(message(code, ...params).coded, this.pos, this.data.length);
  }

  private need(n: number): void {
    if (!Number.isSafeInteger(n) || n < 0 || this.pos + n > this.data.length) this.fail('pickle.pastEnd', n);
  }

  private advance(n: number): number {
    this.need(n);
    this.pos += n;
    return this.pos - n;
  }

  u8(): number {
    return this.data[this.advance(1)];
  }
  u16(): number {
    return this.view.getUint16(this.advance(2), true);
  }
  u32(): number {
    return this.view.getUint32(this.advance(4), true);
  }
  i32(): number {
    return this.view.getInt32(this.advance(4), true);
  }
  /** An 8-byte length; refused past 2^53. */
  u64(): number {
    const v = this.view.getBigUint64(this.advance(8), true);
    if (v > BigInt(Number.MAX_SAFE_INTEGER)) this.fail('pickle.lengthOver53');
    return Number(v);
  }
  /** Big-endian double (BINFLOAT). */
  f64be(): number {
    return this.view.getFloat64(this.advance(8), false);
  }
  /** LONG1's little-endian two's complement integer of n bytes (at most 8), as a safe number. */
  long(n: number): number {
    if (n > 8) this.fail('pickle.intTooLong');
    const b = this.bytes(n);
    let v = 0n;
    for (let i = n - 1; i >= 0; i--) v = (v << 8n) | BigInt(b[i]);
    if (n > 0 && b[n - 1] & 0x80) v -= 1n << BigInt(8 * n);
    if (v > BigInt(Number.MAX_SAFE_INTEGER) || v < BigInt(Number.MIN_SAFE_INTEGER)) this.fail('pickle.intOver53');
    return Number(v);
  }
  bytes(n: number): Uint8Array {
    const at = this.advance(n);
    return this.data.subarray(at, at + n);
  }
  utf8Text(n: number): string {
    const b = this.bytes(n);
    try {
      return this.utf8.decode(b);
    } catch {
      return this.fail('pickle.notUtf8');
    }
  }
  latin1Text(n: number): string {
    return this.latin1.decode(this.bytes(n));
  }
  /** A newline-ended text argument (GLOBAL's module and name). */
  line(): string {
    const end = this.data.indexOf(0x0a, this.pos);
    if (end < 0) this.fail('pickle.noEndOfLine');
    const s = this.latin1.decode(this.data.subarray(this.pos, end));
    this.pos = end + 1;
    return s;
  }
}
