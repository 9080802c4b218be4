import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as path from 'path';
import sharp from 'sharp';
import { batches, cacheSizeFor } from '../../src/engine/batches';
import { ImageCache } from '../../src/engine/imageCache';
import { tmpDir } from '../helpers/tmp';

/** A 4x4 image whose red channel counts 0..15 along rows, so every flip and crop is visible in the output. */
async function gradient(dir: string): Promise<string> {
  const pixels = new Uint8Array(4 * 4 * 3);
  for (let i = 0; i < 16; i++) pixels.set([i * 10, 255, 0], i * 3);
  const file = path.join(dir, 'g.png');
  await sharp(pixels, { raw: { width: 4, height: 4, channels: 3 } }).png().toFile(file);
  return file;
}

async function first(file: string, size: number, cacheSize: number, aug: { hflip: boolean; vflip: boolean; randomCrop: boolean }, random: () => number): Promise<number[]> {
  const cache = new ImageCache(cacheSize, 1 << 20, undefined, () => undefined);
  for await (const b of batches([{ file, label: 1 }], [0], 1, cache, size, random, aug)) {
    assert.deepEqual(Array.from(b.labels), [1]);
    return Array.from(b.pixels.filter((_, i) => i % 3 === 0), (v) => Math.round(((v + 1) * 127.5) / 10));
  }
  throw new Error('no batch');
}

test('normalisation is (x/255 - 0.5)/0.5 and flips mirror the image', async () => {
  const file = await gradient(tmpDir());
  const plain = await first(file, 4, 4, { hflip: false, vflip: false, randomCrop: false }, () => 0);
  assert.deepEqual(plain, [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15]);
  const h = await first(file, 4, 4, { hflip: true, vflip: false, randomCrop: false }, () => 0);
  assert.deepEqual(h.slice(0, 4), [3, 2, 1, 0]);
  const v = await first(file, 4, 4, { hflip: false, vflip: true, randomCrop: false }, () => 0);
  assert.deepEqual(v.slice(0, 4), [12, 13, 14, 15]);
  const none = await first(file, 4, 4, { hflip: true, vflip: true, randomCrop: false }, () => 0.9);
  assert.deepEqual(none, plain, 'a draw of 0.9 flips nothing');
});

test('random crop takes an input-size window from the larger cached image', async () => {
  assert.equal(cacheSizeFor(224, true), 256);
  assert.equal(cacheSizeFor(224, false), 224);
  const file = await gradient(tmpDir());
  // Cached at 4, cropped to 3: a draw of 0.99 puts the window at the bottom-right corner.
  const crop = await first(file, 3, 4, { hflip: false, vflip: false, randomCrop: true }, () => 0.99);
  assert.deepEqual(crop, [5, 6, 7, 9, 10, 11, 13, 14, 15]);
});
