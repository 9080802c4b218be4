/**
 * Number formatting shared by the CLI and the UI. Without a locale the output is the CLI's fixed English form; the
 * host passes vscode.env.language and the webview its page's language, and Intl formats in that language.
 */
export const thousands = (n: number, locale = 'en-US'): string => Math.round(n).toLocaleString(safeLocale(locale));

export function percent(fraction: number, digits = 1, locale?: string): string {
  if (!locale) return `${(fraction * 100).toFixed(digits)}%`;
  return new Intl.NumberFormat(safeLocale(locale), { style: 'percent', minimumFractionDigits: digits, maximumFractionDigits: digits }).format(fraction);
}

/** A decimal number with a fixed number of digits (a loss, images/s). */
export function fixed(n: number, digits: number, locale?: string): string {
  if (!locale) return n.toFixed(digits);
  return new Intl.NumberFormat(safeLocale(locale), { minimumFractionDigits: digits, maximumFractionDigits: digits, useGrouping: false }).format(n);
}

export function shape(dims: number[]): string {
  return dims.join('x');
}

export function duration(seconds: number, locale?: string): string {
  if (!Number.isFinite(seconds) || seconds < 0) return '--';
  const s = Math.round(seconds);
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const sec = s % 60;
  if (!locale) return h > 0 ? `${h}h${String(m).padStart(2, '0')}m` : m > 0 ? `${m}m${String(sec).padStart(2, '0')}s` : `${sec}s`;
  // Intl.DurationFormat is not in Node 20: units from NumberFormat, joined the language's way.
  const tag = safeLocale(locale);
  const unit = (value: number, u: 'hour' | 'minute' | 'second') => new Intl.NumberFormat(tag, { style: 'unit', unit: u, unitDisplay: 'narrow' }).format(value);
  const parts = h > 0 ? [unit(h, 'hour'), unit(m, 'minute')] : m > 0 ? [unit(m, 'minute'), unit(sec, 'second')] : [unit(sec, 'second')];
  return new Intl.ListFormat(tag, { type: 'unit', style: 'narrow' }).format(parts);
}

/** A date and time, short, in the language's own order. */
export function shortDateTime(iso: string | undefined, locale = 'en-GB'): string {
  if (!iso) return '';
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return '';
  return d.toLocaleString(safeLocale(locale), { day: 'numeric', month: 'short', hour: '2-digit', minute: '2-digit' });
}

/** The locale as Intl accepts it; VS Code's language ids (zh-cn, qps-ploc) mostly are, anything else is English. */
export function safeLocale(locale: string): string {
  try {
    return Intl.getCanonicalLocales(locale)[0] ?? 'en';
  } catch {
    return 'en';
  }
}
