/**
 * Activation is wiring only: the output channel, the panel and Runs view providers, and the commands.
 * No TensorFlow.js here; the trainer process starts on the first request that needs it.
 */
import * as vscode from 'vscode';
import { registerCommands } from './commands';
import { Services } from './services';
import { GalleryView } from './shared/inspectView';
import { PanelState } from './shared/panelState';
import { configureSharedL10n } from './uiLanguage';

/** What activate() returns, for tests and other extensions. */
export interface AlexNetApi {
  /** Resolves when the side panel's webview has loaded and said `ready`. */
  panelReady(): Promise<void>;
  /** What a click on confusion cell [row][col] shows (for tests: the click itself happens in the webview). */
  openConfusionCell(row: number, col: number): Promise<GalleryView | null>;
  /** What the side panel shows now (read-only; for tests: the backend a run reported, say). */
  panelState(): PanelState;
}

export function activate(context: vscode.ExtensionContext): AlexNetApi {
  const started = performance.now();
  configureSharedL10n();
  const s = new Services(context);
  context.subscriptions.push(s, ...registerCommands(s));
  s.output.info(`AlexNet Trainer activated in ${(performance.now() - started).toFixed(1)} ms`);
  return {
    panelReady: () => s.panel.whenReady(),
    openConfusionCell: (row, col) => s.inspector.openCell(row, col),
    panelState: () => s.panel.state,
  };
}

export function deactivate(): void {
  // The services were pushed to subscriptions; VS Code disposes them, which ends any trainer process.
}
