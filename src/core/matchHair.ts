/**
 * Matching the client's existing hair: measure a patch of short stubble on the photo and suggest
 * the Density and Dilution whose healed dots read like it.
 *
 * Density is the count of follicles per cm². A follicle is a connected group (8-neighbour) of pixels
 * clearly darker than their surroundings: luma below LOCAL_DARK_FACTOR × the mean luma over a box of
 * LOCAL_BOX_MM around the pixel.
 *
 * Dilution matches how dark EACH follicle reads against the skin right around it. A patch's area
 * mean also depends on which luma is taken as its skin: the skin between follicles is itself
 * darkened by the shafts under it (seen through the skin, as a dot's halo is), and only a patch of
 * bare skin nearby would show by how much. The per-follicle contrast needs no such reference, and
 * it is what a dilution sets: how dark each dot's core reads; the density sets how many there are.
 * Practitioners pick the dilution so that a dot is as dark as a follicle (darker hair, less water):
 *
 * - markDarkness of a patch: the mean, over the counted follicles, of the group's peak contrast
 *   1 − (darkest luma in the group) / (local skin luma), with the local skin luma the mean of the
 *   NON-dark pixels in the box around the darkest pixel (the plain box mean would include the mark
 *   itself and the neighbouring hairs, and read the skin too dark).
 * - dotMarkDarkness: the same quantity for one healed dot of the design's look as the photo's
 *   pixels would record it: the dot's core drawn as the core shader draws it (render/dotShaders.ts:
 *   a Gaussian of width coreSigmaMm at the photo's scale, never under MIN_CORE_SIGMA_PX, holding
 *   CORE_FRACTION of the dot's absorbance, per-dot size and shade jitter, multiplied into the
 *   photo), each pixel the mean of its transmittance over PIXEL_SAMPLES² points, the darkest
 *   pixel's contrast averaged over sub-pixel centre positions and over the jitter. The halo,
 *   millimetres wide, darkens a dot's surroundings as much as the dot, so it leaves this contrast be.
 * - suggestDilution: the dilution whose dotMarkDarkness equals the measured markDarkness.
 *
 * Luma is 0.299 R + 0.587 G + 0.114 B of the photo's 8-bit sRGB values as they are: the preview
 * multiplies those same encoded values by the dot's transmittance, so contrasts compare directly.
 * The patch's area-mean darkness is still measured, for information only.
 *
 * Limits: marks fainter than 1 − LOCAL_DARK_FACTOR (12 %) are not found, so markDarkness is never
 * below that; at coarse scales a dot's core is averaged over its pixel and reads lighter, and marks
 * darker than neat dots can then read are suggested neat (reported as limited).
 */
import { CHANNEL_ABSORPTION, CORE_FRACTION, coreSigmaMm, DOT_SHADE_VARIATION, DOT_SIZE_VARIATION, dotAbsorbanceMm2, MIN_CORE_SIGMA_PX, NEEDLES } from './appearance.ts';
import { dotLook } from './dots/dotLook.ts';
import { MAX_SESSIONS, sessionFractions } from './sessions.ts';
import { DENSITY_RANGE, DILUTION_RANGE } from './document/limits.ts';
import type { Design, NeedleId } from './document/types.ts';
import { clamp, mmToPx } from './units.ts';

/** A pixel is part of a follicle when its luma is below this fraction of the local mean (model choice). */
export const LOCAL_DARK_FACTOR = 0.88;
/** Side of the local-mean box, mm (model choice: wider than a follicle's mark, narrower than its spacing). */
export const LOCAL_BOX_MM = 1.5;

/** Luma weights of R, G, B (ITU-R BT.601). */
export const LUMA_WEIGHTS: readonly [number, number, number] = [0.299, 0.587, 0.114];

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
  /** Mean over the counted follicles of the peak contrast 1 − darkest luma / local skin luma, 0..1: what the dilution matches. */
  readonly markDarkness: number;
  /** Area-mean darkening, 1 − mean luma / skinLuma, 0..1. Informational: dots cannot match it (see the module comment). */
  readonly darkness: number;
  /** Mean luma of the patch's skin (its pixels not part of a follicle), 8-bit sRGB levels 0..255. */
  readonly skinLuma: number;
  /** Mean luma of all the patch's pixels, follicles included, 0..255: its shade against bare skin. */
  readonly meanLuma: number;
}

