/**
 * The runs the extension knows: read from the runs folder, the checkpoint chosen for predictions (and the one in
 * use, which falls back to the newest run's best), and the run now training. No vscode import: the Runs tree
 * renders it, the commands and the panel read it, and `onDidChange` tells them when to look again.
 */
import { EventEmitter } from 'events';
import * as path from 'path';
import { CheckpointInfo, RunInfo, checkpointForPredictions, listRuns } from './runStore';

/** Where the chosen checkpoint is remembered (the workspace state, in the extension). */
export interface SelectionStore {
  get(): string | undefined;
  update(dir: string | undefined): PromiseLike<void>;
}

export interface Subscription {
  dispose(): void;
}

/** Bursts of file events (a checkpoint is several files) become one change. */
const SOON_MS = 400;

export class RunsModel {
  private readonly events = new EventEmitter();
  private runList: RunInfo[] = [];
  private inUse: CheckpointInfo | null = null;
  private active: string | undefined;
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly folder: () => string,
    private readonly selection: SelectionStore,
  ) {}

  get runsFolder(): string {
    return this.folder();
  }

  /** The runs as last loaded, newest first. */
  get runs(): RunInfo[] {
    return this.runList;
  }

  /** The checkpoint predictions use (the chosen one while readable, else the default), as of the last load. */
  get checkpointInUse(): CheckpointInfo | null {
    return this.inUse;
  }

  /** The checkpoint the user chose, whether or not it still exists. */
  get selected(): string | undefined {
    return this.selection.get();
  }

  /** The run folder being trained, if any. */
  get activeRun(): string | undefined {
    return this.active;
  }

  /** Reads the runs folder (and works out the checkpoint in use); resolves with the runs. */
  async load(): Promise<RunInfo[]> {
    const runs = await listRuns(this.folder());
    // A run that is training shows before its first checkpoint, even outside the runs folder.
    const active = this.active;
    if (active && !runs.some((r) => r.dir === active)) {
      runs.unshift({ dir: active, name: path.basename(active), checkpoints: [], modified: Date.now(), updated: Date.now() });
    }
    this.runList = runs;
    this.inUse = await checkpointForPredictions(runs, this.selection.get());
    return runs;
  }

  /** The checkpoint predictions use, read fresh from disk. */
  async checkpointForPredictions(): Promise<CheckpointInfo | null> {
    await this.load();
    return this.inUse;
  }

  async select(dir: string | undefined): Promise<void> {
    await this.selection.update(dir);
    this.events.emit('select', dir);
    this.changed();
  }

  setActiveRun(dir: string | undefined): void {
    this.active = dir;
    this.changed();
  }

  /** Something on disk or in the selection changed: listeners read again. */
  changed(): void {
    clearTimeout(this.timer);
    this.events.emit('change');
  }

  changedSoon(): void {
    clearTimeout(this.timer);
    this.timer = setTimeout(() => this.changed(), SOON_MS);
  }

  onDidChange(listener: () => void): Subscription {
    this.events.on('change', listener);
    return { dispose: () => this.events.off('change', listener) };
  }

  /** The chosen checkpoint changed (undefined: back to the default). */
  onDidSelect(listener: (dir: string | undefined) => void): Subscription {
    this.events.on('select', listener);
    return { dispose: () => this.events.off('select', listener) };
  }

  dispose(): void {
    clearTimeout(this.timer);
    this.events.removeAllListeners();
  }
}
