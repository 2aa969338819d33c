/**
 * The ranges every parameter may take, in physical units. Sliders use them; validation clamps to
 * them; a value outside is refused with a sentence that names the range.
 */
import { MAX_POINTS } from '../dots/rankedPoints.ts';

/** A closed numeric range with its unit, for labels and messages. */
export interface Range {
  readonly min: number;
  readonly max: number;
  readonly step: number;
  readonly unit: string;
}

/** Dots per cm²: hairline work starts near 10, full work about 100–114 (1 mm spacing), 150 is dense. */
export const DENSITY_RANGE: Range = { min: 10, max: 150, step: 1, unit: 'dots/cm²' };

/** Water parts per part pigment: 0 neat, up to 30:1 for very light clients (docs/domain.md §3). */
export const DILUTION_RANGE: Range = { min: 0, max: 30, step: 0.5, unit: 'water:pigment' };

/**
 * Placement, % of the way from an even (blue-noise) pattern to a hand's placement as measured in real
 * work (core/dots/placement.ts).
 */
export const PLACEMENT_RANGE: Range = { min: 0, max: 100, step: 5, unit: '%' };

/** Transition zone behind the hairline, mm (typical 5–10 mm; Shapiro, docs/domain.md §8). */
export const TRANSITION_RANGE: Range = { min: 0, max: 20, step: 0.5, unit: 'mm' };

/** Photo scale, image pixels per cm: from a far, small photo to a close-up macro shot. */
export const SCALE_RANGE: Range = { min: 2, max: 2000, step: 0.1, unit: 'px/cm' };

/** Distance typed when setting the scale, cm. */
export const CALIBRATION_DISTANCE_RANGE: Range = { min: 0.1, max: 60, step: 0.1, unit: 'cm' };

/** Density multiplier of an area: thinning areas sit well below 1, a denser crown slightly above. */
export const DENSITY_FACTOR_RANGE: Range = { min: 0, max: 1.5, step: 0.05, unit: '×' };

/** Soft edge of an area where it meets skin or hair, mm. */
export const FEATHER_RANGE: Range = { min: 0, max: 20, step: 0.5, unit: 'mm' };

/** Macro irregularity of a hairline (waves of about 2 cm), mm. */
export const MACRO_IRREGULARITY_RANGE: Range = { min: 0, max: 10, step: 0.5, unit: 'mm' };

/** Micro irregularity of a hairline (waves of a few mm), mm. */
export const MICRO_IRREGULARITY_RANGE: Range = { min: 0, max: 3, step: 0.1, unit: 'mm' };

/** Stray dots ahead of the hairline, 0 none to 1 many. */
export const STRAY_RANGE: Range = { min: 0, max: 1, step: 0.05, unit: '' };

/** Density brush radius, mm. */
export const BRUSH_RADIUS_RANGE: Range = { min: 1, max: 50, step: 0.5, unit: 'mm' };

/** Density brush strength: the change at the centre of one dab at full pressure. */
export const BRUSH_STRENGTH_RANGE: Range = { min: 0.05, max: 1, step: 0.05, unit: '' };

/** A session's share of the final density, percent. */
export const SESSION_SHARE_RANGE: Range = { min: 5, max: 100, step: 5, unit: '%' };

/** The density field reaches up to this multiple of the design density (brush and area factors). */
export const FIELD_MAX_GAIN = 2;

/** Most pixels a photo may have: an 8000 × 6000 (48 MP) phone photo opens, a 50 MP one is refused. */
export const MAX_PHOTO_PIXELS = 48_500_000;

/** Density of the full ranked point set, dots per cm² (the design's ceiling). */
export const MAX_DENSITY_PER_CM2 = 160;

/** Whether a value lies inside a range (NaN never does). */
export function inRange(value: number, range: Range): boolean {
  return value >= range.min && value <= range.max;
}

/**
 * Smallest scale, px/cm, at which a photo of this size can carry dots: the ranked point set covers
 * the whole photo at the design's maximum density, and MAX_POINTS bounds it (a 2000 × 1500 photo
 * needs at least 2.7 px/cm, that is at most 750 × 560 cm). Never below SCALE_RANGE.min.
 */
export function minPxPerCmFor(widthPx: number, heightPx: number, maxDensityPerCm2: number): number {
  return Math.max(SCALE_RANGE.min, Math.sqrt((widthPx * heightPx * maxDensityPerCm2) / MAX_POINTS));
}
