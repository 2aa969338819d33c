/**
 * Export PNG: the design at the photo's full original resolution, upright. The dots are rendered
 * by the preview's own mesh and shader, tile by tile (no tile larger than the GPU allows), over
 * white; each tile is read back and multiplied into the photo's pixels on the CPU, exactly the
 * multiply blend the preview does. The PNG is encoded in a worker.
 */
import type { Scene } from '../render/Scene.ts';
import type { PhotoPixels } from '../state/store.ts';
import type { EncodeReply, EncodeRequest } from '../workers/pngEncoder.worker.ts';

/** Largest export tile side, px (also capped by the GPU's max texture size). */
export const EXPORT_TILE_MAX = 4096;

/** The rectangles a w x h image is cut into for tiles of side at most `tile`. */
export function tileRects(w: number, h: number, tile: number): { x: number; y: number; w: number; h: number }[] {
  const rects: { x: number; y: number; w: number; h: number }[] = [];
  for (let y = 0; y < h; y += tile) for (let x = 0; x < w; x += tile) rects.push({ x, y, w: Math.min(tile, w - x), h: Math.min(tile, h - y) });
  return rects;
}

/**
 * Multiplies `factor` (RGBA, the dots over white) into `photo` (RGBA) in place:
 * out = round(photo * factor / 255), the blend the preview does in the GPU.
 */
export function multiplyInto(photo: Uint8ClampedArray, factor: Uint8Array): void {
  for (let i = 0; i < photo.length; i += 4) {
    photo[i] = (photo[i]! * factor[i]!) / 255;
    photo[i + 1] = (photo[i + 1]! * factor[i + 1]!) / 255;
    photo[i + 2] = (photo[i + 2]! * factor[i + 2]!) / 255;
    photo[i + 3] = 255;
  }
}

/** Reads a rectangle of the full-resolution photo as RGBA. */
function photoRect(photo: PhotoPixels, x: number, y: number, w: number, h: number, scratch: OffscreenCanvasRenderingContext2D | null): Uint8ClampedArray {
  if (photo.rgba) {
    const out = new Uint8ClampedArray(w * h * 4);
    for (let row = 0; row < h; row++) {
      const src = ((y + row) * photo.widthPx + x) * 4;
      out.set(photo.rgba.subarray(src, src + w * 4), row * w * 4);
    }
    return out;
  }
  if (!scratch || !photo.original) throw new Error('The photo is no longer available for export.');
  scratch.clearRect(0, 0, w, h);
  scratch.drawImage(photo.original, x, y, w, h, 0, 0, w, h);
  return scratch.getImageData(0, 0, w, h).data;
}

/** Progress callback: fraction done in [0, 1] and what is happening. */
export type ExportProgress = (fraction: number, stage: string) => void;

/** Renders the full-resolution composite (no encoding): RGBA pixels of the whole photo with dots. */
export async function renderComposite(scene: Scene, photo: PhotoPixels, onProgress: ExportProgress, signal?: AbortSignal): Promise<Uint8ClampedArray> {
  const W = photo.widthPx;
  const H = photo.heightPx;
  const tile = Math.min(EXPORT_TILE_MAX, scene.maxTextureSize);
  const out = new Uint8ClampedArray(W * H * 4);
  const scratch = photo.rgba ? null : new OffscreenCanvas(tile, tile).getContext('2d', { willReadFrequently: true });
  try {
    const rects = tileRects(W, H, tile);
    for (const [i, r] of rects.entries()) {
      if (signal?.aborted) throw new DOMException('Export cancelled', 'AbortError');
      const factor = scene.renderDotFactorTile(r.x, r.y, r.w, r.h);
      const pixels = photoRect(photo, r.x, r.y, r.w, r.h, scratch);
      multiplyInto(pixels, factor);
      for (let row = 0; row < r.h; row++) out.set(pixels.subarray(row * r.w * 4, (row + 1) * r.w * 4), ((r.y + row) * W + r.x) * 4);
      onProgress((i + 1) / rects.length * 0.6, `Rendering tile ${i + 1} of ${rects.length}`);
      await new Promise((resolve) => setTimeout(resolve, 0));
    }
  } finally {
    scene.releaseExportTarget();
  }
  return out;
}

/** Encodes RGBA to PNG in a worker (the buffer is transferred, not copied). */
export function encodePng(rgba: Uint8ClampedArray, width: number, height: number): Promise<Blob> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(new URL('../workers/pngEncoder.worker.ts', import.meta.url), { type: 'module' });
    worker.onmessage = (e: MessageEvent<EncodeReply>) => {
      worker.terminate();
      if (e.data.ok) resolve(e.data.png);
      else reject(new Error(e.data.message));
    };
    worker.onerror = (e) => {
      worker.terminate();
      reject(new Error(e.message || 'The image encoder stopped.'));
    };
    const buffer = rgba.buffer as ArrayBuffer;
    const request: EncodeRequest = { width, height, rgba: buffer };
    worker.postMessage(request, [buffer]);
  });
}

/** A dated file name for an export, e.g. smp-design-2026-11-24-1430.png. */
export function exportFileName(date: Date, photoName: string): string {
  const pad = (n: number): string => String(n).padStart(2, '0');
  const stamp = `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}-${pad(date.getHours())}${pad(date.getMinutes())}`;
  const base = photoName.replace(/\.[a-z0-9]+$/i, '').replace(/[^a-z0-9-_]+/gi, '-').replace(/^-+|-+$/g, '').slice(0, 40) || 'photo';
  return `smp-${base}-${stamp}.png`;
}
