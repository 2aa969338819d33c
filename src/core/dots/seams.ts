/**
 * Seams between the cells of the tiled point field (rankedPoints.ts), and the sampler that fills
 * them.
 *
 * Each cell of the field shows the ranked tile moved and turned its own way, so two neighbouring
 * cells do not fit together on their own. Along every line between cells, the tile's points are
 * taken out of a band and the band is filled afresh with the same ranks, by the same progressive
 * void-filling as the tile itself, with every point kept around the band as a fixed neighbour.
 *
 * The band has the same width at every rank: SEAM_SPACINGS dot spacings at the maximum density on
 * each side of the line. (A band that narrowed with rank would let a kept point sit where a point of
 * lower rank is re-placed later, and the two would crowd.) The two cells' kept points are then at
 * least 2 · SEAM_SPACINGS spacings apart across the line, which is farther than the spacing of any
 * prefix down to 1 % of the maximum density; only sparser prefixes than that can meet across a
 * seam a little closer than inside a cell. Per cm of seam this re-places
 * 2 · SEAM_SPACINGS · 1.075 · sqrt(maxDensity) points (about 122 at 200 dots/cm²).
 */
import { BAND_WEIGHT, BAND_WINDOW, CELL_OF_DHEX, hexSpacingAt, placeInLargestVoid, VoidGrid, type CandidateSpace } from './voidGrid.ts';

/** Half-width of the re-placed band, in dot spacings at the maximum density. */
export const SEAM_SPACINGS = 4;
/** How far beyond the band kept points are still neighbours of the filling, in dot spacings. */
const NEIGHBOUR_SPACINGS = 2.5;

/** A field of columns × rows square cells of side `period` cm, at maxDensity points per cm². */
export interface SeamLayout {
  readonly period: number;
  readonly columns: number;
  readonly rows: number;
  readonly maxDensity: number;
}

/** Distance in cm from (x, y) to the nearest line between two cells (Infinity if there is none). */
export function seamDistance(layout: SeamLayout, x: number, y: number): number {
  return Math.min(lineDistance(x, layout.period, layout.columns), lineDistance(y, layout.period, layout.rows));
}

function lineDistance(v: number, period: number, cells: number): number {
  const cell = Math.min(cells - 1, Math.max(0, Math.floor(v / period)));
  const u = v - cell * period;
  const before = cell > 0 ? u : Infinity;
  const after = cell < cells - 1 ? period - u : Infinity;
  return Math.min(before, after);
}

/** Dot spacing (d_hex, cm) of the points of rank below r. */
function spacingAtRank(layout: SeamLayout, rank: number): number {
  return hexSpacingAt(rank * layout.maxDensity);
}

/** Half-width in cm of the re-placed band. */
export function seamHalfWidth(layout: SeamLayout): number {
  return Math.min(SEAM_SPACINGS * spacingAtRank(layout, 1), layout.period / 2);
}

/** A kept point of rank r within this distance of a seam line is a neighbour of the filling. */
export function neighbourReach(layout: SeamLayout, rank: number): number {
  return seamHalfWidth(layout) + NEIGHBOUR_SPACINGS * spacingAtRank(layout, rank);
}

/** Points around the seams that stay where the tile put them, in rank order. */
export interface SeamNeighbours {
  readonly count: number;
  readonly x: Float64Array;
  readonly y: Float64Array;
  readonly rank: Float64Array;
}

/** The union of the bands of one half-width: candidates are drawn uniformly over it. */
class SeamBands implements CandidateSpace {
  halfWidth = 0;
  private readonly width: number;
  private readonly height: number;
  private readonly verticalLength: number;
  private readonly totalLength: number;

  constructor(private readonly layout: SeamLayout) {
    this.width = layout.columns * layout.period;
    this.height = layout.rows * layout.period;
    this.verticalLength = (layout.columns - 1) * this.height;
    this.totalLength = this.verticalLength + (layout.rows - 1) * this.width;
  }

  sample(random: () => number, out: Float64Array): void {
    const t = random() * this.totalLength;
    const across = (2 * random() - 1) * this.halfWidth;
    const { period } = this.layout;
    if (t < this.verticalLength) {
      const line = Math.floor(t / this.height);
      out[0] = (line + 1) * period + across;
      out[1] = t - line * this.height;
    } else {
      const s = t - this.verticalLength;
      const line = Math.floor(s / this.width);
      out[0] = s - line * this.width;
      out[1] = (line + 1) * period + across;
    }
  }

  admit(out: Float64Array): boolean {
    const x = out[0]!;
    const y = out[1]!;
    if (!(x >= 0 && x < this.width && y >= 0 && y < this.height)) return false;
    return seamDistance(this.layout, x, y) < this.halfWidth;
  }
}

/**
 * Places the points taken out of the seam bands, given their ranks in ascending order, among the
 * kept neighbours. Point k gets a position within seamHalfWidth of a seam line, chosen as
 * the tile chooses its points: the largest void among everything of lower rank, with the same
 * recent-window term so that rank bands stay spread. Deterministic for a given `random`.
 */
export function fillSeams(
  layout: SeamLayout,
  ranks: Float64Array,
  neighbours: SeamNeighbours,
  random: () => number,
): { x: Float64Array; y: Float64Array } {
  const count = ranks.length;
  const x = new Float64Array(count);
  const y = new Float64Array(count);
  if (count === 0) return { x, y };
  const width = layout.columns * layout.period;
  const height = layout.rows * layout.period;
  const grid = new VoidGrid(count + neighbours.count, width, height, false);
  const bands = new SeamBands(layout);
  bands.halfWidth = seamHalfWidth(layout);
  const out = new Float64Array(2);
  // Phases as in the tile: the grid is rebuilt each time the density doubles.
  let phase = ranks[0]!;
  grid.rebuild(CELL_OF_DHEX * spacingAtRank(layout, phase));
  phase *= 2;
  // Kept neighbours are all in the grid from the start: those of higher rank than the point being
  // placed count as fixed future points (VoidGrid.futureFrom), so a re-placed point keeps the
  // distance their prefixes and bands will need.
  for (let j = 0; j < neighbours.count; j++) grid.add(neighbours.x[j]!, neighbours.y[j]!, neighbours.rank[j]!);
  grid.futureScale = (Math.sqrt(3) / 2) * layout.maxDensity;
  grid.futureRecentScale = (grid.futureScale * BAND_WINDOW) / (BAND_WEIGHT * BAND_WEIGHT);
  for (let k = 0; k < count; k++) {
    const rank = ranks[k]!;
    if (rank >= phase) {
      while (rank >= 2 * phase) phase *= 2;
      grid.rebuild(CELL_OF_DHEX * spacingAtRank(layout, phase));
      phase *= 2;
    }
    const spacing = spacingAtRank(layout, rank);
    grid.setScale(spacing, BAND_WEIGHT * spacingAtRank(layout, BAND_WINDOW * rank), rank * (1 - BAND_WINDOW));
    grid.futureFrom = rank;
    grid.futureRecentUpTo = rank / (1 - BAND_WINDOW);
    placeInLargestVoid(grid, random, spacing, bands, out);
    x[k] = out[0]!;
    y[k] = out[1]!;
    grid.add(out[0]!, out[1]!, rank);
  }
  return { x, y };
}
