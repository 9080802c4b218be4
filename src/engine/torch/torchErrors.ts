/**
 * Errors of the PyTorch import and export: a stable code and its parameters beside the English message, so that a
 * host can show the message in the user's language (the CLI prints `message`).
 */
export type TorchErrorParams = Record<string, string | number>;

export class TorchFileError extends Error {
  constructor(
    readonly code: string,
    readonly params: TorchErrorParams,
    message: string,
  ) {
    super(message);
    this.name = 'TorchFileError';
  }
}

/** Throws a TorchFileError whose message starts with the file it is about. */
export function refuse(code: string, params: TorchErrorParams & { file: string }, message: string): never {
  throw new TorchFileError(code, params, `${params.file}: ${message}`);
}
