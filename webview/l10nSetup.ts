/**
 * The panel's language: the host writes VS Code's display language into <html lang> and its l10n bundle into a
 * JSON block (see src/panel/panelDocument.ts). Imported first by main.ts, so @vscode/l10n is configured before any
 * view renders; without a bundle (English) l10n.t() gives the English text.
 */
import * as l10n from '@vscode/l10n';
import { setMessageLocale } from '../src/shared/messages';

const data = document.getElementById('l10n-bundle')?.textContent;
if (data) {
  try {
    l10n.config({ contents: JSON.parse(data) as Record<string, string> });
  } catch {
    // A broken bundle leaves the panel in English rather than blank.
  }
}

/** The UI language for Intl (numbers, percentages, durations). */
export const locale = document.documentElement.lang || 'en';
setMessageLocale(locale);
