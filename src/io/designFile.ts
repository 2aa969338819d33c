/**
 * The design file: "Save design" writes one `.smpdesign` file and "Open design" reads it back.
 * Pure (Uint8Array in and out, no DOM); async only because SHA-256 comes from `crypto.subtle`.
 *
 * Why a zip: a design belongs with its photos, and a clinic keeps, mails and backs up one file per
 * client. A zip holds the JSON and the photos' original bytes side by side (no base64, which would
 * add a third to the size), stores the already-compressed photos as they are while deflating the
 * JSON, gives every part a CRC, and any zip tool can open it to inspect the design or recover a photo.
 *
 * Inside (written in this order):
 * - `manifest.json`: what the file is (DesignFileManifest), read first;
 * - `design.json`: the design document, any version `readDesignDocument` migrates;
 * - `photo-1.jpg`, `photo-2.png`…: each view's photo, byte for byte as the user chose it, numbered
 *   in the order of the views; none for a view on the built-in demo scalp, which the app
 *   regenerates. Files of format version 1 hold one view and name its photo `photo.jpg` (or .png, .webp);
 * - `extra.json`: optional state the caller saves beside the design (opaque to this module).
 *
 * This module holds the format: names, types, limits, the error and the checks both sides share.
 * Saving is in saveDesignFile.ts and opening in openDesignFile.ts.
 */
import { MAX_VIEWS, type DesignDocument, type PhotoRef } from '../core/document/types.ts';
import { DEFAULT_PHOTO_LIMITS, sniffImageType, uprightSize, validatePhotoBytes, type DecodableImageType, type ImageType } from './photoBytes.ts';
import { isPhotoImportError, type PhotoImportError } from './photoErrors.ts';
import { BYTES_PER_MB } from '../core/format.ts';

/** The file extension "Save design" uses and "Open design" offers. */
export const DESIGN_FILE_EXTENSION = '.smpdesign';

/** The manifest's `format`: what tells a design file from any other zip. */
export const DESIGN_FILE_FORMAT = 'smp-hairline-studio-design';

/** The container layout this code writes; files with a higher number are refused as too new. */
export const DESIGN_FILE_FORMAT_VERSION = 2;

/** The manifest's `app`, for people who open the zip by hand. */
export const DESIGN_FILE_APP = 'SMP Hairline Studio';

/** Photo types a design file holds (the ones Upload photo accepts). */
export type PhotoMime = 'image/jpeg' | 'image/png' | 'image/webp';

/** Name of a photo inside the zip: `photo-N.ext` for view N (format 2), or `photo.ext` (format 1). */
export type PhotoEntryName = string;

/** A photo's original bytes and its type. */
export interface DesignPhoto {
  readonly bytes: Uint8Array;
  readonly mime: PhotoMime;
}

/** What "Save design" hands over. */
export interface DesignFileInput {
  readonly design: DesignDocument;
  /** Each view's photo's original bytes, in the order of the views; null for a view on the demo scalp. */
  readonly photos: readonly (DesignPhoto | null)[];
  readonly client?: { readonly name: string } | null;
  /** Any JSON-able state to keep beside the design (written as extra.json when not undefined). */
  readonly extra?: unknown;
  readonly savedAt: Date;
}

/** What "Open design" gets back: everything validated. */
export interface UnpackedDesignFile {
  /** The design, validated and migrated to the current version by `readDesignDocument`. */
  readonly design: DesignDocument;
  /** Each view's photo as saved (its hash, type and size checked), in the order of the views; null for a view on the demo scalp. */
  readonly photos: readonly (DesignPhoto | null)[];
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
  /** Each view's photo, in the order of the views (format 2; format 1 had one, as `photo`). */
  readonly photos: readonly ManifestPhoto[];
  readonly client?: { readonly name: string };
}

/** Caps applied while opening, before anything is inflated. */
export interface DesignFileLimits {
  /** Largest design file, bytes. */
  readonly maxFileBytes: number;
  /** Largest photo inside it, bytes (the same cap as Upload photo, for each view's photo). */
  readonly maxPhotoBytes: number;
  /** Largest manifest.json, design.json or extra.json once inflated, bytes. */
  readonly maxJsonBytes: number;
  /** Most parts in the zip (a design file has four at most). */
  readonly maxEntries: number;
}



/**
 * 64 MiB per photo (as Upload photo), one photo per view, 16 MiB per JSON part (a design with a
 * hundred thousand brush points is under 8 MiB), and a file no larger than MAX_VIEWS photos and
 * one JSON part: an opened file never unpacks to more than MAX_VIEWS × 64 + 3 × 16 MiB.
 */
export const DEFAULT_DESIGN_FILE_LIMITS: DesignFileLimits = Object.freeze({
  maxFileBytes: (MAX_VIEWS * 64 + 16) * BYTES_PER_MB,
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

/** The name of view `index`'s photo (0-based) in a file of this format: photo-1.jpg, photo-2.png… */
export function photoEntryName(index: number, format: PhotoFormat): PhotoEntryName {
  return format.file.replace('photo.', `photo-${index + 1}.`);
}

/** The format of a photo part's name, and which view it belongs to (null for format 1's single photo). */
export function photoPartOf(name: string): { readonly format: PhotoFormat; readonly view: number | null } | undefined {
  const m = /^photo(?:-([1-9]))?(\.(?:jpg|png|webp))$/.exec(name);
  if (!m) return undefined;
  const view = m[1] === undefined ? null : Number(m[1]) - 1;
  if (view !== null && view >= MAX_VIEWS) return undefined;
  const format = PHOTO_FORMATS.find((f) => f.file === `photo${m[2]}`);
  return format && { format, view };
}

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
  return photoPartOf(name) !== undefined;
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

/** The one photo check, for saving and for opening: null when the bytes are the photo `ref` describes. */
export function photoProblem(photo: Uint8Array, format: PhotoFormat, ref: PhotoRef, maxBytes: number): PhotoProblem | null {
  const actual = sniffImageType(photo);
  if (actual !== format.type) return { kind: 'type', actual };
  let upright: { readonly widthPx: number; readonly heightPx: number };
  try {
    upright = uprightSize(validatePhotoBytes(photo, { ...DEFAULT_PHOTO_LIMITS, maxBytes }));
  } catch (e) {
    if (isPhotoImportError(e)) return { kind: 'unusable', error: e };
    throw e;
  }
  if (upright.widthPx !== ref.widthPx || upright.heightPx !== ref.heightPx) return { kind: 'size', ...upright };
  return null;
}
