/**
 * Branded coordinate types. Image space is the photo's own pixel grid (upright, full resolution);
 * screen space is CSS pixels on the canvas; cm space is physical. Brands stop them being mixed up.
 */

/** A point in photo pixels (full original resolution, after EXIF orientation). */
export interface ImagePoint {
  readonly x: number;
  readonly y: number;
  readonly __space?: 'image';
}

/** A point in CSS pixels relative to the canvas element's top-left corner. */
export interface ScreenPoint {
  readonly x: number;
  readonly y: number;
  readonly __space?: 'screen';
}

/** Makes an image-space point. */
export function imagePoint(x: number, y: number): ImagePoint {
  return { x, y } as ImagePoint;
}

/** Makes a screen-space point. */
export function screenPoint(x: number, y: number): ScreenPoint {
  return { x, y } as ScreenPoint;
}
