/**
 * Viridis (matplotlib's default colour map, perceptually uniform and readable by colour-blind people) at 11 stops,
 * linearly interpolated. One scale for every activation picture, in the CLI's PNGs and the panel alike.
 */
const STOPS: [number, number, number][] = [
  [0x44, 0x01, 0x54], [0x48, 0x24, 0x75], [0x41, 0x44, 0x87], [0x35, 0x5f, 0x8d], [0x2a, 0x78, 0x8e], [0x21, 0x91, 0x8c],
  [0x22, 0xa8, 0x84], [0x44, 0xbf, 0x70], [0x7a, 0xd1, 0x51], [0xbd, 0xdf, 0x26], [0xfd, 0xe7, 0x25],
];

/** 256 RGB triples, index = byte value. */
export const VIRIDIS: Uint8Array = (() => {
  const out = new Uint8Array(256 * 3);
  for (let b = 0; b < 256; b++) {
    const t = (b / 255) * (STOPS.length - 1);
    const i = Math.min(STOPS.length - 2, Math.floor(t));
    const f = t - i;
    for (let c = 0; c < 3; c++) out[b * 3 + c] = Math.round(STOPS[i][c] * (1 - f) + STOPS[i + 1][c] * f);
  }
  return out;
})();

/** CSS colour of a value in [0, 1] on the scale. */
export function viridisCss(t: number): string {
  const b = Math.max(0, Math.min(255, Math.round(t * 255)));
  return `rgb(${VIRIDIS[b * 3]}, ${VIRIDIS[b * 3 + 1]}, ${VIRIDIS[b * 3 + 2]})`;
}

/**
 * An RGB image with a heat map laid over it: each pixel moves towards the heat colour by opacity * heat, so cold
 * places keep the picture and hot ones take the colour (Grad-CAM overlays).
 */
export function overlayHeat(rgb: Uint8Array, heat: ArrayLike<number>, opacity: number, out: Uint8Array | Uint8ClampedArray, channelsOut = 3): void {
  for (let i = 0; i < heat.length; i++) {
    const h = Math.max(0, Math.min(1, heat[i]));
    const a = opacity * h;
    const b = Math.round(h * 255) * 3;
    for (let c = 0; c < 3; c++) out[i * channelsOut + c] = Math.round(rgb[i * 3 + c] * (1 - a) + VIRIDIS[b + c] * a);
    if (channelsOut === 4) out[i * 4 + 3] = 255;
  }
}
