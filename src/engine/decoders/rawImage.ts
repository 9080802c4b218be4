/** 8-bit RGB pixels, row-major, from a decoder other than sharp. */
export interface RawImage {
  width: number;
  height: number;
  rgb: Uint8Array;
}
