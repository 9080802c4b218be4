/**
 * The UI language in the extension host: VS Code's display language for Intl, and its l10n bundle given to
 * @vscode/l10n so that the shared message catalogue (src/shared/messages.ts) renders in it too.
 */
import * as l10n from '@vscode/l10n';
import * as vscode from 'vscode';
import { thousands } from './shared/format';
import { setMessageLocale } from './shared/messages';

export function uiLocale(): string {
  return vscode.env.language;
}

/** A whole number with the UI language's grouping. */
export const count = (n: number): string => thousands(n, uiLocale());

/**
 * Called once on activation: without a bundle (English) @vscode/l10n keeps the English templates. The numbers
 * inside engine messages follow the UI language either way.
 */
export function configureSharedL10n(): void {
  const bundle = vscode.l10n.bundle;
  if (bundle) l10n.config({ contents: bundle });
  setMessageLocale(uiLocale());
}
