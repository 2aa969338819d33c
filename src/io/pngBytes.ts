/**
 * PNG structure without decoding: IHDR size and a chunk walk that proves the file reaches IEND.
 */

import { crc32 } from './crc32.ts';
import { u32be, u8 } from './byteReader.ts';
import { readExifOrientation, type ExifOrientation } from './exifOrientation.ts';
import { PhotoImportError } from './photoErrors.ts';

/** The eight bytes every PNG starts with. */
export const PNG_SIGNATURE: readonly number[] = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

/** What the PNG header says, before orientation is applied. */
export interface PngFrameInfo {
  /** Width in pixels (IHDR). */
  readonly widthPx: number;
  /** Height in pixels (IHDR). */
  readonly heightPx: number;
  /** From an eXIf chunk before the image data (Chromium honours it), 1 otherwise. */
  readonly orientation: ExifOrientation;
}

const IHDR_OFFSET = 8;
const IHDR_DATA_LENGTH = 13;
const CHUNK_OVERHEAD = 12; // length + type + CRC
const MAX_CHUNK_LENGTH = 0x7fffffff;

function pngError(code: 'truncated' | 'corrupt', reason: string): PhotoImportError {
  return new PhotoImportError(code, { format: 'png', reason });
}

function hasSignature(bytes: Uint8Array): boolean {
  return PNG_SIGNATURE.every((value, i) => bytes[i] === value);
}

/** Chunk types are four ASCII letters; anything else means we are reading garbage. */
function isChunkType(bytes: Uint8Array, at: number): boolean {
  for (let i = at; i < at + 4; i++) {
    const c = u8(bytes, i) | 0x20; // fold case
    if (c < 0x61 || c > 0x7a) return false;
  }
  return true;
}

function chunkTypeIs(bytes: Uint8Array, at: number, type: string): boolean {
  for (let i = 0; i < 4; i++) if (u8(bytes, at + i) !== type.charCodeAt(i)) return false;
  return true;
}

/** Orientation from an eXIf chunk between IHDR and the first IDAT; stops quietly at the end of the bytes. */
function readPngOrientation(bytes: Uint8Array): ExifOrientation {
  let pos = IHDR_OFFSET + CHUNK_OVERHEAD + IHDR_DATA_LENGTH;
  while (pos + 8 <= bytes.length && isChunkType(bytes, pos + 4)) {
    if (chunkTypeIs(bytes, pos + 4, 'IDAT') || chunkTypeIs(bytes, pos + 4, 'IEND')) break;
    const length = u32be(bytes, pos);
    if (chunkTypeIs(bytes, pos + 4, 'eXIf')) return readExifOrientation(bytes, pos + 8, pos + 8 + length);
    pos += CHUNK_OVERHEAD + length;
  }
  return 1;
}

/** Checks signature and that IHDR comes first with its fixed length; returns size and orientation. */
export function readPngHeader(bytes: Uint8Array): PngFrameInfo {
  if (!hasSignature(bytes)) throw pngError('corrupt', 'bad signature');
  if (bytes.length < IHDR_OFFSET + 8 + IHDR_DATA_LENGTH) throw pngError('truncated', 'file ends inside IHDR');
  if (u32be(bytes, IHDR_OFFSET) !== IHDR_DATA_LENGTH || !chunkTypeIs(bytes, IHDR_OFFSET + 4, 'IHDR')) {
    throw pngError('corrupt', 'first chunk is not a valid IHDR');
  }
  const widthPx = u32be(bytes, IHDR_OFFSET + 8);
  const heightPx = u32be(bytes, IHDR_OFFSET + 12);
  if (widthPx === 0 || heightPx === 0 || widthPx > MAX_CHUNK_LENGTH || heightPx > MAX_CHUNK_LENGTH) {
    throw pngError('corrupt', 'IHDR has an impossible size');
  }
  return { widthPx, heightPx, orientation: readPngOrientation(bytes) };
}

/**
 * Throws unless every chunk fits in the file, IHDR's CRC holds, IDAT appears and IEND is reached.
 * Only IHDR's CRC is checked: it is cheap and catches a damaged header; browsers tolerate the rest.
 * Bytes after IEND are ignored, as decoders do.
 */
export function checkPngComplete(bytes: Uint8Array): void {
  readPngHeader(bytes);
  const ihdrCrcAt = IHDR_OFFSET + 8 + IHDR_DATA_LENGTH;
  if (ihdrCrcAt + 4 > bytes.length) throw pngError('truncated', 'file ends inside IHDR');
  if (crc32(bytes, IHDR_OFFSET + 4, ihdrCrcAt) !== u32be(bytes, ihdrCrcAt)) {
    throw pngError('corrupt', 'IHDR checksum mismatch');
  }

  let pos = ihdrCrcAt + 4;
  let sawImageData = false;
  for (;;) {
    if (pos + 8 > bytes.length) throw pngError('truncated', 'file ends before IEND');
    const length = u32be(bytes, pos);
    if (length > MAX_CHUNK_LENGTH || !isChunkType(bytes, pos + 4)) {
      throw pngError('corrupt', `unreadable chunk at byte ${pos}`);
    }
    const next = pos + CHUNK_OVERHEAD + length;
    if (next > bytes.length) throw pngError('truncated', 'file ends inside a chunk');
    if (chunkTypeIs(bytes, pos + 4, 'IDAT')) sawImageData = true;
    if (chunkTypeIs(bytes, pos + 4, 'IEND')) {
      if (!sawImageData) throw pngError('corrupt', 'no image data before IEND');
      return;
    }
    pos = next;
  }
}
