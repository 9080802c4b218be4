/**
 * The extension's side of the trainer process: forks dist/trainer.js and speaks src/shared/trainerProtocol.ts.
 * One generic request<K>() pairs each request with its reply by id, streams its events to `onEvent`, turns
 * cancellation into `cancel` (a stoppable request such as training then ends cleanly; any other is cut off by
 * ending the process), hangs into a kill, and a dead process into an error that says how it died.
 * No vscode import: the tests drive it directly against the real trainer.
 */
import * as l10n from '@vscode/l10n';
import { ChildProcess, fork } from 'child_process';
import { EventOf, ParamsOf, ResultOf, STOPPABLE, TrainerMessage, TrainerMethod, TrainerRequest } from '../shared/trainerProtocol';
import { TrainerError, TrainerExit, TrainerExitError, describeExit } from './trainerErrors';

export { TrainerError, TrainerExitError, describeExit, stderrReason } from './trainerErrors';
export type { TrainerExit } from './trainerErrors';

export interface TrainerClientOptions {
  /** Path of the trainer bundle (dist/trainer.js). */
  script: string;
  cwd?: string;
  env?: NodeJS.ProcessEnv;
  /**
   * Receives the trainer's log lines (with their level, for a log channel that prefixes it: the line itself has
   * none, or VS Code would show "[info] [info]") and its stdout/stderr.
   */
  log?: (line: string, level?: 'info' | 'warn' | 'error') => void;
  onExit?: (exit: TrainerExit) => void;
  /** How long to wait for the process's `ready` message. */
  startTimeoutMs?: number;
  /** The Node.js binary to run the trainer with (default: this process's, Electron's under desktop VS Code). */
  execPath?: string;
}

export interface RequestOptions<K extends TrainerMethod> {
  /** 0 waits for ever; the default depends on the request (DEFAULT_TIMEOUT_MS). */
  timeoutMs?: number;
  signal?: AbortSignal;
  onEvent?: (event: EventOf<K>) => void;
}

/** A request that hangs means a stuck process: it is killed after this long. Training may take days. */
const DEFAULT_TIMEOUT_MS: Partial<Record<TrainerMethod, number>> = { backend: 120_000, layers: 120_000, classify: 600_000, train: 0 };
const OTHER_TIMEOUT_MS = 300_000;
const STDERR_TAIL = 4000;
/** Time a stopped run gets to finish its batch and write its `last` checkpoint before it is killed. */
export const STOP_GRACE_MS = 120_000;

interface Pending {
  method: TrainerMethod;
  resolve: (result: unknown) => void;
  reject: (err: Error) => void;
  onEvent?: (event: never) => void;
  timer?: NodeJS.Timeout;
}

export class TrainerClient {
  private child: ChildProcess | undefined;
  private starting: Promise<ChildProcess> | undefined;
  private readonly pending = new Map<number, Pending>();
  private nextId = 1;
  private stderrTail = '';
  private killedByUs = false;

  constructor(private readonly options: TrainerClientOptions) {}

  get running(): boolean {
    return this.child !== undefined;
  }

  get pid(): number | undefined {
    return this.child?.pid;
  }

  /** Sends one request and resolves with its result; the trainer answers requests one at a time, in order. */
  async request<K extends TrainerMethod>(method: K, params: ParamsOf<K>, opts: RequestOptions<K> = {}): Promise<ResultOf<K>> {
    if (opts.signal?.aborted) throw new Error('cancelled');
    const child = await this.start();
    const id = this.nextId++;
    const timeoutMs = opts.timeoutMs ?? DEFAULT_TIMEOUT_MS[method] ?? OTHER_TIMEOUT_MS;
    return new Promise<ResultOf<K>>((resolve, reject) => {
      const entry: Pending = { method, resolve: resolve as (r: unknown) => void, reject, onEvent: opts.onEvent as Pending['onEvent'] };
      if (timeoutMs > 0) {
        entry.timer = setTimeout(() => {
          this.options.log?.(`[trainer] ${method} request ${id} timed out after ${timeoutMs} ms; killing the process`);
          this.failAll(new Error(`The trainer did not answer '${method}' within ${Math.round(timeoutMs / 1000)} s`));
          this.kill();
        }, timeoutMs);
      }
      this.pending.set(id, entry);
      child.send({ kind: 'request', id, method, params } as TrainerRequest);
      // The signal may have fired while the process started.
      if (opts.signal?.aborted) this.cancel(id);
      else opts.signal?.addEventListener('abort', () => this.cancel(id), { once: true });
    });
  }

