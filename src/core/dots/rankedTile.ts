/**
 * The ranked tile: N points on the unit torus, listed in rank order, such that every prefix (the
 * first k points) and every rank band (points k0..k1) is blue noise on its own.
 *
 * Method: progressive best-candidate sampling (Mitchell 1991), made band-aware and locally refined.
 * Point k is chosen among candidate positions by the score
 *
 *   min( d_all / d_hex(k),  d_recent / (BAND_WEIGHT · d_hex(W)) ),   W = BAND_WINDOW · k,
 *
 * where d_all is the distance to the nearest of the k points already placed, d_recent the distance
 * to the nearest of the W most recently placed ones, and d_hex(n) the hexagonal spacing of n points
 * on the unit square. The candidates are CANDIDATES uniform positions, then REFINE_ROUNDS rings of six
 * probes at halving radii around the best so far (a cheap local search for the centre of the void).
 *
 * Why not weighted sample elimination (Yuksel 2015) with progressive ordering: its prefixes are
 * subsets of an already well-spread set, and halving such a set scores only 0.74–0.76 of d_hex at
 * 1/16…1/2 and 0.57 for the top band [0.8, 1) (shared/research/performance.md §1.2; a port run
 * while writing this module gave the same, also with finer levels than halving). Placing each
 * point into the largest void is a stationary process instead: every prefix gets the same quality
 * (mean nearest neighbour about 0.79–0.80 of d_hex), and the recent-window term keeps each
 * session's band spread (0.63–0.66) at a cost of about 0.01 on the prefixes.
 *
 * Cost is O(N · candidates) with a uniform grid rebuilt whenever the count doubles: about 10 µs per
 * point in Node on the 2-core reference VM (1.3–1.4 s for 2^17 points). Deterministic on every
 * engine: only +, −, ·, /, sqrt and floor on doubles, no trigonometry.
 */
import { createRandom } from '../random.ts';

/** Uniform candidates per point (more: better spacing, linearly slower). */
export const CANDIDATES = 30;
/** Rings of six probes around the best candidate, each at half the previous radius. */
export const REFINE_ROUNDS = 4;
/** Radius of the first refinement ring, as a fraction of d_hex(k). */
export const REFINE_RADIUS = 0.3;
/** The recent window, as a fraction of the points already placed. */
export const BAND_WINDOW = 0.15;
/** How far, relative to the window's own hexagonal spacing, a point should keep from recent points. */
export const BAND_WEIGHT = 0.7;

/** A progressive point set on the unit torus; index order is rank order. */
export interface RankedTile {
  /** Number of points. */
  readonly count: number;
  /** x in [0, 1), point i has rank (i + 0.5) / count. */
  readonly x: Float64Array;
  /** y in [0, 1). */
  readonly y: Float64Array;
  /** A random 32-bit value per point, to derive per-dot jitter from. */
  readonly noise: Uint32Array;
}

/** d_hex(n)² · n on the unit square: d_hex(n) = sqrt(2 / (sqrt(3) n)). */
const HEX_AREA = 2 / Math.sqrt(3);
const COS60 = 0.5;
const SIN60 = Math.sqrt(3) / 2;
/** Grid cell side relative to d_hex at the start of a doubling phase. */
const CELL_OF_DHEX = 0.7;
/**
 * Largest cell offset the spiral scan visits. A cell is at least 0.7 d_hex(k) wide and the scan must
 * reach score · 1.81 d_hex(k) (BAND_WEIGHT / sqrt(BAND_WINDOW)), so offsets up to 5 (least distance
 * 4 cells) are exact for scores up to 1.5; real voids score below about 1.1 (covering radius).
 */
const SPIRAL_CELLS = 5;

function hexSpacing(n: number): number {
  return Math.sqrt(HEX_AREA / Math.max(n, 1));
}

/** Cell offsets around a centre cell, nearest first, with the squared least distance in cells. */
function spiralOffsets(radius: number): { dx: Int32Array; dy: Int32Array; d2: Float64Array } {
  const list: { dx: number; dy: number; d2: number }[] = [];
  for (let dy = -radius; dy <= radius; dy++) {
    for (let dx = -radius; dx <= radius; dx++) {
      const ax = Math.max(0, Math.abs(dx) - 1);
      const ay = Math.max(0, Math.abs(dy) - 1);
      list.push({ dx, dy, d2: ax * ax + ay * ay });
    }
  }
  list.sort((a, b) => a.d2 - b.d2 || a.dy - b.dy || a.dx - b.dx);
  return {
    dx: Int32Array.from(list, (o) => o.dx),
    dy: Int32Array.from(list, (o) => o.dy),
    d2: Float64Array.from(list, (o) => o.d2),
  };
}

const SPIRAL = spiralOffsets(SPIRAL_CELLS);

