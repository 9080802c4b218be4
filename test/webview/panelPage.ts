/**
 * Serves the built panel (dist/webview.js, media/panel.css) in the page VS Code would build (same template,
 * same CSP) from a local server, with a stand-in for VS Code's webview host in place of acquireVsCodeApi.
 */
import * as fs from 'fs';
import * as http from 'http';
import { AddressInfo } from 'net';
import * as path from 'path';
import { panelDocument } from '../../src/panel/panelDocument';

export const ROOT = path.resolve(__dirname, '..', '..', '..');

export type Theme = 'dark' | 'light';

/** What the stand-in keeps on window for the test to read. */
export interface StandinWindow {
  __posted: unknown[];
  __csp: string[];
  __acquired: number;
  acquireVsCodeApi: () => { postMessage(m: unknown): void; getState(): unknown; setState(s: unknown): void };
}

/**
 * Runs in the page as a classic script before the panel's module (serialised with Function.prototype.toString,
 * so it must not refer to anything outside itself). Like VS Code's host it hands out the API once, keeps state
 * across reloads, and answers `ready` with the messages the test queued in sessionStorage.
 */
export function hostStandin(themeClass: string): void {
  const w = window as unknown as StandinWindow;
  w.__posted = [];
  w.__csp = [];
  w.__acquired = 0;
  document.addEventListener('securitypolicyviolation', (e) => w.__csp.push(`${e.violatedDirective}: ${e.blockedURI}`));
  w.acquireVsCodeApi = () => {
    w.__acquired++;
    if (w.__acquired > 1) throw new Error('An instance of the VS Code API has already been acquired');
    return {
      postMessage(m: unknown) {
        w.__posted.push(m);
        if ((m as { type?: string })?.type === 'ready') {
          const replay = JSON.parse(sessionStorage.getItem('standin.onReady') ?? '[]') as unknown[];
          for (const r of replay) window.postMessage(r, '*');
        }
      },
      getState: () => JSON.parse(sessionStorage.getItem('standin.state') ?? 'null'),
      setState: (s: unknown) => sessionStorage.setItem('standin.state', JSON.stringify(s)),
    };
  };
  document.addEventListener('readystatechange', () => document.body?.classList.add(themeClass, 'vscode-body'));
}

const TYPES: Record<string, string> = { '.js': 'text/javascript', '.css': 'text/css', '.map': 'application/json' };

export interface PanelServer {
  /** The page; with `lang` (e.g. 'zh-cn') it carries that language and its l10n bundle, as VS Code's host does. */
  url(theme: Theme, lang?: string): string;
  close(): Promise<void>;
}

export async function startPanelServer(): Promise<PanelServer> {
  const nonce = 'dGVzdC1ub25jZS0xMjM0NQ==';
  const files: Record<string, string> = {
    '/dist/webview.js': path.join(ROOT, 'dist', 'webview.js'),
    '/dist/webview.js.map': path.join(ROOT, 'dist', 'webview.js.map'),
    '/media/panel.css': path.join(ROOT, 'media', 'panel.css'),
    '/theme/dark.css': path.join(ROOT, 'test', 'webview', 'themes', 'dark.css'),
    '/theme/light.css': path.join(ROOT, 'test', 'webview', 'themes', 'light.css'),
  };
  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://x');
    const origin = `http://${req.headers.host}`;
    const theme: Theme = url.searchParams.get('theme') === 'light' ? 'light' : 'dark';
    if (url.pathname === '/panel.html') {
      const lang = url.searchParams.get('lang') ?? undefined;
      const bundleFile = lang && path.join(ROOT, 'l10n', `bundle.l10n.${lang}.json`);
      const l10nBundle = bundleFile && fs.existsSync(bundleFile) ? (JSON.parse(fs.readFileSync(bundleFile, 'utf8')) as Record<string, string>) : undefined;
      const page = panelDocument({ cspSource: origin, nonce, scriptUri: `${origin}/dist/webview.js`, styleUri: `${origin}/media/panel.css`, language: lang, l10nBundle })
        // The stand-in host and the theme variables, which VS Code itself provides around a real webview.
        .replace(
          '</head>',
          `<link rel="stylesheet" href="${origin}/theme/${theme}.css">\n<script nonce="${nonce}" src="${origin}/standin.js?theme=${theme}"></script>\n</head>`,
        );
      res.writeHead(200, { 'content-type': 'text/html' }).end(page);
      return;
    }
    if (url.pathname === '/favicon.ico') {
      res.writeHead(204).end(); // browsers ask for it; VS Code's webviews have none
      return;
    }
    if (url.pathname === '/standin.js') {
      res.writeHead(200, { 'content-type': 'text/javascript' }).end(`(${hostStandin.toString()})(${JSON.stringify(`vscode-${theme}`)});`);
      return;
    }
    const file = files[url.pathname];
    if (!file || !fs.existsSync(file)) {
      res.writeHead(404).end();
      return;
    }
    res.writeHead(200, { 'content-type': TYPES[path.extname(file)] ?? 'application/octet-stream' }).end(fs.readFileSync(file));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: (theme, lang) => `http://127.0.0.1:${port}/panel.html?theme=${theme}${lang ? `&lang=${encodeURIComponent(lang)}` : ''}`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
