/**
 * Activation is wiring only: the output channel, the panel and Runs view providers, and the commands.
 * No TensorFlow.js here; the trainer process starts on the first request that needs it.
 */
import * as vscode from 'vscode';
import { registerCommands } from './commands';
import { Services } from './services';

let services: Services | undefined;

export function activate(context: vscode.ExtensionContext): void {
  const started = performance.now();
  services = new Services(context);
  context.subscriptions.push(services, ...registerCommands(services));
  services.output.info(`AlexNet Trainer activated in ${(performance.now() - started).toFixed(1)} ms`);
}

export function deactivate(): void {
  // The services were pushed to subscriptions; VS Code disposes them, which ends any trainer process.
  services = undefined;
}
