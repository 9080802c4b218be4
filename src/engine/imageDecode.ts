import * as fs from 'fs/promises';
import sharp from 'sharp';
import { otherDecoder, otherDimensions } from './decoders';
import './globalEffects';

/** Images above this many pixels are refused before decoding (a 20000x20000 PNG would need 1.2 GB). */
export const MAX_INPUT_PIXELS = 40_000_000;

/** A user-facing reason; an unexplained failure while decoding is corruption. */
function reasonOf(err: unknown): string {
  const text = err instanceof Error ? err.message : String(err);
  if (/^(empty file|too large|corrupt image header)/.test(text)) return text;
  if (/unsupported image format|Input file contains unsupported/i.test(text)) return 'not an image (unrecognised content)';
  if (/exceeds pixel limit/i.test(text)) return `too large: over ${MAX_INPUT_PIXELS.toLocaleString('en-US')} pixels`;
  if (/EACCES|permission/i.test(text)) return 'cannot read file (permission denied)';
  if (/premature end|end of stream|truncated|unexpected end|corrupt|bad|invalid|read error|VipsJpeg|VipsPng|pngload|jpegload|webpload|tiffload|gifload|not enough/i.test(text)) {
    return `corrupt or truncated image (${text.split('\n')[0]})`;
  }
  return `corrupt or truncated image (${text.split('\n')[0]})`;
}

function tooLarge(width: number, height: number): string | null {
  return width * height > MAX_INPUT_PIXELS ? `too large: ${width}x${height} is over ${MAX_INPUT_PIXELS.toLocaleString('en-US')} pixels` : null;
}

async function head(file: string): Promise<Buffer> {
  const handle = await fs.open(file, 'r');
  try {
    const buf = Buffer.alloc(64);
    const { bytesRead } = await handle.read(buf, 0, 64, 0);
    return buf.subarray(0, bytesRead);
  } finally {
    await handle.close();
  }
}

export class ImageDecodeError extends Error {
  constructor(
    readonly file: string,
    readonly reason: string,
  ) {
    super(`${file}: ${reason}`);
  }
}

/** sharp reads the file (or its bytes, when already read), or raw RGB from our BMP / Netpbm decoders. */
async function source(file: string, bytes?: Buffer): Promise<sharp.Sharp> {
  const start = bytes ? bytes.subarray(0, 64) : await head(file);
  if (start.length === 0) throw new Error('empty file (0 bytes)');
  const decoder = otherDecoder(start);
  if (!decoder) return sharp(bytes ?? file, { limitInputPixels: MAX_INPUT_PIXELS, failOn: 'error', pages: 1 });
  const dims = otherDimensions(start);
  const refusal = dims ? tooLarge(dims.width, dims.height) : 'corrupt image header';
  if (refusal) throw new Error(refusal);
  const img = decoder(bytes ?? (await fs.readFile(file)));
  return sharp(img.rgb, { raw: { width: img.width, height: img.height, channels: 3 } });
}

/**
 * Decodes an image to size x size RGB bytes, row-major HWC: grey, RGBA, palette, 16-bit and CMYK all become
 * 8-bit sRGB; alpha is flattened onto black (like PIL's convert('RGB')); animated images give their first frame.
 * Resizing stretches to a square with a bilinear kernel, like torchvision's Resize([s, s]). `bytes`: the file's
 * content when the caller has read it already (check hashes it too), so it is read once.
 */
export async function decodeImage(file: string, size: number, bytes?: Buffer): Promise<Uint8Array> {
  try {
    const { data, info } = await (await source(file, bytes))
      .rotate()
      .flatten({ background: { r: 0, g: 0, b: 0 } })
      .toColourspace('srgb')
      .resize(size, size, { fit: 'fill', kernel: 'linear' })
      .removeAlpha()
      .raw({ depth: 'uchar' })
      .toBuffer({ resolveWithObject: true });
    if (info.channels !== 3 || data.length !== size * size * 3) {
      throw new Error(`unexpected decoded layout: ${info.width}x${info.height}x${info.channels}`);
    }
    return new Uint8Array(data.buffer, data.byteOffset, data.length);
  } catch (err) {
    // Over the pixel limit: the header's dimensions make the message exact (read only on this rare path).
    if (/exceeds pixel limit/i.test(String(err))) {
      const meta = await sharp(bytes ?? file, { limitInputPixels: false }).metadata().catch(() => undefined);
      const refusal = meta?.width && meta.height ? tooLarge(meta.width, meta.height) : null;
      if (refusal) throw new ImageDecodeError(file, refusal);
    }
    throw new ImageDecodeError(file, reasonOf(err));
  }
}