/** Builds a ranked tile of `count` points from `seed` (same arguments, same tile, on every engine). */
export function buildRankedTile(seed: number, count: number): RankedTile {
  if (!Number.isInteger(count) || count < 1) throw new RangeError(`tile point count must be a positive integer, got ${count}`);
  const random = createRandom(seed, 0x7113);
  const x = new Float64Array(count);
  const y = new Float64Array(count);
  const noise = new Uint32Array(count);
  const next = new Int32Array(count);
  let cells = 1;
  let head = new Int32Array(1);
  let placed = 0;

  const insert = (i: number): void => {
    const cx = Math.min(cells - 1, Math.floor(x[i]! * cells));
    const cy = Math.min(cells - 1, Math.floor(y[i]! * cells));
    const c = cy * cells + cx;
    next[i] = head[c]!;
    head[c] = i;
  };
  const rebuild = (phaseStart: number): void => {
    cells = Math.max(1, Math.floor(1 / (CELL_OF_DHEX * hexSpacing(phaseStart))));
    head = new Int32Array(cells * cells).fill(-1);
    for (let i = 0; i < placed; i++) insert(i);
  };

  // Per-point scoring state: 1/d_hex(k)², 1/(weight·d_hex(W))², first recent index, scan reach.
  let invAll2 = 1;
  let invRecent2 = 1;
  let recentFrom = 0;
  let reach2 = 1;

  /** Squared score of (px, py), or -1 as soon as it cannot beat `best2`. */
  const score = (px: number, py: number, best2: number): number => {
    let s2 = 4; // scores are capped at 2, far above any void that remains after the first points
    const brute = cells < 2 * SPIRAL_CELLS + 1;
    const cx = Math.min(cells - 1, Math.floor(px * cells));
    const cy = Math.min(cells - 1, Math.floor(py * cells));
    const steps = brute ? 1 : SPIRAL.d2.length;
    for (let o = 0; o < steps; o++) {
      if (!brute && SPIRAL.d2[o]! >= s2 * reach2) break;
      let gx = cx + SPIRAL.dx[o]!;
      let gy = cy + SPIRAL.dy[o]!;
      if (gx < 0) gx += cells;
      else if (gx >= cells) gx -= cells;
      if (gy < 0) gy += cells;
      else if (gy >= cells) gy -= cells;
      let j = brute ? (placed > 0 ? 0 : -1) : head[gy * cells + gx]!;
      while (j >= 0) {
        let dx = x[j]! - px;
        if (dx > 0.5) dx -= 1;
        else if (dx < -0.5) dx += 1;
        let dy = y[j]! - py;
        if (dy > 0.5) dy -= 1;
        else if (dy < -0.5) dy += 1;
        const d2 = dx * dx + dy * dy;
        let v = d2 * invAll2;
        if (j >= recentFrom) {
          const r = d2 * invRecent2;
          if (r < v) v = r;
        }
        if (v < s2) {
          s2 = v;
          if (s2 <= best2) return -1;
        }
        j = brute ? (j + 1 < placed ? j + 1 : -1) : next[j]!;
      }
    }
    return s2;
  };

  let nextRebuild = 64;
  rebuild(nextRebuild);
  for (placed = 0; placed < count; placed++) {
    if (placed >= nextRebuild) {
      rebuild(nextRebuild);
      nextRebuild *= 2;
    }
    const spacing = hexSpacing(placed);
    const window = Math.max(1, Math.floor(BAND_WINDOW * placed));
    const recentSpacing = BAND_WEIGHT * hexSpacing(window);
    invAll2 = 1 / (spacing * spacing);
    invRecent2 = 1 / (recentSpacing * recentSpacing);
    recentFrom = placed - window;
    const reachCells = Math.max(spacing, recentSpacing) * cells;
    reach2 = reachCells * reachCells;

    let bx = random();
    let by = random();
    let best2 = score(bx, by, -1);
    for (let t = 1; t < CANDIDATES; t++) {
      const px = random();
      const py = random();
      const s2 = score(px, py, best2);
      if (s2 > best2) {
        best2 = s2;
        bx = px;
        by = py;
      }
    }
    let radius = REFINE_RADIUS * spacing;
    for (let round = 0; round < REFINE_ROUNDS; round++, radius *= 0.5) {
      let [ux, uy] = randomDirection(random);
      ux *= radius;
      uy *= radius;
      const cx = bx;
      const cy = by;
      for (let t = 0; t < 6; t++) {
        const rx = COS60 * ux - SIN60 * uy;
        uy = SIN60 * ux + COS60 * uy;
        ux = rx;
        const px = wrapUnit(cx + ux);
        const py = wrapUnit(cy + uy);
        const s2 = score(px, py, best2);
        if (s2 > best2) {
          best2 = s2;
          bx = px;
          by = py;
        }
      }
    }
    x[placed] = bx;
    y[placed] = by;
    noise[placed] = (random() * 4294967296) >>> 0;
    insert(placed);
  }
  return { count, x, y, noise };
}

/** A uniformly random unit vector, without trigonometry (deterministic across engines). */
function randomDirection(random: () => number): [number, number] {
  for (;;) {
    const ux = 2 * random() - 1;
    const uy = 2 * random() - 1;
    const u2 = ux * ux + uy * uy;
    if (u2 <= 1 && u2 >= 0.01) {
      const inv = 1 / Math.sqrt(u2);
      return [ux * inv, uy * inv];
    }
  }
}

/** Wraps a coordinate into [0, 1). */
function wrapUnit(v: number): number {
  const w = v - Math.floor(v);
  return w < 1 ? w : 0;
}