  /**
   * Ends the process: closing the IPC channel lets it exit on its own (it exits on 'disconnect'); a process still
   * there after a moment is killed. Waiting requests fail with TrainerExitError.
   */
  dispose(): void {
    const child = this.child;
    if (!child) return;
    this.killedByUs = true;
    if (child.connected) child.disconnect();
    const timer = setTimeout(() => child.kill('SIGKILL'), 2000);
    child.once('exit', () => clearTimeout(timer));
  }

  private cancel(id: number): void {
    const entry = this.pending.get(id);
    if (!entry) return;
    this.send({ kind: 'cancel', id });
    if (STOPPABLE.has(entry.method)) {
      // It ends with its result after a clean stop (a run writes its `last` checkpoint), or is killed.
      clearTimeout(entry.timer);
      entry.timer = setTimeout(() => {
        this.options.log?.(`[trainer] ${entry.method} did not stop within ${STOP_GRACE_MS / 1000} s; killing the process`);
        this.kill();
      }, STOP_GRACE_MS);
      return;
    }
    this.settle(id, new Error('cancelled'));
    // The trainer cannot interrupt a classification or scan: end the process if nothing else waits on it,
    // so it does not keep a core busy; the next request starts a fresh one.
    if (this.pending.size === 0) this.kill();
  }

  private kill(): void {
    if (!this.child) return;
    this.killedByUs = true;
    this.child.kill('SIGKILL');
  }

  private send(msg: TrainerRequest): void {
    if (this.child?.connected) this.child.send(msg);
  }

  private start(): Promise<ChildProcess> {
    if (this.child) return Promise.resolve(this.child);
    if (this.starting) return this.starting;
    this.starting = new Promise<ChildProcess>((resolve, reject) => {
      this.stderrTail = '';
      this.killedByUs = false;
      // execArgv: [] keeps the host's --inspect and similar flags out of the trainer.
      const child = fork(this.options.script, [], {
        execArgv: [],
        ...(this.options.execPath ? { execPath: this.options.execPath } : {}),
        cwd: this.options.cwd,
        env: this.options.env ?? process.env,
        stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
        serialization: 'json',
      });
      const timer = setTimeout(() => {
        this.options.log?.('[trainer] no ready message; killing the process');
        child.kill('SIGKILL');
      }, this.options.startTimeoutMs ?? 60_000);
      child.stdout?.setEncoding('utf8').on('data', (text: string) => this.logLines('[trainer stdout] ', text));
      child.stderr?.setEncoding('utf8').on('data', (text: string) => {
        this.stderrTail = (this.stderrTail + text).slice(-STDERR_TAIL);
        this.logLines('[trainer stderr] ', text);
      });
      child.on('message', (raw: unknown) => {
        const msg = raw as TrainerMessage;
        if (msg?.kind === 'ready') {
          clearTimeout(timer);
          this.child = child;
          this.starting = undefined;
          this.options.log?.(`[trainer] process ${msg.pid} ready`);
          resolve(child);
          return;
        }
        this.onMessage(msg);
      });
      child.on('error', (err) => this.options.log?.(`[trainer] ${err.message}`));
      child.on('exit', (code, signal) => {
        clearTimeout(timer);
        const exit: TrainerExit = { code, signal, stderrTail: this.stderrTail, expected: this.killedByUs };
        this.child = undefined;
        if (this.starting) {
          this.starting = undefined;
          reject(new TrainerExitError(exit, l10n.t('The trainer process did not start: {0}', describeExit(exit))));
        }
        this.options.log?.(`[trainer] ${describeExit(exit)}`);
        this.failAll(new TrainerExitError(exit));
        this.options.onExit?.(exit);
      });
    });
    return this.starting;
  }

  private onMessage(msg: TrainerMessage): void {
    switch (msg?.kind) {
      case 'log':
        this.options.log?.(`[trainer] ${msg.message}`, msg.level);
        return;
      case 'error':
        this.settle(msg.id, new TrainerError(msg.message, msg.file, msg.stack, msg.coded));
        return;
      case 'event':
        this.pending.get(msg.id)?.onEvent?.(msg.event as never);
        return;
      case 'result': {
        const entry = this.pending.get(msg.id);
        if (!entry) return;
        this.pending.delete(msg.id);
        clearTimeout(entry.timer);
        entry.resolve(msg.result);
        return;
      }
    }
  }

  private settle(id: number, err: Error): void {
    const entry = this.pending.get(id);
    if (!entry) return;
    this.pending.delete(id);
    clearTimeout(entry.timer);
    entry.reject(err);
  }

  private failAll(err: Error): void {
    for (const id of [...this.pending.keys()]) this.settle(id, err);
  }

  private logLines(prefix: string, text: string): void {
    for (const line of text.split('\n')) if (line.trim()) this.options.log?.(prefix + line);
  }
}
