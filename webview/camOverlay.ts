/**
 * Grad-CAM over a prediction card's thumbnail: the low-resolution map drawn on a small canvas that the browser
 * scales up smoothly over the image; alpha follows the heat, so cold places keep the picture. One toggle and one
 * opacity for all cards, kept across re-renders.
 */
import * as l10n from '@vscode/l10n';
import { VIRIDIS } from '../src/shared/colourMap';
import { CamView, decodeBytes } from '../src/shared/inspect';
import type { PredictionView } from '../src/shared/panelState';
import { h } from './dom';
import { post } from './vscodeApi';

export const camSettings = { on: false, opacity: 0.6 };

export function camCanvas(cam: CamView): HTMLCanvasElement {
  const canvas = h('canvas', { class: 'cam', attrs: { 'aria-hidden': 'true', 'data-testid': 'cam' } });
  canvas.width = cam.size;
  canvas.height = cam.size;
  const ctx = canvas.getContext('2d') as CanvasRenderingContext2D;
  const image = ctx.createImageData(cam.size, cam.size);
  decodeBytes(cam.heat).forEach((v, i) => {
    image.data.set([VIRIDIS[v * 3], VIRIDIS[v * 3 + 1], VIRIDIS[v * 3 + 2], v], i * 4);
  });
  ctx.putImageData(image, 0, 0);
  canvas.style.opacity = String(camSettings.opacity);
  return canvas;
}

/** Asks the host for a card's Grad-CAM (top-1 unless a class is named). */
export function explain(p: PredictionView, className?: string): void {
  post(className === undefined ? { type: 'explain', path: p.file, at: p.at } : { type: 'explain', path: p.file, at: p.at, className });
}

/** The toggle and the opacity slider above the cards; switching on asks for the maps the cards lack. */
export function camControls(predictions: PredictionView[], rerender: () => void): HTMLElement {
  const toggle = h('input', { attrs: { type: 'checkbox', id: 'cam-toggle', 'data-testid': 'cam-toggle', ...(camSettings.on ? { checked: '' } : {}) } });
  toggle.addEventListener('change', () => {
    camSettings.on = toggle.checked;
    if (camSettings.on) for (const p of predictions) if (!p.cam && !p.error && p.top.length > 0) explain(p);
    rerender();
  });
  const opacity = h('input', { attrs: { type: 'range', min: '0', max: '1', step: '0.05', value: String(camSettings.opacity), 'aria-label': l10n.t('Grad-CAM opacity'), 'data-testid': 'cam-opacity', ...(camSettings.on ? {} : { disabled: '' }) } });
  opacity.addEventListener('input', () => {
    camSettings.opacity = Number(opacity.value);
    document.querySelectorAll<HTMLCanvasElement>('canvas.cam').forEach((c) => (c.style.opacity = opacity.value));
  });
  return h(
    'div',
    { class: 'cam-controls' },
    h('label', { attrs: { for: 'cam-toggle' } }, toggle, ' Grad-CAM'),
    h('label', { class: 'cam-opacity' }, `${l10n.t('opacity')} `, opacity),
  );
}
