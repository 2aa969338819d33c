/**
 * WebP (RIFF) structure without decoding: canvas size from VP8, VP8L or VP8X, orientation from an
 * EXIF chunk, and a RIFF size that must match the file.
 */

import { ascii, u16le, u24le, u32le, u8 } from './byteReader.ts';
import { readExifOrientation, type ExifOrientation } from './exifOrientation.ts';
import { PhotoImportError } from './photoErrors.ts';

/** What the WebP header says, before orientation is applied. */
export interface WebpFrameInfo {
  /** Stored (canvas) width in pixels. */
  readonly widthPx: number;
  /** Stored (canvas) height in pixels. */
  readonly heightPx: number;
  /** From the EXIF chunk of an extended (VP8X) file, 1 otherwise. */
  readonly orientation: ExifOrientation;
}

const RIFF_HEADER_BYTES = 12; // "RIFF", size, "WEBP"
const CHUNK_HEADER_BYTES = 8; // FourCC, size
const FIRST_PAYLOAD = RIFF_HEADER_BYTES + CHUNK_HEADER_BYTES;
const VP8X_EXIF_FLAG = 0x08;
const VP8L_SIGNATURE = 0x2f;

function webpError(code: 'truncated' | 'corrupt', reason: string): PhotoImportError {
  return new PhotoImportError(code, { format: 'webp', reason });
}

/** Offset of the chunk after the one at `at` (payloads are padded to an even length). */
function nextChunk(bytes: Uint8Array, at: number): number {
  const size = u32le(bytes, at + 4);
  return at + CHUNK_HEADER_BYTES + size + (size & 1);
}

function readLossy(bytes: Uint8Array): { widthPx: number; heightPx: number } {
  if (bytes.length < FIRST_PAYLOAD + 10) throw webpError('truncated', 'file ends inside the VP8 header');
  const p = FIRST_PAYLOAD;
  const isKeyFrame = (u8(bytes, p) & 1) === 0;
  const hasStartCode = u8(bytes, p + 3) === 0x9d && u8(bytes, p + 4) === 0x01 && u8(bytes, p + 5) === 0x2a;
  if (!isKeyFrame || !hasStartCode) throw webpError('corrupt', 'bad VP8 frame header');
  // The top two bits of each 16-bit field are an upscaling hint, not part of the size.
  return { widthPx: u16le(bytes, p + 6) & 0x3fff, heightPx: u16le(bytes, p + 8) & 0x3fff };
}

function readLossless(bytes: Uint8Array): { widthPx: number; heightPx: number } {
  if (bytes.length < FIRST_PAYLOAD + 5) throw webpError('truncated', 'file ends inside the VP8L header');
  if (u8(bytes, FIRST_PAYLOAD) !== VP8L_SIGNATURE) throw webpError('corrupt', 'bad VP8L signature');
  const bits = u32le(bytes, FIRST_PAYLOAD + 1);
  if (bits >>> 29 !== 0) throw webpError('corrupt', 'unknown VP8L version');
  return { widthPx: (bits & 0x3fff) + 1, heightPx: ((bits >>> 14) & 0x3fff) + 1 };
}

/** Finds the EXIF chunk after VP8X; a missing or cut-off chunk reads as upright. */
function readExtendedOrientation(bytes: Uint8Array): ExifOrientation {
  let at = nextChunk(bytes, RIFF_HEADER_BYTES);
  while (at + CHUNK_HEADER_BYTES <= bytes.length) {
    if (ascii(bytes, at, 4) === 'EXIF') {
      const start = at + CHUNK_HEADER_BYTES;
      return readExifOrientation(bytes, start, start + u32le(bytes, at + 4));
    }
    at = nextChunk(bytes, at);
  }
  return 1;
}

/** Canvas size and orientation; works on a prefix of the file once the first chunk is in it. */
export function readWebpHeader(bytes: Uint8Array): WebpFrameInfo {
  if (ascii(bytes, 0, 4) !== 'RIFF' || ascii(bytes, 8, 4) !== 'WEBP') throw webpError('corrupt', 'not a RIFF WEBP file');
  if (bytes.length < FIRST_PAYLOAD) throw webpError('truncated', 'file ends before the first chunk');
  const kind = ascii(bytes, RIFF_HEADER_BYTES, 4);
  let size: { widthPx: number; heightPx: number };
  let orientation: ExifOrientation = 1;
  if (kind === 'VP8 ') {
    size = readLossy(bytes);
  } else if (kind === 'VP8L') {
    size = readLossless(bytes);
  } else if (kind === 'VP8X') {
    if (bytes.length < FIRST_PAYLOAD + 10) throw webpError('truncated', 'file ends inside the VP8X header');
    size = { widthPx: u24le(bytes, FIRST_PAYLOAD + 4) + 1, heightPx: u24le(bytes, FIRST_PAYLOAD + 7) + 1 };
    if (u8(bytes, FIRST_PAYLOAD) & VP8X_EXIF_FLAG) orientation = readExtendedOrientation(bytes);
  } else {
    throw webpError('corrupt', `unexpected first chunk "${kind}"`);
  }
  if (size.widthPx === 0 || size.heightPx === 0) throw webpError('corrupt', 'zero size');
  return { ...size, orientation };
}

/**
 * Throws unless the RIFF size matches the file length (one missing or extra padding byte is
 * tolerated), every chunk fits inside it, and an image chunk is present.
 */
export function checkWebpComplete(bytes: Uint8Array): void {
  readWebpHeader(bytes);
  const riffEnd = u32le(bytes, 4) + CHUNK_HEADER_BYTES;
  if (bytes.length < riffEnd - 1) throw webpError('truncated', 'file is shorter than its RIFF size');
  if (bytes.length > riffEnd + 1) throw webpError('corrupt', 'file is longer than its RIFF size');

  let hasImage = false;
  let at = RIFF_HEADER_BYTES;
  while (at + CHUNK_HEADER_BYTES <= bytes.length) {
    const fourCC = ascii(bytes, at, 4);
    const end = at + CHUNK_HEADER_BYTES + u32le(bytes, at + 4);
    if (end > bytes.length) throw webpError('truncated', `file ends inside the ${fourCC.trim()} chunk`);
    if (fourCC === 'VP8 ' || fourCC === 'VP8L' || fourCC === 'ANMF') hasImage = true;
    at = nextChunk(bytes, at);
  }
  if (bytes.length - at > 1) throw webpError('corrupt', 'stray bytes after the last chunk');
  if (!hasImage) throw webpError('corrupt', 'no image data');
}
