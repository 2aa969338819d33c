/**
 * Shaved-hair stubble in the fringe: follicle positions at a known density, and their marks.
 *
 * Positions: one point per cell of a square grid sized for the density (so every patch holds the
 * requested count up to its border), each jittered anywhere in its cell, then pushed apart by a few
 * rounds of short-range repulsion so no two crowd together (Poisson-disc-like, no visible grid).
 * The soft fringe boundary thins them with the fringe weight; in the fringe's interior all are kept.
 */
import { createNoise2D } from 'simplex-noise';
import { createRandom } from '../random.ts';
import { isInFringe, type ScalpLayout } from './scalpLayout.ts';
import { stampCapsule, stampDot, type FloatImage, type LinearRgb } from './splat.ts';

/** Stubble follicles, image pixels; index i is (xPx[i], yPx[i]). */
export interface StubbleFollicles {
  readonly count: number;
  readonly xPx: Float32Array;
  readonly yPx: Float32Array;
}

const STREAM_PLACE = 21;
const STREAM_LOOK = 22;
const RELAX_ROUNDS = 5;

/** Candidate points over the whole head at the density, well spread (before the fringe thinning). */
function spreadPoints(layout: ScalpLayout, densityPerCm2: number, seed: number): { xs: Float64Array; ys: Float64Array } {
  const { head } = layout;
  const cell = layout.pxPerCm / Math.sqrt(densityPerCm2);
  const reachX = head.radiusXPx * (1 + head.eggFactor) * 1.05 + 2 * cell;
  const reachY = head.radiusYPx * 1.05 + 2 * cell;
  const c = Math.abs(Math.cos(head.rotationRad));
  const s = Math.abs(Math.sin(head.rotationRad));
  const x0 = head.centreXPx - (reachX * c + reachY * s);
  const y0 = head.centreYPx - (reachX * s + reachY * c);
  const nx = Math.ceil((2 * (reachX * c + reachY * s)) / cell);
  const ny = Math.ceil((2 * (reachX * s + reachY * c)) / cell);
  const n = nx * ny;
  const xs = new Float64Array(n);
  const ys = new Float64Array(n);
  const random = createRandom(seed, STREAM_PLACE);
  for (let j = 0, i = 0; j < ny; j++) {
    for (let k = 0; k < nx; k++, i++) {
      xs[i] = x0 + (k + random()) * cell;
      ys[i] = y0 + (j + random()) * cell;
    }
  }
  relax(xs, ys, x0, y0, nx * cell, ny * cell, cell);
  return { xs, ys };
}

/** Short-range repulsion: neighbours closer than the hexagonal spacing push each other apart. */
function relax(xs: Float64Array, ys: Float64Array, x0: number, y0: number, w: number, h: number, cell: number): void {
  const n = xs.length;
  const radius = cell * 1.07;
  const r2 = radius * radius;
  const bw = Math.max(1, Math.floor(w / radius));
  const bh = Math.max(1, Math.floor(h / radius));
  const bucketW = w / bw;
  const bucketH = h / bh;
  const start = new Int32Array(bw * bh + 1);
  const order = new Int32Array(n);
  const bucketOf = new Int32Array(n);
  const dx = new Float64Array(n);
  const dy = new Float64Array(n);
  const maxStep = 0.3 * cell;
  for (let round = 0; round < RELAX_ROUNDS; round++) {
    start.fill(0);
    for (let i = 0; i < n; i++) {
      const bx = Math.min(bw - 1, Math.max(0, Math.floor((xs[i]! - x0) / bucketW)));
      const by = Math.min(bh - 1, Math.max(0, Math.floor((ys[i]! - y0) / bucketH)));
      const b = by * bw + bx;
      bucketOf[i] = b;
      start[b + 1] = start[b + 1]! + 1;
    }
    for (let b = 0; b < bw * bh; b++) start[b + 1] = start[b + 1]! + start[b]!;
    const fill = start.slice(0, bw * bh);
    for (let i = 0; i < n; i++) {
      const b = bucketOf[i]!;
      order[fill[b]!] = i;
      fill[b] = fill[b]! + 1;
    }
    for (let i = 0; i < n; i++) {
      const b = bucketOf[i]!;
      const bx = b % bw;
      const by = (b - bx) / bw;
      let sx = 0;
      let sy = 0;
      for (let yy = Math.max(0, by - 1); yy <= Math.min(bh - 1, by + 1); yy++) {
        for (let xx = Math.max(0, bx - 1); xx <= Math.min(bw - 1, bx + 1); xx++) {
          const nb = yy * bw + xx;
          for (let p = start[nb]!; p < start[nb + 1]!; p++) {
            const j = order[p]!;
            if (j === i) continue;
            const ex = xs[i]! - xs[j]!;
            const ey = ys[i]! - ys[j]!;
            const d2 = ex * ex + ey * ey;
            if (d2 >= r2 || d2 === 0) continue;
            const d = Math.sqrt(d2);
            const push = (radius - d) / d;
            sx += ex * push;
            sy += ey * push;
          }
        }
      }
      sx *= 0.35;
      sy *= 0.35;
      const step = Math.hypot(sx, sy);
      const scale = step > maxStep ? maxStep / step : 1;
      dx[i] = sx * scale;
      dy[i] = sy * scale;
    }
    for (let i = 0; i < n; i++) {
      xs[i] = Math.min(x0 + w, Math.max(x0, xs[i]! + dx[i]!));
      ys[i] = Math.min(y0 + h, Math.max(y0, ys[i]! + dy[i]!));
    }
  }
}

