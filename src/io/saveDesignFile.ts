/**
 * Saving a design file (the format is in designFile.ts): refuses what opening would refuse, then
 * writes the manifest, the design, each view's photo's own bytes (stored, not recompressed) and
 * the extra.
 */
import { strToU8, zipSync, type Zippable } from 'fflate';
import type { DesignDocument, DesignView } from '../core/document/types.ts';
import { DesignFormatError, readDesignDocument } from '../core/document/validate.ts';
import { describePhotoError } from './photoErrors.ts';
import {
  DEFAULT_DESIGN_FILE_LIMITS,
  DESIGN,
  DESIGN_FILE_APP,
  DESIGN_FILE_FORMAT,
  DESIGN_FILE_FORMAT_VERSION,
  DesignFileError,
  EXTRA,
  MANIFEST,
  formatOfMime,
  photoEntryName,
  photoProblem,
  sha256Hex,
  type DesignFileInput,
  type DesignFileManifest,
  type DesignPhoto,
  type ManifestPhoto,
} from './designFile.ts';

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
    readDesignDocument(JSON.parse(designJson));
  } catch (e) {
    if (e instanceof DesignFormatError) cannotSave(`the design is not valid (${e.reason})`);
    throw e;
  }
}

/**
 * Refuses a view's photo that opening would refuse: present exactly when the view is on a user
 * photo, of the type it is said to be, whole and within the photo limits, and of the view's upright size.
 */
function checkSavablePhoto(view: DesignView, photo: DesignPhoto | null, which: string): void {
  if (view.photo.kind === 'demo') {
    if (photo !== null) cannotSave(`${which} is on the demo scalp but a photo was given`);
    return;
  }
  if (photo === null) cannotSave(`${which}'s photo is missing`);
  const format = formatOfMime(photo.mime);
  if (format === undefined) cannotSave(`${which}'s photo is not a JPEG, PNG or WebP image`);
  const problem = photoProblem(photo.bytes, format, view.photo, DEFAULT_DESIGN_FILE_LIMITS.maxPhotoBytes);
  if (problem?.kind === 'type') cannotSave(`${which}'s photo is not the ${format.label} image it is said to be`);
  if (problem?.kind === 'unusable') cannotSave(`${which}'s photo cannot be used (${describePhotoError(problem.error)})`);
  if (problem?.kind === 'size') cannotSave(`${which}'s photo is ${problem.widthPx} × ${problem.heightPx} pixels but it was drawn on ${view.photo.widthPx} × ${view.photo.heightPx}`);
}

/** Refuses photos that are not one per view, and each view's photo that opening would refuse. */
function checkSavablePhotos(design: DesignDocument, photos: readonly (DesignPhoto | null)[]): void {
  if (photos.length !== design.views.length) cannotSave(`it has ${design.views.length} views but ${photos.length} photos were given`);
  design.views.forEach((view, i) => checkSavablePhoto(view, photos[i] ?? null, design.views.length === 1 ? 'the design' : `view ${i + 1}`));
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
  const photos = await Promise.all(
    input.photos.map(async (p, i): Promise<ManifestPhoto> => {
      const format = p && formatOfMime(p.mime);
      return p && format ? { file: photoEntryName(i, format), mime: format.mime, bytes: p.bytes.length, sha256: await photoDigest(p.bytes) } : { file: null, mime: null, bytes: 0, sha256: null };
    }),
  );
  return {
    format: DESIGN_FILE_FORMAT,
    formatVersion: DESIGN_FILE_FORMAT_VERSION,
    documentVersion: input.design.version,
    savedAt: input.savedAt.toISOString(),
    app: DESIGN_FILE_APP,
    photos,
    ...(input.client ? { client: { name: input.client.name } } : {}),
  };
}

/**
 * Packs a design, each view's photo's original bytes and optional extra state into a `.smpdesign`
 * file. The same input gives the same bytes (in one time zone: zip times are local). Throws
 * DesignFileError rather than write a file "Open design" would refuse: design invalid, a photo
 * missing, given for the demo, or not matching its type or its view's size, extra not JSON-able.
 */
export async function packDesignFile(input: DesignFileInput): Promise<Uint8Array> {
  const designJson = JSON.stringify(input.design);
  checkSavableDesign(designJson, input.savedAt);
  checkSavablePhotos(input.design, input.photos);
  const extraJson = extraToJson(input.extra);
  const manifest = await manifestFor(input);
  const files: Zippable = {
    [MANIFEST]: [strToU8(JSON.stringify(manifest, null, 2)), { level: JSON_LEVEL }],
    [DESIGN]: [strToU8(designJson), { level: JSON_LEVEL }],
  };
  manifest.photos.forEach((m, i) => {
    const photo = input.photos[i];
    if (photo && m.file) files[m.file] = [photo.bytes, { level: 0 }];
  });
  if (extraJson !== undefined) files[EXTRA] = [strToU8(extraJson), { level: JSON_LEVEL }];
  return zipSync(files, { mtime: zipTime(input.savedAt) });
}
