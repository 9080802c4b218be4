/**
 * The extension's side of the trainer process: forks dist/trainer.js, speaks src/shared/trainerProtocol.ts
 * with ids, turns replies into promises, cancellation into `stop`, hangs into a kill, and a dead process into
 * an error that says how it died. No vscode import: the tests drive it directly against the real trainer.
 */
import { ChildProcess, fork } from 'child_process';
import { BackendChoice, BackendReport } from './shared/backendReport';
import { ClassifyResult } from './shared/checkpointMeta';
import { DatasetSummary } from './shared/dataset';
import { LayerTable } from './shared/layerTable';
import { DoneEvent, TrainEvent } from './shared/metrics';
import { ModelConfig } from './shared/modelConfig';
import { TrainConfig } from './shared/trainConfig';
import { TrainerMessage, TrainerRequest } from './shared/trainerProtocol';

export interface TrainerExit {
  code: number | null;
  signal: NodeJS.Signals | null;
  /** The last lines the process wrote to stderr. */
  stderrTail: string;
  /** True when this client ended it (dispose, timeout). */
  expected: boolean;
}

export interface TrainerClientOptions {
  /** Path of the trainer bundle (dist/trainer.js). */
  script: string;
  cwd?: string;
  env?: NodeJS.ProcessEnv;
  /** Receives the trainer's log lines and its stdout/stderr. */
  log?: (line: string) => void;
  onExit?: (exit: TrainerExit) => void;
  /** How long to wait for the process's `ready` message. */
  startTimeoutMs?: number;
}

/** A request failed in the trainer; `file` names the offending file when there is one. */
export class TrainerError extends Error {
  constructor(
    message: string,
    readonly file?: string,
    readonly trainerStack?: string,
  ) {
    super(message);
    this.name = 'TrainerError';
  }
}

/** The trainer process ended (crash, kill, timeout) while a request was waiting for it. */
export class TrainerExitError extends Error {
  constructor(readonly exit: TrainerExit, reason?: string) {
    super(reason ?? describeExit(exit));
    this.name = 'TrainerExitError';
  }
}

export function describeExit(exit: TrainerExit): string {
  const how = exit.signal ? `was killed by ${exit.signal}` : `exited with code ${exit.code}`;
  const why = stderrReason(exit.stderrTail);
  return `The trainer process ${how}${why ? `: ${why}` : ''}`;
}

/**
 * The line of a dying process's stderr that says why: Node ends a crash with the stack and its own version,
 * so the last lines are the least useful; the error line ("Error: Cannot find module ...") is the one to show.
 */
export function stderrReason(stderr: string): string {
  const lines = stderr.split('\n').map((l) => l.trim()).filter((l) => l && !/^Node\.js v\d/.test(l) && !/^at /.test(l));
  const error = [...lines].reverse().find((l) => /^(\w*Error|Fatal|FATAL|RangeError|Uncaught)\b|out of memory|Cannot find module/i.test(l));
  return (error ?? lines[lines.length - 1] ?? '').slice(0, 300);
}

export interface SampleDataResult {
  dir: string;
  classes: string[];
  train: number;
  test: number;
}

/** What a training run reports besides its events: the scanned dataset, the backend, the model's layer table. */
export type TrainSideMessage = Extract<TrainerMessage, { type: 'dataset' | 'backend' | 'layers' }>;

export interface TrainHandlers {
  onEvent: (event: TrainEvent) => void;
  onSide?: (message: TrainSideMessage) => void;
}

interface RequestOptions {
  timeoutMs?: number;
  signal?: AbortSignal;
  handlers?: TrainHandlers;
}

interface Pending {
  type: TrainerRequest['type'];
  resolve: (msg: TrainerMessage) => void;
  reject: (err: Error) => void;
  handlers?: TrainHandlers;
  timer?: NodeJS.Timeout;
}

type Body<T extends TrainerRequest['type']> = Omit<Extract<TrainerRequest, { type: T }>, 'id'>;
/** A request without its id, distributed over the union so each variant keeps its own fields. */
type AnyBody = TrainerRequest extends infer R ? (R extends TrainerRequest ? Omit<R, 'id'> : never) : never;

