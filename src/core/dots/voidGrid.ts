/**
 * The spatial index and void score shared by the two progressive samplers: the ranked tile
 * (rankedTile.ts, on the unit torus) and the seam filler (seams.ts, on a bounded rectangle).
 *
 * Points live in a uniform grid of linked lists. A sampler rebuilds the grid each time the density
 * of placed points doubles, with cells CELL_OF_DHEX times the spacing at the start of that phase, so
 * a spiral of SPIRAL_CELLS cells around a candidate always reaches far enough (see `score`).
 *
 * Over 300 lines as one file: the grid's cells, its rebuild and the scoring spiral share one memory
 * layout (typed arrays of linked lists), and split apart each would reach into the other's internals.
 */

/** Uniform candidates per point (more: better spacing, linearly slower). */
export const CANDIDATES = 20;
/** Rings of six probes around the best candidate, each at half the previous radius. */
export const REFINE_ROUNDS = 4;
/** Radius of the first refinement ring, as a fraction of d_hex. */
export const REFINE_RADIUS = 0.3;
/** The recent window, as a fraction of the points already placed. */
export const BAND_WINDOW = 0.15;
/** How far, relative to the window's own hexagonal spacing, a point should keep from recent points. */
export const BAND_WEIGHT = 0.7;

/** Grid cell side relative to d_hex at the start of a doubling phase. */
export const CELL_OF_DHEX = 0.7;
/**
 * Largest cell offset the spiral scan visits. A cell is at least 0.7 d_hex wide and the scan must
 * reach score · 1.81 d_hex (BAND_WEIGHT / sqrt(BAND_WINDOW) of rankedTile.ts), so offsets up to 5
 * (least distance 4 cells) are exact for scores up to 1.5; real voids score below about 1.1
 * (covering radius).
 */
const SPIRAL_CELLS = 5;
/** Up to this many points, a score scans them all. */
const BRUTE_POINTS = 64;

/** d_hex(n)² · n on the unit square: d_hex = sqrt(2 / (sqrt(3) · density)). */
const HEX_AREA = 2 / Math.sqrt(3);

