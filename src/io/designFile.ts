/**
 * The design file: "Save design" writes one `.smpdesign` file and "Open design" reads it back.
 * Pure (Uint8Array in and out, no DOM); async only because SHA-256 comes from `crypto.subtle`.
 *
 * Why a zip: a design belongs with its photo, and a clinic keeps, mails and backs up one file per
 * client. A zip holds the JSON and the photo's original bytes side by side (no base64, which would
 * add a third to the size), stores the already-compressed photo as it is while deflating the JSON,
 * gives every part a CRC, and any zip tool can open it to inspect the design or recover the photo.
 *
 * Inside (written in this order):
 * - `manifest.json`: what the file is (DesignFileManifest), read first;
 * - `design.json`: the design document, any version `readDesign` migrates;
 * - `photo.jpg` | `photo.png` | `photo.webp`: the user's photo, byte for byte as they chose it;
 *   absent for the built-in demo scalp, which the app regenerates from the design's seed;
 * - `extra.json`: optional state the caller saves beside the design (opaque to this module).
 *
 * This module holds the format: names, types, limits, the error and the checks both sides share.
 * Saving is in saveDesignFile.ts and opening in openDesignFile.ts.
 */
import type { Design } from '../core/document/types.ts';
import { DEFAULT_PHOTO_LIMITS, sniffImageType, uprightSize, validatePhotoBytes, type DecodableImageType, type ImageType } from './photoBytes.ts';
import { isPhotoImportError, type PhotoImportError } from './photoErrors.ts';
import { BYTES_PER_MB } from '../core/format.ts';

/** The file extension "Save design" uses and "Open design" offers. */
export const DESIGN_FILE_EXTENSION = '.smpdesign';

/** The manifest's `format`: what tells a design file from any other zip. */
export const DESIGN_FILE_FORMAT = 'smp-hairline-studio-design';

/** The container layout this code writes; files with a higher number are refused as too new. */
export const DESIGN_FILE_FORMAT_VERSION = 1;

/** The manifest's `app`, for people who open the zip by hand. */
export const DESIGN_FILE_APP = 'SMP Hairline Studio';

/** Photo types a design file holds (the ones Upload photo accepts). */
export type PhotoMime = 'image/jpeg' | 'image/png' | 'image/webp';

/** Name of the photo inside the zip, from its type. */
export type PhotoEntryName = 'photo.jpg' | 'photo.png' | 'photo.webp';

/** A photo's original bytes and its type. */
export interface DesignPhoto {
  readonly bytes: Uint8Array;
  readonly mime: PhotoMime;
}

/** What "Save design" hands over. */
export interface DesignFileInput {
  readonly design: Design;
  /** The photo's original bytes for a design on a user photo; null for the demo scalp. */
  readonly photo: DesignPhoto | null;
  readonly client?: { readonly name: string } | null;
  /** Any JSON-able state to keep beside the design (written as extra.json when not undefined). */
  readonly extra?: unknown;
  readonly savedAt: Date;
}

/** What "Open design" gets back: everything validated. */
export interface UnpackedDesignFile {
  /** The design, validated and migrated to the current version by `readDesign`. */
  readonly design: Design;
  /** The photo as saved (its hash, type and size checked), or null for the demo scalp. */
  readonly photo: DesignPhoto | null;
  readonly client: { readonly name: string } | null;
  /** extra.json as parsed, unchecked; undefined when the file has none. */
  readonly extra: unknown;
  /** When the design was saved (ISO 8601), or null when the manifest does not say. */
  readonly savedAt: string | null;
}

/** The manifest's photo block; `file` is null (and the rest empty) for the demo scalp. */
export interface ManifestPhoto {
  readonly file: PhotoEntryName | null;
  readonly mime: PhotoMime | null;
  /** Length of the photo file in bytes (0 without one). */
  readonly bytes: number;
  /** SHA-256 of the photo file, lowercase hex, or null without one. */
  readonly sha256: string | null;
}

/** manifest.json. */
export interface DesignFileManifest {
  readonly format: typeof DESIGN_FILE_FORMAT;
  readonly formatVersion: number;
  /** `version` of design.json, so a too-new design is refused before it is read. */
  readonly documentVersion: number;
  /** ISO 8601. */
  readonly savedAt: string;
  readonly app: string;
  readonly photo: ManifestPhoto;
  readonly client?: { readonly name: string };
}

