import { Sample } from './datasetScan';
import { ImageCache } from './imageCache';
import { Augmentation } from '../shared/trainConfig';

export interface Batch {
  /** NHWC, normalised to [-1, 1]: (x/255 - 0.5)/0.5. */
  pixels: Float32Array;
  labels: Int32Array;
  size: number;
  /** Position in `samples` of each image in the batch (undecodable files drop out, so not always contiguous). */
  indices: Int32Array;
  /** Position in `order` after this batch: where the next batch starts. */
  end: number;
}

const NO_AUGMENTATION: Augmentation = { hflip: false, vflip: false, randomCrop: false };

/**
 * Copies one cached image into the batch, normalising and augmenting on the way: flips and crops are index
 * arithmetic here, so augmentation costs no extra pass over the pixels.
 */
function writeImage(out: Float32Array, offset: number, src: Uint8Array, srcSize: number, size: number, aug: Augmentation, random: () => number): void {
  const flipH = aug.hflip && random() < 0.5;
  const flipV = aug.vflip && random() < 0.5;
  const maxOffset = srcSize - size;
  const top = aug.randomCrop && maxOffset > 0 ? Math.floor(random() * (maxOffset + 1)) : Math.floor(maxOffset / 2);
  const left = aug.randomCrop && maxOffset > 0 ? Math.floor(random() * (maxOffset + 1)) : Math.floor(maxOffset / 2);
  for (let y = 0; y < size; y++) {
    const sy = top + (flipV ? size - 1 - y : y);
    for (let x = 0; x < size; x++) {
      const sx = left + (flipH ? size - 1 - x : x);
      const s = (sy * srcSize + sx) * 3;
      const d = offset + (y * size + x) * 3;
      out[d] = src[s] / 127.5 - 1;
      out[d + 1] = src[s + 1] / 127.5 - 1;
      out[d + 2] = src[s + 2] / 127.5 - 1;
    }
  }
}

/** Copies one decoded image into `out` at `offset`, normalised, with no augmentation (prediction). */
export function writeNormalised(out: Float32Array, offset: number, src: Uint8Array, size: number): void {
  writeImage(out, offset, src, size, size, NO_AUGMENTATION, Math.random);
}

/**
 * Yields batches in the given order. The next batch's files are decoded (sharp, on libuv threads) while the
 * caller trains on the current one, so the step rarely waits for images. Undecodable files drop out of their
 * batch; they are reported by the cache.
 */
export async function* batches(
  samples: Sample[],
  order: number[],
  batchSize: number,
  cache: ImageCache,
  inputSize: number,
  random: () => number,
  aug: Augmentation = NO_AUGMENTATION,
): AsyncGenerator<Batch> {
  const load = (start: number) =>
    Promise.all(order.slice(start, start + batchSize).map(async (i) => ({ index: i, label: samples[i].label, pixels: await cache.get(i, samples[i].file) })));
  let next = order.length > 0 ? load(0) : undefined;
  for (let start = 0; start < order.length; start += batchSize) {
    const loaded = (await next!).filter((l): l is { index: number; label: number; pixels: Uint8Array } => l.pixels !== null);
    next = start + batchSize < order.length ? load(start + batchSize) : undefined;
    if (loaded.length === 0) continue;
    const per = inputSize * inputSize * 3;
    const pixels = new Float32Array(loaded.length * per);
    loaded.forEach((l, k) => writeImage(pixels, k * per, l.pixels, cache.size, inputSize, aug, random));
    yield { pixels, labels: Int32Array.from(loaded.map((l) => l.label)), size: loaded.length, indices: Int32Array.from(loaded.map((l) => l.index)), end: Math.min(start + batchSize, order.length) };
  }
}

/** Side of the cached training images: the random crop takes inputSize from a 256/224-larger resize. */
export function cacheSizeFor(inputSize: number, randomCrop: boolean): number {
  return randomCrop ? Math.round((inputSize * 256) / 224) : inputSize;
}
