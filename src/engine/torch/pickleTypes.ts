/** The values a restricted pickle read produces, and the policy that decides what is allowed. */

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

/**
 * What the reader does not accept, at which byte. `opcode` is set for an opcode outside the reader's set (what a
 * hostile pickle meets first), which the import names in its own message; the rest are told by `reason`.
 */
export class PickleError extends Error {
  constructor(
    readonly reason: string,
    readonly byte: number,
    readonly length: number,
    readonly opcode?: number,
  ) {
    super(`${reason} (byte ${byte} of ${length})`);
    this.name = 'PickleError';
  }
}
