/**
 * Fitting the visible iris on the photo's own pixels. A face model gives the iris's centre and a
 * rough outline from a small crop of the eye; the scale needs the diameter to a few per cent, so
 * the outline is refined here: along rays from the centre, the limbus is where the dark iris meets
 * the bright white of the eye, the strongest rise of brightness near the model's radius. A circle
 * is fitted through those edge points, dropping the ones that do not agree (a reflection, an eyelash).
 *
 * Only rays within FIT_SECTOR_DEG of the horizontal are used: above and below, the eyelids cover
 * the iris's edge in most faces, and their line would be taken for it.
 */
import { fitCircle, median } from '../math/circleFit.ts';
import { LUMA_WEIGHTS } from '../matchHair.ts';

/** An 8-bit RGBA image, row-major. */
export interface RgbaImage {
  readonly rgba: ArrayLike<number>;
  readonly widthPx: number;
  readonly heightPx: number;
}

/** A fitted iris, image px. */
export interface IrisCircle {
  readonly x: number;
  readonly y: number;
  readonly radiusPx: number;
  /** Edge points the circle was fitted through. */
  readonly points: number;
  /** Root-mean-square distance of those points from the circle, px. */
  readonly rmsPx: number;
  /** How much brighter the white beside the iris is than the iris (0–1 luma, medians). */
  readonly contrast: number;
  /**
   * How far the circle through one side's edge points alone differs in radius from this one, as a
   * fraction of its radius (the larger of the two sides; 0 when a side has too few points to say).
   */
  readonly sides: number;
}

/** Rays are cast within this angle above and below the horizontal, on both sides, degrees. */
export const FIT_SECTOR_DEG = 45;
/** Angle between neighbouring rays, degrees. */
const RAY_STEP_DEG = 3;
/** The limbus is looked for between these fractions of the model's radius. */
const SEARCH_FROM = 0.6;
const SEARCH_TO = 1.5;
/** Samples per pixel along a ray. */
const SAMPLES_PER_PX = 4;
/** Fewest edge points a circle is fitted through. */
const MIN_POINTS = 10;
/** An edge point farther than this from the circle (px, or this many robust deviations) is dropped. */
const OUTLIER_PX = 1.5;
const OUTLIER_SPREAD = 2.5;
/** Smallest brightness rise (0–1 luma, across EDGE_SPAN_OF_RADIUS) that counts as an edge. */
const MIN_EDGE_RISE = 0.02;
/** The rise is taken across this fraction of the radius either side (at least a pixel). */
const EDGE_SPAN_OF_RADIUS = 0.02;
/**
 * A fitted circle is an iris only if its edge points follow it to within this fraction of its
 * radius (rms), and the white beside it is brighter than its inside by at least MIN_CONTRAST.
 * Measured: irises fitted within 1 % on generated eyes and 3.6–4.2 % on real portraits (JPEG,
 * lashes, 16–22 px radii); circles fitted on shut eyes strayed by 10–20 % (generated and real), and
 * circles caught on an iris's inner pattern by 6.5–7 %. The contrast is a weaker second guard: a
 * generated iris stands 0.13 below its shaded white, a generated shut eye's skin within ±0.1.
 */
const MAX_RMS_OF_RADIUS = 0.05;
const MIN_CONTRAST = 0.05;
/**
 * Each side's edge must bend like the circle: its own circle's radius no farther from the fitted
 * one than this fraction. A straight edge on one side (the rim of a reflection in glasses across
 * the iris) and the limbus on the other can be joined by a smaller circle that follows both
 * closely; that side's own radius is then 8–65 times too large. A real iris's sides differ by 0.3
 * at most in the portraits measured, a generated one's by 0.08.
 */
const MAX_SIDES_APART = 1;
/** The contrast compares the iris (between these fractions of its radius) with the white beside it (between these), within CONTRAST_SECTOR_DEG of the horizontal. */
const CONTRAST_INSIDE = [0.45, 0.85] as const;
const CONTRAST_OUTSIDE = [1.15, 1.4] as const;
const CONTRAST_SECTOR_DEG = 25;

/** An image's luma (0–1), row-major: made once per fit, as every edge and ring samples it many times over. */
interface LumaImage {
  readonly luma: Float64Array;
  readonly widthPx: number;
  readonly heightPx: number;
}

function lumaOf(img: RgbaImage): LumaImage {
  const luma = new Float64Array(img.widthPx * img.heightPx);
  const [wr, wg, wb] = LUMA_WEIGHTS;
  for (let p = 0, i = 0; p < luma.length; p++, i += 4) luma[p] = (wr * (img.rgba[i] ?? 0) + wg * (img.rgba[i + 1] ?? 0) + wb * (img.rgba[i + 2] ?? 0)) / 255;
  return { luma, widthPx: img.widthPx, heightPx: img.heightPx };
}

