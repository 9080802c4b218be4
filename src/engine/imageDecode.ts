import * as fs from 'fs/promises';
import sharp from 'sharp';
import { otherDecoder, otherDimensions } from './decoders';
import './globalEffects';
import { CodedMessage, Message, message } from '../shared/messages';

/** Images above this many pixels are refused before decoding (a 20000x20000 PNG would need 1.2 GB). */
export const MAX_INPUT_PIXELS = 40_000_000;

/** A reason found before sharp ran (an empty file, a header), already a user-facing message. */
class Refusal extends Error {
  constructor(readonly reason: Message) {
    super(reason.text);
  }
}

/** A user-facing reason, in English and as a code; an unexplained failure while decoding is corruption. */
function reasonOf(err: unknown): Message {
  if (err instanceof Refusal) return err.reason;
  const text = err instanceof Error ? err.message : String(err);
  if (/unsupported image format|Input file contains unsupported/i.test(text)) return message('skip.notImage');
  if (/exceeds pixel limit/i.test(text)) return message('skip.overPixels', MAX_INPUT_PIXELS);
  if (/EACCES|permission/i.test(text)) return message('skip.fileDenied');
  return message('skip.corrupt', text.split('\n')[0]);
}

function tooLarge(width: number, height: number): Message | null {
  return width * height > MAX_INPUT_PIXELS ? message('skip.tooLarge', width, height, MAX_INPUT_PIXELS) : null;
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
  /** In English, for logs and the CLI. */
  readonly reason: string;
  /** The reason as a code, for the UI to show in its language. */
  readonly coded: CodedMessage | undefined;

  constructor(
    readonly file: string,
    why: Message,
  ) {
    super(`${file}: ${why.text}`);
    this.reason = why.text;
    this.coded = why.coded;
  }
}

/** sharp reads the file (or its bytes, when already read), or raw RGB from our BMP / Netpbm decoders. */
async function source(file: string, bytes?: Buffer): Promise<sharp.Sharp> {
  const start = bytes ? bytes.subarray(0, 64) : await head(file);
  if (start.length === 0) throw new Refusal(message('skip.emptyFile'));
  const decoder = otherDecoder(start);
  if (!decoder) return sharp(bytes ?? file, { limitInputPixels: MAX_INPUT_PIXELS, failOn: 'error', pages: 1 });
  const dims = otherDimensions(start);
  const refusal = dims ? tooLarge(dims.width, dims.height) : message('skip.corruptHeader');
  if (refusal) throw new Refusal(refusal);
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
