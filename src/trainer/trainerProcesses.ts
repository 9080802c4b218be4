/**
 * The extension's trainer processes: one long-lived process for short requests (backend, check, layers, classify,
 * sample data), started on first use and again after it died, and a fresh one per training run. No vscode import.
 */
import { TrainerClient } from './trainerClient';
import { describeExit } from './trainerErrors';

export interface TrainerProcessesOptions {
  /** The trainer bundle (dist/trainer.js). */
  script: string;
  cwd: () => string;
  log: (line: string, level?: 'info' | 'warn' | 'error') => void;
  /** The shared process ended without being asked to (a crash, the OOM killer). */
  onSharedCrash: (message: string) => void;
  /** The Node.js to run trainers with, when not this process's (webgpu under Electron: realNode.ts). */
  execPath?: () => string | undefined;
}

export class TrainerProcesses {
  private helper: TrainerClient | undefined;

  constructor(private readonly options: TrainerProcessesOptions) {}

  /** A new trainer process client; the caller owns (and disposes) it. */
  create(onExit?: (message: string, expected: boolean) => void): TrainerClient {
    return new TrainerClient({
      script: this.options.script,
      cwd: this.options.cwd(),
      execPath: this.options.execPath?.(),
      log: this.options.log,
      onExit: (exit) => onExit?.(describeExit(exit), exit.expected || (exit.code === 0 && !exit.signal)),
    });
  }

  /** The shared process for short requests; requests queue in it and run one at a time. */
  get shared(): TrainerClient {
    if (!this.helper) {
      this.helper = this.create((message, expected) => {
        if (!expected) this.options.onSharedCrash(message);
      });
    }
    return this.helper;
  }

  /** Ends the shared process (a trainer keeps the backend it loaded): the next request starts a fresh one. */
  restartShared(): void {
    this.helper?.dispose();
    this.helper = undefined;
  }

  dispose(): void {
    this.restartShared();
  }
}
