/**
 * The trainer process: forked by the extension (child_process.fork of dist/trainer.js), it runs the engine and
 * speaks src/shared/trainerProtocol.ts over the IPC channel. Heavy work never runs in the extension host.
 * Requests run one at a time in arrival order: they share one process-global tf backend, which each handler
 * selects for itself. A `cancel` is acted on as soon as it arrives, so a stop reaches a training run.
 */
import { codedOf } from '../shared/messages';
import { EventOf, RequestMessage, TrainerMessage, TrainerMethod, parseTrainerRequest } from '../shared/trainerProtocol';
import { DatasetError } from './datasetScan';
import { TorchFileError } from './torch/torchErrors';
import { RequestContext, handlers } from './trainerHandlers';

function send(message: TrainerMessage): void {
  if (process.send && process.connected) process.send(message);
}

/** Ids queued or running, those of them the host cancelled, and the abort signal of each. */
const pending = new Set<number>();
const cancelled = new Set<number>();
const aborts = new Map<number, AbortController>();
let queue: Promise<void> = Promise.resolve();

async function handle(req: RequestMessage): Promise<void> {
  if (cancelled.has(req.id)) {
    pending.delete(req.id);
    cancelled.delete(req.id);
    send({ kind: 'error', id: req.id, message: 'cancelled' });
    return;
  }
  const abort = new AbortController();
  aborts.set(req.id, abort);
  const ctx: RequestContext<TrainerMethod> = {
    emit: (event: EventOf<TrainerMethod>) => send({ kind: 'event', id: req.id, event }),
    log: (level, message) => send({ kind: 'log', id: req.id, level, message }),
    cancelled: () => cancelled.has(req.id),
    signal: abort.signal,
  };
  try {
    // The map pairs method and params; TypeScript cannot follow that pairing through a union, hence the cast.
    const handler = handlers[req.method] as (params: unknown, ctx: RequestContext<TrainerMethod>) => Promise<unknown>;
    const result = await handler(req.params, ctx);
    send({ kind: 'result', id: req.id, result } as TrainerMessage);
  } catch (err) {
    const e = err instanceof Error ? err : new Error(String(err));
    const file = err instanceof DatasetError || err instanceof TorchFileError ? err.file : undefined;
    send({ kind: 'error', id: req.id, message: e.message, coded: codedOf(err), file, stack: e.stack });
  } finally {
    pending.delete(req.id);
    cancelled.delete(req.id);
    aborts.delete(req.id);
  }
}

process.on('message', (raw: unknown) => {
  const req = parseTrainerRequest(raw);
  if (!req) {
    send({ kind: 'log', level: 'warn', message: `ignored a malformed request: ${JSON.stringify(raw)?.slice(0, 200)}` });
    return;
  }
  if (req.kind === 'cancel') {
    if (pending.has(req.id)) cancelled.add(req.id);
    aborts.get(req.id)?.abort();
    return;
  }
  pending.add(req.id);
  queue = queue.then(() => handle(req));
});

// The extension host going away must not leave a trainer running on its own.
process.on('disconnect', () => process.exit(0));

send({ kind: 'ready', pid: process.pid });
