/**
 * Matching the client's existing hair: measure a patch of short stubble on the photo and suggest
 * the Density and Dilution whose healed dots read like it. The work is split in three modules, each
 * importing only from the ones before it: this one measures the photo (and suggests the Density);
 * matchDilution.ts gives how dark one healed dot's mark reads and the dilution that matches a
 * follicle; matchShade.ts gives the shade, a patch's area-mean darkness against bare skin, and the
 * plan whose healed dots give it.
 *
 * Density is the count of follicles per cm². A follicle is a connected group (8-neighbour) of pixels
 * clearly darker than their surroundings: luma below LOCAL_DARK_FACTOR × the mean luma over a box of
 * LOCAL_BOX_MM around the pixel.
 *
 * markDarkness of a patch, what the dilution matches (matchDilution.ts): the mean, over the counted
 * follicles, of the group's peak contrast 1 − (darkest luma in the group) / (local skin luma), with
 * the local skin luma the mean of the NON-dark pixels in the box around the darkest pixel (the plain
 * box mean would include the mark itself and the neighbouring hairs, and read the skin too dark).
 *
 * Luma is 0.299 R + 0.587 G + 0.114 B of the photo's 8-bit sRGB values as they are: the preview
 * multiplies those same encoded values by the dot's transmittance, so contrasts compare directly.
 * The patch's area-mean darkness is still measured, for information only.
 *
 * Limits: marks fainter than 1 − LOCAL_DARK_FACTOR (12 %) are not found, so markDarkness is never
 * below that.
 */
import { DENSITY_RANGE } from './document/limits.ts';
import { clamp, mmToPx } from './units.ts';

/** A pixel is part of a follicle when its luma is below this fraction of the local mean (model choice). */
export const LOCAL_DARK_FACTOR = 0.88;
/** Side of the local-mean box, mm (model choice: wider than a follicle's mark, narrower than its spacing). */
export const LOCAL_BOX_MM = 1.5;

/** Luma weights of R, G, B (ITU-R BT.601). */
export const LUMA_WEIGHTS: readonly [number, number, number] = [0.299, 0.587, 0.114];

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
  /** Area-mean darkening, 1 − mean luma / skinLuma, 0..1. Informational: dots cannot match it (see matchDilution.ts's module comment). */
  readonly darkness: number;
  /** Mean luma of the patch's skin (its pixels not part of a follicle), 8-bit sRGB levels 0..255. */
  readonly skinLuma: number;
  /** Mean luma of all the patch's pixels, follicles included, 0..255: its shade against bare skin. */
  readonly meanLuma: number;
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

/** Rounds to a range's step and clamps into it. */
export function onRange(value: number, range: { readonly min: number; readonly max: number; readonly step: number }): number {
  return clamp(Math.round(value / range.step) * range.step, range.min, range.max);
}

/** The measured follicles per cm² as a Density: rounded to DENSITY_RANGE's step and clamped into it. */
export function suggestDensity(measure: PatchMeasure): number {
  return onRange(measure.densityPerCm2, DENSITY_RANGE);
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