/**
 * The follicles of the fringe stubble: `densityPerCm2` per cm² of image where `isInFringe` is 1,
 * thinned in proportion across its soft boundary, none on the bald top.
 */
export function stubbleFollicles(layout: ScalpLayout, densityPerCm2: number, seed: number): StubbleFollicles {
  const { xs, ys } = spreadPoints(layout, densityPerCm2, seed);
  const random = createRandom(seed, STREAM_PLACE + 100);
  const keptX: number[] = [];
  const keptY: number[] = [];
  for (let i = 0; i < xs.length; i++) {
    const x = xs[i]!;
    const y = ys[i]!;
    const keep = random();
    if (x < 0 || y < 0 || x >= layout.widthPx || y >= layout.heightPx) continue;
    const weight = isInFringe(layout, x, y);
    if (weight > 0 && keep < weight) {
      keptX.push(x);
      keptY.push(y);
    }
  }
  return { count: keptX.length, xPx: Float32Array.from(keptX), yPx: Float32Array.from(keptY) };
}

const HAIR: LinearRgb = { r: 0.018, g: 0.013, b: 0.011 };
/** Grey hairs only dim the skin a little: a clear shaft over skin. */
const GREY_HAIR: LinearRgb = { r: 0.62, g: 0.62, b: 0.64 };
/** Hair shaft seen through the skin darkens it towards blue-grey (the skin scatters blue back over it). */
const SHAFT: LinearRgb = { r: 0.33, g: 0.38, b: 0.5 };

/**
 * Paints the stubble: per follicle a blurred blue-grey shaft under the skin (behind the exit point),
 * the cut hair at the exit as a tiny dark dot, and 1–3 hairs poking out as very short strokes along
 * the growth direction (outward from a crown whorl, down the back and sides).
 */
export function paintStubble(img: FloatImage, layout: ScalpLayout, follicles: StubbleFollicles, seed: number): void {
  const { head, pxPerCm } = layout;
  const pxPerMm = pxPerCm / 10;
  const random = createRandom(seed, STREAM_LOOK);
  const flow = createNoise2D(createRandom(seed, STREAM_LOOK + 1));
  const cosR = Math.cos(head.rotationRad);
  const sinR = Math.sin(head.rotationRad);
  // The whorl sits behind the centre of the head.
  const whorlX = head.centreXPx + 0.25 * head.radiusYPx * sinR;
  const whorlY = head.centreYPx - 0.25 * head.radiusYPx * cosR;
  for (let i = 0; i < follicles.count; i++) {
    const x = follicles.xPx[i]!;
    const y = follicles.yPx[i]!;
    const flowNoise = flow((x / pxPerCm) * 0.35, (y / pxPerCm) * 0.35);
    const angle = Math.atan2(y - whorlY, x - whorlX) + 0.45 * flowNoise + (random() - 0.5) * 0.5;
    const ux = Math.cos(angle);
    const uy = Math.sin(angle);
    // Shaft under the skin, 1–1.8 mm, fading towards the bulb.
    const shaftMm = 1 + random() * 0.8;
    const shaftOpacity = 0.26 + random() * 0.14;
    stampCapsule(img, x, y, x - ux * shaftMm * pxPerMm, y - uy * shaftMm * pxPerMm, 0.14 * pxPerMm, shaftOpacity, SHAFT, 'multiply', 0.75);
    const grey = random() < 0.06;
    const colour = grey ? GREY_HAIR : HAIR;
    const hairs = random() < 0.6 ? 1 : random() < 0.85 ? 2 : 3;
    const dotMm = 0.08 + random() * 0.07;
    stampDot(img, x, y, dotMm * 0.5 * pxPerMm, grey ? 0.5 : 0.88 + random() * 0.12, colour, grey ? 'multiply' : 'over');
    for (let k = 0; k < hairs; k++) {
      const a = angle + (k === 0 ? 0 : (random() - 0.5) * 0.7);
      const lenMm = 0.18 + random() * 0.27;
      const widthMm = 0.07 + random() * 0.04;
      const ox = k === 0 ? 0 : (random() - 0.5) * 0.12 * pxPerMm;
      const oy = k === 0 ? 0 : (random() - 0.5) * 0.12 * pxPerMm;
      const ex = x + ox + Math.cos(a) * lenMm * pxPerMm;
      const ey = y + oy + Math.sin(a) * lenMm * pxPerMm;
      const opacity = grey ? 0.4 : 0.75 + random() * 0.2;
      stampCapsule(img, x + ox, y + oy, ex, ey, widthMm * 0.5 * pxPerMm, opacity, colour, grey ? 'multiply' : 'over', 0.5);
    }
  }
}