/** Hexagonal-packing spacing for a density (points per unit area). */
export function hexSpacingAt(density: number): number {
  return Math.sqrt(HEX_AREA / Math.max(density, 1e-300));
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
const SPIRAL_DX = SPIRAL.dx;
const SPIRAL_DY = SPIRAL.dy;
const SPIRAL_D2 = SPIRAL.d2;
const SPIRAL_LENGTH = SPIRAL_D2.length;

/**
 * Placed points with their order (rank or index), indexed by a uniform grid over [0, width) ×
 * [0, height). On a torus (width = height = 1) distances wrap.
 */
export class VoidGrid {
  readonly x: Float64Array;
  readonly y: Float64Array;
  /** Placement order of each point: a point is "recent" when its order ≥ `recentFrom`. */
  readonly order: Float64Array;
  count = 0;

  /** 1 / (d_hex of all placed points)², set by the sampler before scoring. */
  invAll2 = 1;
  /** 1 / (BAND_WEIGHT · d_hex of the recent window)². */
  invRecent2 = 1;
  /** Order from which a point counts as recent. */
  recentFrom = 0;
  /** (Scan reach in cells)²: max(d_hex, recent spacing) / cell side, squared. */
  reach2 = 1;
  /**
   * Points with order ≥ futureFrom are fixed points of higher rank than the one being placed (seam
   * filling only; Infinity otherwise). Their order is their rank, and a point of rank r needs
   * d² · futureScale · r ≥ score (futureScale = 1 / (d_hex² · r), a constant for a density), and
   * d² · futureRecentScale · r for ranks r ≤ futureRecentUpTo.
   */
  futureFrom = Infinity;
  futureScale = 0;
  futureRecentScale = 0;
  futureRecentUpTo = -Infinity;

  private readonly next: Int32Array;
  private head = new Int32Array([-1]);
  private columns = 1;
  private rows = 1;
  private invCell = 1;

  constructor(
    capacity: number,
    private readonly width: number,
    private readonly height: number,
    private readonly torus: boolean,
  ) {
    this.x = new Float64Array(capacity);
    this.y = new Float64Array(capacity);
    this.order = new Float64Array(capacity);
    this.next = new Int32Array(capacity);
  }

  /**
   * Sets the scoring scale for the next point: d_hex of all placed points, the spacing to keep from
   * recent ones (BAND_WEIGHT · d_hex of the window), and the order from which a point is recent.
   */
  setScale(spacing: number, recentSpacing: number, recentFrom: number): void {
    this.invAll2 = 1 / (spacing * spacing);
    this.invRecent2 = 1 / (recentSpacing * recentSpacing);
    this.recentFrom = recentFrom;
    const reachCells = Math.max(spacing, recentSpacing) * this.invCell;
    this.reach2 = reachCells * reachCells;
  }

  /** Re-indexes every point with cells of side `cell` (clamped to the extent). */
  rebuild(cell: number): void {
    this.columns = Math.max(1, Math.floor(this.width / cell));
    this.rows = Math.max(1, Math.floor(this.height / cell));
    // On a torus the cells must tile the period exactly; on a rectangle, a last cell may be short.
    this.invCell = this.torus ? this.columns / this.width : 1 / cell;
    if (!this.torus) {
      this.columns = Math.ceil(this.width * this.invCell);
      this.rows = Math.ceil(this.height * this.invCell);
    }
    this.head = new Int32Array(this.columns * this.rows).fill(-1);
    for (let i = 0; i < this.count; i++) this.link(i);
  }

  /** Adds a point and returns its index. */
  add(px: number, py: number, order: number): number {
    const i = this.count++;
    this.x[i] = px;
    this.y[i] = py;
    this.order[i] = order;
    this.link(i);
    return i;
  }

  private link(i: number): void {
    const cx = Math.min(this.columns - 1, Math.floor(this.x[i]! * this.invCell));
    const cy = Math.min(this.rows - 1, Math.floor(this.y[i]! * this.invCell));
    const c = cy * this.columns + cx;
    this.next[i] = this.head[c]!;
    this.head[c] = i;
  }

  /**
   * Squared void score of (px, py): the least of d² · invAll2 over all points and d² · invRecent2
   * over recent ones (and the future terms above), capped at 4; or -1 as soon as it cannot beat
   * `best2`.
   */
  score(px: number, py: number, best2: number): number {
    const { x, y, order, next, head, columns, rows, torus, invAll2, invRecent2, recentFrom, reach2, count, width, height, invCell } = this;
    const { futureFrom, futureScale, futureRecentScale, futureRecentUpTo } = this;
    const halfW = width * 0.5;
    const halfH = height * 0.5;
    let s2 = 4; // scores are capped at 2, far above any void that remains after the first points
    const cx = Math.min(columns - 1, Math.floor(px * invCell));
    const cy = Math.min(rows - 1, Math.floor(py * invCell));
    // A torus narrower than the spiral would visit cells twice: scan every point instead.
    // So do the first few points, whatever the grid (cells are sized for denser points).
    const brute = count <= BRUTE_POINTS || (torus && (columns < 2 * SPIRAL_CELLS + 1 || rows < 2 * SPIRAL_CELLS + 1));
    const steps = brute ? 1 : SPIRAL_LENGTH;
    for (let o = 0; o < steps; o++) {
      if (!brute && SPIRAL_D2[o]! >= s2 * reach2) break;
      let gx = cx + SPIRAL_DX[o]!;
      let gy = cy + SPIRAL_DY[o]!;
      if (torus) {
        if (gx < 0) gx += columns;
        else if (gx >= columns) gx -= columns;
        if (gy < 0) gy += rows;
        else if (gy >= rows) gy -= rows;
      } else if (gx < 0 || gx >= columns || gy < 0 || gy >= rows) {
        continue;
      }
      let j = brute ? (count > 0 ? 0 : -1) : head[gy * columns + gx]!;
      while (j >= 0) {
        let dx = x[j]! - px;
        let dy = y[j]! - py;
        if (torus) {
          if (dx > halfW) dx -= width;
          else if (dx < -halfW) dx += width;
          if (dy > halfH) dy -= height;
          else if (dy < -halfH) dy += height;
        }
        const d2 = dx * dx + dy * dy;
        const oj = order[j]!;
        let v: number;
        if (oj < futureFrom) {
          v = d2 * invAll2;
          if (oj >= recentFrom) {
            const r = d2 * invRecent2;
            if (r < v) v = r;
          }
        } else {
          // A fixed point of higher rank: keep the distance its own prefix needs, and, when the
          // new point falls in its recent window, the distance its band needs.
          v = d2 * futureScale * oj;
          if (oj <= futureRecentUpTo) {
            const r = d2 * futureRecentScale * oj;
            if (r < v) v = r;
          }
        }
        if (v < s2) {
          s2 = v;
          if (s2 <= best2) return -1;
        }
        j = brute ? (j + 1 < count ? j + 1 : -1) : next[j]!;
      }
    }
    return s2;
  }
}

const COS60 = 0.5;
const SIN60 = Math.sqrt(3) / 2;

/** Where candidates may go: uniform samples, and a test (with wrapping) for refinement probes. */
export interface CandidateSpace {
  /** A uniform random position, written to out[0], out[1]. */
  sample(random: () => number, out: Float64Array): void;
  /** Wraps out[0], out[1] into the space, or returns false when the position lies outside it. */
  admit(out: Float64Array): boolean;
}

/**
 * The best of `candidates` uniform candidates, then REFINE_ROUNDS rings of six probes at halving radii
 * around the best so far (a cheap local search for the centre of the void). `spacing` is d_hex of
 * the placed points; the result is written to out[0], out[1].
 */
export function placeInLargestVoid(
  grid: VoidScorer,
  random: () => number,
  spacing: number,
  space: CandidateSpace,
  out: Float64Array,
  candidates = CANDIDATES,
): void {
  space.sample(random, out);
  let bx = out[0]!;
  let by = out[1]!;
  let best2 = grid.score(bx, by, -1);
  for (let t = 1; t < candidates; t++) {
    space.sample(random, out);
    const s2 = grid.score(out[0]!, out[1]!, best2);
    if (s2 > best2) {
      best2 = s2;
      bx = out[0]!;
      by = out[1]!;
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
      out[0] = cx + ux;
      out[1] = cy + uy;
      if (!space.admit(out)) continue;
      const s2 = grid.score(out[0]!, out[1]!, best2);
      if (s2 > best2) {
        best2 = s2;
        bx = out[0]!;
        by = out[1]!;
      }
    }
  }
  out[0] = bx;
  out[1] = by;
}

/** Anything that scores a candidate position, as VoidGrid.score does. */
export interface VoidScorer {
  score(px: number, py: number, best2: number): number;
}

/** A uniformly random unit vector, without trigonometry (deterministic across engines). */
export function randomDirection(random: () => number): [number, number] {
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
