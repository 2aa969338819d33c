/**
 * Matching the client's existing hair: measure a patch of short stubble on the photo (follicles
 * per cm² and how much darker than skin it reads) and suggest the Density and Dilution whose dots
 * read the same.
 *
 * Follicles are counted as connected groups of pixels clearly darker than their surroundings
 * (luma below LOCAL_DARK_FACTOR × the mean over a box of about 1.5 mm around them). Darkness is
 * 1 − mean luma / skin luma, with skin luma the patch's SKIN_PERCENTILE luma (most of a stubble
 * patch between the follicles is skin). The dots' darkness at a density and dilution is
 * 1 − exp(−density × A), where A is the area-integral of (1 − transmittance) of one healed dot
 * (Poisson overlap; blue noise overlaps less, which at these coverages differs by under a percent).
 */
import { centreOpticalDensity, dotTransmittance, drawnDotRadiusMm } from './appearance.ts';
import { DILUTION_RANGE } from './document/limits.ts';
import type { NeedleId } from './document/types.ts';
import { MM_PER_CM } from './units.ts';

/** A pixel is part of a follicle when its luma is below this fraction of the local mean. */
export const LOCAL_DARK_FACTOR = 0.88;
/** Side of the local-mean box, mm. */
export const LOCAL_BOX_MM = 1.5;
/** Percentile of the patch's luma taken as the skin between follicles. */
export const SKIN_PERCENTILE = 0.8;

/** A rectangle of image pixels. */
export interface PixelRect {
  readonly x0: number;
  readonly y0: number;
  readonly x1: number;
  readonly y1: number;
}

/** What a reference patch measures. */
export interface PatchMeasure {
  readonly areaCm2: number;
  readonly follicles: number;
  readonly densityPerCm2: number;
  /** Mean darkening against the patch's skin, 0..1. */
  readonly darkness: number;
}

const lumaAt = (rgba: ArrayLike<number>, i: number): number => 0.299 * rgba[i * 4]! + 0.587 * rgba[i * 4 + 1]! + 0.114 * rgba[i * 4 + 2]!;

/** Mean darkening of a region against its skin (the SKIN_PERCENTILE luma). */
export function regionDarkness(luma: Float32Array): number {
  const sorted = Float32Array.from(luma).sort();
  const skin = sorted[Math.min(sorted.length - 1, Math.floor(SKIN_PERCENTILE * sorted.length))]!;
  let sum = 0;
  for (const v of luma) sum += v;
  return skin > 0 ? Math.max(0, 1 - sum / luma.length / skin) : 0;
}

