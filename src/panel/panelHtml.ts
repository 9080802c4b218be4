import { randomBytes } from 'crypto';
import * as vscode from 'vscode';
import { panelDocument } from './panelDocument';

/** The panel page for a live webview: resources from dist/ and media/ through webview URIs, a fresh nonce. */
export function panelHtml(webview: vscode.Webview, extensionUri: vscode.Uri): string {
  return panelDocument({
    cspSource: webview.cspSource,
    nonce: randomBytes(16).toString('base64'),
    scriptUri: webview.asWebviewUri(vscode.Uri.joinPath(extensionUri, 'dist', 'webview.js')).toString(),
    styleUri: webview.asWebviewUri(vscode.Uri.joinPath(extensionUri, 'media', 'panel.css')).toString(),
    language: vscode.env.language,
    l10nBundle: vscode.l10n.bundle,
  });
}
