import { ChildProcess, execFileSync, spawn } from 'child_process';
import * as fs from 'fs';
import * as net from 'net';
import * as path from 'path';
import { useSoftwareVulkan } from '../../helpers/vulkan';
import { codeServerBin, freshDir, repoRoot, vscodeTestDir } from './paths';

export interface CodeServerOptions {
  /** Names the isolated state folder .vscode-test/runs/<name>. */
  name: string;
  /** Folder opened as the workspace. */
  workspace: string;
  /** Fixed port; default: a free one. */
  port?: number;
  /** Host name to bind; default loopback only. */
  host?: string;
  /** VSIX files installed into the isolated extensions folder before start. */
  vsix?: string[];
  /** Keep Workspace Trust on, as a user's VS Code has it: opening the folder asks whether to trust it. */
  workspaceTrust?: boolean;
  /**
   * VS Code's display language, e.g. 'zh-cn': code-server's --locale plus a stub language pack (see
   * stubLanguagePack), since without an installed pack VS Code falls back to English for extensions too.
   */
  locale?: string;
}

export interface CodeServer {
  /** http://host:port */
  origin: string;
  /** host:port, as used in vscode-remote:// URIs. */
  authority: string;
  /** Process group id: `kill -- -pgid` stops code-server and everything it started. */
  pgid: number;
  stateDir: string;
  extensionsDir: string;
  log: string;
  /** Copies code-server's log and the extension host's logs (the AlexNet output channel among them) to `dir`. */
  collectLogs(dir: string, prefix: string): void;
  /** URL that opens `workspace`, optionally with extension-development/test payload entries. */
  url(payload?: [string, string][]): string;
  stop(): Promise<void>;
}

const live = new Set<number>();
// Whatever happens to the runner (exception, Ctrl-C, CI timeout), no code-server or trainer is left behind.
process.on('exit', () => live.forEach((pgid) => killGroup(pgid)));
for (const sig of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
  process.once(sig, () => {
    live.forEach((pgid) => killGroup(pgid));
    process.exit(130);
  });
}

function killGroup(pgid: number, signal: NodeJS.Signals = 'SIGKILL'): void {
  try {
    process.kill(-pgid, signal);
  } catch {
    // already gone
  }
}

function groupAlive(pgid: number): boolean {
  try {
    process.kill(-pgid, 0);
    return true;
  } catch {
    return false;
  }
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const port = (srv.address() as net.AddressInfo).port;
      srv.close(() => resolve(port));
    });
  });
}

/** Environment that keeps code-server (and the extension host it forks) out of the user's home. */
function isolatedEnv(stateDir: string): NodeJS.ProcessEnv {
  // The trainer inherits this env: with SwiftShader unpacked (scripts/setup-swiftshader.sh), webgpu finds an adapter.
  useSoftwareVulkan(repoRoot());
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    XDG_CONFIG_HOME: path.join(stateDir, 'xdg', 'config'),
    XDG_DATA_HOME: path.join(stateDir, 'xdg', 'data'),
    XDG_CACHE_HOME: path.join(stateDir, 'xdg', 'cache'),
    TMPDIR: path.join(stateDir, 'tmp'),
  };
  // A VS Code terminal running these tests would otherwise hand its IPC hooks to the child.
  delete env.VSCODE_IPC_HOOK_CLI;
  delete env.VSCODE_IPC_HOOK;
  for (const key of ['XDG_CONFIG_HOME', 'XDG_DATA_HOME', 'XDG_CACHE_HOME', 'TMPDIR'] as const) {
    fs.mkdirSync(env[key] as string, { recursive: true });
  }
  return env;
}

/** User settings that keep the workbench quiet and deterministic for tests. */
const USER_SETTINGS = {
  'workbench.startupEditor': 'none',
  'workbench.tips.enabled': false,
  'workbench.enableExperiments': false,
  'security.workspace.trust.enabled': false,
  'telemetry.telemetryLevel': 'off',
  'update.mode': 'none',
  'extensions.autoCheckUpdates': false,
  'extensions.autoUpdate': false,
  'extensions.ignoreRecommendations': true,
  'git.enabled': false,
  'window.commandCenter': false,
  'chat.commandCenter.enabled': false,
};

export function installVsix(stateDir: string, extensionsDir: string, vsix: string): void {
  execFileSync(codeServerBin(), ['--extensions-dir', extensionsDir, '--user-data-dir', path.join(stateDir, 'ud'),
    '--install-extension', vsix, '--force'], { env: isolatedEnv(stateDir), stdio: 'inherit' });
}

/**
 * VS Code takes a display language only when a language pack for it is installed: it then sets the workbench's
 * language, which the extension host receives as vscode.env.language and which picks the extensions' own
 * package.nls.<lang>.json and l10n bundles. Microsoft's packs cannot be downloaded here, so this registers a stub
 * pack the way an installed one is registered (languagepacks.json in the user-data folder) with no translations
 * of VS Code's own strings: the workbench stays English, while extensions load their <lang> bundles exactly as
 * under a real pack.
 */
