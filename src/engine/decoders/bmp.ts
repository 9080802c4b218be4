import { decode } from 'bmp-ts';
import { RawImage } from './rawImage';

/** BMP through bmp-ts (sharp's bundled libvips has no BMP loader). Alpha is dropped: most BMPs store 0 there. */
export function decodeBmp(buf: Buffer): RawImage {
  const bmp = decode(buf, { toRGBA: true });
  const n = bmp.width * bmp.height;
  if (bmp.data.length < n * 4) throw new Error('truncated BMP image');
  const rgb = new Uint8Array(n * 3);
  for (let i = 0; i < n; i++) {
    rgb[i * 3] = bmp.data[i * 4];
    rgb[i * 3 + 1] = bmp.data[i * 4 + 1];
    rgb[i * 3 + 2] = bmp.data[i * 4 + 2];
  }
  return { width: bmp.width, height: Math.abs(bmp.height), rgb };
}
