/**
 * Ranked blue-noise points over the photo, in cm (rank once, threshold forever: docs/design-notes.md).
 * A point is a dot when rank < density / maxDensity; session bands are rank ranges.
 *
 * One ranked tile (rankedTile.ts) of DEFAULT_TILE_POINTS points on the unit torus is built per seed
 * and scaled to the period P = sqrt(tilePoints / maxDensity) cm (25.6 cm at 200 dots/cm²). The
 * rectangle is cut into square cells of side P, and each cell shows the tile shifted by its own
 * random offset and turned or mirrored by its own one of the eight symmetries of the square; up to
 * eight cells all get different symmetries, so no cell is a shifted copy of another. Cells that
 * meet do not match by themselves, so the points near every line between cells are placed again
 * (seams.ts), with the same ranks, by the tile's own sampler among the neighbours that stay. The
 * field therefore has no period and no seam: no lag at which the dots recur, and the spacing across a
 * cell line is that inside a cell.
 *
 * What remains is the reuse of the tile's content in different places and orientations when the
 * rectangle spans more than one cell, as with Wang tiles. A photo up to P wide (most designs: one
 * side of a 500 cm² scalp) is one cell and repeats nothing at all.
 *
 * Tiles are cached per seed and tile size in a module-level Map: a new rectangle or maximum density
 * rescales the tile and re-places the seams (a few per cent of the points); only the first call
 * builds the tile.
 */
import { createRandom } from '../random.ts';
import { buildRankedTile, type RankedTile } from './rankedTile.ts';
import { fillSeams, neighbourReach, seamDistance, seamHalfWidth, type SeamLayout } from './seams.ts';

/** Ranked points covering a rectangle, in cm. rank[i] in [0,1): every prefix {rank < f} is well spread (blue noise). */
export interface RankedPoints {
  readonly count: number;
  /** x in cm, 0..widthCm. */
  readonly xCm: Float32Array;
  /** y in cm, 0..heightCm. */
  readonly yCm: Float32Array;
  /** Rank in [0,1). */
  readonly rank: Float32Array;
  /** Per-dot random byte (0..255), used later for size/shade variation. */
  readonly jitter: Uint8Array;
}

export interface RankedPointsOptions {
  /** Design seed (integer). */
  readonly seed: number;
  /** Rectangle to cover, cm. */
  readonly widthCm: number;
  readonly heightCm: number;
  /** Density of the full set (rank < 1), dots per cm², e.g. 150–300. */
  readonly maxDensityPerCm2: number;
  /** Points per tile; tests use small tiles to cross many seams cheaply. Default DEFAULT_TILE_POINTS. */
  readonly tilePoints?: number;
}

/** Points per tile: sets the repetition period and the cold build time (see the module comment). */
export const DEFAULT_TILE_POINTS = 1 << 17;

/** Refuses rectangles that would need more than this many points (about 1.1 GB of dot data). */
export const MAX_POINTS = 1 << 26;

/** Tiles kept for the seeds used last: a session that opens design after design holds only these. */
export const TILE_CACHE_SIZE = 4;

/** Built tiles by seed and size, oldest first (a Map keeps insertion order). */
const tileCache = new Map<string, RankedTile>();

/** Tile period in cm for a maximum density: P² · maxDensity = tilePoints. */
export function tilePeriodCm(maxDensityPerCm2: number, tilePoints = DEFAULT_TILE_POINTS): number {
  return Math.sqrt(tilePoints / maxDensityPerCm2);
}

/** The tile for a seed, built once: changing the rectangle or maximum density never rebuilds it. */
function cachedTile(seed: number, tilePoints: number): RankedTile {
  const key = `${seed | 0}:${tilePoints}`;
  let tile = tileCache.get(key);
  if (tile) tileCache.delete(key);
  else tile = buildRankedTile(seed | 0, tilePoints);
  // The tile used now goes to the back; the one used longest ago drops out past the limit.
  tileCache.set(key, tile);
  if (tileCache.size > TILE_CACHE_SIZE) tileCache.delete(tileCache.keys().next().value!);
  return tile;
}

