/**
 * The one guarded door for photos: read the bytes, validate them (type sniffed from the bytes,
 * limits, completeness), decode upright (EXIF orientation honoured), and make a display copy that
 * fits the GPU. Any failure is a PhotoImportError; the caller's design is never touched here.
 */
import { firstSessionDate } from '../core/aftercare.ts';
import { localIsoDate } from '../core/sessions.ts';
import { newDesign } from '../core/document/defaults.ts';
import type { Design } from '../core/document/types.ts';
import type { PhotoPixels } from '../core/photo.ts';
import { PhotoImportError } from './photoErrors.ts';
import { browserOrientsWebp } from './orientationProbe.ts';
import { DEFAULT_PHOTO_LIMITS, uprightSize, validatePhotoBytes } from './photoBytes.ts';

/** A decoded photo and the fresh design that goes with it. */
export interface ImportedPhoto {
  readonly photo: PhotoPixels;
  readonly design: Design;
}

/** Scales (w, h) down to fit within `max` on both sides, keeping the aspect ratio. */
export function fitWithin(w: number, h: number, max: number): { w: number; h: number } {
  const s = Math.min(1, max / Math.max(w, h));
  return { w: Math.max(1, Math.round(w * s)), h: Math.max(1, Math.round(h * s)) };
}

/** Decodes a validated photo upright, with a display copy no larger than `maxTextureSize`. */
export async function decodePhoto(blob: Blob, maxTextureSize: number): Promise<PhotoPixels> {
  let original: ImageBitmap;
  try {
    original = await createImageBitmap(blob, { imageOrientation: 'from-image' });
  } catch {
    throw new PhotoImportError('decode-failed', {});
  }
  if (original.width === 0 || original.height === 0) {
    original.close();
    throw new PhotoImportError('decode-failed', {});
  }
  let display = original;
  if (Math.max(original.width, original.height) > maxTextureSize) {
    const size = fitWithin(original.width, original.height, maxTextureSize);
    display = await createImageBitmap(original, { resizeWidth: size.w, resizeHeight: size.h, resizeQuality: 'high' });
  }
  return { original, display, rgba: null, widthPx: original.width, heightPx: original.height, source: null };
}

/**
 * Imports a file: validates, decodes, and builds a new design that keeps the current dot
 * parameters (a practitioner's settings carry over to the next photo).
 */
export async function importPhoto(file: Blob, name: string, current: Design, maxTextureSize: number, seed: number): Promise<ImportedPhoto> {
  const photo = await loadPhotoBytes(new Uint8Array(await file.arrayBuffer()), maxTextureSize);
  const design = { ...newDesign({ kind: 'file', name, widthPx: photo.widthPx, heightPx: photo.heightPx }, seed, undefined, firstSessionDate(localIsoDate(new Date()))), dots: current.dots };
  return { photo, design };
}

const MIME = { jpeg: 'image/jpeg', png: 'image/png', webp: 'image/webp' } as const;

/**
 * Validates photo bytes and decodes them upright (the guarded door for a chosen file and for the
 * photo inside a design file); the bytes are kept for saving.
 */
export async function loadPhotoBytes(bytes: Uint8Array, maxTextureSize: number): Promise<PhotoPixels> {
  const header = validatePhotoBytes(bytes, DEFAULT_PHOTO_LIMITS);
  const file = new Blob([bytes as Uint8Array<ArrayBuffer>], { type: MIME[header.type] });
  let photo = await decodePhoto(file, maxTextureSize);
  const upright = uprightSize(header);
  const ignoredWebpOrientation = header.type === 'webp' && header.orientation !== 1 && !(await browserOrientsWebp());
  if (ignoredWebpOrientation || photo.widthPx !== upright.widthPx || photo.heightPx !== upright.heightPx) {
    // A browser that ignored the EXIF orientation hands back the stored size: turn it ourselves.
    if (photo.widthPx !== header.widthPx || photo.heightPx !== header.heightPx || !photo.original) {
      photo.original?.close();
      throw new PhotoImportError('decode-failed', {});
    }
    const turned = await orient(photo.original, header.orientation);
    photo.original.close();
    photo = await decodePhoto(turned, maxTextureSize);
  }
  return { ...photo, source: { bytes, mime: MIME[header.type] } };
}

/** Applies an EXIF orientation (1–8) to a bitmap that was decoded as stored. */
async function orient(bitmap: ImageBitmap, orientation: number): Promise<Blob> {
  const swap = orientation >= 5;
  const w = swap ? bitmap.height : bitmap.width;
  const h = swap ? bitmap.width : bitmap.height;
  const canvas = new OffscreenCanvas(w, h);
  const ctx = canvas.getContext('2d');
  if (!ctx) throw new PhotoImportError('decode-failed', {});
  const W = bitmap.width;
  const H = bitmap.height;
  const transforms: Record<number, [number, number, number, number, number, number]> = {
    2: [-1, 0, 0, 1, W, 0],
    3: [-1, 0, 0, -1, W, H],
    4: [1, 0, 0, -1, 0, H],
    5: [0, 1, 1, 0, 0, 0],
    6: [0, 1, -1, 0, H, 0],
    7: [0, -1, -1, 0, H, W],
    8: [0, -1, 1, 0, 0, W],
  };
  const t = transforms[orientation];
  if (t) ctx.setTransform(...t);
  ctx.drawImage(bitmap, 0, 0);
  return canvas.convertToBlob({ type: 'image/png' });
}