function stubLanguagePack(stateDir: string, userDataDir: string, locale: string): void {
  const translations = path.join(stateDir, `vscode-${locale}.i18n.json`);
  fs.writeFileSync(translations, JSON.stringify({ contents: {} }));
  const pack = { hash: `stub-${locale}`, extensions: [{ extensionIdentifier: { id: `test.stub-${locale}` }, version: '0.0.0' }], translations: { vscode: translations }, label: locale };
  fs.writeFileSync(path.join(userDataDir, 'languagepacks.json'), JSON.stringify({ [locale]: pack }, null, 2));
}

export async function startCodeServer(opts: CodeServerOptions): Promise<CodeServer> {
  const bin = codeServerBin();
  if (!fs.existsSync(bin)) throw new Error(`code-server is not installed at ${bin}: run scripts/setup-code-server.sh`);
  const stateDir = freshDir(path.join(vscodeTestDir(), 'runs', opts.name));
  const userDataDir = path.join(stateDir, 'ud');
  const extensionsDir = path.join(stateDir, 'ext');
  fs.mkdirSync(path.join(userDataDir, 'User'), { recursive: true });
  fs.mkdirSync(extensionsDir, { recursive: true });
  const settings = opts.workspaceTrust ? { ...USER_SETTINGS, 'security.workspace.trust.enabled': true } : USER_SETTINGS;
  fs.writeFileSync(path.join(userDataDir, 'User', 'settings.json'), JSON.stringify(settings, null, 2));
  const config = path.join(stateDir, 'config.yaml');
  fs.writeFileSync(config, 'auth: none\ncert: false\n');
  for (const vsix of opts.vsix ?? []) installVsix(stateDir, extensionsDir, vsix);
  if (opts.locale) stubLanguagePack(stateDir, userDataDir, opts.locale);

  const host = opts.host ?? '127.0.0.1';
  const port = opts.port ?? (await freePort());
  const log = path.join(stateDir, 'code-server.log');
  const out = fs.openSync(log, 'w');
  // detached = its own process group (setsid), so one kill reaches its file watcher, extension host and trainer.
  const child: ChildProcess = spawn(bin, [
    '--config', config, '--auth', 'none', '--bind-addr', `${host}:${port}`,
    '--disable-telemetry', '--disable-update-check', ...(opts.workspaceTrust ? [] : ['--disable-workspace-trust']),
    '--disable-getting-started-override', '--ignore-last-opened', ...(opts.locale ? ['--locale', opts.locale] : []),
    '--user-data-dir', userDataDir, '--extensions-dir', extensionsDir, opts.workspace,
  ], { detached: true, stdio: ['ignore', out, out], env: isolatedEnv(stateDir) });
  fs.closeSync(out);
  const pgid = child.pid;
  if (pgid === undefined) throw new Error('code-server did not start');
  live.add(pgid);
  // run-all.mjs kills any group still listed here after a runner ends, even one that was itself SIGKILLed.
  fs.writeFileSync(path.join(stateDir, 'pgid'), String(pgid));
  child.unref();

  const origin = `http://${host === '0.0.0.0' ? '127.0.0.1' : host}:${port}`;
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`code-server exited (${child.exitCode}); see ${log}`);
    try {
      if ((await fetch(`${origin}/healthz`)).ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      killGroup(pgid);
      throw new Error(`code-server did not answer on ${origin} within 60 s; see ${log}`);
    }
    await new Promise((r) => setTimeout(r, 250));
  }

  const authority = origin.replace(/^http:\/\//, '');
  return {
    origin,
    authority,
    pgid,
    stateDir,
    extensionsDir,
    log,
    url(payload?: [string, string][]) {
      const q = `folder=${encodeURIComponent(opts.workspace)}`;
      return payload ? `${origin}/?${q}&payload=${encodeURIComponent(JSON.stringify(payload))}` : `${origin}/?${q}`;
    },
    collectLogs(dir: string, prefix: string) {
      fs.mkdirSync(dir, { recursive: true });
      fs.copyFileSync(log, path.join(dir, `${prefix}-code-server.log`));
      const logs = path.join(userDataDir, 'logs');
      if (!fs.existsSync(logs)) return;
      for (const rel of fs.readdirSync(logs, { recursive: true }).map(String)) {
        const m = /exthost\d*[\\/](?:alexnet-trainer\.alexnet-trainer[\\/](.+)|(remoteexthost)\.log)$/.exec(rel);
        if (m) fs.copyFileSync(path.join(logs, rel), path.join(dir, `${prefix}-${(m[1] ?? m[2]).replace(/[\\/]/g, '-').replace(/\.log$/, '')}.log`));
      }
    },
    async stop() {
      killGroup(pgid, 'SIGTERM');
      for (let i = 0; i < 40 && groupAlive(pgid); i++) await new Promise((r) => setTimeout(r, 100));
      killGroup(pgid, 'SIGKILL');
      live.delete(pgid);
      fs.rmSync(path.join(stateDir, 'pgid'), { force: true });
    },
  };
}
