import * as fs from 'fs';
import * as path from 'path';

/** Where scripts/setup-swiftshader.sh unpacks SwiftShader's Vulkan driver, under the repository `root`. */
const swiftShaderIcd = (root: string) => path.join(root, '.test-tmp/swiftshader/usr/lib/chromium/vk_swiftshader_icd.json');

/**
 * Points the Vulkan loader at SwiftShader when no driver was chosen and the setup script has unpacked it, so Dawn
 * finds an adapter on a machine without a GPU (child processes inherit it). Returns the ICD in use, if any.
 */
export function useSoftwareVulkan(root: string = process.cwd()): string | undefined {
  if (process.env.VK_ICD_FILENAMES || process.env.VK_DRIVER_FILES) return process.env.VK_ICD_FILENAMES ?? process.env.VK_DRIVER_FILES;
  const icd = swiftShaderIcd(root);
  if (!fs.existsSync(icd)) return undefined;
  process.env.VK_ICD_FILENAMES = icd;
  return icd;
}

/** Why webgpu tests cannot run here, for node:test's skip. */
export function noWebGpuReason(startError: unknown): string {
  const why = startError instanceof Error ? startError.message : String(startError);
  return `no WebGPU adapter (run scripts/setup-swiftshader.sh for a software Vulkan driver): ${why}`;
}
