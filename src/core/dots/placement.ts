/**
 * Hand placement. Real SMP is placed by hand one impression at a time: it is not a perfect
 * blue-noise pattern. Measured in photos with the regularity detector (mean nearest-neighbour
 * distance over the hexagonal spacing for the count), healed work reads 0.60–0.66 and a fresh first
 * session about 0.52, where our blue noise reads 0.69–0.71 (docs/domain.md §2, docs/realism.md).
 *
 * Every ranked point gets an offset (cm), fixed by the seed, that moves it from its even place to
 * where a hand would have put it; the shader moves it by `placement` × that offset, so the
 * Placement setting is a uniform and "rank once, threshold forever" holds: no rank changes, and
 * which dots are drawn is decided at the even place.
 *
 * The offset has two parts:
 *  - a hand's drift: a smooth displacement field (seeded simplex noise, waves of a few mm) that
 *    moves neighbouring dots together, packing some into small clusters and opening small gaps;
 *  - each dot's own error: a Gaussian step scaled to the spacing of the session it belongs to, so a
 *    sparse first session is as uneven, relative to its spacing, as the finished work.
 * Both are capped so that no gap opens wider than the spacing allows (tested).
 *
 * A hand does not put a needle into an impression it has just made: two dots that would land closer
 * than MIN_SEPARATION_PER_SPACING of their spacing are pushed apart along the line between them.
 */
import { createNoise2D } from 'simplex-noise';
import { createRandom, hashSeed } from '../random.ts';
import { spacingMmForDensity } from '../units.ts';
import type { RankedPoints } from './rankedPoints.ts';

/** Wavelength of the hand's drift, mm: a few dots across, the size of a cluster of follicles (calibrated). */
export const DRIFT_WAVELENGTH_MM = 2.5;

/** Largest drift, mm (calibrated on the regularity of healed work). */
export const DRIFT_MM = 0.3;

/**
 * Each dot's own error, σ as a fraction of its band's spacing: OWN_ERROR_PER_SPACING, plus up to
 * FIRST_PASS_EXTRA_ERROR for the sparsest ranks (below FIRST_PASS_RANK), because a first session is
 * laid out by eye over bare skin, with nothing to space against (calibrated on healed and fresh
 * first-session regularity).
 */
export const OWN_ERROR_PER_SPACING = 0.16;
export const FIRST_PASS_EXTRA_ERROR = 0.7;
export const FIRST_PASS_RANK = 0.25;

/**
 * A dot's band spacing is taken at the density of the rank prefix it opens, never sparser than this
 * fraction of the maximum density (16 % of 160 /cm²: a 26 /cm² first session).
 */
export const RANK_FLOOR = 0.16;

/** No offset exceeds this fraction of the dot's band spacing. */
export const MAX_OFFSET_PER_SPACING = 0.45;

/**
 * Two dots never land closer than this fraction of the spacing of the sparser prefix that holds both
 * (model choice: closer impressions read as one blot; calibrated with the regularity of healed work).
 */
export const MIN_SEPARATION_PER_SPACING = 0.4;

/** Passes of pushing too-close pairs apart (each moves both dots of a pair by half the shortfall). */
const SEPARATION_PASSES = 4;

/** Offsets (cm) from each point's even place to its hand-placed one, interleaved x, y. */
export function placementOffsets(points: RankedPoints, seed: number, maxDensityPerCm2: number): Float32Array {
  const random = createRandom(seed, 0x4a4d);
  const driftX = createNoise2D(random);
  const driftY = createNoise2D(random);
  const out = new Float32Array(points.count * 2);
  const k = 1 / (DRIFT_WAVELENGTH_MM / 10);
  for (let i = 0; i < points.count; i++) {
    const x = points.xCm[i]!;
    const y = points.yCm[i]!;
    const rank = points.rank[i]!;
    const spacingCm = spacingMmForDensity(maxDensityPerCm2 * Math.max(rank, RANK_FLOOR)) / 10;
    // A Gaussian step from two uniforms hashed from the point's own rank and jitter (not its index,
    // which depends on the rectangle).
    const h = hashSeed(Math.round(rank * 2 ** 24) ^ (points.jitter[i]! << 24), seed);
    const u1 = ((h & 0xffff) + 0.5) / 65536;
    const u2 = ((h >>> 16) + 0.5) / 65536;
    const g = (OWN_ERROR_PER_SPACING + FIRST_PASS_EXTRA_ERROR * Math.max(0, 1 - rank / FIRST_PASS_RANK)) * spacingCm * Math.sqrt(-2 * Math.log(u1));
    let dx = (DRIFT_MM / 10) * driftX(x * k, y * k) + g * Math.cos(2 * Math.PI * u2);
    let dy = (DRIFT_MM / 10) * driftY(x * k, y * k) + g * Math.sin(2 * Math.PI * u2);
    const length = Math.sqrt(dx * dx + dy * dy);
    const cap = MAX_OFFSET_PER_SPACING * spacingCm;
    if (length > cap) {
      dx *= cap / length;
      dy *= cap / length;
    }
    out[2 * i] = dx;
    out[2 * i + 1] = dy;
  }
  separate(points, out, maxDensityPerCm2);
  return out;
}

