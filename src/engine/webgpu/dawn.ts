import type { GpuAdapterReport } from '../../shared/backendReport';
import { Message, message } from '../../shared/messages';
import { errorText } from '../tfBackendSwitch';

/**
 * Dawn (the `webgpu` package) set up for tfjs-backend-webgpu in Node: the adapter chosen, checked and described
 * before the backend ever sees it. The backend registers 'webgpu' only if `navigator.gpu` exists when it is
 * imported, so this runs first; and Node does not exit while `navigator.gpu` holds Dawn, so `releaseDawn` drops it.
 */

/** reason: in English (logs, the CLI) and as a code (the UI). */
export type DawnStart = { ok: true; adapter: GpuAdapterReport } | { ok: false; reason: Message; softwareOnly?: boolean };

type WebGpuModule = typeof import('webgpu');


/** Extra `create()` options for Dawn, e.g. `backend=vulkan adapter=NVIDIA` (space or comma separated). */
function dawnOptions(): string[] {
  return (process.env.ALEXNET_DAWN_OPTIONS ?? '').split(/[\s,]+/).filter((s) => s.length > 0);
}

/**
 * The adapters Dawn can see, in its own words. Dawn lists them when asked for an adapter name that none has;
 * a driver it refuses (Debian 12's lavapipe) is not among them.
 */
async function seenAdapters(webgpu: WebGpuModule): Promise<string[]> {
  try {
    await webgpu.create([...dawnOptions().filter((o) => !o.startsWith('adapter=')), 'adapter=\u0001none']).requestAdapter();
    return [];
  } catch (err) {
    const text = err instanceof Error ? err.message : String(err);
    return [...text.matchAll(/backend: '([^']*)', name: '([^']*)'/g)].map((m) => `${m[2]} (${m[1]})`);
  }
}

const FEATURES_OF_INTEREST = ['shader-f16', 'subgroups', 'timestamp-query'];

function describe(adapter: GPUAdapter): GpuAdapterReport {
  const info = adapter.info as GPUAdapterInfo & { isFallbackAdapter?: boolean; backendType?: string };
  const l = adapter.limits;
  return {
    vendor: info.vendor ?? '',
    architecture: info.architecture ?? '',
    device: info.device ?? '',
    description: info.description ?? '',
    // Chrome-era Dawn put the flag on the adapter, the current spec on its info.
    fallback: Boolean(info.isFallbackAdapter ?? (adapter as GPUAdapter & { isFallbackAdapter?: boolean }).isFallbackAdapter),
    api: info.backendType,
    limits: {
      maxBufferSize: l.maxBufferSize,
      maxStorageBufferBindingSize: l.maxStorageBufferBindingSize,
      maxComputeWorkgroupStorageSize: l.maxComputeWorkgroupStorageSize,
      maxComputeInvocationsPerWorkgroup: l.maxComputeInvocationsPerWorkgroup,
    },
    features: FEATURES_OF_INTEREST.filter((f) => adapter.features.has(f)),
  };
}

/**
 * The Node that runs this process can load dawn.node: Electron's cannot (dawn.node makes external ArrayBuffers,
 * which Electron refuses: electron#35801), and desktop VS Code forks its trainer with Electron's Node.
 */
function electronReason(): Message | undefined {
  if (!process.versions.electron) return undefined;
  return message('backend.electron');
}

/**
 * Loads Dawn, picks the high-performance adapter and describes it; a software (fallback) adapter is taken only
 * when `allowSoftware` (the user asked for webgpu by name). On success `navigator.gpu` hands tfjs that adapter.
 */
export async function startDawn(allowSoftware: boolean): Promise<DawnStart> {
  const electron = electronReason();
  if (electron) return { ok: false, reason: electron };
  let webgpu: WebGpuModule;
  try {
    webgpu = await import('webgpu');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ERR_MODULE_NOT_FOUND' && /'webgpu'/.test(String((err as Error).message))) {
      return { ok: false, reason: message('backend.notInstalled', 'webgpu (Dawn for Node)') };
    }
    return { ok: false, reason: message('backend.dawnLoadFailed', `${process.platform}-${process.arch}`, errorText(err)) };
  }
  // GPUBufferUsage, GPUMapMode and friends: tfjs-backend-webgpu reads them as globals.
  Object.assign(globalThis, webgpu.globals);
  let adapter: GPUAdapter | null;
  let gpu: GPU;
  try {
    gpu = webgpu.create(dawnOptions());
    adapter = await gpu.requestAdapter({ powerPreference: 'high-performance' });
  } catch (err) {
    return { ok: false, reason: message('backend.dawnNoAdapter', errorText(err)) };
  }
  if (!adapter) {
    const seen = await seenAdapters(webgpu);
    return { ok: false, reason: seen.length > 0 ? message('backend.noAdapterSeen', seen.join('; ')) : message('backend.noAdapterDriver') };
  }
  const report = describe(adapter);
  if (report.fallback && !allowSoftware) {
    return {
      ok: false,
      reason: message('backend.softwareOnly', report.description || report.architecture),
      softwareOnly: true,
    };
  }
  const chosen = adapter;
  // `instance` keeps Dawn's GPU object alive: it runs the callbacks that settle mapAsync (every tensor read), and a
  // collected instance leaves those promises pending for ever.
  Object.defineProperty(globalThis, 'navigator', {
    value: { gpu: { requestAdapter: async () => chosen, instance: gpu } },
    configurable: true,
    writable: true,
  });
  return { ok: true, adapter: report };
}

/** Lets the process exit: Dawn keeps Node's event loop alive while `navigator.gpu` is reachable. */
export function releaseDawn(): void {
  const nav = (globalThis as { navigator?: { gpu?: unknown } }).navigator;
  if (nav && 'gpu' in nav) delete nav.gpu;
}
