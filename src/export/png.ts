/**
 * Export PNG: the design at the photo's full original resolution, upright. The dots are rendered
 * by the preview's own mesh and shader, tile by tile (no tile larger than the GPU allows), over
 * white; each tile is read back and multiplied into the photo's pixels on the CPU, exactly the
 * multiply blend the preview does. The PNG is encoded in a worker.
 */
import type { Scene } from '../render/Scene.ts';
import type { PhotoPixels } from '../core/photo.ts';
import { PngEncoderBridge } from '../workers/pngBridge.ts';

/**
 * Largest export tile side, px (also capped by the GPU's max texture size). A band of tiles is the
 * unit of memory: 2048 rows of a 6000 px photo are 49 MB of RGBA.
 */
export const EXPORT_TILE_MAX = 2048;

/** Rows composited per task: a 2048-px-wide strip of 256 rows is about 2 MB, a few tens of ms. */
const COMPOSITE_STRIP_ROWS = 256;

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

/** Height of a caption band for an image `widthPx` wide: about 3.5 % of the width, at least 40 px. */
export function captionBandHeight(widthPx: number): number {
  return Math.max(40, Math.round(widthPx * 0.035));
}

/**
 * A caption band (white, dark text on one line, shrunk to fit) `widthPx` wide, as RGBA rows to
 * append below an exported image: the picture's own pixels stay exactly as they are.
 */
export function captionBand(widthPx: number, text: string): Uint8ClampedArray {
  const h = captionBandHeight(widthPx);
  const canvas = new OffscreenCanvas(widthPx, h);
  const ctx = canvas.getContext('2d');
  if (!ctx) throw new Error('This browser cannot draw the caption (no 2D canvas).');
  ctx.fillStyle = '#ffffff';
  ctx.fillRect(0, 0, widthPx, h);
  ctx.fillStyle = '#1d232a';
  ctx.textBaseline = 'middle';
  let size = Math.round(h * 0.45);
  ctx.font = `${size}px system-ui, sans-serif`;
  const room = widthPx - h;
  while (size > 8 && ctx.measureText(text).width > room) {
    size--;
    ctx.font = `${size}px system-ui, sans-serif`;
  }
  ctx.fillText(text, Math.round(h / 2), Math.round(h / 2), room);
  return ctx.getImageData(0, 0, widthPx, h).data;
}

/** Progress callback: fraction done in [0, 1] and what is happening. */
export type ExportProgress = (fraction: number, stage: string) => void;

/**
 * Renders the design at full resolution and encodes it as a PNG, band by band: each band of tiles
 * is composited and handed to the encoder worker (transferred), so memory holds one band, one tile
 * and the compressed output, never the whole image uncompressed twice. Abortable between tiles.
 */
export async function exportDesignPng(scene: Scene, photo: PhotoPixels, onProgress: ExportProgress, signal?: AbortSignal, caption?: string): Promise<Blob> {
  const W = photo.widthPx;
  const H = photo.heightPx;
  const captionRows = caption === undefined ? null : captionBand(W, caption);
  const tile = Math.min(EXPORT_TILE_MAX, scene.maxTextureSize - 2 * scene.exportMarginPx());
  const rects = tileRects(W, H, tile);
  let rendered = 0;
  let encoded = 0;
  const report = (stage: string): void => onProgress(0.5 * (rendered / rects.length) + 0.5 * (encoded / H), stage);
  const encoder = new PngEncoderBridge(W, H + (captionRows ? captionRows.length / (4 * W) : 0), (rows) => {
    encoded = rows;
    report(`Encoding PNG: ${Math.round((100 * rows) / H)} %`);
  });
  const scratch = photo.rgba ? null : new OffscreenCanvas(tile, tile).getContext('2d', { willReadFrequently: true });
  try {
    await scene.whenPointsReady();
    for (let bandY = 0; bandY < H; bandY += tile) {
      const bandH = Math.min(tile, H - bandY);
      const band = new Uint8ClampedArray(W * bandH * 4);
      for (const r of rects.filter((q) => q.y === bandY)) {
        if (signal?.aborted) throw new DOMException('Export cancelled', 'AbortError');
        const factor = await scene.renderDotFactorTile(r.x, r.y, r.w, r.h);
        // Composite in strips so no single task holds the main thread for long.
        for (let y0 = 0; y0 < r.h; y0 += COMPOSITE_STRIP_ROWS) {
          const rows = Math.min(COMPOSITE_STRIP_ROWS, r.h - y0);
          const pixels = photoRect(photo, r.x, r.y + y0, r.w, rows, scratch);
          multiplyInto(pixels, factor.subarray(y0 * r.w * 4, (y0 + rows) * r.w * 4));
          for (let row = 0; row < rows; row++) band.set(pixels.subarray(row * r.w * 4, (row + 1) * r.w * 4), ((y0 + row) * W + r.x) * 4);
          await new Promise((resolve) => setTimeout(resolve, 0));
        }
        rendered++;
        report(`Rendering tile ${rendered} of ${rects.length}`);
      }
      encoder.rows(band, bandH);
    }
    if (captionRows) encoder.rows(captionRows, captionRows.length / (4 * W));
    if (signal?.aborted) throw new DOMException('Export cancelled', 'AbortError');
    const finished = encoder.finish();
    const aborted = new Promise<never>((_, reject) => signal?.addEventListener('abort', () => reject(new DOMException('Export cancelled', 'AbortError')), { once: true }));
    return await Promise.race([finished, aborted]);
  } catch (error) {
    encoder.abort();
    throw error;
  } finally {
    scene.releaseExportTarget();
  }
}
