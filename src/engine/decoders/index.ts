import { decodeBmp } from './bmp';
import { decodeNetpbm } from './netpbm';
import { RawImage } from './rawImage';

export type { RawImage } from './rawImage';

/** Picks a decoder for the formats sharp cannot read, by content, not by file name. */
export function otherDecoder(head: Buffer): ((buf: Buffer) => RawImage) | undefined {
  const magic = head.subarray(0, 2).toString('latin1');
  if (magic === 'BM') return decodeBmp;
  if (magic === 'P5' || magic === 'P6' || magic === 'P2' || magic === 'P3') return decodeNetpbm;
  return undefined;
}

/** Width and height from the header alone, so the pixel limit applies before decoding. */
export function otherDimensions(head: Buffer): { width: number; height: number } | undefined {
  const magic = head.subarray(0, 2).toString('latin1');
  if (magic === 'BM' && head.length >= 26) return { width: head.readInt32LE(18), height: Math.abs(head.readInt32LE(22)) };
  if (magic[0] === 'P') {
    const m = /^P[2356]\s+(?:#[^\n]*\n\s*)*(\d+)\s+(?:#[^\n]*\n\s*)*(\d+)/.exec(head.toString('latin1'));
    if (m) return { width: Number(m[1]), height: Number(m[2]) };
  }
  return undefined;
}