/** Bilinear luma at image point (x, y) (pixel i covers [i, i + 1]), or NaN outside the image. */
function sample(img: LumaImage, px: number, py: number): number {
  const x = px - 0.5;
  const y = py - 0.5;
  const x0 = Math.floor(x);
  const y0 = Math.floor(y);
  const w = img.widthPx;
  if (x0 < 0 || y0 < 0 || x0 + 1 >= w || y0 + 1 >= img.heightPx) return Number.NaN;
  const fx = x - x0;
  const fy = y - y0;
  const i = y0 * w + x0;
  const l = img.luma;
  const top = l[i]! * (1 - fx) + l[i + 1]! * fx;
  const bottom = l[i + w]! * (1 - fx) + l[i + w + 1]! * fx;
  return top * (1 - fy) + bottom * fy;
}

/**
 * Distance along one ray (unit direction dx, dy) from the centre to the limbus: the largest rise of
 * brightness between SEARCH_FROM and SEARCH_TO of `r0`, to a fraction of a pixel; null when the ray
 * leaves the image or shows no clear edge.
 */
function edgeAlong(img: LumaImage, cx: number, cy: number, dx: number, dy: number, r0: number): number | null {
  const step = 1 / SAMPLES_PER_PX;
  const from = SEARCH_FROM * r0;
  const to = SEARCH_TO * r0;
  const n = Math.floor((to - from) / step) + 1;
  const values = new Float64Array(n);
  for (let k = 0; k < n; k++) {
    const r = from + k * step;
    const v = sample(img, cx + dx * r, cy + dy * r);
    if (Number.isNaN(v)) return null;
    values[k] = v;
  }
  // Rise over a short span (a pixel, more on a large iris) to steady it over noise and fibres.
  const span = Math.max(SAMPLES_PER_PX, Math.round((EDGE_SPAN_OF_RADIUS * r0) / step));
  const rises = new Float64Array(n);
  let best = -Infinity;
  let at = -1;
  for (let k = span; k < n - span; k++) {
    rises[k] = (values[k + span]! - values[k - span]!) / 2;
    if (rises[k]! > best) {
      best = rises[k]!;
      at = k;
    }
  }
  if (at < 0 || best < MIN_EDGE_RISE) return null;
  // The edge is the centroid of the rise around its peak (where it stays above half the peak): a
  // blurred edge and a flat-topped rise both give their middle.
  let lo = at;
  let hi = at;
  while (lo > span && rises[lo - 1]! > best / 2) lo--;
  while (hi < n - span - 1 && rises[hi + 1]! > best / 2) hi++;
  let weight = 0;
  let moment = 0;
  for (let k = lo; k <= hi; k++) {
    const w = rises[k]! - best / 2;
    weight += w;
    moment += w * k;
  }
  return from + (weight > 0 ? moment / weight : at) * step;
}

/** How far from the model's centre the iris is looked for, in model radii, and over which radii. */
const LOCATE_REACH = 0.8;
const LOCATE_RADII = { from: 0.8, to: 1.3, step: 0.03 } as const;
/** Angles sampled per side, and radial samples inside and outside the edge, for locating. */
const LOCATE_ANGLES = 12;
const LOCATE_DEPTHS = [0.05, 0.1, 0.15] as const;

/**
 * Where the iris is, coarsely: the circle near the model's whose edge (in the horizontal sectors)
 * is the sharpest step from dark inside to bright outside. A face model can put the centre half a
 * radius off, which would send the rays of the fine fit past the edge.
 */
function locateIris(img: LumaImage, cx: number, cy: number, r0: number): { x: number; y: number; r: number } {
  const dirs: [number, number][] = [];
  for (const side of [0, Math.PI]) {
    for (let k = 0; k < LOCATE_ANGLES; k++) {
      const a = side + ((k / (LOCATE_ANGLES - 1) - 0.5) * 2 * FIT_SECTOR_DEG * Math.PI) / 180;
      dirs.push([Math.cos(a), Math.sin(a)]);
    }
  }
  const step = Math.max(1, r0 / 20);
  const reach = LOCATE_REACH * r0;
  let best = { x: cx, y: cy, r: r0, score: -Infinity };
  for (let y = cy - reach; y <= cy + reach; y += step) {
    for (let x = cx - reach; x <= cx + reach; x += step) {
      for (let f = LOCATE_RADII.from; f <= LOCATE_RADII.to; f += LOCATE_RADII.step) {
        const r = f * r0;
        let score = 0;
        let n = 0;
        for (const [dx, dy] of dirs) {
          for (const d of LOCATE_DEPTHS) {
            const outside = sample(img, x + dx * r * (1 + d), y + dy * r * (1 + d));
            const inside = sample(img, x + dx * r * (1 - d), y + dy * r * (1 - d));
            if (Number.isNaN(outside) || Number.isNaN(inside)) continue;
            score += outside - inside;
            n++;
          }
        }
        if (n > 0 && score / n > best.score) best = { x, y, r, score: score / n };
      }
    }
  }
  return best;
}

