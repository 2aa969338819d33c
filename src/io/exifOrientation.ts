/**
 * EXIF orientation (tag 0x0112) from a TIFF structure, as found in a JPEG APP1 segment or a WebP
 * EXIF chunk. Bad or missing EXIF never refuses a photo: it reads as 1 (upright), as browsers do.
 */

import { ascii, u16be, u16le, u32be, u32le } from './byteReader.ts';

/** EXIF orientation: 1 upright, 3 rotated 180°, 6 needs 90° clockwise, 8 needs 90° anticlockwise; 2/4/5/7 mirrored. */
export type ExifOrientation = 1 | 2 | 3 | 4 | 5 | 6 | 7 | 8;

const ORIENTATION_TAG = 0x0112;
const TYPE_SHORT = 3;
const TYPE_LONG = 4;
const IFD_ENTRY_BYTES = 12;
/** More entries than any real IFD0 has; guards against a garbage count walking far. */
const MAX_IFD_ENTRIES = 1000;

/** Narrows a number to a valid orientation, else 1. */
export function toExifOrientation(value: number): ExifOrientation {
  return Number.isInteger(value) && value >= 1 && value <= 8 ? (value as ExifOrientation) : 1;
}

/**
 * Reads the orientation from EXIF data occupying `bytes[start, end)`. Accepts the payload with or
 * without the "Exif\0\0" prefix (JPEG APP1 has it; WebP EXIF chunks usually do not, some writers add it).
 */
export function readExifOrientation(bytes: Uint8Array, start: number, end: number): ExifOrientation {
  const limit = Math.min(end, bytes.length);
  const tiff = ascii(bytes, start, 6) === 'Exif\0\0' ? start + 6 : start;
  if (tiff + 8 > limit) return 1;

  const order = ascii(bytes, tiff, 2);
  if (order !== 'II' && order !== 'MM') return 1;
  const little = order === 'II';
  const read16 = (at: number): number => (little ? u16le(bytes, at) : u16be(bytes, at));
  const read32 = (at: number): number => (little ? u32le(bytes, at) : u32be(bytes, at));
  if (read16(tiff + 2) !== 42) return 1;

  const ifd = tiff + read32(tiff + 4);
  if (ifd < tiff + 8 || ifd + 2 > limit) return 1;
  const count = Math.min(read16(ifd), MAX_IFD_ENTRIES);
  for (let i = 0; i < count; i++) {
    const entry = ifd + 2 + i * IFD_ENTRY_BYTES;
    if (entry + IFD_ENTRY_BYTES > limit) return 1;
    if (read16(entry) !== ORIENTATION_TAG) continue;
    const type = read16(entry + 2);
    if (type === TYPE_SHORT) return toExifOrientation(read16(entry + 8));
    if (type === TYPE_LONG) return toExifOrientation(read32(entry + 8));
    return 1;
  }
  return 1;
}
