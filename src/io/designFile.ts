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
 * Opening trusts nothing. The zip directory is read and checked here rather than through fflate's
 * `unzipSync`: its `filter` sees each part's declared size, but a crafted file may declare a small
 * size and still inflate to gigabytes (fflate keeps decoding into the fixed buffer without
 * stopping, and never checks CRCs). Here every part's declared size is checked against a cap
 * before anything is inflated, inflating stops as soon as the output passes the declared size, and
 * every part's CRC is verified. fflate still does the compression itself (zipSync and Inflate).
 */
import { strToU8, zipSync, type Zippable } from 'fflate';
import type { Design } from '../core/document/types.ts';
import { DOCUMENT_VERSION } from '../core/document/types.ts';
import { DesignFormatError, readDesign } from '../core/document/validate.ts';
import { ascii } from './byteReader.ts';
import { DEFAULT_PHOTO_LIMITS, sniffImageType, uprightSize, validatePhotoBytes, type DecodableImageType, type ImageType } from './photoBytes.ts';
import { describePhotoError, isPhotoImportError, type PhotoImportError } from './photoErrors.ts';
import { extractEntry, looksLikeZip, readZipDirectory, ZipError, type ZipEntry } from './zip.ts';
import { BYTES_PER_MB, limitMegabytes, megabytes } from '../core/format.ts';

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

const MANIFEST = 'manifest.json';
const DESIGN = 'design.json';
const EXTRA = 'extra.json';

interface PhotoFormat {
  readonly mime: PhotoMime;
  readonly file: PhotoEntryName;
  readonly type: DecodableImageType;
  /** What users call it. */
  readonly label: string;
}

const PHOTO_FORMATS: readonly PhotoFormat[] = [
  { mime: 'image/jpeg', file: 'photo.jpg', type: 'jpeg', label: 'JPEG' },
  { mime: 'image/png', file: 'photo.png', type: 'png', label: 'PNG' },
  { mime: 'image/webp', file: 'photo.webp', type: 'webp', label: 'WebP' },
];

/** Names users know for image types, for "this is a … not a design file". */
const IMAGE_LABELS: Readonly<Record<Exclude<ImageType, 'unknown'>, string>> = {
  jpeg: 'JPEG photo',
  png: 'PNG image',
  webp: 'WebP image',
  heic: 'HEIC photo',
  avif: 'AVIF image',
  gif: 'GIF image',
  bmp: 'BMP image',
  tiff: 'TIFF image',
};

function formatOfMime(mime: unknown): PhotoFormat | undefined {
  return PHOTO_FORMATS.find((f) => f.mime === mime);
}

function formatOfType(type: ImageType): PhotoFormat | undefined {
  return PHOTO_FORMATS.find((f) => f.type === type);
}

function isPhotoPart(name: string): boolean {
  return PHOTO_FORMATS.some((f) => f.file === name);
}

