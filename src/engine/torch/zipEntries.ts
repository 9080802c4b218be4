/** The records of a zip archive, read with yauzl; sizes checked before anything is allocated. */
import * as yauzl from 'yauzl';
import { refuse } from './torchErrors';

const MAX_ENTRIES = 100_000;
/** Deflate cannot expand more than about 1032:1; a larger claim is a zip bomb or a damaged header. */
const MAX_DEFLATE_RATIO = 1032;

export interface ZipArchive {
  file: string;
  entries: Map<string, yauzl.Entry>;
  read(name: string, limit: number): Promise<Buffer>;
  close(): void;
}

function openZip(file: string): Promise<yauzl.ZipFile> {
  return new Promise((resolve, reject) =>
    yauzl.open(file, { lazyEntries: true, autoClose: false, validateEntrySizes: true, strictFileNames: false }, (err, zip) => (err ? reject(err) : resolve(zip))),
  );
}

function listEntries(zip: yauzl.ZipFile): Promise<Map<string, yauzl.Entry>> {
  return new Promise((resolve, reject) => {
    const entries = new Map<string, yauzl.Entry>();
    zip.on('entry', (entry: yauzl.Entry) => {
      if (entries.size >= MAX_ENTRIES) return reject(new Error(`more than ${MAX_ENTRIES} records`));
      entries.set(entry.fileName, entry);
      zip.readEntry();
    });
    zip.on('end', () => resolve(entries));
    zip.on('error', reject);
    zip.readEntry();
  });
}

/** Opens `file` as a zip archive; a damaged or truncated one is refused with yauzl's reason. */
export async function openZipArchive(file: string): Promise<ZipArchive> {
  let zip: yauzl.ZipFile | undefined;
  let entries: Map<string, yauzl.Entry>;
  try {
    zip = await openZip(file);
    entries = await listEntries(zip);
  } catch (err) {
    zip?.close();
    return refuse('zip-damaged', { file, reason: (err as Error).message }, `not a complete zip archive (truncated or damaged: ${(err as Error).message})`);
  }
  const opened = zip;
  const read = async (name: string, limit: number): Promise<Buffer> => {
    const entry = entries.get(name);
    if (!entry) return refuse('zip-missing', { file, record: name }, `the archive has no ${name} record`);
    const size = entry.uncompressedSize;
    if (size > limit) return refuse('zip-too-large', { file, record: name, size, limit }, `${name} claims ${size} bytes, over the ${limit} this record may hold`);
    if (entry.compressionMethod !== 0 && size > entry.compressedSize * MAX_DEFLATE_RATIO + 1024) {
      return refuse('zip-too-large', { file, record: name, size, limit }, `${name} claims ${size} bytes from ${entry.compressedSize} compressed: damaged or hostile`);
    }
    const stream = await new Promise<NodeJS.ReadableStream>((resolve, reject) => opened.openReadStream(entry, (err, s) => (err ? reject(err) : resolve(s))));
    const out = Buffer.allocUnsafe(size);
    let at = 0;
    try {
      for await (const chunk of stream as AsyncIterable<Buffer>) {
        if (at + chunk.length > size) throw new Error('more data than its header says');
        chunk.copy(out, at);
        at += chunk.length;
      }
    } catch (err) {
      return refuse('zip-damaged', { file, reason: (err as Error).message }, `cannot read ${name}: ${(err as Error).message}`);
    }
    if (at !== size) return refuse('zip-damaged', { file, reason: 'short record' }, `${name} holds ${at} bytes, not the ${size} its header says`);
    return out;
  };
  return { file, entries, read, close: () => opened.close() };
}
