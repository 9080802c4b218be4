import * as fs from 'fs';
import * as path from 'path';
import * as zlib from 'zlib';
import sharp from 'sharp';
import { writeDigit, writeSplit } from './tmp';

/** A PNG whose header claims width x height; only the header is real, as a hostile file would be. */
function pngHeaderOnly(width: number, height: number): Buffer {
  const crcTable = Array.from({ length: 256 }, (_, n) => {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    return c >>> 0;
  });
  const crc = (buf: Buffer) => {
    let c = 0xffffffff;
    for (const b of buf) c = crcTable[(c ^ b) & 0xff] ^ (c >>> 8);
    return (c ^ 0xffffffff) >>> 0;
  };
  const chunk = (type: string, data: Buffer) => {
    const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
    const out = Buffer.alloc(8 + data.length + 4);
    out.writeUInt32BE(data.length, 0);
    body.copy(out, 4);
    out.writeUInt32BE(crc(body), 8 + data.length);
    return out;
  };
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr.set([8, 2, 0, 0, 0], 8);
  const idat = zlib.deflateSync(Buffer.alloc(1 + width * 3)); // one row of the many promised
  return Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk('IHDR', ihdr), chunk('IDAT', idat), chunk('IEND', Buffer.alloc(0))]);
}

export interface CorpusCase {
  name: string;
  file: string;
  /** Whether training uses the file (decodes to RGB) or skips it, with a pattern of the reason. */
  expect: { used: true } | { used: false; reason: RegExp };
}

/**
 * The bad-input corpus of the reliability issue, under a path with spaces and Chinese characters like the
 * tutorial's E:\\计算机\\data\\fer2013_数据增强版本. Classes `开心 happy` and `sad`, each with good digits as well.
 */
export async function writeBadCorpus(parent: string): Promise<{ root: string; cases: CorpusCase[] }> {
  const root = path.join(parent, '计算机', 'data', 'fer2013_数据增强版本 copy');
  const classes = ['开心 happy', 'sad'];
  await writeSplit(root, 'train', classes, 3);
  await writeSplit(root, 'test', classes, 2, 100);
  const dir = path.join(root, 'train', '开心 happy');
  const at = (name: string) => path.join(dir, name);
  const cases: CorpusCase[] = [];
  const add = (name: string, file: string, expect: CorpusCase['expect']) => cases.push({ name, file, expect });

  fs.writeFileSync(at('zero.jpg'), '');
  add('zero-byte file', at('zero.jpg'), { used: false, reason: /empty file \(0 bytes\)/ });

  const jpeg = await sharp({ create: { width: 64, height: 48, channels: 3, background: 'black', noise: { type: 'gaussian', mean: 120, sigma: 40 } } }).jpeg().toBuffer();
  fs.writeFileSync(at('truncated.jpg'), jpeg.subarray(0, Math.floor(jpeg.length / 2)));
  add('truncated JPEG', at('truncated.jpg'), { used: false, reason: /corrupt or truncated/ });

  await writeDigit(at('png named.jpg'), 0, 7);
  add('PNG named .jpg', at('png named.jpg'), { used: true });

  fs.writeFileSync(at('notes.jpg'), 'these are not pixels\n');
  add('text named .jpg', at('notes.jpg'), { used: false, reason: /not an image/ });

  await sharp({ create: { width: 1, height: 1, channels: 3, background: { r: 200, g: 10, b: 10 } } }).png().toFile(at('one pixel.png'));
  add('1x1 image', at('one pixel.png'), { used: true });

  fs.writeFileSync(at('huge.png'), pngHeaderOnly(20000, 20000));
  add('20000x20000 PNG', at('huge.png'), { used: false, reason: /too large: 20000x20000 is over 40,000,000 pixels/ });

  await sharp({ create: { width: 40, height: 30, channels: 3, background: { r: 10, g: 200, b: 30 } } }).toColourspace('cmyk').jpeg().toFile(at('cmyk.jpg'));
  add('CMYK JPEG', at('cmyk.jpg'), { used: true });

  await sharp({ create: { width: 40, height: 30, channels: 3, background: { r: 10, g: 200, b: 30 } } }).toColourspace('rgb16').png().toFile(at('sixteen bit.png'));
  add('16-bit PNG', at('sixteen bit.png'), { used: true });

  const frame = (background: string) => sharp({ create: { width: 20, height: 20, channels: 3, background } }).png().toBuffer();
  await sharp([await frame('red'), await frame('blue')], { join: { animated: true } }).gif({ delay: [100, 100] }).toFile(at('animated.gif'));
  add('animated GIF', at('animated.gif'), { used: true });

  fs.symlinkSync('..', path.join(dir, 'loop'));
  add('symlink loop', path.join(dir, 'loop'), { used: false, reason: /symbolic link loop/ });

  fs.symlinkSync(path.join(parent, 'does-not-exist.png'), at('dangling.png'));
  add('unreadable file (dangling link)', at('dangling.png'), { used: false, reason: /cannot read/ });

  const long = `${'x'.repeat(246)}.png`; // 250 characters; ext4 allows 255 bytes
  await writeDigit(at(long), 0, 8);
  add('250-character file name', at(long), { used: true });

  fs.mkdirSync(path.join(root, 'train', '.hidden class'));
  await writeDigit(path.join(root, 'train', '.hidden class', 'x.png'), 1, 9);
  await writeDigit(path.join(dir, '.DS_Store.png'), 1, 10);
  return { root, cases };
}
