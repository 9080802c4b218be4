/** PNG pictures of the network's inside for the CLI: feature-map grids, conv1 filter tiles, Grad-CAM heat maps. */
import sharp from 'sharp';
import { overlayHeat, VIRIDIS } from '../shared/colourMap';
import { decodeBytes, FeatureMapLayer, FilterTiles } from '../shared/inspect';

const GAP = 1;
const BACKGROUND = 96;

/** Lays out n tiles of w x h RGB in a near-square grid, each scaled by an integer factor (nearest neighbour). */
function grid(n: number, w: number, h: number, cols: number, scale: number, tile: (i: number, x: number, y: number) => [number, number, number]): { data: Uint8Array; width: number; height: number } {
  const rows = Math.ceil(n / cols);
  const tw = w * scale + GAP;
  const th = h * scale + GAP;
  const width = cols * tw + GAP;
  const height = rows * th + GAP;
  const data = new Uint8Array(width * height * 3).fill(BACKGROUND);
  for (let i = 0; i < n; i++) {
    const ox = GAP + (i % cols) * tw;
    const oy = GAP + Math.floor(i / cols) * th;
    for (let y = 0; y < h * scale; y++) {
      for (let x = 0; x < w * scale; x++) {
        const px = tile(i, Math.floor(x / scale), Math.floor(y / scale));
        data.set(px, ((oy + y) * width + ox + x) * 3);
      }
    }
  }
  return { data, width, height };
}

async function writePng(file: string, img: { data: Uint8Array; width: number; height: number }): Promise<void> {
  await sharp(img.data, { raw: { width: img.width, height: img.height, channels: 3 } }).png().toFile(file);
}

const colour = (b: number): [number, number, number] => [VIRIDIS[b * 3], VIRIDIS[b * 3 + 1], VIRIDIS[b * 3 + 2]];

/** One layer as a PNG: a grid of its channel maps, or a dense layer's units as a grid of cells, on the viridis scale. */
export async function writeFeatureMapPng(file: string, layer: FeatureMapLayer): Promise<void> {
  const bytes = decodeBytes(layer.data);
  if (layer.shape.length === 1) {
    const units = layer.shape[0];
    const cols = Math.min(64, units);
    const scale = Math.max(4, Math.floor(256 / cols));
    await writePng(file, grid(units, 1, 1, cols, scale, (i) => colour(bytes[i])));
    return;
  }
  const { width: w, height: h } = layer;
  const channels = layer.shape[2];
  const scale = Math.max(1, Math.ceil(32 / Math.max(w, h)));
  await writePng(file, grid(channels, w, h, Math.ceil(Math.sqrt(channels)), scale, (c, x, y) => colour(bytes[(c * h + y) * w + x])));
}

/** conv1's kernels as RGB tiles, 12 to a row as in the AlexNet paper's figure 3, each 11x11 kernel drawn 4x. */
export async function writeFiltersPng(file: string, tiles: FilterTiles): Promise<void> {
  const rgb = decodeBytes(tiles.rgb);
  const k = tiles.size;
  await writePng(file, grid(tiles.count, k, k, 12, 4, (f, x, y) => {
    const o = ((f * k + y) * k + x) * 3;
    return [rgb[o], rgb[o + 1], rgb[o + 2]];
  }));
}

/** The heat map alone, and laid over the image the network saw; both at least 224 px wide for legibility. */
export async function writeGradCamPngs(heatFile: string, overlayFile: string, pixels: Uint8Array, heatmap: number[][]): Promise<void> {
  const size = heatmap.length;
  const heat = heatmap.flat();
  const heatRgb = new Uint8Array(size * size * 3);
  heat.forEach((v, i) => heatRgb.set(colour(Math.round(v * 255)), i * 3));
  const over = new Uint8Array(size * size * 3);
  overlayHeat(pixels, heat, 0.6, over);
  const side = Math.max(size, 224);
  for (const [file, data] of [
    [heatFile, heatRgb],
    [overlayFile, over],
  ] as const) {
    await sharp(data, { raw: { width: size, height: size, channels: 3 } }).resize(side, side, { kernel: 'nearest' }).png().toFile(file);
  }
}
