/** Backends in order of preference: fastest first. */
export const BACKENDS = ['tensorflow-gpu', 'tensorflow', 'wasm', 'cpu'] as const;
export type BackendName = (typeof BACKENDS)[number];
export type BackendChoice = BackendName | 'auto';

export function isBackendChoice(value: string): value is BackendChoice {
  return value === 'auto' || (BACKENDS as readonly string[]).includes(value);
}

/** Why a backend ahead of the chosen one is not running. */
export interface SkippedBackend {
  backend: BackendName;
  reason: string;
}

export interface BackendReport {
  /** What runs: one of BACKENDS. */
  backend: BackendName;
  /** tf.getBackend() of the running backend ('tensorflow', 'wasm', 'cpu'). */
  tfBackend: string;
  /** Where the arithmetic happens, in words, e.g. "CPU, WebAssembly SIMD, 1 thread". */
  device: string;
  requested: BackendChoice;
  /** Faster backends not used and why, in preference order. */
  skipped: SkippedBackend[];
  tfjsVersion: string;
  threads?: number;
  simd?: boolean;
  /** Kernels this project registers for the backend (wasm: its training kernels). */
  trainingKernels?: string[];
}

export function describeBackend(report: BackendReport): string {
  const lines = [`backend: ${report.backend} (${report.device})`];
  if (report.requested !== 'auto') lines.push(`requested: ${report.requested}`);
  for (const s of report.skipped) lines.push(`not ${s.backend}: ${s.reason}`);
  return lines.join('\n');
}
