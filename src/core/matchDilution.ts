/**
 * How dark one healed dot's mark reads, and the dilution that matches a follicle. One of three
 * modules matching the client's existing hair: matchHair.ts measures the stubble patch (its
 * markDarkness, and the luma used here); this module suggests the Dilution from it; matchShade.ts,
 * built on both, suggests the plan whose healed dots give the patch's shade against bare skin.
 *
 * Dilution matches how dark EACH follicle reads against the skin right around it. A patch's area
 * mean also depends on which luma is taken as its skin: the skin between follicles is itself
 * darkened by the shafts under it (seen through the skin, as a dot's halo is), and only a patch of
 * bare skin nearby would show by how much. The per-follicle contrast needs no such reference, and
 * it is what a dilution sets: how dark each dot's core reads; the density sets how many there are.
 * Practitioners pick the dilution so that a dot is as dark as a follicle (darker hair, less water):
 *
 * - markDarkness of a patch: the follicles' mean peak contrast, as measurePatch measures it (see
 *   matchHair.ts).
 * - dotMarkDarkness: the same quantity for one healed dot of the design's look as the photo's
 *   pixels would record it: the dot's core drawn as the core shader draws it (render/dotShaders.ts:
 *   a Gaussian of width coreSigmaMm at the photo's scale, never under MIN_CORE_SIGMA_PX, holding
 *   CORE_FRACTION of the dot's absorbance, per-dot size and shade jitter, multiplied into the
 *   photo), each pixel the mean of its transmittance over PIXEL_SAMPLES² points, the darkest
 *   pixel's contrast averaged over sub-pixel centre positions and over the jitter. The halo,
 *   millimetres wide, darkens a dot's surroundings as much as the dot, so it leaves this contrast be.
 * - suggestDilution: the dilution whose dotMarkDarkness equals the measured markDarkness.
 *
 * Limits: at coarse scales a dot's core is averaged over its pixel and reads lighter, and marks
 * darker than neat dots can then read are suggested neat (reported as limited).
 */
import { CHANNEL_ABSORPTION, CORE_FRACTION, coreSigmaMm, DOT_SHADE_VARIATION, DOT_SIZE_VARIATION, dotAbsorbanceMm2, MIN_CORE_SIGMA_PX } from './appearance.ts';
import { DILUTION_RANGE } from './document/limits.ts';
import type { NeedleId } from './document/types.ts';
import { LUMA_WEIGHTS, onRange } from './matchHair.ts';
import { mmToPx } from './units.ts';

/**
 * Sub-pixel positions of the dot's centre averaged over, per axis, on a regular grid of midpoints
 * (model choice: 8 puts the mean within a few tenths of a per cent of the continuous average, where
 * 4 reads about 1.5 % dark at 0.9 px radius). By symmetry only a quarter of the pixel, halved again
 * along its diagonal, is evaluated.
 */
export const CENTRE_OFFSETS = 8;
/** Sample points per pixel, per axis, whose mean is the pixel's value (model choice: a camera pixel integrates light). */
export const PIXEL_SAMPLES = 6;
/** Levels of each per-dot jitter (size, shade) averaged over (model choice). */
export const JITTER_LEVELS = 5;

/** Suggested dilution and whether the range limited it. */
export interface DilutionSuggestion {
  /** Water parts per part pigment, on DILUTION_RANGE's step. */
  readonly dilutionWaterParts: number;
  /** 'neat': the marks read darker than even neat dots; 'lightest': lighter than even the most diluted. */
  readonly limited: 'none' | 'neat' | 'lightest';
}

/**
 * Luma-weighted transmittance of a healed dot's core at squared distance r2 (px²) from its centre:
 * exp(−absorbance · k_c · G(r; σ)) with G a unit-area Gaussian, as the core shader draws it.
 */
function coreLumaTransmittance(absorbancePx2: number, sigmaPx: number, r2: number): number {
  const g = Math.exp(-r2 / (2 * sigmaPx * sigmaPx)) / (2 * Math.PI * sigmaPx * sigmaPx);
  let t = 0;
  for (const c of [0, 1, 2] as const) t += LUMA_WEIGHTS[c] * Math.exp(-absorbancePx2 * CHANNEL_ABSORPTION[c] * g);
  return t;
}

/**
 * Luma-weighted transmittance of the darkest pixel of one dot's core over uniform neutral skin, with
 * the core's centre at (ox, oy) inside pixel (0, 0) (each in [0, 1)); each pixel is the mean over
 * PIXEL_SAMPLES². Only the 3 × 3 pixels around the centre are looked at: a radially falling core
 * averaged over a pixel is darkest in the pixel nearest its centre. The halo, spread over millimetres,
 * darkens the skin around a dot as much as the dot itself, so it does not change this contrast.
 */
