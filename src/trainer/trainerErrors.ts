/** How a request to the trainer process can fail, and how a dead process is described to the user. */
import * as l10n from '@vscode/l10n';
import type { CodedMessage } from '../shared/messages';

export interface TrainerExit {
  code: number | null;
  signal: NodeJS.Signals | null;
  /** The last lines the process wrote to stderr. */
  stderrTail: string;
  /** True when the client ended it (dispose, timeout). */
  expected: boolean;
}

/** A request failed in the trainer; `file` names the offending file when there is one. */
export class TrainerError extends Error {
  constructor(
    message: string,
    readonly file?: string,
    readonly trainerStack?: string,
    /** The message as a code, for the UI to show in its language (see shared/messages). */
    readonly coded?: CodedMessage,
  ) {
    super(message);
    this.name = 'TrainerError';
  }
}

/** The trainer process ended (crash, kill, timeout) while a request was waiting for it. */
export class TrainerExitError extends Error {
  constructor(
    readonly exit: TrainerExit,
    reason?: string,
  ) {
    super(reason ?? describeExit(exit));
    this.name = 'TrainerExitError';
  }
}

/** In the UI language in the host (@vscode/l10n is configured there), English elsewhere. */
export function describeExit(exit: TrainerExit): string {
  const how = exit.signal ? l10n.t('The trainer process was killed by {0}', exit.signal) : l10n.t('The trainer process exited with code {0}', String(exit.code));
  // A signal from outside (kill -9, the OOM killer) leaves only the dying process's earlier chatter on stderr
  // (Dawn's Vulkan notices, say), which would read like the cause; only an error line it printed is worth showing.
  const why = stderrReason(exit.stderrTail, { errorLinesOnly: exit.signal !== null });
  return why ? `${how}: ${why}` : how;
}

/**
 * The line of a dying process's stderr that says why: Node ends a crash with the stack and its own version,
 * so the last lines are the least useful; the error line ("Error: Cannot find module ...") is the one to show.
 */
export function stderrReason(stderr: string, { errorLinesOnly = false } = {}): string {
  const lines = stderr.split('\n').map((l) => l.trim()).filter((l) => l && !/^Node\.js v\d/.test(l) && !/^at /.test(l));
  const error = [...lines].reverse().find((l) => /^(\w*Error|Fatal|FATAL|RangeError|Uncaught)\b|out of memory|Cannot find module/i.test(l));
  return (error ?? (errorLinesOnly ? '' : lines[lines.length - 1]) ?? '').slice(0, 300);
}