/** Suggested dilution and whether the range limited it. */
export interface DilutionSuggestion {
  /** Water parts per part pigment, on DILUTION_RANGE's step. */
  readonly dilutionWaterParts: number;
  /** 'neat': the marks read darker than even neat dots; 'lightest': lighter than even the most diluted. */
  readonly limited: 'none' | 'neat' | 'lightest';
}

const EMPTY_MEASURE: PatchMeasure = { areaCm2: 0, follicles: 0, densityPerCm2: 0, markDarkness: 0, darkness: 0, skinLuma: 0, meanLuma: 0 };

const lumaAt = (rgba: ArrayLike<number>, i: number): number => LUMA_WEIGHTS[0] * rgba[i * 4]! + LUMA_WEIGHTS[1] * rgba[i * 4 + 1]! + LUMA_WEIGHTS[2] * rgba[i * 4 + 2]!;

/** A summed-area table of a w × h grid: sum over any box in constant time. */
function summedArea(w: number, h: number, value: (x: number, y: number) => number): (ax: number, ay: number, bx: number, by: number) => number {
  const sat = new Float64Array((w + 1) * (h + 1));
  for (let y = 0; y < h; y++) {
    let row = 0;
    for (let x = 0; x < w; x++) {
      row += value(x, y);
      sat[(y + 1) * (w + 1) + x + 1] = sat[y * (w + 1) + x + 1]! + row;
    }
  }
  // Sum over [ax, bx) × [ay, by), clipped to the grid.
  return (ax, ay, bx, by) => {
    const x0 = clamp(ax, 0, w);
    const y0 = clamp(ay, 0, h);
    const x1 = clamp(bx, 0, w);
    const y1 = clamp(by, 0, h);
    return sat[y1 * (w + 1) + x1]! - sat[y0 * (w + 1) + x1]! - sat[y1 * (w + 1) + x0]! + sat[y0 * (w + 1) + x0]!;
  };
}

/** One connected group of dark pixels: its size, centroid and darkest pixel (grid coordinates). */
interface DarkGroup {
  readonly n: number;
  readonly cx: number;
  readonly cy: number;
  readonly minX: number;
  readonly minY: number;
  readonly minLuma: number;
}

