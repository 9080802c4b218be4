/** The .pth fixtures that torch made (test/fixtures/torch/make_fixtures.py) and the pattern of their values. */
import * as fs from 'fs';
import * as path from 'path';
import * as yazl from 'yazl';
import * as zlib from 'zlib';

const FIXTURES = path.resolve(__dirname, '..', '..', '..', 'test', 'fixtures', 'torch');
export const fixture = (name: string): string => path.join(FIXTURES, name);
export const CLASSES = ['0', '1', '2', '3', '4', '5', '6'];

/** make_fixtures.py's pattern(t, i), in float32: tensor t of the state_dict, flat index i. */
export const pattern = (t: number, i: number): number => Math.fround((((i * 7 + t * 13) % 101) - 50) / 1000);

/** tutorial-63-pattern.pth, unpacked into `dir`. */
export function gunzipFixture(dir: string): string {
  const file = path.join(dir, 'tutorial-63-pattern.pth');
  fs.writeFileSync(file, zlib.gunzipSync(fs.readFileSync(fixture('tutorial-63-pattern.pth.gz'))));
  return file;
}

/** Writes a zip archive of `records` (stored, not compressed) to `file`: a hand-made .pth. */
export function zipOf(file: string, records: Record<string, Buffer>): Promise<void> {
  const zip = new yazl.ZipFile();
  for (const [name, data] of Object.entries(records)) zip.addBuffer(data, name, { compress: false });
  zip.end();
  return new Promise((resolve, reject) => zip.outputStream.pipe(fs.createWriteStream(file)).on('close', resolve).on('error', reject));
}
