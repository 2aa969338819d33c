/**
 * The measures the preview is judged by against photos of real SMP (docs/realism.md), for a photo
 * without and with dots, inside a rectangle:
 *  - darkening: 1 − mean luma with / mean luma without (Rec. 709 luma of the sRGB values);
 *  - ΔL*, Δa*, Δb*: mean CIELAB (D65) with, minus without;
 *  - grain: the luma resampled to 50 px/cm, then the mean of max(0, 1 − L / G(L)) with G a Gaussian
 *    blur of σ 6 px (1.2 mm); grainExcess is that with dots minus without;
 *  - regularity: dots are the 5 × 5 local maxima of max(0, 1 − L / G(L)) above 0.06; their mean
 *    nearest-neighbour distance over the hexagonal spacing for their count.
 */

/** A rectangle of image pixels, [x0, x1) × [y0, y1). */
export interface Rect {
  readonly x0: number;
  readonly y0: number;
  readonly x1: number;
  readonly y1: number;
}

/** What the measures give. */
export interface RealismMeasures {
  readonly darkening: number;
  readonly dL: number;
  readonly da: number;
  readonly db: number;
  readonly grainExcess: number;
  readonly regularity: number;
  readonly detectedPerCm2: number;
}

const toLinear = (v: number): number => {
  const c = v / 255;
  return c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
};
const LINEAR = Float64Array.from({ length: 256 }, (_, i) => toLinear(i));

/** CIELAB (D65 white) of 8-bit sRGB values. */
export function srgbToLab(r: number, g: number, b: number): [number, number, number] {
  const R = LINEAR[Math.round(r)]!;
  const G = LINEAR[Math.round(g)]!;
  const B = LINEAR[Math.round(b)]!;
  const X = (0.4124 * R + 0.3576 * G + 0.1805 * B) / 0.95047;
  const Y = 0.2126 * R + 0.7152 * G + 0.0722 * B;
  const Z = (0.0193 * R + 0.1192 * G + 0.9505 * B) / 1.08883;
  const f = (t: number): number => (t > (6 / 29) ** 3 ? Math.cbrt(t) : t / (3 * (6 / 29) ** 2) + 4 / 29);
  return [116 * f(Y) - 16, 500 * (f(X) - f(Y)), 200 * (f(Y) - f(Z))];
}

/** Rec. 709 luma of the sRGB values at pixel p of an RGBA image. */
const luma = (rgba: ArrayLike<number>, p: number): number => 0.2126 * rgba[4 * p]! + 0.7152 * rgba[4 * p + 1]! + 0.0722 * rgba[4 * p + 2]!;

/** Mean luma and Lab over a rectangle. */
function means(rgba: ArrayLike<number>, width: number, r: Rect): { luma: number; lab: [number, number, number] } {
  let y = 0;
  const lab: [number, number, number] = [0, 0, 0];
  let n = 0;
  for (let j = r.y0; j < r.y1; j++) {
    for (let i = r.x0; i < r.x1; i++) {
      const p = j * width + i;
      y += luma(rgba, p);
      const l = srgbToLab(rgba[4 * p]!, rgba[4 * p + 1]!, rgba[4 * p + 2]!);
      for (let c = 0; c < 3; c++) lab[c] = lab[c]! + l[c]!;
      n++;
    }
  }
  return { luma: y / n, lab: lab.map((v) => v / n) as [number, number, number] };
}

/** Luma of a rectangle box-resampled to 50 px/cm. */
function lumaAt50(rgba: ArrayLike<number>, width: number, r: Rect, pxPerCm: number): { values: Float64Array; w: number; h: number } {
  const step = pxPerCm / 50;
  const w = Math.max(1, Math.floor((r.x1 - r.x0) / step));
  const h = Math.max(1, Math.floor((r.y1 - r.y0) / step));
  const values = new Float64Array(w * h);
  for (let j = 0; j < h; j++) {
    for (let i = 0; i < w; i++) {
      // The source pixels whose centres fall in this output pixel (at least the nearest one).
      const xa = r.x0 + i * step;
      const ya = r.y0 + j * step;
      let sum = 0;
      let n = 0;
      for (let y = Math.ceil(ya - 0.5); y < ya + step - 0.5; y++) {
        for (let x = Math.ceil(xa - 0.5); x < xa + step - 0.5; x++) {
          sum += luma(rgba, y * width + x);
          n++;
        }
      }
      values[j * w + i] = n > 0 ? sum / n : luma(rgba, Math.floor(ya + step / 2) * width + Math.floor(xa + step / 2));
    }
  }
  return { values, w, h };
}

