import { FeatureMapLayer } from '../../shared/inspect';
import { LayerActivation } from './activations';

const TOP_UNITS = 10;

/** Box-average downsampling of one H x W channel (stride C in an HWC array) to h x w. */
function downsample(values: Float32Array, H: number, W: number, C: number, c: number, h: number, w: number, out: Float32Array): void {
  for (let y = 0; y < h; y++) {
    const y0 = Math.floor((y * H) / h);
    const y1 = Math.max(y0 + 1, Math.floor(((y + 1) * H) / h));
    for (let x = 0; x < w; x++) {
      const x0 = Math.floor((x * W) / w);
      const x1 = Math.max(x0 + 1, Math.floor(((x + 1) * W) / w));
      let sum = 0;
      for (let yy = y0; yy < y1; yy++) for (let xx = x0; xx < x1; xx++) sum += values[(yy * W + xx) * C + c];
      out[y * w + x] = sum / ((y1 - y0) * (x1 - x0));
    }
  }
}

function range(values: Float32Array): { min: number; max: number } {
  let min = Infinity;
  let max = -Infinity;
  for (const v of values) {
    if (v < min) min = v;
    if (v > max) max = v;
  }
  return values.length ? { min, max } : { min: 0, max: 0 };
}

function quantise(values: Float32Array, min: number, max: number): Uint8Array {
  const scale = max > min ? 255 / (max - min) : 0;
  return Uint8Array.from(values, (v) => Math.round((v - min) * scale));
}

/**
 * One layer's activations as 8-bit channel maps, channel-major, each map at most maxSide on a side (box average
 * when larger). The value range is the layer's true one, taken before downsampling.
 */
export function compactActivation(a: LayerActivation, maxSide = Infinity): FeatureMapLayer {
  const { min, max } = range(a.values);
  const base = { name: a.name, type: a.type, shape: a.shape, min, max };
  if (a.shape.length === 1) {
    const top = Array.from(a.values, (value, unit) => ({ unit, value }))
      .sort((p, q) => q.value - p.value)
      .slice(0, TOP_UNITS);
    return { ...base, height: 1, width: a.shape[0], data: Buffer.from(quantise(a.values, min, max)).toString('base64'), channelMax: [], top };
  }
  const [H, W, C] = a.shape;
  const scale = Math.min(1, maxSide / Math.max(H, W));
  const h = Math.max(1, Math.round(H * scale));
  const w = Math.max(1, Math.round(W * scale));
  const maps = new Float32Array(C * h * w);
  const channelMax = new Array<number>(C).fill(-Infinity);
  for (let i = 0; i < a.values.length; i++) {
    const c = i % C;
    if (a.values[i] > channelMax[c]) channelMax[c] = a.values[i];
  }
  for (let c = 0; c < C; c++) downsample(a.values, H, W, C, c, h, w, maps.subarray(c * h * w, (c + 1) * h * w));
  return { ...base, height: h, width: w, data: Buffer.from(quantise(maps, min, max)).toString('base64'), channelMax, top: [] };
}