function checkOptions(o: RankedPointsOptions): number {
  const positive = (v: number): boolean => Number.isFinite(v) && v > 0;
  if (!Number.isInteger(o.seed)) throw new RangeError(`seed must be an integer, got ${o.seed}`);
  if (!positive(o.widthCm) || !positive(o.heightCm)) throw new RangeError(`rectangle must be positive, got ${o.widthCm} × ${o.heightCm} cm`);
  if (!positive(o.maxDensityPerCm2)) throw new RangeError(`maxDensityPerCm2 must be positive, got ${o.maxDensityPerCm2}`);
  const tilePoints = o.tilePoints ?? DEFAULT_TILE_POINTS;
  if (!Number.isInteger(tilePoints) || tilePoints < 256) throw new RangeError(`tilePoints must be an integer ≥ 256, got ${tilePoints}`);
  if (o.widthCm * o.heightCm * o.maxDensityPerCm2 > MAX_POINTS) throw new RangeError('rectangle needs too many points');
  return tilePoints;
}

/** A 32-bit hash of the seed and a cell, for its offset, symmetry and jitter. */
function cellHash(seed: number, column: number, row: number, salt: number): number {
  let h = Math.imul(column + 0x632be5ab, 0x85ebca6b) ^ Math.imul(row + 0x2c1b3c6d, 0xc2b2ae35) ^ Math.imul(seed ^ salt, 0x27d4eb2f);
  h = Math.imul(h ^ (h >>> 16), 0x7feb352d);
  h = Math.imul(h ^ (h >>> 15), 0x846ca68b);
  return (h ^ (h >>> 16)) >>> 0;
}

/** How one cell shows the tile: a shift on the torus, then one of the 8 symmetries of the square. */
interface CellView {
  readonly column: number;
  readonly row: number;
  readonly shiftX: number;
  readonly shiftY: number;
  /** Bit 0: mirror x, bit 1: mirror y, bit 2: swap x and y. */
  readonly symmetry: number;
  /** Mixed into the tile's noise for this cell's jitter bytes. */
  readonly mix: number;
}

/** The cells' views. Each run of eight cells (row by row) uses the eight symmetries in a seeded order. */
function cellViews(seed: number, columns: number, rows: number): CellView[] {
  const views: CellView[] = [];
  const random = createRandom(seed, 0xce11);
  let order: number[] = [];
  for (let row = 0; row < rows; row++) {
    for (let column = 0; column < columns; column++) {
      if (order.length === 0) {
        order = [0, 1, 2, 3, 4, 5, 6, 7];
        for (let i = order.length - 1; i > 0; i--) {
          const j = Math.floor(random() * (i + 1));
          [order[i], order[j]] = [order[j]!, order[i]!];
        }
      }
      views.push({
        column,
        row,
        shiftX: cellHash(seed, column, row, 0x51) / 4294967296,
        shiftY: cellHash(seed, column, row, 0x52) / 4294967296,
        symmetry: order.pop()!,
        mix: cellHash(seed, column, row, 0x53),
      });
    }
  }
  return views;
}

/** Tile point (u, v) as seen in a cell, in [0, 1)². */
function viewPoint(view: CellView, u: number, v: number, out: Float64Array): void {
  let a = u + view.shiftX;
  let b = v + view.shiftY;
  a -= Math.floor(a);
  b -= Math.floor(b);
  if (view.symmetry & 1) a = a > 0 ? 1 - a : 0;
  if (view.symmetry & 2) b = b > 0 ? 1 - b : 0;
  if (view.symmetry & 4) [a, b] = [b, a];
  out[0] = a < 1 ? a : 0;
  out[1] = b < 1 ? b : 0;
}

/** What happens to a tile point in a cell: it stays (inside the rectangle), it is re-placed, it neighbours a seam. */
const KEPT = 1;
const MOVED = 2;
const NEIGHBOUR = 4;

