/**
 * The byte-level half of the one guarded door for photos (docs/architecture.md): what a file really is
 * (magic bytes, never its name), how big it claims to be, and whether it is whole, all before a
 * single pixel is decoded. Pure: no DOM, runs in Node, workers and the browser alike.
 */

import { MAX_PHOTO_PIXELS } from '../core/document/limits.ts';
import { ascii, startsWithAt, u32be, u32le } from './byteReader.ts';
import type { ExifOrientation } from './exifOrientation.ts';
import { checkJpegComplete, readJpegHeader } from './jpegBytes.ts';
import { PhotoImportError } from './photoErrors.ts';
import { PNG_SIGNATURE, checkPngComplete, readPngHeader } from './pngBytes.ts';
import { checkWebpComplete, readWebpHeader } from './webpBytes.ts';

export type { ExifOrientation } from './exifOrientation.ts';

/** What the first bytes say a file is. */
export type ImageType = 'jpeg' | 'png' | 'webp' | 'heic' | 'avif' | 'gif' | 'bmp' | 'tiff' | 'unknown';

/** The formats this tool opens; every other recognised image is refused as unsupported. */
export type DecodableImageType = 'jpeg' | 'png' | 'webp';

/** Size and orientation read from a photo's header, before any decoding. */
export interface ImageHeader {
  /** Format from the magic bytes. */
  readonly type: DecodableImageType;
  /** Width as stored in the file, before EXIF orientation is applied. */
  readonly widthPx: number;
  /** Height as stored in the file, before EXIF orientation is applied. */
  readonly heightPx: number;
  /** EXIF orientation (1 = upright; 5–8 swap width and height when shown). */
  readonly orientation: ExifOrientation;
}

/** Caps applied before decoding, so a huge photo is refused with its size instead of crashing the tab. */
export interface PhotoLimits {
  /** Largest file accepted, in bytes. */
  readonly maxBytes: number;
  /** Largest width × height accepted, in pixels. */
  readonly maxPixels: number;
}

/** 64 MiB and 48.5 MP: an 8000 × 6000 (48 MP) phone photo opens, a 50 MP one is refused. */
export const DEFAULT_PHOTO_LIMITS: PhotoLimits = Object.freeze({
  maxBytes: 64 * 1024 * 1024,
  maxPixels: MAX_PHOTO_PIXELS,
});

const HEIC_BRANDS = new Set(['heic', 'heix', 'heim', 'heis', 'hevc', 'hevx', 'hevm', 'hevs']);
const AVIF_BRANDS = new Set(['avif', 'avis']);
/** Generic HEIF/MIAF brands: an image container whose codec the other brands did not name. */
const HEIF_BRANDS = new Set(['mif1', 'msf1', 'mif2', 'miaf']);
/** BITMAPCOREHEADER, OS/2 and BITMAPINFOHEADER v1–v5 sizes; "BM" alone is too weak a signature. */
const BMP_DIB_HEADER_SIZES = new Set([12, 16, 40, 52, 56, 64, 108, 124]);

/** Classifies an ISO-BMFF `ftyp` box by its major brand first, then its compatible brands. */
function sniffIsoBmff(bytes: Uint8Array): ImageType {
  const boxSize = u32be(bytes, 0);
  const end = boxSize >= 16 ? Math.min(boxSize, bytes.length) : Math.min(16, bytes.length);
  const major = ascii(bytes, 8, 4);
  const brands = [major];
  for (let at = 16; at + 4 <= end; at += 4) brands.push(ascii(bytes, at, 4));
  if (AVIF_BRANDS.has(major)) return 'avif';
  if (HEIC_BRANDS.has(major)) return 'heic';
  if (brands.some((b) => AVIF_BRANDS.has(b))) return 'avif';
  if (brands.some((b) => HEIC_BRANDS.has(b) || HEIF_BRANDS.has(b))) return 'heic';
  return 'unknown'; // e.g. an MP4 video or a Canon CR3 raw file
}

