/** Number formatting shared by the CLI and the webview. */
export const thousands = (n: number): string => Math.round(n).toLocaleString('en-US');

export const percent = (fraction: number, digits = 1): string => `${(fraction * 100).toFixed(digits)}%`;

export function shape(dims: number[]): string {
  return dims.join('x');
}

export function duration(seconds: number): string {
  if (!Number.isFinite(seconds) || seconds < 0) return '--';
  const s = Math.round(seconds);
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const sec = s % 60;
  return h > 0 ? `${h}h${String(m).padStart(2, '0')}m` : m > 0 ? `${m}m${String(sec).padStart(2, '0')}s` : `${sec}s`;
}
