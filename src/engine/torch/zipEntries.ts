/** The records of a zip archive, read with yauzl; sizes checked before anything is allocated. */
import * as yauzl from 'yauzl';
import { message } from '../../shared/messages';
import { refuse, TorchFileError } from './torchErrors';

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

function listEntries(file: string, zip: yauzl.ZipFile): Promise<Map<string, yauzl.Entry>> {
  return new Promise((resolve, reject) => {
    const entries = new Map<string, yauzl.Entry>();
    zip.on('entry', (entry: yauzl.Entry) => {
      if (entries.size >= MAX_ENTRIES) return reject(new TorchFileError(message('torch.zipTooManyRecords', file, MAX_ENTRIES)));
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
    entries = await listEntries(file, zip);
  } catch (err) {
    zip?.close();
    if (err instanceof TorchFileError) throw err;
    // yauzl's own reason, in English wherever it is shown.
    return refuse(message('torch.zipDamaged', file, (err as Error).message));
  }
  const opened = zip;
  const read = async (name: string, limit: number): Promise<Buffer> => {
    const entry = entries.get(name);
    if (!entry) return refuse(message('torch.zipMissing', file, name));
    const size = entry.uncompressedSize;
    if (size > limit) return refuse(message('torch.zipTooLarge', file, name, size, limit));
    if (entry.compressionMethod !== 0 && size > entry.compressedSize * MAX_DEFLATE_RATIO + 1024) {
      return refuse(message('torch.zipBomb', file, name, size, entry.compressedSize));
    }
    const out = Buffer.allocUnsafe(size);
    let at = 0;
    try {
      const stream = await new Promise<NodeJS.ReadableStream>((resolve, reject) => opened.openReadStream(entry, (err, s) => (err ? reject(err) : resolve(s))));
      for await (const chunk of stream as AsyncIterable<Buffer>) {
        if (at + chunk.length > size) refuse(message('torch.zipLong', file, name, size));
        chunk.copy(out, at);
        at += chunk.length;
      }
    } catch (err) {
      if (err instanceof TorchFileError) throw err;
      return refuse(message('torch.zipUnreadable', file, name, (err as Error).message));
    }
    if (at !== size) return refuse(message('torch.zipShort', file, name, at, size));
    return out;
  };
  return { file, entries, read, close: () => opened.close() };
}
