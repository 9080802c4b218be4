/** Classified files as the panel's prediction items; images the webview cannot load from disk go inline. */
import * as fs from 'fs/promises';
import * as path from 'path';
import { ClassifiedFile, ClassifyResult } from '../shared/checkpointMeta';
import { PredictionView } from '../shared/panelState';

const BROWSER_IMAGES: Record<string, string> = {
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.bmp': 'image/bmp',
};
const MAX_INLINE_BYTES = 2 * 1024 * 1024;

/** What the panel controller offers for thumbnails. */
export interface ThumbnailHost {
  canLoad(file: string): boolean;
  setInlineThumbnail(file: string, dataUri: string): void;
}

function folderClass(file: string, classes: string[]): string | undefined {
  const folder = path.basename(path.dirname(file));
  return classes.includes(folder) ? folder : undefined;
}

export async function predictionItems(host: ThumbnailHost, result: ClassifyResult, files: ClassifiedFile[]): Promise<PredictionView[]> {
  const at = new Date().toISOString();
  for (const f of files) {
    const mime = BROWSER_IMAGES[path.extname(f.file).toLowerCase()];
    if (!mime || host.canLoad(f.file)) continue;
    const stat = await fs.stat(f.file).catch(() => undefined);
    if (!stat || stat.size > MAX_INLINE_BYTES) continue;
    const bytes = await fs.readFile(f.file);
    host.setInlineThumbnail(f.file, `data:${mime};base64,${bytes.toString('base64')}`);
  }
  return files.map((f) => ({
    file: f.file,
    thumbnail: null,
    checkpoint: result.checkpoint,
    dataset: result.datasetDir,
    top: f.top,
    error: f.error,
    errorMessage: f.errorMessage,
    // In a class-folder layout the folder names the class (ImageFolder): worth a right/wrong mark.
    trueClass: f.trueClass ?? folderClass(f.file, result.classes),
    at,
  }));
}
