/**
 * The camera: which image point sits at the canvas's top-left and how many screen pixels one image
 * pixel spans. Pure functions over the view state; the one place screen and image space meet.
 */
import { imagePoint, screenPoint, type ImagePoint, type ScreenPoint } from '../core/math/types.ts';

/** The part of the view state the camera needs. */
export interface Camera {
  readonly zoom: number;
  readonly panX: number;
  readonly panY: number;
}

/** Zoom limits, screen px per image px. */
export const MIN_ZOOM = 0.02;
export const MAX_ZOOM = 16;

/** Screen point → image point. */
export function screenToImage(cam: Camera, p: ScreenPoint): ImagePoint {
  return imagePoint(cam.panX + p.x / cam.zoom, cam.panY + p.y / cam.zoom);
}

/** Image point → screen point. */
export function imageToScreen(cam: Camera, p: ImagePoint): ScreenPoint {
  return screenPoint((p.x - cam.panX) * cam.zoom, (p.y - cam.panY) * cam.zoom);
}

/** Camera that shows the whole photo centred in a canvas of the given CSS size. */
export function fitCamera(photoW: number, photoH: number, canvasW: number, canvasH: number, margin = 0.96): Camera {
  const zoom = Math.min(MAX_ZOOM, Math.max(MIN_ZOOM, Math.min(canvasW / photoW, canvasH / photoH) * margin));
  return { zoom, panX: photoW / 2 - canvasW / 2 / zoom, panY: photoH / 2 - canvasH / 2 / zoom };
}

/** Camera zoomed by `factor` keeping the image point under `anchor` (screen) fixed. */
export function zoomAt(cam: Camera, factor: number, anchor: ScreenPoint): Camera {
  const zoom = Math.min(MAX_ZOOM, Math.max(MIN_ZOOM, cam.zoom * factor));
  const fixed = screenToImage(cam, anchor);
  return { zoom, panX: fixed.x - anchor.x / zoom, panY: fixed.y - anchor.y / zoom };
}

/** Camera panned by a screen-space delta. */
export function panBy(cam: Camera, dx: number, dy: number): Camera {
  return { zoom: cam.zoom, panX: cam.panX - dx / cam.zoom, panY: cam.panY - dy / cam.zoom };
}

/**
 * Centre of the part of the photo visible in a canvas of the given CSS size (image px); the
 * photo's own centre when none of it is on screen.
 */
export function visiblePhotoCentre(cam: Camera, canvasW: number, canvasH: number, photoW: number, photoH: number): ImagePoint {
  const x0 = Math.max(0, cam.panX);
  const y0 = Math.max(0, cam.panY);
  const x1 = Math.min(photoW, cam.panX + canvasW / cam.zoom);
  const y1 = Math.min(photoH, cam.panY + canvasH / cam.zoom);
  if (!(x1 > x0 && y1 > y0)) return imagePoint(photoW / 2, photoH / 2);
  return imagePoint((x0 + x1) / 2, (y0 + y1) / 2);
}
