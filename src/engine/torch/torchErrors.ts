/**
 * Errors of the PyTorch import and export. Each carries its message as a catalogue code and parameters
 * (src/shared/messages.ts, the `torch.*` entries), beside the English text: the CLI prints `message`, the trainer
 * process sends `coded` along, and the host shows it in the user's language. Every torch message starts with the
 * file it is about, its first parameter.
 */
import { CodedMessage, Message, MessageCode } from '../../shared/messages';

export class TorchFileError extends Error {
  readonly coded: CodedMessage;

  constructor(refusal: Required<Message>) {
    super(refusal.text);
    this.name = 'TorchFileError';
    this.coded = refusal.coded;
  }

  /** The catalogue code, e.g. 'torch.tensorShape'. */
  get code(): MessageCode {
    return this.coded.code;
  }

  /** The file refused (the export's checkpoint folder). */
  get file(): string {
    return String(this.coded.params[0]);
  }
}

/** Throws a TorchFileError for a `torch.*` message, e.g. refuse(message('torch.notZip', file)). */
export function refuse(refusal: Required<Message>): never {
  throw new TorchFileError(refusal);
}