/** Connected groups (8-neighbour) of the dark pixels of a w × h grid. */
function darkGroups(dark: Uint8Array, luma: Float32Array, w: number, h: number): DarkGroup[] {
  const seen = new Uint8Array(w * h);
  const stack: number[] = [];
  const groups: DarkGroup[] = [];
  for (let start = 0; start < w * h; start++) {
    if (!dark[start] || seen[start]) continue;
    seen[start] = 1;
    stack.push(start);
    let n = 0;
    let sx = 0;
    let sy = 0;
    let minAt = start;
    while (stack.length > 0) {
      const p = stack.pop()!;
      const px = p % w;
      const py = (p - px) / w;
      n++;
      sx += px;
      sy += py;
      if (luma[p]! < luma[minAt]!) minAt = p;
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
    groups.push({ n, cx: sx / n, cy: sy / n, minX: minAt % w, minY: Math.floor(minAt / w), minLuma: luma[minAt]! });
  }
  return groups;
}

/**
 * Measures a patch of stubble on an RGBA photo (8-bit sRGB, row-major) at `pxPerCm` image pixels
 * per cm: follicles per cm², their mean peak contrast (markDarkness), the area-mean darkness and
 * the skin's luma.
 */
export function measurePatch(rgba: ArrayLike<number>, widthPx: number, heightPx: number, rect: PixelRect, pxPerCm: number): PatchMeasure {
  const x0 = Math.max(0, Math.floor(Math.min(rect.x0, rect.x1)));
  const y0 = Math.max(0, Math.floor(Math.min(rect.y0, rect.y1)));
  const x1 = Math.min(widthPx, Math.ceil(Math.max(rect.x0, rect.x1)));
  const y1 = Math.min(heightPx, Math.ceil(Math.max(rect.y0, rect.y1)));
  if (x1 - x0 < 2 || y1 - y0 < 2) return EMPTY_MEASURE;
  // The patch with a margin of half the local box (grid coordinates are relative to mx0, my0).
  const half = Math.max(1, Math.round(mmToPx(LOCAL_BOX_MM, pxPerCm) / 2));
  const mx0 = Math.max(0, x0 - half);
  const my0 = Math.max(0, y0 - half);
  const mw = Math.min(widthPx, x1 + half) - mx0;
  const mh = Math.min(heightPx, y1 + half) - my0;
  const luma = new Float32Array(mw * mh);
  for (let y = 0; y < mh; y++) {
    for (let x = 0; x < mw; x++) luma[y * mw + x] = lumaAt(rgba, (my0 + y) * widthPx + mx0 + x);
  }
  const boxSum = summedArea(mw, mh, (x, y) => luma[y * mw + x]!);
  const boxArea = (x: number, y: number): number => (Math.min(mw, x + half + 1) - Math.max(0, x - half)) * (Math.min(mh, y + half + 1) - Math.max(0, y - half));
  const dark = new Uint8Array(mw * mh);
  for (let y = 0; y < mh; y++) {
    for (let x = 0; x < mw; x++) {
      const mean = boxSum(x - half, y - half, x + half + 1, y + half + 1) / boxArea(x, y);
      if (luma[y * mw + x]! < LOCAL_DARK_FACTOR * mean) dark[y * mw + x] = 1;
    }
  }
  // Local skin: the mean of the box's pixels that are not dark (the plain box mean where all are).
  const skinSum = summedArea(mw, mh, (x, y) => (dark[y * mw + x] ? 0 : luma[y * mw + x]!));
  const skinCount = summedArea(mw, mh, (x, y) => (dark[y * mw + x] ? 0 : 1));
  const localSkin = (x: number, y: number): number => {
    const n = skinCount(x - half, y - half, x + half + 1, y + half + 1);
    return n > 0 ? skinSum(x - half, y - half, x + half + 1, y + half + 1) / n : boxSum(x - half, y - half, x + half + 1, y + half + 1) / boxArea(x, y);
  };
  // The patch itself: groups of its dark pixels, counted when their centre lies inside by half a pixel.
  const w = x1 - x0;
  const h = y1 - y0;
  const px0 = x0 - mx0;
  const py0 = y0 - my0;
  const patchLuma = new Float32Array(w * h);
  const patchDark = new Uint8Array(w * h);
  let lumaSum = 0;
  let skinLumaSum = 0;
  let skinPixels = 0;
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < w; x++) {
      const v = luma[(py0 + y) * mw + px0 + x]!;
      const d = dark[(py0 + y) * mw + px0 + x]!;
      patchLuma[y * w + x] = v;
      patchDark[y * w + x] = d;
      lumaSum += v;
      if (!d) {
        skinLumaSum += v;
        skinPixels++;
      }
    }
  }
  let follicles = 0;
  let contrastSum = 0;
  for (const g of darkGroups(patchDark, patchLuma, w, h)) {
    if (g.cx < 0.5 || g.cy < 0.5 || g.cx >= w - 0.5 || g.cy >= h - 0.5) continue;
    const skin = localSkin(px0 + g.minX, py0 + g.minY);
    follicles++;
    contrastSum += skin > 0 ? Math.max(0, 1 - g.minLuma / skin) : 0;
  }
  const areaCm2 = (w * h) / (pxPerCm * pxPerCm);
  const skinLuma = skinPixels > 0 ? skinLumaSum / skinPixels : lumaSum / (w * h);
  return {
    areaCm2,
    follicles,
    densityPerCm2: follicles / areaCm2,
    markDarkness: follicles > 0 ? contrastSum / follicles : 0,
    darkness: skinLuma > 0 ? Math.max(0, 1 - lumaSum / (w * h) / skinLuma) : 0,
    skinLuma,
    meanLuma: lumaSum / (w * h),
  };
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

