/** Canvas pictures of activations and filters: 8-bit values through the viridis scale, drawn pixel for pixel. */
import { VIRIDIS, viridisCss } from '../src/shared/colourMap';
import { h } from './dom';

export const GAP = 1;

export interface GridLayout {
  cols: number;
  tileW: number;
  tileH: number;
}

function canvasOf(width: number, height: number, label: string): { canvas: HTMLCanvasElement; ctx: CanvasRenderingContext2D; image: ImageData } {
  const canvas = h('canvas', { class: 'pixels', attrs: { role: 'img', 'aria-label': label } });
  canvas.width = width;
  canvas.height = height;
  const ctx = canvas.getContext('2d') as CanvasRenderingContext2D;
  return { canvas, ctx, image: ctx.createImageData(width, height) };
}

function put(image: ImageData, x: number, y: number, r: number, g: number, b: number): void {
  const o = (y * image.width + x) * 4;
  image.data[o] = r;
  image.data[o + 1] = g;
  image.data[o + 2] = b;
  image.data[o + 3] = 255;
}

/** n tiles of w x h in `cols` columns with 1-px gaps (transparent, so the panel background shows). */
export function gridLayout(n: number, w: number, h: number, cols = Math.ceil(Math.sqrt(n))): GridLayout & { width: number; height: number } {
  const rows = Math.ceil(n / cols);
  return { cols, tileW: w, tileH: h, width: cols * (w + GAP) + GAP, height: rows * (h + GAP) + GAP };
}

/** Channel-major bytes [C][h][w] as a grid of C maps. */
export function channelGrid(bytes: Uint8Array, channels: number, w: number, hgt: number, label: string): { canvas: HTMLCanvasElement; layout: GridLayout } {
  const layout = gridLayout(channels, w, hgt);
  const { canvas, ctx, image } = canvasOf(layout.width, layout.height, label);
  for (let c = 0; c < channels; c++) {
    const ox = GAP + (c % layout.cols) * (w + GAP);
    const oy = GAP + Math.floor(c / layout.cols) * (hgt + GAP);
    for (let y = 0; y < hgt; y++) {
      for (let x = 0; x < w; x++) {
        const b = bytes[(c * hgt + y) * w + x] * 3;
        put(image, ox + x, oy + y, VIRIDIS[b], VIRIDIS[b + 1], VIRIDIS[b + 2]);
      }
    }
  }
  ctx.putImageData(image, 0, 0);
  return { canvas, layout };
}

/** One channel of [C][h][w] bytes, alone. */
export function channelMap(bytes: Uint8Array, channel: number, w: number, hgt: number, label: string): HTMLCanvasElement {
  const { canvas, ctx, image } = canvasOf(w, hgt, label);
  for (let i = 0; i < w * hgt; i++) {
    const b = bytes[channel * w * hgt + i] * 3;
    put(image, i % w, Math.floor(i / w), VIRIDIS[b], VIRIDIS[b + 1], VIRIDIS[b + 2]);
  }
  ctx.putImageData(image, 0, 0);
  return canvas;
}

/** A dense layer's units as a strip, one pixel column each, wrapped into rows of `perRow`. */
export function unitStrip(bytes: Uint8Array, perRow: number, label: string): HTMLCanvasElement {
  const rows = Math.ceil(bytes.length / perRow);
  const { canvas, ctx, image } = canvasOf(perRow, rows, label);
  bytes.forEach((v, i) => put(image, i % perRow, Math.floor(i / perRow), VIRIDIS[v * 3], VIRIDIS[v * 3 + 1], VIRIDIS[v * 3 + 2]));
  ctx.putImageData(image, 0, 0);
  return canvas;
}

/** RGB tiles [n][k][k][3] in `cols` columns. */
export function rgbTiles(rgb: Uint8Array, n: number, k: number, cols: number, label: string): HTMLCanvasElement {
  const layout = gridLayout(n, k, k, cols);
  const { canvas, ctx, image } = canvasOf(layout.width, layout.height, label);
  for (let f = 0; f < n; f++) {
    const ox = GAP + (f % cols) * (k + GAP);
    const oy = GAP + Math.floor(f / cols) * (k + GAP);
    for (let y = 0; y < k; y++) {
      for (let x = 0; x < k; x++) {
        const o = ((f * k + y) * k + x) * 3;
        put(image, ox + x, oy + y, rgb[o], rgb[o + 1], rgb[o + 2]);
      }
    }
  }
  ctx.putImageData(image, 0, 0);
  return canvas;
}

/** The tile under a click on a grid canvas drawn at any CSS size, or -1 in a gap. */
export function tileAt(canvas: HTMLCanvasElement, layout: GridLayout, n: number, ev: MouseEvent): number {
  const rect = canvas.getBoundingClientRect();
  const x = ((ev.clientX - rect.left) / rect.width) * canvas.width - GAP;
  const y = ((ev.clientY - rect.top) / rect.height) * canvas.height - GAP;
  const col = Math.floor(x / (layout.tileW + GAP));
  const row = Math.floor(y / (layout.tileH + GAP));
  const i = row * layout.cols + col;
  return col >= 0 && col < layout.cols && row >= 0 && i < n ? i : -1;
}

/** The colour scale: a viridis bar from the smallest to the largest value. */
export function colourScale(min: number, max: number): HTMLElement {
  const bar = h('span', { class: 'scale-bar' });
  bar.style.background = `linear-gradient(to right, ${Array.from({ length: 11 }, (_, i) => viridisCss(i / 10)).join(', ')})`;
  return h('div', { class: 'scale', attrs: { 'data-testid': 'colour-scale' } }, h('span', { class: 'num' }, fmt(min)), bar, h('span', { class: 'num' }, fmt(max)));
}

export function fmt(v: number): string {
  return Math.abs(v) >= 100 || v === 0 ? v.toFixed(0) : v.toPrecision(3);
}
