/**
 * Opening a design file (the format is in designFile.ts).
 *
 * Opening trusts nothing. The zip is read by zip.ts, which checks the directory, inflates each part
 * no further than its declared size and verifies its CRC; before anything is inflated, every part
 * this module reads must declare a size under its cap and a compression it knows. Then the parts
 * are read manifest first, and each is checked against the others (see unpackDesignFile).
 */
import { DOCUMENT_VERSION, MAX_VIEWS, type DesignDocument, type DesignView } from '../core/document/types.ts';
import { DesignFormatError, readDesignDocument } from '../core/document/validate.ts';
import { ascii } from './byteReader.ts';
import { sniffImageType, type DecodableImageType } from './photoBytes.ts';
import { describePhotoError } from './photoErrors.ts';
import { extractEntry, looksLikeZip, readZipDirectory, ZipError, type ZipEntry } from './zip.ts';
import { limitMegabytes, megabytes } from '../core/format.ts';
import {
  DEFAULT_DESIGN_FILE_LIMITS,
  DESIGN,
  DESIGN_FILE_EXTENSION,
  DESIGN_FILE_FORMAT,
  DESIGN_FILE_FORMAT_VERSION,
  DesignFileError,
  EXTRA,
  IMAGE_LABELS,
  MANIFEST,
  formatOfType,
  photoPartOf,
  isKnownPart,
  isPhotoPart,
  isRecord,
  photoProblem,
  sha256Hex,
  type DesignFileLimits,
  type DesignPhoto,
  type ManifestPhoto,
  type PhotoFormat,
  type UnpackedDesignFile,
} from './designFile.ts';

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

/** The manifest's block for view `index`'s photo (format 2; null for format 1's one photo), or undefined when it is not one. */
function readManifestPhoto(v: unknown, index: number | null): ManifestPhoto | undefined {
  if (!isRecord(v)) return undefined;
  if (v.file === null) return { file: null, mime: null, bytes: 0, sha256: null };
  const part = typeof v.file === 'string' ? photoPartOf(v.file) : undefined;
  if (part === undefined || part.view !== index || v.mime !== part.format.mime || !isCount(v.bytes) || typeof v.sha256 !== 'string' || !SHA256_HEX.test(v.sha256)) return undefined;
  return { file: v.file as string, mime: part.format.mime, bytes: v.bytes, sha256: v.sha256 };
}

/** The photo blocks: format 1's one `photo`, or format 2's `photos`, one per view (at most MAX_VIEWS). */
function readManifestPhotos(m: Record<string, unknown>, formatVersion: number): ManifestPhoto[] | undefined {
  if (formatVersion === 1) {
    const one = readManifestPhoto(m.photo, null);
    return one && [one];
  }
  if (!Array.isArray(m.photos) || m.photos.length === 0 || m.photos.length > MAX_VIEWS) return undefined;
  const photos = m.photos.map((p, i) => readManifestPhoto(p, i));
  return photos.every((p) => p !== undefined) ? (photos as ManifestPhoto[]) : undefined;
}

/** What opening needs from the manifest. */
interface OpenedManifest {
  readonly photos: readonly ManifestPhoto[];
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
  const photos = readManifestPhotos(m, m.formatVersion);
  if (photos === undefined) throw new DesignFileError(BAD_MANIFEST);
  return {
    photos,
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

/** design.json: present, JSON, and a design `readDesignDocument` accepts (its reason passed through). */
function readDesignEntry(bytes: Uint8Array, entries: ReadonlyMap<string, ZipEntry>): DesignDocument {
  const entry = entries.get(DESIGN);
  if (entry === undefined) throw new DesignFileError('This design file has no design in it (design.json is missing).');
  const parsed = parseJson(extract(bytes, entry));
  if (parsed === undefined) throw new DesignFileError('The design in this file is damaged: design.json is not valid JSON.');
  try {
    return readDesignDocument(parsed.value);
  } catch (e) {
    if (e instanceof DesignFormatError) throw new DesignFileError(e.reason, { cause: e });
    throw e;
  }
}

/** Type, completeness and upright size of a view's photo, against the manifest and the view. */
function checkPhotoBytes(photo: Uint8Array, format: PhotoFormat, view: DesignView, the: string, limits: DesignFileLimits): void {
  const problem = photoProblem(photo, format, view.photo, limits.maxPhotoBytes);
  if (problem?.kind === 'type') {
    const actually = problem.actual === 'unknown' ? 'it is not an image at all' : `it is a ${IMAGE_LABELS[problem.actual]}`;
    throw new DesignFileError(`${the} in this design file is not the ${format.label} image the file says it is: ${actually}.`);
  }
  if (problem?.kind === 'unusable') throw new DesignFileError(`${the} in this design file cannot be used. ${describePhotoError(problem.error)}`, { cause: problem.error });
  if (problem?.kind === 'size') {
    const { widthPx, heightPx } = view.photo;
    throw new DesignFileError(`${the} in this design file is ${problem.widthPx} × ${problem.heightPx} pixels, but the design was drawn on a photo of ${widthPx} × ${heightPx} pixels.`);
  }
}

/**
 * A view's photo: none for the demo scalp; otherwise the part the manifest names, with the length
 * and SHA-256 it recorded, the type it says, and the size the view was drawn on.
 */
async function readPhoto(
  bytes: Uint8Array,
  entries: ReadonlyMap<string, ZipEntry>,
  manifest: ManifestPhoto,
  view: DesignView,
  index: number | null,
  limits: DesignFileLimits,
): Promise<DesignPhoto | null> {
  const the = index === null ? 'The photo' : `The photo of view ${index + 1}`;
  if (view.photo.kind === 'demo') {
    if (manifest.file !== null) throw new DesignFileError(`This design file is damaged: its manifest names a photo, but ${index === null ? 'the design' : `view ${index + 1}`} is on the demo scalp.`);
    return null;
  }
  const missing = `${index === null ? 'This design' : `View ${index + 1} of this design`} was drawn on a photo, but the photo is not in the design file.`;
  const entry = manifest.file === null ? undefined : entries.get(manifest.file);
  const format = manifest.file === null ? undefined : photoPartOf(manifest.file)?.format;
  if (entry === undefined || format === undefined) throw new DesignFileError(missing);
  const photo = extract(bytes, entry);
  if (photo.length !== manifest.bytes || (await sha256Hex(photo)) !== manifest.sha256) {
    throw new DesignFileError(`${the} in this design file is damaged: it is not the photo the design was saved with.`);
  }
  checkPhotoBytes(photo, format, view, the, limits);
  return { bytes: photo, mime: format.mime };
}

/** Every view's photo, one manifest block per view. */
async function readPhotos(bytes: Uint8Array, entries: ReadonlyMap<string, ZipEntry>, manifest: readonly ManifestPhoto[], design: DesignDocument, limits: DesignFileLimits): Promise<(DesignPhoto | null)[]> {
  if (manifest.length !== design.views.length) throw new DesignFileError(`This design file is damaged: its manifest lists ${manifest.length} photo${manifest.length === 1 ? '' : 's'} for ${design.views.length} views.`);
  const photos: (DesignPhoto | null)[] = [];
  for (const [i, view] of design.views.entries()) photos.push(await readPhoto(bytes, entries, manifest[i]!, view, design.views.length === 1 ? null : i, limits));
  return photos;
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
  const photos = await readPhotos(bytes, entries, manifest.photos, design, limits);
  const extra = readExtra(bytes, entries);
  return { design, photos, client: manifest.client, extra, savedAt: manifest.savedAt };
}
