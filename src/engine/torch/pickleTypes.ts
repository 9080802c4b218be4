/** The values a restricted pickle read produces, and the policy that decides what is allowed. */
import { CodedMessage, MessageCode, message } from '../../shared/messages';

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

/** The catalogue codes of the reader's reasons (src/shared/messages.ts, the `pickle.*` entries but pickle.at). */
export type PickleCode = Exclude<Extract<MessageCode, `pickle.${string}`>, 'pickle.at'>;

/**
 * What the reader does not accept, at which byte: `coded` is pickle.at (the position) around the `pickle.*` reason.
 * The import puts it inside its own refusal, torch.pickleInvalid, so that it reads in the user's language there.
 */
export class PickleError extends Error {
  readonly coded: CodedMessage;

  constructor(reason: CodedMessage, byte: number, length: number) {
    const { text, coded } = message('pickle.at', reason, byte, length);
    super(text);
    this.name = 'PickleError';
    this.coded = coded;
  }
}
