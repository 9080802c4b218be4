/**
 * The panel's page as a string: one module script with a nonce, one stylesheet, nothing inline, nothing remote.
 * No vscode import, so the webview tests serve exactly this page from a local server.
 */
export interface PanelDocumentOptions {
  /** webview.cspSource: the origin the webview may load its resources from. */
  cspSource: string;
  nonce: string;
  scriptUri: string;
  styleUri: string;
  /** VS Code's display language (vscode.env.language), for <html lang> and Intl in the page. */
  language?: string;
  /** The extension's l10n bundle for that language (vscode.l10n.bundle); none for English. */
  l10nBundle?: Record<string, string>;
}

export function panelCsp(cspSource: string, nonce: string): string {
  return [
    "default-src 'none'",
    `img-src ${cspSource} data:`,
    // vscode-elements styles its shadow roots with constructable stylesheets; nothing needs 'unsafe-inline'.
    `style-src ${cspSource}`,
    `font-src ${cspSource}`,
    `script-src 'nonce-${nonce}'`,
  ].join('; ');
}

const escapeAttr = (s: string): string => s.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');

/** JSON inside <script type="application/json">: data, never run; `<` escaped so no text can close the element. */
const jsonBlock = (value: unknown): string => JSON.stringify(value).replace(/</g, '\\u003c');

export function panelDocument(o: PanelDocumentOptions): string {
  const bundle = o.l10nBundle ? `\n<script type="application/json" id="l10n-bundle">${jsonBlock(o.l10nBundle)}</script>` : '';
  return `<!DOCTYPE html>
<html lang="${escapeAttr(o.language ?? 'en')}">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${escapeAttr(panelCsp(o.cspSource, o.nonce))}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<link rel="stylesheet" href="${escapeAttr(o.styleUri)}">
<title>AlexNet</title>
</head>
<body>
<main id="app" aria-live="polite"></main>${bundle}
<script type="module" nonce="${o.nonce}" src="${escapeAttr(o.scriptUri)}"></script>
</body>
</html>`;
}
