import type { CodedMessage } from './messages';

/** Backends in order of preference: fastest first. */
export const BACKENDS = ['tensorflow-gpu', 'webgpu', 'tensorflow', 'wasm', 'cpu'] as const;
export type BackendName = (typeof BACKENDS)[number];
export type BackendChoice = BackendName | 'auto';

export function isBackendChoice(value: string): value is BackendChoice {
  return value === 'auto' || (BACKENDS as readonly string[]).includes(value);
}

/** The choices in words, for usage messages: "auto, tensorflow-gpu, ..., wasm or cpu". */
export function backendChoicesText(): string {
  const all = ['auto', ...BACKENDS];
  return `${all.slice(0, -1).join(', ')} or ${all[all.length - 1]}`;
}

/** Why a backend ahead of the chosen one is not running. */
export interface SkippedBackend {
  backend: BackendName;
  /** In English, for logs and the CLI. */
  reason: string;
  /** The reason as a code, for the UI to show in its language. */
  message?: CodedMessage;
}

/** The WebGPU adapter Dawn gave (GPUAdapterInfo and the limits that bound AlexNet's buffers and kernels). */
export interface GpuAdapterReport {
  vendor: string;
  architecture: string;
  device: string;
  /** The driver's own words, e.g. "NVIDIA: 580.65.06" or "SwiftShader driver 5.0.0". */
  description: string;
  /** A software (CPU) implementation such as SwiftShader: never a GPU. */
  fallback: boolean;
  /** Dawn's native API underneath: vulkan, metal, d3d12, ... (when Dawn says). */
  api?: string;
  limits: {
    maxBufferSize: number;
    maxStorageBufferBindingSize: number;
    maxComputeWorkgroupStorageSize: number;
    maxComputeInvocationsPerWorkgroup: number;
  };
  /** Optional features of interest for training: shader-f16, subgroups, timestamp-query. */
  features: string[];
}

export interface BackendReport {
  /** What runs: one of BACKENDS. */
  backend: BackendName;
  /** tf.getBackend() of the running backend ('tensorflow', 'webgpu', 'wasm', 'cpu'). */
  tfBackend: string;
  /** Where the arithmetic happens, in English words (logs, the CLI), e.g. "CPU, WebAssembly SIMD, 1 thread". */
  device: string;
  /** The device as a code, for the UI to show in its language (render with `localized(device, deviceCoded)`). */
  deviceCoded?: CodedMessage;
  requested: BackendChoice;
  /** Faster backends not used and why, in preference order. */
  skipped: SkippedBackend[];
  tfjsVersion: string;
  threads?: number;
  simd?: boolean;
  /** Kernels this project registers for the backend (wasm, webgpu: its training kernels). */
  trainingKernels?: string[];
  /** webgpu: the adapter in use. */
  adapter?: GpuAdapterReport;
}

/** The adapter's vendor, architecture and device as Dawn names them; empty when it names none. */
export function adapterModel(a: GpuAdapterReport): string {
  return [a.vendor, a.architecture, a.device].filter((s) => s.length > 0).join(' ');
}

/** The adapter's name in English (logs, the CLI); the UI's form is the device's code, backend.deviceWebGpu. */
export function adapterName(a: GpuAdapterReport): string {
  return adapterModel(a) || 'unnamed adapter';
}

/** One line naming a WebGPU adapter honestly, in English for logs and the CLI: a fallback adapter is called software, never a GPU. */
export function describeAdapter(a: GpuAdapterReport): string {
  const name = adapterName(a);
  const kind = a.fallback ? 'software adapter (runs on the CPU)' : 'GPU';
  const api = a.api ? `, ${a.api}` : '';
  const driver = a.description ? `, driver: ${a.description}` : '';
  return `${kind}: ${name}${api}${driver}`;
}

/** `alexnet backend`'s report, also written to the extension's log: English, like all logs. */
export function describeBackend(report: BackendReport): string {
  const lines = [`backend: ${report.backend} (${report.device})`];
  if (report.adapter) {
    const l = report.adapter.limits;
    const mib = (n: number) => `${Math.round(n / 2 ** 20)} MiB`;
    lines.push(`adapter: ${describeAdapter(report.adapter)}`);
    lines.push(
      `limits: buffer ${mib(l.maxBufferSize)}, storage binding ${mib(l.maxStorageBufferBindingSize)}, ` +
        `workgroup storage ${l.maxComputeWorkgroupStorageSize} B, ${l.maxComputeInvocationsPerWorkgroup} invocations per workgroup` +
        (report.adapter.features.length ? `; features: ${report.adapter.features.join(', ')}` : ''),
    );
  }
  if (report.requested !== 'auto') lines.push(`requested: ${report.requested}`);
  for (const s of report.skipped) lines.push(`not ${s.backend}: ${s.reason}`);
  return lines.join('\n');
}
