// The panel's backend line with alexnet.backend = webgpu: Command Palette -> AlexNet: Show Backend Info -> the
// Backend section names the adapter. Without a GPU that is SwiftShader (code-server gets VK_ICD_FILENAMES from
// scripts/setup-swiftshader.sh's copy); skipped, saying why, when there is none. Screenshots: test-results/webgpu-*.png.
import * as assert from 'assert';
import * as path from 'path';
import * as fs from 'fs';
import { after, before, describe, it } from 'node:test';
import { useSoftwareVulkan } from '../../helpers/vulkan';
import { repoRoot } from '../harness/paths';
import { FAST_TRAINING_SETTINGS } from '../harness/workspace';
import { UiSession, openUiSession, vsix } from './uiSession';

const icd = useSoftwareVulkan(repoRoot());
const skip = icd ? false : 'no Vulkan driver for WebGPU: run scripts/setup-swiftshader.sh to unpack SwiftShader';
let session: UiSession | undefined;

describe(`the panel's backend line on webgpu${vsix ? ' (installed VSIX)' : ''}`, { concurrency: false, skip }, () => {
  before(async () => {
    session = await openUiSession({
      name: 'webgpu',
      prefix: 'webgpu',
      dataset: 'digits',
      prepared: (dir) => {
        const settings = { ...FAST_TRAINING_SETTINGS, 'alexnet.backend': 'webgpu' };
        fs.writeFileSync(path.join(dir, '.vscode', 'settings.json'), JSON.stringify(settings, null, 2) + '\n');
      },
    });
  });

  after(async () => {
    await session?.close();
  });

  it('Show Backend Info -> the Backend section names the WebGPU adapter', async () => {
    if (!session) throw new Error('no session');
    const { wb, page, lap, shot } = session;
    await wb.waitReady();
    await wb.activityIcon('AlexNet').waitFor({ timeout: 60_000 });
    await wb.openActivity('AlexNet');
    await wb.widenSideBar(420);
    await wb.runCommand('AlexNet: Show Backend Info');
    const device = wb.webview().locator('[data-testid="backend-device"]', { hasText: /WebGPU adapter|GPU, WebGPU/ });
    await wb.waitUnlessError(device, 3 * 60_000);
    const line = (await device.innerText()).trim();
    lap(`panel backend line: ${line}`);
    if (icd?.includes('swiftshader')) assert.match(line, /^CPU, software WebGPU adapter \(SwiftShader/);
    await device.scrollIntoViewIfNeeded();
    await page.waitForTimeout(1000);
    await shot('1-backend-light-wide');
    await wb.widenSideBar(300);
    await page.waitForTimeout(500);
    await shot('2-backend-light-narrow');
    await wb.runCommand('Preferences: Toggle between Light/Dark Themes');
    await page.waitForTimeout(1500);
    await shot('3-backend-dark-narrow');
    await wb.widenSideBar(560);
    await page.waitForTimeout(500);
    await shot('4-backend-dark-wide');
  });
});