/**
 * The iris around (cx, cy), whose radius the face model puts near `r0` px: located coarsely, then
 * a circle fitted to the limbus on the image's pixels (and fitted again from its own centre), or
 * null when too few rays find it (eyes closed, glare, blur).
 */
export function fitIris(image: RgbaImage, cx: number, cy: number, r0: number): IrisCircle | null {
  if (!(r0 > 1)) return null;
  const img = lumaOf(image);
  // From the located circle first, then from the model's own, should the first fit not hold.
  const at = locateIris(img, cx, cy, r0);
  for (const start of [at, { x: cx, y: cy, r: r0 }]) {
    const first = fitAround(img, start.x, start.y, start.r);
    const fit = first && (fitAround(img, first.x, first.y, first.radiusPx) ?? first);
    if (fit && fit.rmsPx <= MAX_RMS_OF_RADIUS * fit.radiusPx && fit.contrast >= MIN_CONTRAST && fit.sides <= MAX_SIDES_APART) return fit;
  }
  return null;
}

/** Median luma of the ring between fractions `from` and `to` of radius r around (cx, cy), within CONTRAST_SECTOR_DEG of the horizontal. */
function ringLuma(img: LumaImage, cx: number, cy: number, r: number, [from, to]: readonly [number, number]): number {
  const values: number[] = [];
  const steps = Math.max(3, Math.ceil((to - from) * r));
  for (const side of [0, 180]) {
    for (let deg = -CONTRAST_SECTOR_DEG; deg <= CONTRAST_SECTOR_DEG; deg += RAY_STEP_DEG) {
      const a = ((side + deg) * Math.PI) / 180;
      for (let k = 0; k <= steps; k++) {
        const d = (from + ((to - from) * k) / steps) * r;
        const v = sample(img, cx + Math.cos(a) * d, cy + Math.sin(a) * d);
        if (!Number.isNaN(v)) values.push(v);
      }
    }
  }
  return values.length > 0 ? median(values) : Number.NaN;
}

/** The fine fit: rays from (cx, cy) find the limbus near `r0`, and a circle is fitted through it. */
function fitAround(img: LumaImage, cx: number, cy: number, r0: number): IrisCircle | null {
  let xs: number[] = [];
  let ys: number[] = [];
  for (const side of [0, 180]) {
    for (let deg = -FIT_SECTOR_DEG; deg <= FIT_SECTOR_DEG; deg += RAY_STEP_DEG) {
      const angle = ((side + deg) * Math.PI) / 180;
      const dx = Math.cos(angle);
      const dy = Math.sin(angle);
      const r = edgeAlong(img, cx, cy, dx, dy, r0);
      if (r === null) continue;
      xs.push(cx + dx * r);
      ys.push(cy + dy * r);
    }
  }
  for (let round = 0; round < 4; round++) {
    if (xs.length < MIN_POINTS) return null;
    const circle = fitCircle(xs, ys);
    if (!circle) return null;
    const residuals = xs.map((x, i) => Math.hypot(x - circle.x, ys[i]! - circle.y) - circle.r);
    const spread = median(residuals.map(Math.abs)) * 1.4826;
    const limit = Math.max(OUTLIER_PX, OUTLIER_SPREAD * spread);
    const keep = residuals.map((d) => Math.abs(d) <= limit);
    if (keep.every(Boolean) || round === 3) {
      const rms = Math.sqrt(residuals.reduce((s, d) => s + d * d, 0) / residuals.length);
      const contrast = ringLuma(img, circle.x, circle.y, circle.r, CONTRAST_OUTSIDE) - ringLuma(img, circle.x, circle.y, circle.r, CONTRAST_INSIDE);
      return { x: circle.x, y: circle.y, radiusPx: circle.r, points: xs.length, rmsPx: rms, contrast: Number.isNaN(contrast) ? 0 : contrast, sides: sidesApart(xs, ys, circle) };
    }
    xs = xs.filter((_, i) => keep[i]);
    ys = ys.filter((_, i) => keep[i]);
  }
  return null;
}

/** The larger of the two sides' own radii's distance from the circle's, as a fraction of its radius (0 when a side has too few points). */
function sidesApart(xs: readonly number[], ys: readonly number[], circle: { x: number; y: number; r: number }): number {
  let worst = 0;
  for (const left of [true, false]) {
    const idx = xs.map((_, i) => i).filter((i) => xs[i]! < circle.x === left);
    if (idx.length < MIN_POINTS / 2) continue;
    const own = fitCircle(
      idx.map((i) => xs[i]!),
      idx.map((i) => ys[i]!),
    );
    // Points on a line have no circle: as far apart as can be.
    worst = Math.max(worst, own ? Math.abs(own.r / circle.r - 1) : Infinity);
  }
  return worst;
}
