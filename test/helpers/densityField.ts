/** Reading the density field in tests: the factor at an image point, nearest texel. */
import { FIELD_ONE, type DensityField } from '../../src/core/dots/densityField.ts';

/** Density factor (0..FIELD_MAX_GAIN) at an image-pixel position, nearest texel. */
export function sampleField(field: DensityField, xPx: number, yPx: number): number {
  const tx = Math.min(field.widthTexels - 1, Math.max(0, Math.floor(xPx / field.pxPerTexel)));
  const ty = Math.min(field.heightTexels - 1, Math.max(0, Math.floor(yPx / field.pxPerTexel)));
  return field.values[ty * field.widthTexels + tx]! / FIELD_ONE;
}
