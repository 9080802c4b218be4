/**
 * Weight layouts between PyTorch and TF.js: conv OIHW <-> HWIO, linear [out, in] <-> kernel [in, out], and fc6's
 * input rows, which PyTorch orders as its flatten does (C, H, W) and TF.js as its flatten does (H, W, C).
 */

/** PyTorch conv weight [O, I, H, W] -> TF.js kernel [H, W, I, O]. */
export function convToTf(w: Float32Array, [o, i, h, k]: number[]): Float32Array {
  const out = new Float32Array(w.length);
  for (let a = 0; a < o; a++) for (let b = 0; b < i; b++) for (let y = 0; y < h; y++) for (let x = 0; x < k; x++) out[((y * k + x) * i + b) * o + a] = w[((a * i + b) * h + y) * k + x];
  return out;
}

/** TF.js kernel [H, W, I, O] -> PyTorch conv weight [O, I, H, W]. */
export function convToTorch(kernel: Float32Array, [h, k, i, o]: number[]): Float32Array {
  const out = new Float32Array(kernel.length);
  for (let a = 0; a < o; a++) for (let b = 0; b < i; b++) for (let y = 0; y < h; y++) for (let x = 0; x < k; x++) out[((a * i + b) * h + y) * k + x] = kernel[((y * k + x) * i + b) * o + a];
  return out;
}

/** Row `r` of the TF.js kernel (H, W, C order) is this PyTorch input column (C, H, W order). */
function flattenPermutation(inputs: number, channels: number): (r: number) => number {
  const side = Math.round(Math.sqrt(inputs / channels));
  if (side * side * channels !== inputs) throw new Error(`${inputs} inputs are not ${channels} x side x side`);
  return (r) => {
    const c = r % channels;
    const pixel = (r - c) / channels; // h * side + w
    return c * side * side + pixel;
  };
}

/**
 * PyTorch linear weight [out, in] -> TF.js kernel [in, out]. With `chwChannels`, the inputs come from a flatten
 * of a [C, side, side] map and are reordered to TF.js' [side, side, C].
 */
export function linearToTf(w: Float32Array, [outs, ins]: number[], chwChannels?: number): Float32Array {
  const column = chwChannels ? flattenPermutation(ins, chwChannels) : (r: number) => r;
  const out = new Float32Array(w.length);
  for (let r = 0; r < ins; r++) {
    const src = column(r);
    for (let o = 0; o < outs; o++) out[r * outs + o] = w[o * ins + src];
  }
  return out;
}

/** TF.js kernel [in, out] -> PyTorch linear weight [out, in]; the inverse of linearToTf. */
export function linearToTorch(kernel: Float32Array, [ins, outs]: number[], chwChannels?: number): Float32Array {
  const column = chwChannels ? flattenPermutation(ins, chwChannels) : (r: number) => r;
  const out = new Float32Array(kernel.length);
  for (let r = 0; r < ins; r++) {
    const dst = column(r);
    for (let o = 0; o < outs; o++) out[o * ins + dst] = kernel[r * outs + o];
  }
  return out;
}
