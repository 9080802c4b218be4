import { RawImage } from './rawImage';

/**
 * Binary Netpbm (P5 grey PGM, P6 colour PPM), which torchvision's ImageFolder accepts but sharp's bundled libvips
 * does not read. The format is a short text header and raw samples, 8- or 16-bit big-endian.
 */
export function decodeNetpbm(buf: Buffer): RawImage {
  const magic = buf.subarray(0, 2).toString('latin1');
  if (magic !== 'P5' && magic !== 'P6') {
    throw new Error(magic === 'P2' || magic === 'P3' ? 'ASCII Netpbm (P2/P3) is not supported; save it as binary PGM/PPM or PNG' : 'not a Netpbm image');
  }
  const fields: number[] = [];
  let pos = 2;
  while (fields.length < 3) {
    while (pos < buf.length && /\s/.test(String.fromCharCode(buf[pos]))) pos++;
    if (buf[pos] === 0x23) {
      while (pos < buf.length && buf[pos] !== 0x0a) pos++; // comment to end of line
      continue;
    }
    const start = pos;
    while (pos < buf.length && buf[pos] >= 0x30 && buf[pos] <= 0x39) pos++;
    if (pos === start) throw new Error('malformed Netpbm header');
    fields.push(Number(buf.subarray(start, pos).toString('latin1')));
  }
  pos++; // the single whitespace byte before the samples
  const [width, height, maxval] = fields;
  if (width < 1 || height < 1 || maxval < 1 || maxval > 65535) throw new Error(`malformed Netpbm header (${width}x${height}, maxval ${maxval})`);
  const channels = magic === 'P6' ? 3 : 1;
  const bytesPerSample = maxval > 255 ? 2 : 1;
  const count = width * height * channels;
  if (buf.length - pos < count * bytesPerSample) throw new Error('truncated Netpbm image: fewer samples than the header promises');
  const rgb = new Uint8Array(width * height * 3);
  for (let i = 0; i < width * height; i++) {
    for (let c = 0; c < 3; c++) {
      const s = i * channels + (channels === 3 ? c : 0);
      const v = bytesPerSample === 2 ? buf.readUInt16BE(pos + s * 2) : buf[pos + s];
      rgb[i * 3 + c] = Math.round((v * 255) / maxval);
    }
  }
  return { width, height, rgb };
}
