/**
 * Physical units. The document stores centimetres, millimetres and dots per cm²; pixels appear only
 * when something is drawn, through the design's `pxPerCm`.
 */

/** Millimetres per centimetre. */
export const MM_PER_CM = 10;

/** Converts a length in mm to image pixels at the given scale. */
export function mmToPx(mm: number, pxPerCm: number): number {
  return (mm / MM_PER_CM) * pxPerCm;
}

/** Converts an area in square image pixels to cm². */
export function px2ToCm2(areaPx2: number, pxPerCm: number): number {
  return areaPx2 / (pxPerCm * pxPerCm);
}

/**
 * Centre-to-centre spacing (mm) of a triangular pattern at the given density.
 * L = 10.7 / sqrt(n) (Jimenez & Ruifernández, via Cole; see docs/domain.md §2).
 */
export function spacingMmForDensity(densityPerCm2: number): number {
  return 10.7 / Math.sqrt(densityPerCm2);
}

/** Clamps a number into [min, max]; NaN becomes min. */
export function clamp(value: number, min: number, max: number): number {
  if (!(value >= min)) return min;
  return value > max ? max : value;
}