const STDERR_TAIL = 4000;
/** Time a stopped run gets to finish its batch and write its `last` checkpoint before it is killed. */
export const STOP_GRACE_MS = 120_000;

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

  backend(backend: BackendChoice, opts: RequestOptions = {}): Promise<BackendReport> {
    return this.ask({ type: 'backend', backend }, { timeoutMs: 120_000, ...opts }).then((m) => {
      if (m.type !== 'backend') throw unexpected(m);
      return m.report;
    });
  }

  check(datasetDir: string, opts: RequestOptions & { valFraction?: number; seed?: number } = {}): Promise<DatasetSummary> {
    const { valFraction, seed, ...rest } = opts;
    return this.ask({ type: 'check', datasetDir, valFraction, seed }, { timeoutMs: 300_000, ...rest }).then((m) => {
      if (m.type !== 'dataset') throw unexpected(m);
      return m.summary;
    });
  }

  layers(config: Pick<ModelConfig, 'numClasses' | 'inputSize' | 'lrn'>, opts: RequestOptions = {}): Promise<LayerTable> {
    return this.ask({ type: 'layers', config }, { timeoutMs: 120_000, ...opts }).then((m) => {
      if (m.type !== 'layers') throw unexpected(m);
      return m.table;
    });
  }

  classify(
    checkpoint: string,
    paths: string[],
    topK: number,
    backend: BackendChoice,
    opts: RequestOptions = {},
  ): Promise<ClassifyResult> {
    return this.ask({ type: 'classify', checkpoint, paths, topK, backend }, { timeoutMs: 600_000, ...opts }).then((m) => {
      if (m.type !== 'classified') throw unexpected(m);
      return m.result;
    });
  }

  sampleData(dir: string, perClass: { train?: number; test?: number } = {}, opts: RequestOptions = {}): Promise<SampleDataResult> {
    const body: Body<'sampleData'> = { type: 'sampleData', dir, perClassTrain: perClass.train, perClassTest: perClass.test };
    return this.ask(body, { timeoutMs: 300_000, ...opts }).then((m) => {
      if (m.type !== 'sampleData') throw unexpected(m);
      return { dir: m.dir, classes: m.classes, train: m.train, test: m.test };
    });
  }

  /**
   * Trains until the run's `done` event. Aborting the signal sends `stop`; the run then ends with a `done`
   * whose `stopped` is true after writing its `last` checkpoint, or is killed after STOP_GRACE_MS.
   */
  async train(config: TrainConfig, handlers: TrainHandlers, signal?: AbortSignal): Promise<DoneEvent> {
    const m = await this.ask({ type: 'train', config }, { handlers, signal });
    if (m.type !== 'train' || m.event.event !== 'done') throw unexpected(m);
    return m.event;
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

  private kill(): void {
    if (!this.child) return;
    this.killedByUs = true;
    this.child.kill('SIGKILL');
  }

  private async ask(body: AnyBody, opts: RequestOptions): Promise<TrainerMessage> {
    if (opts.signal?.aborted) throw new Error('cancelled');
    const child = await this.start();
    const id = this.nextId++;
    const request = { ...body, id } as TrainerRequest;
    return new Promise<TrainerMessage>((resolve, reject) => {
      const entry: Pending = { type: request.type, resolve, reject, handlers: opts.handlers };
      if (opts.timeoutMs) {
        // A request that hangs means a stuck process: kill it rather than leave it holding memory.
        entry.timer = setTimeout(() => {
          this.options.log?.(`[trainer] ${request.type} request ${id} timed out after ${opts.timeoutMs} ms; killing the process`);
          this.failAll(new Error(`The trainer did not answer '${request.type}' within ${Math.round(opts.timeoutMs! / 1000)} s`));
          this.kill();
        }, opts.timeoutMs);
      }
      this.pending.set(id, entry);
      opts.signal?.addEventListener(
        'abort',
        () => {
          if (!this.pending.has(id)) return;
          if (request.type === 'train') {
            this.send({ type: 'stop', id });
            entry.timer = setTimeout(() => {
              this.options.log?.(`[trainer] run did not stop within ${STOP_GRACE_MS / 1000} s; killing the process`);
              this.kill();
            }, STOP_GRACE_MS);
          } else {
            this.settle(id, undefined, new Error('cancelled'));
            // The trainer cannot interrupt a classification or scan: end the process if nothing else waits on it,
            // so it does not keep a core busy; the next request starts a fresh one.
            if (this.pending.size === 0) this.kill();
          }
        },
        { once: true },
      );
      child.send(request);
    });
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
        if (msg?.type === 'ready') {
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
          reject(new TrainerExitError(exit, `The trainer process did not start: ${describeExit(exit)}`));
        }
        this.options.log?.(`[trainer] ${describeExit(exit)}`);
        this.failAll(new TrainerExitError(exit));
        this.options.onExit?.(exit);
      });
    });
    return this.starting;
  }

  private onMessage(msg: TrainerMessage): void {
    switch (msg.type) {
      case 'log':
        this.options.log?.(`[${msg.level}] ${msg.message}`);
        return;
      case 'error':
        this.settle(msg.id, undefined, new TrainerError(msg.message, msg.file, msg.stack));
        return;
      case 'train': {
        const entry = this.pending.get(msg.id);
        if (!entry) return;
        if (msg.event.event === 'done') this.settle(msg.id, msg);
        else entry.handlers?.onEvent(msg.event);
        return;
      }
      case 'ready':
        return;
      default: {
        // A training run sends its dataset, backend and layer table under its own id before it ends.
        const entry = this.pending.get(msg.id);
        if (entry?.type === 'train') {
          if (msg.type === 'dataset' || msg.type === 'backend' || msg.type === 'layers') entry.handlers?.onSide?.(msg);
          return;
        }
        this.settle(msg.id, msg);
      }
    }
  }

  private settle(id: number, msg: TrainerMessage | undefined, err?: Error): void {
    const entry = this.pending.get(id);
    if (!entry) return;
    this.pending.delete(id);
    clearTimeout(entry.timer);
    if (err) entry.reject(err);
    else entry.resolve(msg!);
  }

  private failAll(err: Error): void {
    for (const id of [...this.pending.keys()]) this.settle(id, undefined, err);
  }

  private logLines(prefix: string, text: string): void {
    for (const line of text.split('\n')) if (line.trim()) this.options.log?.(prefix + line);
  }
}

function unexpected(m: TrainerMessage): Error {
  return new Error(`unexpected reply from the trainer: ${m.type}`);
}