/** Measures a patch of stubble on an RGBA photo. */
export function measurePatch(rgba: ArrayLike<number>, widthPx: number, heightPx: number, rect: PixelRect, pxPerCm: number): PatchMeasure {
  const x0 = Math.max(0, Math.floor(Math.min(rect.x0, rect.x1)));
  const y0 = Math.max(0, Math.floor(Math.min(rect.y0, rect.y1)));
  const x1 = Math.min(widthPx, Math.ceil(Math.max(rect.x0, rect.x1)));
  const y1 = Math.min(heightPx, Math.ceil(Math.max(rect.y0, rect.y1)));
  const w = x1 - x0;
  const h = y1 - y0;
  if (w < 2 || h < 2) return { areaCm2: 0, follicles: 0, densityPerCm2: 0, darkness: 0 };
  // Luma of the patch with a margin for the local box, and its summed-area table.
  const half = Math.max(1, Math.round(((LOCAL_BOX_MM / MM_PER_CM) * pxPerCm) / 2));
  const mx0 = Math.max(0, x0 - half);
  const my0 = Math.max(0, y0 - half);
  const mx1 = Math.min(widthPx, x1 + half);
  const my1 = Math.min(heightPx, y1 + half);
  const mw = mx1 - mx0;
  const mh = my1 - my0;
  const sat = new Float64Array((mw + 1) * (mh + 1));
  for (let y = 0; y < mh; y++) {
    let row = 0;
    for (let x = 0; x < mw; x++) {
      row += lumaAt(rgba, (my0 + y) * widthPx + mx0 + x);
      sat[(y + 1) * (mw + 1) + x + 1] = sat[y * (mw + 1) + x + 1]! + row;
    }
  }
  const boxMean = (x: number, y: number): number => {
    const ax = Math.max(0, x - half - mx0);
    const ay = Math.max(0, y - half - my0);
    const bx = Math.min(mw, x + half + 1 - mx0);
    const by = Math.min(mh, y + half + 1 - my0);
    const s = sat[by * (mw + 1) + bx]! - sat[ay * (mw + 1) + bx]! - sat[by * (mw + 1) + ax]! + sat[ay * (mw + 1) + ax]!;
    return s / ((bx - ax) * (by - ay));
  };
  const luma = new Float32Array(w * h);
  const dark = new Uint8Array(w * h);
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < w; x++) {
      const v = lumaAt(rgba, (y0 + y) * widthPx + x0 + x);
      luma[y * w + x] = v;
      if (v < LOCAL_DARK_FACTOR * boxMean(x0 + x, y0 + y)) dark[y * w + x] = 1;
    }
  }
  // Connected groups (8-neighbour) of dark pixels, counted by where their centre falls.
  const seen = new Uint8Array(w * h);
  const stack: number[] = [];
  let follicles = 0;
  for (let start = 0; start < w * h; start++) {
    if (!dark[start] || seen[start]) continue;
    seen[start] = 1;
    stack.push(start);
    let n = 0;
    let sx = 0;
    let sy = 0;
    while (stack.length > 0) {
      const p = stack.pop()!;
      const px = p % w;
      const py = (p - px) / w;
      n++;
      sx += px;
      sy += py;
      for (let dy = -1; dy <= 1; dy++) {
        for (let dx = -1; dx <= 1; dx++) {
          const qx = px + dx;
          const qy = py + dy;
          if (qx < 0 || qy < 0 || qx >= w || qy >= h) continue;
          const q = qy * w + qx;
          if (dark[q] && !seen[q]) {
            seen[q] = 1;
            stack.push(q);
          }
        }
      }
    }
    // A group cut by the patch edge counts when its centre is inside by half a pixel or more.
    const cx = sx / n;
    const cy = sy / n;
    if (cx >= 0.5 && cy >= 0.5 && cx < w - 0.5 && cy < h - 0.5) follicles++;
  }
  const areaCm2 = (w * h) / (pxPerCm * pxPerCm);
  return { areaCm2, follicles, densityPerCm2: follicles / areaCm2, darkness: regionDarkness(luma) };
}

/** Area-integral of (1 − transmittance) of one healed dot, cm², luma-weighted over channels. */
export function dotDarkeningAreaCm2(dilutionWaterParts: number, needle: NeedleId): number {
  const od = centreOpticalDensity(dilutionWaterParts);
  const radiusCm = drawnDotRadiusMm(needle) / MM_PER_CM;
  const steps = 200;
  let integral = 0;
  for (let k = 0; k < steps; k++) {
    const r = (k + 0.5) / steps;
    const dark = 0.299 * (1 - dotTransmittance(od, r, 0)) + 0.587 * (1 - dotTransmittance(od, r, 1)) + 0.114 * (1 - dotTransmittance(od, r, 2));
    integral += dark * r * (1 / steps);
  }
  return 2 * Math.PI * radiusCm * radiusCm * integral;
}

/** Mean darkening of skin by healed dots at a density and dilution. */
export function dotsDarkness(densityPerCm2: number, dilutionWaterParts: number, needle: NeedleId): number {
  return 1 - Math.exp(-densityPerCm2 * dotDarkeningAreaCm2(dilutionWaterParts, needle));
}

/**
 * The dilution whose dots, at `densityPerCm2`, darken skin as much as the patch; clamped to the
 * dilution range (neat when even neat dots are lighter, 30:1 when even that is darker).
 */
export function suggestDilution(darkness: number, densityPerCm2: number, needle: NeedleId): number {
  let lo = DILUTION_RANGE.min;
  let hi = DILUTION_RANGE.max;
  if (dotsDarkness(densityPerCm2, lo, needle) <= darkness) return lo;
  if (dotsDarkness(densityPerCm2, hi, needle) >= darkness) return hi;
  for (let i = 0; i < 40; i++) {
    const mid = (lo + hi) / 2;
    if (dotsDarkness(densityPerCm2, mid, needle) > darkness) lo = mid;
    else hi = mid;
  }
  return Math.round(((lo + hi) / 2) / DILUTION_RANGE.step) * DILUTION_RANGE.step;
}