/** What the file is, from its magic bytes only: a photo named .jpg may be a PNG, a HEIC or a text file. */
export function sniffImageType(bytes: Uint8Array): ImageType {
  if (startsWithAt(bytes, 0, [0xff, 0xd8, 0xff])) return 'jpeg';
  if (startsWithAt(bytes, 0, PNG_SIGNATURE)) return 'png';
  if (ascii(bytes, 0, 4) === 'RIFF' && ascii(bytes, 8, 4) === 'WEBP') return 'webp';
  if (ascii(bytes, 4, 4) === 'ftyp' && bytes.length >= 12) return sniffIsoBmff(bytes);
  const six = ascii(bytes, 0, 6);
  if (six === 'GIF87a' || six === 'GIF89a') return 'gif';
  const four = ascii(bytes, 0, 4);
  if (four === 'II*\0' || four === 'MM\0*' || four === 'II+\0' || four === 'MM\0+') return 'tiff';
  if (ascii(bytes, 0, 2) === 'BM' && bytes.length >= 18 && BMP_DIB_HEADER_SIZES.has(u32le(bytes, 14))) return 'bmp';
  return 'unknown';
}

function isDecodable(type: ImageType): type is DecodableImageType {
  return type === 'jpeg' || type === 'png' || type === 'webp';
}

/** Throws the right refusal for a type we do not read. */
function refuseType(type: Exclude<ImageType, DecodableImageType>): never {
  if (type === 'unknown') throw new PhotoImportError('not-an-image');
  throw new PhotoImportError('unsupported-format', { format: type });
}

/**
 * Size and orientation from the header alone, so limits are enforced before decoding. Works on a
 * prefix of the file, as long as the prefix reaches the frame header (JPEG) or first chunk.
 */
export function readImageHeader(bytes: Uint8Array): ImageHeader {
  const type = sniffImageType(bytes);
  switch (type) {
    case 'jpeg':
      return { type, ...readJpegHeader(bytes) };
    case 'png':
      return { type, ...readPngHeader(bytes) };
    case 'webp':
      return { type, ...readWebpHeader(bytes) };
    default:
      return refuseType(type);
  }
}

/** The size the photo has once shown upright: orientations 5–8 turn it a quarter, swapping the sides. */
export function uprightSize(header: ImageHeader): { readonly widthPx: number; readonly heightPx: number } {
  return header.orientation >= 5
    ? { widthPx: header.heightPx, heightPx: header.widthPx }
    : { widthPx: header.widthPx, heightPx: header.heightPx };
}

/**
 * Throws 'truncated' or 'corrupt' unless the file is structurally whole. Needed because browsers
 * decode a cut-off JPEG without error, painting the missing part grey.
 */
export function checkComplete(bytes: Uint8Array, type: DecodableImageType): void {
  switch (type) {
    case 'jpeg':
      return checkJpegComplete(bytes);
    case 'png':
      return checkPngComplete(bytes);
    case 'webp':
      return checkWebpComplete(bytes);
  }
}

/**
 * Every byte-level check in order (empty, too many bytes, sniff, unsupported, header, truncated,
 * too many pixels); returns the header of a photo that may be decoded, else throws PhotoImportError.
 */
export function validatePhotoBytes(bytes: Uint8Array, limits: PhotoLimits = DEFAULT_PHOTO_LIMITS): ImageHeader {
  if (bytes.length === 0) throw new PhotoImportError('empty', { bytes: 0 });
  if (bytes.length > limits.maxBytes) {
    throw new PhotoImportError('too-many-bytes', { bytes: bytes.length, maxBytes: limits.maxBytes });
  }
  const type = sniffImageType(bytes);
  if (!isDecodable(type)) return refuseType(type);
  const header = readImageHeader(bytes);
  checkComplete(bytes, type);
  const pixels = header.widthPx * header.heightPx;
  if (pixels > limits.maxPixels) {
    throw new PhotoImportError('too-many-pixels', {
      widthPx: header.widthPx,
      heightPx: header.heightPx,
      pixels,
      maxPixels: limits.maxPixels,
    });
  }
  return header;
}