/** Caps applied while opening, before anything is inflated. */
export interface DesignFileLimits {
  /** Largest design file, bytes. */
  readonly maxFileBytes: number;
  /** Largest photo inside it, bytes (the same cap as Upload photo). */
  readonly maxPhotoBytes: number;
  /** Largest manifest.json, design.json or extra.json once inflated, bytes. */
  readonly maxJsonBytes: number;
  /** Most parts in the zip (a design file has four at most). */
  readonly maxEntries: number;
}



/**
 * 120 MiB per file, 64 MiB per photo, 16 MiB per JSON part (a design with a hundred thousand brush
 * points is under 8 MiB): an opened file never unpacks to more than 64 + 3 × 16 MiB.
 */
export const DEFAULT_DESIGN_FILE_LIMITS: DesignFileLimits = Object.freeze({
  maxFileBytes: 120 * BYTES_PER_MB,
  maxPhotoBytes: DEFAULT_PHOTO_LIMITS.maxBytes,
  maxJsonBytes: 16 * BYTES_PER_MB,
  maxEntries: 64,
});

/** A design file that cannot be saved or opened; `reason` is a plain sentence for the user. */
export class DesignFileError extends Error {
  override readonly name = 'DesignFileError';
  constructor(
    readonly reason: string,
    options?: ErrorOptions,
  ) {
    super(reason, options);
  }
}

// ------------------------------------------------------------------------------------------------
// Names and formats

export const MANIFEST = 'manifest.json';
export const DESIGN = 'design.json';
export const EXTRA = 'extra.json';

export interface PhotoFormat {
  readonly mime: PhotoMime;
  readonly file: PhotoEntryName;
  readonly type: DecodableImageType;
  /** What users call it. */
  readonly label: string;
}

export const PHOTO_FORMATS: readonly PhotoFormat[] = [
  { mime: 'image/jpeg', file: 'photo.jpg', type: 'jpeg', label: 'JPEG' },
  { mime: 'image/png', file: 'photo.png', type: 'png', label: 'PNG' },
  { mime: 'image/webp', file: 'photo.webp', type: 'webp', label: 'WebP' },
];

/** Names users know for image types, for "this is a … not a design file". */
export const IMAGE_LABELS: Readonly<Record<Exclude<ImageType, 'unknown'>, string>> = {
  jpeg: 'JPEG photo',
  png: 'PNG image',
  webp: 'WebP image',
  heic: 'HEIC photo',
  avif: 'AVIF image',
  gif: 'GIF image',
  bmp: 'BMP image',
  tiff: 'TIFF image',
};

export function formatOfMime(mime: unknown): PhotoFormat | undefined {
  return PHOTO_FORMATS.find((f) => f.mime === mime);
}

export function formatOfType(type: ImageType): PhotoFormat | undefined {
  return PHOTO_FORMATS.find((f) => f.type === type);
}

export function isPhotoPart(name: string): boolean {
  return PHOTO_FORMATS.some((f) => f.file === name);
}

/** Whether this code reads a part of that name. */
export function isKnownPart(name: string): boolean {
  return name === MANIFEST || name === DESIGN || name === EXTRA || isPhotoPart(name);
}

export function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

export async function sha256Hex(bytes: Uint8Array): Promise<string> {
  const view = bytes.buffer instanceof ArrayBuffer ? (bytes as Uint8Array<ArrayBuffer>) : new Uint8Array(bytes);
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', view));
  return Array.from(digest, (b) => b.toString(16).padStart(2, '0')).join('');
}

/** What is wrong with a photo's bytes for a design: another type than said, unusable, or not the design's upright size. */
export type PhotoProblem =
  | { readonly kind: 'type'; readonly actual: ImageType }
  | { readonly kind: 'unusable'; readonly error: PhotoImportError }
  | { readonly kind: 'size'; readonly widthPx: number; readonly heightPx: number };

/** The one photo check, for saving and for opening: null when the bytes are the design's photo. */
export function photoProblem(photo: Uint8Array, format: PhotoFormat, design: Design, maxBytes: number): PhotoProblem | null {
  const actual = sniffImageType(photo);
  if (actual !== format.type) return { kind: 'type', actual };
  let upright: { readonly widthPx: number; readonly heightPx: number };
  try {
    upright = uprightSize(validatePhotoBytes(photo, { ...DEFAULT_PHOTO_LIMITS, maxBytes }));
  } catch (e) {
    if (isPhotoImportError(e)) return { kind: 'unusable', error: e };
    throw e;
  }
  if (upright.widthPx !== design.photo.widthPx || upright.heightPx !== design.photo.heightPx) return { kind: 'size', ...upright };
  return null;
}