/**
 * Pushes apart every pair of placed dots closer than MIN_SEPARATION_PER_SPACING × the spacing at the
 * larger of their two ranks (the prefix in which both are shown), half the shortfall each.
 */
function separate(points: RankedPoints, offsets: Float32Array, maxDensityPerCm2: number): void {
  const n = points.count;
  if (n < 2) return;
  const minCm = (rank: number): number => (MIN_SEPARATION_PER_SPACING * spacingMmForDensity(maxDensityPerCm2 * Math.max(rank, RANK_FLOOR))) / 10;
  const cell = minCm(0);
  const cell2 = cell * cell;
  const px = new Float32Array(n);
  const py = new Float32Array(n);
  let minX = Infinity;
  let minY = Infinity;
  let maxX = -Infinity;
  let maxY = -Infinity;
  for (let i = 0; i < n; i++) {
    px[i] = points.xCm[i]! + offsets[2 * i]!;
    py[i] = points.yCm[i]! + offsets[2 * i + 1]!;
    minX = Math.min(minX, px[i]!);
    minY = Math.min(minY, py[i]!);
    maxX = Math.max(maxX, px[i]!);
    maxY = Math.max(maxY, py[i]!);
  }
  const cols = Math.max(1, Math.floor((maxX - minX) / cell) + 1);
  const rows = Math.max(1, Math.floor((maxY - minY) / cell) + 1);
  const cellOf = new Int32Array(n);
  const start = new Int32Array(cols * rows + 1);
  for (let i = 0; i < n; i++) {
    const c = Math.min(rows - 1, Math.floor((py[i]! - minY) / cell)) * cols + Math.min(cols - 1, Math.floor((px[i]! - minX) / cell));
    cellOf[i] = c;
    start[c + 1]!++;
  }
  for (let c = 0; c < cols * rows; c++) start[c + 1]! += start[c]!;
  const fill = start.slice(0, cols * rows);
  const members = new Int32Array(n);
  for (let i = 0; i < n; i++) members[fill[cellOf[i]!]!++] = i;
  // Positions and ranks in cell order, so that neighbours lie close together in memory.
  const sx = new Float64Array(n);
  const sy = new Float64Array(n);
  const sr = new Float32Array(n);
  for (let k = 0; k < n; k++) {
    const i = members[k]!;
    sx[k] = px[i]!;
    sy[k] = py[i]!;
    sr[k] = points.rank[i]!;
  }
  // Each pair once: a point against the later points of its own cell, the cell to its right, and
  // the three cells below.
  const pushApart = (k: number, from: number, to: number): void => {
    for (let q = from; q < to; q++) {
      const dx = sx[q]! - sx[k]!;
      const dy = sy[q]! - sy[k]!;
      const d2 = dx * dx + dy * dy;
      // No pair is kept further apart than the sparsest prefix's minimum, the cell size.
      if (d2 >= cell2) continue;
      const want = minCm(Math.max(sr[k]!, sr[q]!));
      if (d2 >= want * want) continue;
      const d = Math.sqrt(d2);
      // Coincident dots part along a direction fixed by their ranks.
      const ux = d > 1e-9 ? dx / d : Math.cos(sr[q]! * 97);
      const uy = d > 1e-9 ? dy / d : Math.sin(sr[q]! * 97);
      const push = (want - d) / 2;
      sx[k]! -= ux * push;
      sy[k]! -= uy * push;
      sx[q]! += ux * push;
      sy[q]! += uy * push;
    }
  };
  // The cells are laid out once: a push moves a dot by under half a cell, and a pair pushed across
  // a cell line is still found in the neighbouring cells.
  for (let pass = 0; pass < SEPARATION_PASSES; pass++) {
    for (let cy = 0; cy < rows; cy++) {
      for (let cx = 0; cx < cols; cx++) {
        const c = cy * cols + cx;
        for (let k = start[c]!; k < start[c + 1]!; k++) {
          pushApart(k, k + 1, start[c + 1]!);
          if (cx + 1 < cols) pushApart(k, start[c + 1]!, start[c + 2]!);
          if (cy + 1 < rows) {
            const below = c + cols;
            pushApart(k, start[Math.max(cy * cols + cols, below - 1)]!, start[Math.min(cy * cols + 2 * cols, below + 2)]!);
          }
        }
      }
    }
  }
  for (let k = 0; k < n; k++) {
    px[members[k]!] = sx[k]!;
    py[members[k]!] = sy[k]!;
  }
  for (let i = 0; i < n; i++) {
    offsets[2 * i] = px[i]! - points.xCm[i]!;
    offsets[2 * i + 1] = py[i]! - points.yCm[i]!;
  }
}
