/**
 * Reads a rectangle of the full-resolution photo as RGBA, with a margin, for measurements that look
 * at pixels (Match existing hair). Generated photos are read from their pixel array; user photos
 * through a 2D canvas from the decoded original.
 */
import type { PhotoPixels } from '../core/photo.ts';

/** RGBA of a region and where it sits in the photo. */
export interface PhotoRegion {
  readonly rgba: Uint8ClampedArray;
  readonly widthPx: number;
  readonly heightPx: number;
  /** Photo x and y of the region's top-left pixel. */
  readonly x: number;
  readonly y: number;
}

/** Reads [x0, x1) × [y0, y1) of the photo grown by `marginPx`, clipped to the photo. */
export function readPhotoRegion(photo: PhotoPixels, rect: { x0: number; y0: number; x1: number; y1: number }, marginPx: number): PhotoRegion {
  const x = Math.max(0, Math.floor(Math.min(rect.x0, rect.x1) - marginPx));
  const y = Math.max(0, Math.floor(Math.min(rect.y0, rect.y1) - marginPx));
  const x1 = Math.min(photo.widthPx, Math.ceil(Math.max(rect.x0, rect.x1) + marginPx));
  const y1 = Math.min(photo.heightPx, Math.ceil(Math.max(rect.y0, rect.y1) + marginPx));
  const w = Math.max(0, x1 - x);
  const h = Math.max(0, y1 - y);
  if (w === 0 || h === 0) return { rgba: new Uint8ClampedArray(0), widthPx: 0, heightPx: 0, x, y };
  if (photo.rgba) {
    const out = new Uint8ClampedArray(w * h * 4);
    for (let row = 0; row < h; row++) {
      const src = ((y + row) * photo.widthPx + x) * 4;
      out.set(photo.rgba.subarray(src, src + w * 4), row * w * 4);
    }
    return { rgba: out, widthPx: w, heightPx: h, x, y };
  }
  const source = photo.original ?? photo.display;
  const ctx = new OffscreenCanvas(w, h).getContext('2d', { willReadFrequently: true });
  if (!source || !ctx) throw new Error('The photo is not available to measure.');
  const k = source.width / photo.widthPx;
  ctx.drawImage(source, x * k, y * k, w * k, h * k, 0, 0, w, h);
  return { rgba: ctx.getImageData(0, 0, w, h).data, widthPx: w, heightPx: h, x, y };
}
