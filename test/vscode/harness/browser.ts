import * as fs from 'fs';
import * as path from 'path';
import { Browser, chromium } from 'playwright-core';
import { CHROMIUM } from './paths';

/** Debian's headless chromium, with its profile, config and caches kept under `stateDir`. */
export async function launchChromium(stateDir: string): Promise<Browser> {
  if (!fs.existsSync(CHROMIUM)) throw new Error(`no chromium at ${CHROMIUM}: run scripts/setup-code-server.sh (or set CHROMIUM_PATH)`);
  const home = path.join(stateDir, 'chromium');
  for (const d of ['config', 'cache', 'tmp']) fs.mkdirSync(path.join(home, d), { recursive: true });
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    env: {
      ...process.env,
      XDG_CONFIG_HOME: path.join(home, 'config'),
      XDG_CACHE_HOME: path.join(home, 'cache'),
      TMPDIR: path.join(home, 'tmp'),
    },
    // --no-sandbox: chromium refuses to run as root (CI) with its sandbox on.
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--disable-background-networking',
      '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-dev-shm-usage'],
  });
}