/** Rounds to a range's step and clamps into it. */
function onRange(value: number, range: { readonly min: number; readonly max: number; readonly step: number }): number {
  return clamp(Math.round(value / range.step) * range.step, range.min, range.max);
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

/** The measured follicles per cm² as a Density: rounded to DENSITY_RANGE's step and clamped into it. */
export function suggestDensity(measure: PatchMeasure): number {
  return onRange(measure.densityPerCm2, DENSITY_RANGE);
}

// ------------------------------------------------------------------------------------------------
// The shade: a patch's area-mean darkness against bare skin, and the plan whose healed dots give it.

/** Euler–Mascheroni constant. */
const EULER_GAMMA = 0.5772156649015329;

/**
 * Ein(a) = ∫₀ᵃ (1 − e^−u) / u du (the entire exponential integral): by its series Σ (−1)ⁿ⁺¹ aⁿ / (n·n!)
 * up to a = 20 (cancellation loses under 1e-8 there), above it γ + ln a (E₁(a) < 1e-10).
 */
export function ein(a: number): number {
  if (!(a > 0)) return 0;
  if (a > 20) return EULER_GAMMA + Math.log(a);
  let term = 1;
  let sum = 0;
  for (let n = 1; n < 200; n++) {
    term *= a / n;
    const t = term / n;
    sum += n % 2 === 1 ? t : -t;
    if (t < 1e-17 * Math.abs(sum)) break;
  }
  return sum;
}

/**
 * Expected area-mean darkening, in luma, of skin of colour `skinRgb` (8-bit sRGB, as the photo
 * holds it) under a design's healed dots where its areas are at full density.
 *
 * For dots scattered independently at n per mm², each removing light by exp(−f_c(r)), the mean
 * transmittance is exp(−n ∫ (1 − e^−f_c) dA) (Campbell's theorem). A dot's halo is millimetres wide,
 * so the halos overlap into an even wash and count linearly: (1 − w)·s·k_c. Its core, a Gaussian of
 * absorbance a₀ = w·s·k_c / (2πσ²) at its centre, saturates: ∫ (1 − e^−f) dA = 2πσ²·Ein(a₀). The core
 * width is the shader's (never under MIN_CORE_SIGMA_PX at the photo's scale), and both integrals
 * are averaged over the per-dot size and shade jitter. Blue-noise dots rarely overlap their cores,
 * which is where the independence assumption would matter; the unit tests hold this within 5 % of
 * the CPU reference of the shaders (2–4 % at 100 px/cm, where it reads a little light).
 */
export function healedDarkening(design: Design, skinRgb: readonly [number, number, number]): number {
  const look = dotLook(design);
  const pxPerMm = design.scale.pxPerCm / 10;
  const perMm2 = design.dots.densityPerCm2 / 100;
  const exponent = [0, 0, 0];
  const shares = sessionFractions(design.sessions.slice(0, MAX_SESSIONS));
  shares.forEach((share, j) => {
    const n = perMm2 * share;
    const s = look.absorbanceMm2[j]!;
    for (const c of [0, 1, 2] as const) {
      const k = CHANNEL_ABSORPTION[c] * (c === 2 ? look.blueFactor[j]! : 1);
      let core = 0;
      for (let a = 0; a < JITTER_LEVELS; a++) {
        const sigmaPx = Math.max(MIN_CORE_SIGMA_PX, look.coreSigmaPx[j]! * (1 + DOT_SIZE_VARIATION * (2 * ((a + 0.5) / JITTER_LEVELS) - 1)));
        const sigmaMm = sigmaPx / pxPerMm;
        const area = 2 * Math.PI * sigmaMm * sigmaMm;
        for (let b = 0; b < JITTER_LEVELS; b++) {
          const shade = s * (1 + DOT_SHADE_VARIATION * (2 * ((b + 0.5) / JITTER_LEVELS) - 1));
          core += area * ein((CORE_FRACTION * shade * k) / area);
        }
      }
      exponent[c] = exponent[c]! + n * ((1 - CORE_FRACTION) * s * k + core / (JITTER_LEVELS * JITTER_LEVELS));
    }
  });
  let before = 0;
  let after = 0;
  for (const c of [0, 1, 2] as const) {
    before += LUMA_WEIGHTS[c] * skinRgb[c];
    after += LUMA_WEIGHTS[c] * skinRgb[c] * Math.exp(-exponent[c]!);
  }
  return before > 0 ? 1 - after / before : 0;
}

/**
 * Mean peak contrast of a design's healed dots (dotMarkDarkness of each session's dilution and
 * needle, weighted by the session's share of the dots): what measurePatch's markDarkness reads on
 * them, give or take the faintest dots it cannot find.
 */
export function planMarkDarkness(design: Design): number {
  const sessions = design.sessions.slice(0, MAX_SESSIONS);
  return sessionFractions(sessions).reduce((sum, share, j) => sum + share * dotMarkDarkness(sessions[j]!.dilutionWaterParts, sessions[j]!.needle, design.scale.pxPerCm), 0);
}

/** The bare skin a stubble patch is compared with: its mean colour and luma. */
export interface SkinMeasure {
  /** Mean 8-bit sRGB colour. */
  readonly rgb: readonly [number, number, number];
  /** Mean luma (LUMA_WEIGHTS), 0..255. */
  readonly luma: number;
  /** Follicles found on it per cm² (bare skin has next to none). */
  readonly densityPerCm2: number;
}

/** Mean colour of a rectangle of bare skin, and how many follicles it holds. */
export function measureSkin(rgba: ArrayLike<number>, widthPx: number, heightPx: number, rect: PixelRect, pxPerCm: number): SkinMeasure {
  const x0 = Math.max(0, Math.floor(Math.min(rect.x0, rect.x1)));
  const y0 = Math.max(0, Math.floor(Math.min(rect.y0, rect.y1)));
  const x1 = Math.min(widthPx, Math.ceil(Math.max(rect.x0, rect.x1)));
  const y1 = Math.min(heightPx, Math.ceil(Math.max(rect.y0, rect.y1)));
  const sum = [0, 0, 0];
  let n = 0;
  for (let y = y0; y < y1; y++) {
    for (let x = x0; x < x1; x++) {
      const i = (y * widthPx + x) * 4;
      sum[0] = sum[0]! + rgba[i]!;
      sum[1] = sum[1]! + rgba[i + 1]!;
      sum[2] = sum[2]! + rgba[i + 2]!;
      n++;
    }
  }
  if (n === 0) return { rgb: [0, 0, 0], luma: 0, densityPerCm2: 0 };
  const rgb = [sum[0]! / n, sum[1]! / n, sum[2]! / n] as const;
  const luma = LUMA_WEIGHTS[0] * rgb[0] + LUMA_WEIGHTS[1] * rgb[1] + LUMA_WEIGHTS[2] * rgb[2];
  return { rgb, luma, densityPerCm2: measurePatch(rgba, widthPx, heightPx, rect, pxPerCm).densityPerCm2 };
}

/** What the stubble shows against bare skin: the shade to give and the dots' contrast to aim for. */
export interface ShadeTarget {
  /** Area-mean darkening of the stubble patch against the bare skin, 1 − mean luma / bare luma. */
  readonly darkness: number;
  /** The follicles' mean peak contrast (PatchMeasure.markDarkness). */
  readonly markDarkness: number;
  /** Colour of the bare skin the dots will be drawn on, 8-bit sRGB. */
  readonly skinRgb: readonly [number, number, number];
}

/** The stubble's shade against bare skin (0 when the stubble reads lighter). */
export function shadeTarget(stubble: PatchMeasure, bare: SkinMeasure): ShadeTarget {
  return { darkness: bare.luma > 0 ? Math.max(0, 1 - stubble.meanLuma / bare.luma) : 0, markDarkness: stubble.markDarkness, skinRgb: bare.rgb };
}

/** A suggested last session: its needle and dilution, and what the plan's healed dots then give. */
export interface ShadeSuggestion {
  readonly needle: NeedleId;
  /** Water parts per part pigment, on DILUTION_RANGE's step. */
  readonly dilutionWaterParts: number;
  /** 'neat': even neat pigment gives a lighter shade; 'lightest': even the most diluted, a darker one. */
  readonly limited: 'none' | 'neat' | 'lightest';
  /** Predicted area-mean darkening of bare skin under the plan's healed dots. */
  readonly darkness: number;
  /** Predicted mean peak contrast of the plan's dots. */
  readonly markDarkness: number;
}

/** The design with a density and its last session's needle and dilution replaced. */
function withLastSession(design: Design, densityPerCm2: number, needle: NeedleId, dilutionWaterParts: number): Design {
  const last = design.sessions.length - 1;
  return {
    ...design,
    dots: { ...design.dots, densityPerCm2 },
    sessions: design.sessions.map((s, i) => (i === last ? { ...s, needle, dilutionWaterParts } : s)),
  };
}

/**
 * The last session's needle and dilution whose plan, at `densityPerCm2`, gives bare skin the
 * stubble's shade and dots as contrasted as its follicles. Per needle, the dilution is found by
 * bisection on healedDarkening (the earlier sessions stay as planned); the needle is the one whose
 * dots then read closest to the follicles' contrast (a finer needle packs the same pigment into a
 * darker point), the plan's own needle on a tie. Needles that cannot reach the shade are used only
 * when none can, nearest first.
 */
export function suggestShade(design: Design, densityPerCm2: number, target: ShadeTarget): ShadeSuggestion {
  const current = design.sessions[design.sessions.length - 1]!.needle;
  const needles = [current, ...NEEDLES.map((n) => n.id).filter((id) => id !== current)];
  const darknessOf = (needle: NeedleId, dilution: number): number => healedDarkening(withLastSession(design, densityPerCm2, needle, dilution), target.skinRgb);
  let best: { suggestion: ShadeSuggestion; score: number } | null = null;
  for (const needle of needles) {
    let dilution: number;
    let limited: ShadeSuggestion['limited'] = 'none';
    if (!(darknessOf(needle, DILUTION_RANGE.min) > target.darkness)) {
      dilution = DILUTION_RANGE.min;
      limited = 'neat';
    } else if (!(darknessOf(needle, DILUTION_RANGE.max) < target.darkness)) {
      dilution = DILUTION_RANGE.max;
      limited = 'lightest';
    } else {
      let lo = DILUTION_RANGE.min;
      let hi = DILUTION_RANGE.max;
      while (hi - lo > DILUTION_RANGE.step / 4) {
        const mid = (lo + hi) / 2;
        if (darknessOf(needle, mid) > target.darkness) lo = mid;
        else hi = mid;
      }
      dilution = onRange((lo + hi) / 2, DILUTION_RANGE);
    }
    const plan = withLastSession(design, densityPerCm2, needle, dilution);
    const darkness = healedDarkening(plan, target.skinRgb);
    const markDarkness = planMarkDarkness(plan);
    // Reaching the shade comes first; then the contrast.
    const shadeMiss = limited === 'none' ? 0 : Math.abs(darkness - target.darkness);
    const score = shadeMiss * 1000 + (target.markDarkness > 0 ? Math.abs(markDarkness / target.markDarkness - 1) : 0);
    if (!best || score < best.score - 1e-9) best = { suggestion: { needle, dilutionWaterParts: dilution, limited, darkness, markDarkness }, score };
  }
  return best!.suggestion;
}
