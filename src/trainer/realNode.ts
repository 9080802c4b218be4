/**
 * A real Node.js for the trainer where the extension host runs on Electron (desktop VS Code): Electron's Node
 * cannot load Dawn's dawn.node (electron#35801), so webgpu needs the trainer forked with a real `node`. The
 * setting alexnet.nodePath names one, else `node` on PATH; either must be Node 20 or newer and not Electron.
 */
import { execFileSync } from 'child_process';

const MIN_MAJOR = 20;

export type RealNode = { path: string; version: string } | { reason: string };

/** Checks a candidate by running it: its version, and that it is not Electron running as Node. */
function probe(candidate: string): RealNode {
  let out: string;
  try {
    out = execFileSync(candidate, ['-p', 'process.versions.node + " " + (process.versions.electron || "")'], {
      encoding: 'utf8',
      timeout: 10_000,
      env: { ...process.env, ELECTRON_RUN_AS_NODE: undefined },
    }).trim();
  } catch (err) {
    return { reason: `'${candidate}' did not run: ${(err instanceof Error ? err.message : String(err)).split('\n')[0]}` };
  }
  const [version, electron] = out.split(' ');
  if (electron) return { reason: `'${candidate}' is Electron ${electron}, not Node.js` };
  const major = Number(version.split('.')[0]);
  if (!(major >= MIN_MAJOR)) return { reason: `'${candidate}' is Node.js ${version}; ${MIN_MAJOR} or newer is needed` };
  return { path: candidate, version };
}

/** The Node.js to fork the trainer with: the setting's (when set), else `node` on PATH. */
export function findRealNode(setting: string | undefined): RealNode {
  const configured = setting?.trim();
  return probe(configured ? configured : process.platform === 'win32' ? 'node.exe' : 'node');
}

/** Whether the trainer must leave this process's Node for the backend asked for. */
export function needsRealNode(backend: string): boolean {
  return Boolean(process.versions.electron) && (backend === 'webgpu' || backend === 'auto');
}
