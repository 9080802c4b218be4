import * as fs from 'fs';
import * as path from 'path';
import { decodeImage, ImageDecodeError } from './imageDecode';

/**
 * Decoded, resized RGB bytes per sample, so each file is decoded once per run: in memory up to a budget,
 * then in one cache file on disk (fixed-size slots, positional reads and writes). A file that fails to decode
 * is remembered as failed and reported once.
 */
export class ImageCache {
  private readonly memory = new Map<number, Uint8Array>();
  private readonly onDisk = new Set<number>();
  private readonly failed = new Map<number, string>();
  private readonly pending = new Map<number, Promise<Uint8Array | null>>();
  private memoryBytes = 0;
  private fd: number | undefined;
  readonly bytesPerImage: number;

  constructor(
    readonly size: number,
    private readonly memoryBudget: number,
    private readonly diskFile: string | undefined,
    private readonly onFailure: (file: string, reason: string) => void,
  ) {
    this.bytesPerImage = size * size * 3;
  }

  /** The decoded image, or null when the file cannot be decoded (reported through onFailure once). */
  get(index: number, file: string): Promise<Uint8Array | null> {
    const cached = this.memory.get(index);
    if (cached) return Promise.resolve(cached);
    if (this.failed.has(index)) return Promise.resolve(null);
    if (this.onDisk.has(index)) return Promise.resolve(this.readSlot(index));
    let pending = this.pending.get(index);
    if (!pending) {
      pending = this.decode(index, file).finally(() => this.pending.delete(index));
      this.pending.set(index, pending);
    }
    return pending;
  }

  private async decode(index: number, file: string): Promise<Uint8Array | null> {
    try {
      const pixels = await decodeImage(file, this.size);
      this.store(index, pixels);
      return pixels;
    } catch (err) {
      const reason = err instanceof ImageDecodeError ? err.reason : String(err);
      this.failed.set(index, reason);
      this.onFailure(file, reason);
      return null;
    }
  }

  private store(index: number, pixels: Uint8Array): void {
    if (this.memoryBytes + pixels.length <= this.memoryBudget || !this.diskFile) {
      this.memory.set(index, pixels);
      this.memoryBytes += pixels.length;
      return;
    }
    if (this.fd === undefined) {
      fs.mkdirSync(path.dirname(this.diskFile), { recursive: true });
      this.fd = fs.openSync(this.diskFile, 'w+');
    }
    fs.writeSync(this.fd, pixels, 0, pixels.length, index * this.bytesPerImage);
    this.onDisk.add(index);
  }

  private readSlot(index: number): Uint8Array {
    const out = new Uint8Array(this.bytesPerImage);
    fs.readSync(this.fd as number, out, 0, out.length, index * this.bytesPerImage);
    return out;
  }

  get stats(): { inMemory: number; onDisk: number; failed: number } {
    return { inMemory: this.memory.size, onDisk: this.onDisk.size, failed: this.failed.size };
  }

  /** Closes and deletes the disk cache: it is only valid for this run. */
  close(): void {
    if (this.fd !== undefined) {
      fs.closeSync(this.fd);
      this.fd = undefined;
      if (this.diskFile) fs.rmSync(this.diskFile, { force: true });
    }
  }
}