/** Ranked points over the rectangle; density at fraction f of the set is f · maxDensityPerCm2. */
export function generateRankedPoints(options: RankedPointsOptions): RankedPoints {
  const tilePoints = checkOptions(options);
  const { widthCm, heightCm, seed } = options;
  const tile = cachedTile(seed, tilePoints);
  const period = tilePeriodCm(options.maxDensityPerCm2, tilePoints);
  const layout: SeamLayout = {
    period,
    columns: Math.ceil(widthCm / period),
    rows: Math.ceil(heightCm / period),
    maxDensity: options.maxDensityPerCm2,
  };
  const views = cellViews(seed, layout.columns, layout.rows);
  const cells = views.length;
  const rankStep = 1 / tile.count;
  const band = seamHalfWidth(layout);

  // Every tile point in every cell, rank by rank (index i · cells + cell), sorted into what stays,
  // what is re-placed, and the kept points that neighbour the re-placed ones.
  const total = tile.count * cells;
  const px = new Float32Array(total);
  const py = new Float32Array(total);
  const kind = new Uint8Array(total);
  const at = new Float64Array(2);
  let kept = 0;
  let moved = 0;
  let neighbourCount = 0;
  for (let i = 0, p = 0; i < tile.count; i++) {
    const reach = neighbourReach(layout, (i + 0.5) * rankStep);
    for (let c = 0; c < cells; c++, p++) {
      const view = views[c]!;
      viewPoint(view, tile.x[i]!, tile.y[i]!, at);
      const x = (view.column + at[0]!) * period;
      const y = (view.row + at[1]!) * period;
      px[p] = x;
      py[p] = y;
      const seam = seamDistance(layout, x, y);
      if (seam < band) {
        kind[p] = MOVED;
        moved++;
        continue;
      }
      if (px[p]! < widthCm && py[p]! < heightCm) {
        kind[p] = KEPT;
        kept++;
      }
      if (seam < reach) {
        kind[p] = kind[p]! | NEIGHBOUR;
        neighbourCount++;
      }
    }
  }
  const jitterOf = (p: number): number => Math.imul(tile.noise[Math.floor(p / cells)]! ^ views[p % cells]!.mix, 0x9e3779b1) >>> 24;

  // The re-placed points keep their ranks and jitter; the seam sampler gives them new places.
  const movedRank = new Float64Array(moved);
  const movedJitter = new Uint8Array(moved);
  const neighbours = { count: neighbourCount, x: new Float64Array(neighbourCount), y: new Float64Array(neighbourCount), rank: new Float64Array(neighbourCount) };
  for (let p = 0, m = 0, n = 0; p < total; p++) {
    const rank = (Math.floor(p / cells) + 0.5) * rankStep;
    if (kind[p] === MOVED) {
      movedRank[m] = rank;
      movedJitter[m++] = jitterOf(p);
    } else if (kind[p]! & NEIGHBOUR) {
      neighbours.x[n] = px[p]!;
      neighbours.y[n] = py[p]!;
      neighbours.rank[n++] = rank;
    }
  }
  const placed = fillSeams(layout, movedRank, neighbours, createRandom(seed, 0x5ea5));
  const placedX = Float32Array.from(placed.x);
  const placedY = Float32Array.from(placed.y);
  let placedInside = 0;
  for (let j = 0; j < moved; j++) if (placedX[j]! < widthCm && placedY[j]! < heightCm) placedInside++;

  // Kept points first, then the re-placed ones that fall inside the rectangle.
  const count = kept + placedInside;
  const xCm = new Float32Array(count);
  const yCm = new Float32Array(count);
  const rank = new Float32Array(count);
  const jitter = new Uint8Array(count);
  let out = 0;
  for (let p = 0; p < total; p++) {
    if (!(kind[p]! & KEPT)) continue;
    xCm[out] = px[p]!;
    yCm[out] = py[p]!;
    rank[out] = (Math.floor(p / cells) + 0.5) * rankStep;
    jitter[out++] = jitterOf(p);
  }
  for (let j = 0; j < moved; j++) {
    if (!(placedX[j]! < widthCm && placedY[j]! < heightCm)) continue;
    xCm[out] = placedX[j]!;
    yCm[out] = placedY[j]!;
    rank[out] = movedRank[j]!;
    jitter[out++] = movedJitter[j]!;
  }
  return { count, xCm, yCm, rank, jitter };
}
