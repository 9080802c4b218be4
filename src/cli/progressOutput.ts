/**
 * How the CLI shows a long step's counts: with --json, one {"event":"progress",...} line per report (the engine
 * sends at most two a second) on the given stream; on a terminal, one line rewritten in place on stderr;
 * otherwise (a pipe, a log file) nothing, so logs stay readable.
 */
import { ProgressSink } from '../engine/progress';
import { progressText } from '../shared/progressLines';

export interface ProgressOutput {
  sink: ProgressSink;
  /** Clears the terminal line before other output. */
  clear(): void;
}

export function progressOutput(json: boolean, jsonStream: NodeJS.WriteStream = process.stderr): ProgressOutput {
  if (json) return { sink: (e) => jsonStream.write(JSON.stringify(e) + '\n'), clear: () => undefined };
  if (!process.stderr.isTTY) return { sink: () => undefined, clear: () => undefined };
  let shown = false;
  return {
    sink: (e) => {
      process.stderr.write(`\r${progressText(e)}\x1b[K`);
      shown = true;
    },
    clear: () => {
      if (shown) process.stderr.write('\r\x1b[K');
      shown = false;
    },
  };
}