/** Whether this code reads a part of that name. */
function isKnownPart(name: string): boolean {
  return name === MANIFEST || name === DESIGN || name === EXTRA || isPhotoPart(name);
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

async function sha256Hex(bytes: Uint8Array): Promise<string> {
  const view = bytes.buffer instanceof ArrayBuffer ? (bytes as Uint8Array<ArrayBuffer>) : new Uint8Array(bytes);
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', view));
  return Array.from(digest, (b) => b.toString(16).padStart(2, '0')).join('');
}

// ------------------------------------------------------------------------------------------------
// Saving

/**
 * The photo's digest, computed once per photo: a design is packed again and again for the autosave
 * with the same photo bytes, and without the wait for the digest a save started as the page is
 * closed gets its bytes to the library at once.
 */
const photoDigests = new WeakMap<Uint8Array, Promise<string>>();
function photoDigest(bytes: Uint8Array): Promise<string> {
  let digest = photoDigests.get(bytes);
  if (!digest) {
    digest = sha256Hex(bytes);
    photoDigests.set(bytes, digest);
    digest.catch(() => photoDigests.delete(bytes));
  }
  return digest;
}

/** Deflate level for the JSON parts; the photo is stored (level 0): it is compressed already. */
const JSON_LEVEL = 6;

/** Zip timestamps (MS-DOS) run from 1980; a date outside 1980–2099 is written as 1 Jan 1980. */
function zipTime(date: Date): Date {
  const year = date.getFullYear();
  return year >= 1980 && year <= 2099 ? date : new Date(1980, 0, 1);
}

function cannotSave(why: string): never {
  throw new DesignFileError(`This design cannot be saved: ${why}.`);
}

/** Refuses a save time or a design that could not be read back. */
function checkSavableDesign(designJson: string, savedAt: Date): void {
  if (Number.isNaN(savedAt.getTime())) cannotSave('the save time is not a valid date');
  try {
    readDesign(JSON.parse(designJson));
  } catch (e) {
    if (e instanceof DesignFormatError) cannotSave(`the design is not valid (${e.reason})`);
    throw e;
  }
}

/**
 * Refuses a photo that opening would refuse: present exactly when the design is on a user photo,
 * of the type it is said to be, whole and within the photo limits, and of the design's upright size.
 */
function checkSavablePhoto(design: Design, photo: DesignPhoto | null): void {
  if (design.photo.kind === 'demo') {
    if (photo !== null) cannotSave('the design is on the demo scalp but a photo was given');
    return;
  }
  if (photo === null) cannotSave('its photo is missing');
  const format = formatOfMime(photo.mime);
  if (format === undefined) cannotSave('its photo is not a JPEG, PNG or WebP image');
  const problem = photoProblem(photo.bytes, format, design, DEFAULT_DESIGN_FILE_LIMITS.maxPhotoBytes);
  if (problem?.kind === 'type') cannotSave(`its photo is not the ${format.label} image it is said to be`);
  if (problem?.kind === 'unusable') cannotSave(`its photo cannot be used (${describePhotoError(problem.error)})`);
  if (problem?.kind === 'size') cannotSave(`its photo is ${problem.widthPx} × ${problem.heightPx} pixels but the design was drawn on ${design.photo.widthPx} × ${design.photo.heightPx}`);
}

/** What is wrong with a photo's bytes for a design: another type than said, unusable, or not the design's upright size. */
type PhotoProblem =
  | { readonly kind: 'type'; readonly actual: ImageType }
  | { readonly kind: 'unusable'; readonly error: PhotoImportError }
  | { readonly kind: 'size'; readonly widthPx: number; readonly heightPx: number };

/** The one photo check, for saving and for opening: null when the bytes are the design's photo. */
function photoProblem(photo: Uint8Array, format: PhotoFormat, design: Design, maxBytes: number): PhotoProblem | null {
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

/** extra.json's text, or undefined when there is no extra; refuses what JSON cannot hold. */
function extraToJson(extra: unknown): string | undefined {
  if (extra === undefined) return undefined;
  let json: string | undefined;
  try {
    json = JSON.stringify(extra);
  } catch {
    json = undefined; // a cycle or a BigInt
  }
  return json ?? cannotSave('its extra data cannot be written as JSON');
}

/** The manifest for a save. */
async function manifestFor(input: DesignFileInput): Promise<DesignFileManifest> {
  const format = input.photo && formatOfMime(input.photo.mime);
  const photo: ManifestPhoto =
    input.photo && format
      ? { file: format.file, mime: format.mime, bytes: input.photo.bytes.length, sha256: await photoDigest(input.photo.bytes) }
      : { file: null, mime: null, bytes: 0, sha256: null };
  return {
    format: DESIGN_FILE_FORMAT,
    formatVersion: DESIGN_FILE_FORMAT_VERSION,
    documentVersion: input.design.version,
    savedAt: input.savedAt.toISOString(),
    app: DESIGN_FILE_APP,
    photo,
    ...(input.client ? { client: { name: input.client.name } } : {}),
  };
}

/**
 * Packs a design, its photo's original bytes and optional extra state into a `.smpdesign` file.
 * The same input gives the same bytes (in one time zone: zip times are local). Throws
 * DesignFileError rather than write a file "Open design" would refuse: design invalid, photo
 * missing, given for the demo, or not matching its type or the design's size, extra not JSON-able.
 */
export async function packDesignFile(input: DesignFileInput): Promise<Uint8Array> {
  const designJson = JSON.stringify(input.design);
  checkSavableDesign(designJson, input.savedAt);
  checkSavablePhoto(input.design, input.photo);
  const extraJson = extraToJson(input.extra);
  const manifest = await manifestFor(input);
  const files: Zippable = {
    [MANIFEST]: [strToU8(JSON.stringify(manifest, null, 2)), { level: JSON_LEVEL }],
    [DESIGN]: [strToU8(designJson), { level: JSON_LEVEL }],
  };
  if (input.photo && manifest.photo.file) files[manifest.photo.file] = [input.photo.bytes, { level: 0 }];
  if (extraJson !== undefined) files[EXTRA] = [strToU8(extraJson), { level: JSON_LEVEL }];
  return zipSync(files, { mtime: zipTime(input.savedAt) });
}

// ------------------------------------------------------------------------------------------------
// Opening: the container

const INCOMPLETE =
  'This design file is incomplete: it stops part-way through, which usually means a copy or download was interrupted. Please copy the file again and retry.';
const DAMAGED = 'This design file is damaged and cannot be opened. Please try another copy of it.';

function damaged(cause?: unknown): DesignFileError {
  return new DesignFileError(DAMAGED, cause === undefined ? undefined : { cause });
}

/** The sentence for a file that is not a zip: what it looks like, when that is easy to tell. */
function notADesignFile(bytes: Uint8Array): string {
  const type = sniffImageType(bytes);
  if (formatOfType(type)) return `This is a ${IMAGE_LABELS[type as DecodableImageType]}, not a design file. To start a new design on it, use Upload photo.`;
  if (type !== 'unknown') return `This is a ${IMAGE_LABELS[type]}, not a design file.`;
  if (ascii(bytes, 0, 5) === '%PDF-') return 'This is a PDF document, not a design file.';
  return `This file is not a design file. Design files end in ${DESIGN_FILE_EXTENSION} and are made with Save design.`;
}

/** Empty, too large, not a zip: the checks made before the zip is read. */
function checkContainer(bytes: Uint8Array, limits: DesignFileLimits): void {
  if (bytes.length === 0) throw new DesignFileError('This file is empty, so there is no design in it. Please choose the file again.');
  if (bytes.length > limits.maxFileBytes) {
    const size = `This file is ${megabytes(bytes.length)} MB; design files are at most ${limitMegabytes(limits.maxFileBytes)} MB`;
    throw new DesignFileError(`${size}, so it is not a design file this app made.`);
  }
  if (!looksLikeZip(bytes)) throw new DesignFileError(notADesignFile(bytes));
}

/** A zip-level failure as the sentence for the user. */
function fromZip(error: unknown): unknown {
  if (!(error instanceof ZipError)) return error;
  if (error.kind === 'incomplete') return new DesignFileError(INCOMPLETE, { cause: error });
  if (error.kind === 'encrypted') return new DesignFileError('This design file is password-protected, and design files never are. It cannot be opened.', { cause: error });
  return damaged(error);
}

/** The zip's directory (io/zip.ts), refusing a file of more parts than a design file has. */
function readDirectory(bytes: Uint8Array, limits: DesignFileLimits): ReadonlyMap<string, ZipEntry> {
  try {
    return readZipDirectory(bytes, limits.maxEntries);
  } catch (error) {
    if (error instanceof ZipError && error.kind === 'too-many-parts') {
      throw new DesignFileError(`This file holds ${error.count} parts; a design file holds at most ${limits.maxEntries}, so it is not a design file.`, { cause: error });
    }
    throw fromZip(error);
  }
}

/** A part's bytes, length and CRC checked (io/zip.ts). */
function extract(bytes: Uint8Array, entry: ZipEntry): Uint8Array {
  try {
    return extractEntry(bytes, entry);
  } catch (error) {
    throw fromZip(error);
  }
}

/**
 * The zip-bomb guard: every part this code reads must declare a size under its cap and use a
 * compression it knows. Runs before anything is inflated; other parts are never inflated (and are
 * refused once the manifest shows the file is a design file).
 */
function checkEntries(entries: ReadonlyMap<string, ZipEntry>, limits: DesignFileLimits): void {
  for (const entry of entries.values()) {
    if (!isKnownPart(entry.name)) continue;
    const cap = isPhotoPart(entry.name) ? limits.maxPhotoBytes : limits.maxJsonBytes;
    if (entry.originalSize > cap) {
      throw new DesignFileError(
        `This design file's ${entry.name} would unpack to ${megabytes(entry.originalSize)} MB, more than the ${limitMegabytes(cap)} MB it may hold, so it was not opened.`,
      );
    }
    if (entry.method !== 0 && entry.method !== 8) throw new DesignFileError('This design file uses a kind of compression this app cannot read.');
    if (entry.method === 0 && entry.compressedSize !== entry.originalSize) throw damaged();
  }
}

const JSON_TEXT = new TextDecoder('utf-8', { fatal: true });

/** A part parsed as UTF-8 JSON, or undefined when it is not JSON. */
function parseJson(data: Uint8Array): { readonly value: unknown } | undefined {
  try {
    return { value: JSON.parse(JSON_TEXT.decode(data)) as unknown };
  } catch {
    return undefined;
  }
}

// ------------------------------------------------------------------------------------------------
// Opening: the parts

const NOT_OURS = 'This zip file is not a design file from SMP Hairline Studio.';
const BAD_MANIFEST = "This design file's manifest is damaged, so the file cannot be opened.";
const NEWER = 'This design was saved by a newer version of the app; please update the app to open it.';
const SHA256_HEX = /^[0-9a-f]{64}$/;

function isCount(v: unknown): v is number {
  return typeof v === 'number' && Number.isSafeInteger(v) && v >= 0;
}

/** The manifest's photo block, or undefined when it is not one. */
function readManifestPhoto(v: unknown): ManifestPhoto | undefined {
  if (!isRecord(v)) return undefined;
  if (v.file === null) return { file: null, mime: null, bytes: 0, sha256: null };
  const format = PHOTO_FORMATS.find((f) => f.file === v.file);
  if (format === undefined || v.mime !== format.mime || !isCount(v.bytes) || typeof v.sha256 !== 'string' || !SHA256_HEX.test(v.sha256)) return undefined;
  return { file: format.file, mime: format.mime, bytes: v.bytes, sha256: v.sha256 };
}

/** What opening needs from the manifest. */
interface OpenedManifest {
  readonly photo: ManifestPhoto;
  readonly client: { readonly name: string } | null;
  readonly savedAt: string | null;
}

/**
 * manifest.json: present, JSON, our format, a format and document version this app reads, and a
 * photo block. `savedAt` and `client` are informational: a value of the wrong kind reads as absent.
 */
function readManifest(bytes: Uint8Array, entries: ReadonlyMap<string, ZipEntry>): OpenedManifest {
  const entry = entries.get(MANIFEST);
  if (entry === undefined) throw new DesignFileError(`${NOT_OURS} It has no manifest.`);
  const parsed = parseJson(extract(bytes, entry));
  if (parsed === undefined || !isRecord(parsed.value)) throw new DesignFileError(BAD_MANIFEST);
  const m = parsed.value;
  if (m.format !== DESIGN_FILE_FORMAT) throw new DesignFileError(NOT_OURS);
  if (!isCount(m.formatVersion) || m.formatVersion < 1 || !isCount(m.documentVersion) || m.documentVersion < 1) throw new DesignFileError(BAD_MANIFEST);
  if (m.formatVersion > DESIGN_FILE_FORMAT_VERSION || m.documentVersion > DOCUMENT_VERSION) throw new DesignFileError(NEWER);
  const photo = readManifestPhoto(m.photo);
  if (photo === undefined) throw new DesignFileError(BAD_MANIFEST);
  return {
    photo,
    client: isRecord(m.client) && typeof m.client.name === 'string' ? { name: m.client.name } : null,
    savedAt: typeof m.savedAt === 'string' && !Number.isNaN(Date.parse(m.savedAt)) ? m.savedAt : null,
  };
}

/**
 * Refuses parts this code does not read: they are not inflated, but a file holding one is damaged
 * (a part's name changed, so an optional part like extra.json would be silently lost) or was
 * written by a newer app, which would also have raised the format version.
 */
function checkNoUnknownParts(entries: ReadonlyMap<string, ZipEntry>): void {
  for (const name of entries.keys()) {
    if (!isKnownPart(name)) {
      const part = JSON.stringify(name.slice(0, 40));
      throw new DesignFileError(`This design file holds a part this app does not know (${part}), so it is damaged or was made by a newer version of the app.`);
    }
  }
}

/** design.json: present, JSON, and a design `readDesign` accepts (its reason passed through). */
function readDesignEntry(bytes: Uint8Array, entries: ReadonlyMap<string, ZipEntry>): Design {
  const entry = entries.get(DESIGN);
  if (entry === undefined) throw new DesignFileError('This design file has no design in it (design.json is missing).');
  const parsed = parseJson(extract(bytes, entry));
  if (parsed === undefined) throw new DesignFileError('The design in this file is damaged: design.json is not valid JSON.');
  try {
    return readDesign(parsed.value);
  } catch (e) {
    if (e instanceof DesignFormatError) throw new DesignFileError(e.reason, { cause: e });
    throw e;
  }
}

/** Type, completeness and upright size of the photo, against the manifest and the design. */
function checkPhotoBytes(photo: Uint8Array, format: PhotoFormat, design: Design, limits: DesignFileLimits): void {
  const problem = photoProblem(photo, format, design, limits.maxPhotoBytes);
  if (problem?.kind === 'type') {
    const actually = problem.actual === 'unknown' ? 'it is not an image at all' : `it is a ${IMAGE_LABELS[problem.actual]}`;
    throw new DesignFileError(`The photo in this design file is not the ${format.label} image the file says it is: ${actually}.`);
  }
  if (problem?.kind === 'unusable') throw new DesignFileError(`The photo in this design file cannot be used. ${describePhotoError(problem.error)}`, { cause: problem.error });
  if (problem?.kind === 'size') {
    const { widthPx, heightPx } = design.photo;
    throw new DesignFileError(`The photo in this design file is ${problem.widthPx} × ${problem.heightPx} pixels, but the design was drawn on a photo of ${widthPx} × ${heightPx} pixels.`);
  }
}

/**
 * The photo: none for the demo scalp; otherwise the part the manifest names, with the length and
 * SHA-256 it recorded, the type it says, and the size the design was drawn on.
 */
async function readPhoto(
  bytes: Uint8Array,
  entries: ReadonlyMap<string, ZipEntry>,
  manifest: ManifestPhoto,
  design: Design,
  limits: DesignFileLimits,
): Promise<DesignPhoto | null> {
  if (design.photo.kind === 'demo') {
    if (manifest.file !== null) throw new DesignFileError('This design file is damaged: its manifest names a photo, but the design is on the demo scalp.');
    return null;
  }
  const missing = 'This design was drawn on a photo, but the photo is not in the design file.';
  const entry = manifest.file === null ? undefined : entries.get(manifest.file);
  const format = PHOTO_FORMATS.find((f) => f.file === manifest.file);
  if (entry === undefined || format === undefined) throw new DesignFileError(missing);
  const photo = extract(bytes, entry);
  if (photo.length !== manifest.bytes || (await sha256Hex(photo)) !== manifest.sha256) {
    throw new DesignFileError('The photo in this design file is damaged: it is not the photo the design was saved with.');
  }
  checkPhotoBytes(photo, format, design, limits);
  return { bytes: photo, mime: format.mime };
}

/** extra.json, parsed but otherwise unchecked; undefined when there is none. */
function readExtra(bytes: Uint8Array, entries: ReadonlyMap<string, ZipEntry>): unknown {
  const entry = entries.get(EXTRA);
  if (entry === undefined) return undefined;
  const parsed = parseJson(extract(bytes, entry));
  if (parsed === undefined) throw new DesignFileError('The extra data in this design file is damaged: extra.json is not valid JSON.');
  return parsed.value;
}

/**
 * Opens a `.smpdesign` file, checking in this order: empty, too large, not a zip (saying what it
 * looks like), cut short, damaged zip structure, too many parts, a part over its size cap (before
 * inflating), unknown compression; then the manifest (missing, not JSON, not ours, too new, bad
 * photo block), a part it does not know, the design (missing, not JSON, refused by readDesign),
 * the photo (missing, length or SHA-256 differing, type differing, incomplete or too large, upright
 * size differing from the design), and extra.json (not JSON). Each part's length and CRC are
 * checked as it is read. Throws DesignFileError only.
 */
export async function unpackDesignFile(bytes: Uint8Array, limits: DesignFileLimits = DEFAULT_DESIGN_FILE_LIMITS): Promise<UnpackedDesignFile> {
  checkContainer(bytes, limits);
  const entries = readDirectory(bytes, limits);
  checkEntries(entries, limits);
  const manifest = readManifest(bytes, entries);
  checkNoUnknownParts(entries);
  const design = readDesignEntry(bytes, entries);
  const photo = await readPhoto(bytes, entries, manifest.photo, design, limits);
  const extra = readExtra(bytes, entries);
  return { design, photo, client: manifest.client, extra, savedAt: manifest.savedAt };
}