function darkestPixelTransmittance(absorbancePx2: number, sigmaPx: number, ox: number, oy: number): number {
  let darkest = 1;
  for (let j = -1; j <= 1; j++) {
    for (let i = -1; i <= 1; i++) {
      let sum = 0;
      for (let sy = 0; sy < PIXEL_SAMPLES; sy++) {
        const dy = j + (sy + 0.5) / PIXEL_SAMPLES - oy;
        for (let sx = 0; sx < PIXEL_SAMPLES; sx++) {
          const dx = i + (sx + 0.5) / PIXEL_SAMPLES - ox;
          sum += coreLumaTransmittance(absorbancePx2, sigmaPx, dx * dx + dy * dy);
        }
      }
      darkest = Math.min(darkest, sum / (PIXEL_SAMPLES * PIXEL_SAMPLES));
    }
  }
  return darkest;
}

/**
 * Expected peak contrast, 1 − darkest pixel luma / skin luma, of one healed dot of this dilution and
 * needle in a photo at `pxPerCm` image px per cm: averaged over CENTRE_OFFSETS² sub-pixel centres
 * and JITTER_LEVELS² per-dot size and shade variations (DOT_SIZE_VARIATION, DOT_SHADE_VARIATION,
 * each uniform either side of the mean, as the shader's jitter). Decreasing in dilution.
 */
export function dotMarkDarkness(dilutionWaterParts: number, needle: NeedleId, pxPerCm: number): number {
  const key = `${dilutionWaterParts}|${needle}|${pxPerCm}`;
  let value = markDarknessMemo.get(key);
  if (value === undefined) {
    value = computeDotMarkDarkness(dilutionWaterParts, needle, pxPerCm);
    if (markDarknessMemo.size >= MARK_DARKNESS_MEMO_SIZE) markDarknessMemo.delete(markDarknessMemo.keys().next().value!);
    markDarknessMemo.set(key, value);
  }
  return value;
}

/** Recent dotMarkDarkness values (a few milliseconds each; a suggestion asks for a dozen, often the same). */
const markDarknessMemo = new Map<string, number>();
const MARK_DARKNESS_MEMO_SIZE = 256;

function computeDotMarkDarkness(dilutionWaterParts: number, needle: NeedleId, pxPerCm: number): number {
  const meanSigmaPx = mmToPx(coreSigmaMm(needle), pxPerCm);
  const pxPerMm = pxPerCm / 10;
  const meanAbsorbancePx2 = CORE_FRACTION * dotAbsorbanceMm2(needle, dilutionWaterParts) * pxPerMm * pxPerMm;
  let sum = 0;
  let weights = 0;
  for (let a = 0; a < JITTER_LEVELS; a++) {
    const sigmaPx = Math.max(MIN_CORE_SIGMA_PX, meanSigmaPx * (1 + DOT_SIZE_VARIATION * (2 * ((a + 0.5) / JITTER_LEVELS) - 1)));
    for (let b = 0; b < JITTER_LEVELS; b++) {
      const absorbance = meanAbsorbancePx2 * (1 + DOT_SHADE_VARIATION * (2 * ((b + 0.5) / JITTER_LEVELS) - 1));
      // Centres in the pixel's lower-left quarter with oy ≤ ox; the rest are mirror images of these
      // (the 3 × 3 window and the pixel samples are symmetric about the pixel's middle and diagonal).
      for (let i = 0; i < CENTRE_OFFSETS / 2; i++) {
        for (let j = 0; j <= i; j++) {
          const weight = i === j ? 1 : 2;
          sum += weight * (1 - darkestPixelTransmittance(absorbance, sigmaPx, (i + 0.5) / CENTRE_OFFSETS, (j + 0.5) / CENTRE_OFFSETS));
          weights += weight;
        }
      }
    }
  }
  return sum / weights;
}

/**
 * The dilution (water parts, on DILUTION_RANGE's step) whose dots read as dark as marks of peak
 * contrast `markDarkness` in a photo at `pxPerCm`: found by bisection on dotMarkDarkness. Neat
 * (limited 'neat') when the marks are darker than even neat dots read, the range's most diluted
 * (limited 'lightest') when they are lighter than even that.
 */
export function suggestDilution(markDarkness: number, needle: NeedleId, pxPerCm: number): DilutionSuggestion {
  let lo = DILUTION_RANGE.min;
  let hi = DILUTION_RANGE.max;
  if (!(markDarkness < dotMarkDarkness(lo, needle, pxPerCm))) return { dilutionWaterParts: lo, limited: 'neat' };
  if (!(markDarkness > dotMarkDarkness(hi, needle, pxPerCm))) return { dilutionWaterParts: hi, limited: 'lightest' };
  // Bisect to a quarter step: dotMarkDarkness(lo) > markDarkness > dotMarkDarkness(hi).
  while (hi - lo > DILUTION_RANGE.step / 4) {
    const mid = (lo + hi) / 2;
    if (dotMarkDarkness(mid, needle, pxPerCm) > markDarkness) lo = mid;
    else hi = mid;
  }
  return { dilutionWaterParts: onRange((lo + hi) / 2, DILUTION_RANGE), limited: 'none' };
}