/** Gaussian blur (σ px) with edges clamped. */
function gaussian(src: Float64Array, w: number, h: number, sigma: number): Float64Array {
  const radius = Math.ceil(3 * sigma);
  const k = Array.from({ length: 2 * radius + 1 }, (_, i) => Math.exp(-((i - radius) ** 2) / (2 * sigma * sigma)));
  const total = k.reduce((a, b) => a + b, 0);
  const run = (a: Float64Array, dx: number, dy: number): Float64Array => {
    const out = new Float64Array(a.length);
    for (let y = 0; y < h; y++) {
      for (let x = 0; x < w; x++) {
        let s = 0;
        for (let i = -radius; i <= radius; i++) s += k[i + radius]! * a[Math.min(h - 1, Math.max(0, y + i * dy)) * w + Math.min(w - 1, Math.max(0, x + i * dx))]!;
        out[y * w + x] = s / total;
      }
    }
    return out;
  };
  return run(run(src, 1, 0), 0, 1);
}

/** Grain, detected dots and regularity of a rectangle. */
export function grainAndRegularity(rgba: ArrayLike<number>, width: number, r: Rect, pxPerCm: number): { grain: number; regularity: number; detectedPerCm2: number } {
  const { values, w, h } = lumaAt50(rgba, width, r, pxPerCm);
  const background = gaussian(values, w, h, 6);
  const map = values.map((v, i) => Math.max(0, 1 - v / Math.max(1, background[i]!)));
  const grain = map.reduce((a, b) => a + b, 0) / map.length;
  const dots: [number, number][] = [];
  for (let y = 2; y < h - 2; y++) {
    for (let x = 2; x < w - 2; x++) {
      const v = map[y * w + x]!;
      if (v < 0.06) continue;
      let peak = true;
      for (let dy = -2; dy <= 2 && peak; dy++) {
        for (let dx = -2; dx <= 2; dx++) {
          if (dx === 0 && dy === 0) continue;
          const q = map[(y + dy) * w + x + dx]!;
          // Ties go to the first in reading order.
          if (q > v || (q === v && (dy < 0 || (dy === 0 && dx < 0)))) {
            peak = false;
            break;
          }
        }
      }
      if (peak) dots.push([x, y]);
    }
  }
  let nn = 0;
  for (const [x, y] of dots) {
    let best = Infinity;
    for (const [u, v] of dots) if (u !== x || v !== y) best = Math.min(best, (u - x) ** 2 + (v - y) ** 2);
    nn += Math.sqrt(best);
  }
  const hex = Math.sqrt((2 * w * h) / (Math.sqrt(3) * Math.max(1, dots.length)));
  return { grain, regularity: dots.length > 20 ? nn / dots.length / hex : NaN, detectedPerCm2: dots.length / ((w * h) / 2500) };
}

/** All the measures of `after` against `before` (same size, RGBA) inside `r`. */
export function realismMeasures(before: ArrayLike<number>, after: ArrayLike<number>, width: number, r: Rect, pxPerCm: number): RealismMeasures {
  const a = means(before, width, r);
  const b = means(after, width, r);
  const g0 = grainAndRegularity(before, width, r, pxPerCm);
  const g1 = grainAndRegularity(after, width, r, pxPerCm);
  return {
    darkening: 1 - b.luma / a.luma,
    dL: b.lab[0] - a.lab[0],
    da: b.lab[1] - a.lab[1],
    db: b.lab[2] - a.lab[2],
    grainExcess: g1.grain - g0.grain,
    regularity: g1.regularity,
    detectedPerCm2: g1.detectedPerCm2,
  };
}
