/**
 * Ranked blue-noise points over the photo, in cm (DESIGN.md §3: rank once, threshold forever).
 * A point is a dot when rank < density / maxDensity; session bands are rank ranges.
 *
 * One ranked tile (rankedTile.ts) of DEFAULT_TILE_POINTS points on the unit torus is built per seed,
 * scaled to the period P = sqrt(tilePoints / maxDensity) cm and repeated over the rectangle. The tile
 * is periodic, so copies join without seams, and changing the maximum density only rescales it.
 *
 * Repetition. The tile holds 2^17 points, so its period is 20.9 cm at 300 dots/cm², 25.6 cm at 200
 * and 29.6 cm at 150. Dots are drawn only inside the treatment area, on a scalp of about 500 cm² in
 * all (shared/research/domain.md) photographed from one side, so in nearly every design no dot
 * pattern occurs twice and there is nothing to see or measure. Where the treated area is wider than
 * the period (a whole-head top view at 300/cm², or the 5000 cm² benchmark), positions and ranks do
 * repeat exactly at that period: an autocorrelation would find it, an eye will not (the repeat is
 * 20+ cm away in an irregular field of 0.2 mm dots). The jitter byte is drawn per copy (tile noise
 * mixed with the copy's column and row), so the repeated dots still differ in size and shade.
 * A larger tile costs build time linearly (2^18 points: about 2.7 s cold by extrapolation, over the budget of the
 * Bridson peer's 2.1 s for 10^6 points); fully aperiodic output would need Wang or corner tiles
 * (Kopf et al. 2006) built with the same ranked sampler.
 *
 * Tiles are cached per seed and tile size in a module-level Map: a new rectangle or maximum density
 * only rescales and copies (about 20 ms for 10^6 points); the first call builds the tile.
 */
import { buildRankedTile, type RankedTile } from './rankedTile.ts';

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

const tileCache = new Map<string, RankedTile>();

/** Tile period in cm for a maximum density: P² · maxDensity = tilePoints. */
export function tilePeriodCm(maxDensityPerCm2: number, tilePoints = DEFAULT_TILE_POINTS): number {
  return Math.sqrt(tilePoints / maxDensityPerCm2);
}

/** Drops cached tiles (benchmarks measure cold builds; a long session may free memory). */
export function clearRankedTileCache(): void {
  tileCache.clear();
}

/** The tile for a seed, built once: changing the rectangle or maximum density never rebuilds it. */
function cachedTile(seed: number, tilePoints: number): RankedTile {
  const key = `${seed | 0}:${tilePoints}`;
  let tile = tileCache.get(key);
  if (!tile) {
    tile = buildRankedTile(seed | 0, tilePoints);
    tileCache.set(key, tile);
  }
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

/** Mixes a copy's column and row into 32 bits, so each copy of the tile gets its own jitter bytes. */
function copyMix(seed: number, column: number, row: number): number {
  let h = Math.imul(column + 0x632be5ab, 0x85ebca6b) ^ Math.imul(row + 0x2c1b3c6d, 0xc2b2ae35) ^ seed;
  h = Math.imul(h ^ (h >>> 16), 0x7feb352d);
  return (h ^ (h >>> 15)) >>> 0;
}

/** Ranked points over the rectangle; density at fraction f of the set is f · maxDensityPerCm2. */
export function generateRankedPoints(options: RankedPointsOptions): RankedPoints {
  const tilePoints = checkOptions(options);
  const { widthCm, heightCm, seed } = options;
  const tile = cachedTile(seed, tilePoints);
  const period = tilePeriodCm(options.maxDensityPerCm2, tilePoints);
  const columns = Math.ceil(widthCm / period);
  const rows = Math.ceil(heightCm / period);

  // Pass 1: count (whole copies contribute the whole tile).
  let count = 0;
  for (let row = 0; row < rows; row++) {
    for (let column = 0; column < columns; column++) {
      count += copyCount(tile, column * period, row * period, period, widthCm, heightCm);
    }
  }

  // Pass 2: fill, copy by copy, each copy in rank order.
  const xCm = new Float32Array(count);
  const yCm = new Float32Array(count);
  const rank = new Float32Array(count);
  const jitter = new Uint8Array(count);
  const rankStep = 1 / tile.count;
  let out = 0;
  for (let row = 0; row < rows; row++) {
    for (let column = 0; column < columns; column++) {
      const ox = column * period;
      const oy = row * period;
      const mix = copyMix(seed, column, row);
      for (let i = 0; i < tile.count; i++) {
        const px = Math.fround(ox + tile.x[i]! * period);
        const py = Math.fround(oy + tile.y[i]! * period);
        if (px >= widthCm || py >= heightCm) continue;
        xCm[out] = px;
        yCm[out] = py;
        rank[out] = (i + 0.5) * rankStep;
        jitter[out] = Math.imul(tile.noise[i]! ^ mix, 0x9e3779b1) >>> 24;
        out++;
      }
    }
  }
  return { count, xCm, yCm, rank, jitter };
}

/** Points of one copy that land inside the rectangle (after rounding to float32, as stored). */
function copyCount(tile: RankedTile, ox: number, oy: number, period: number, widthCm: number, heightCm: number): number {
  if (Math.fround(ox + period) < widthCm && Math.fround(oy + period) < heightCm) return tile.count;
  let n = 0;
  for (let i = 0; i < tile.count; i++) {
    if (Math.fround(ox + tile.x[i]! * period) < widthCm && Math.fround(oy + tile.y[i]! * period) < heightCm) n++;
  }
  return n;
}
