import { describe, expect, it } from 'vitest';
import {
  TILE_CACHE_SIZE,
  DEFAULT_TILE_POINTS,
  generateRankedPoints,
  tilePeriodCm,
  type RankedPoints,
} from '../../../src/core/dots/rankedPoints.ts';
import { measureSpacing, type SpacingWindow } from '../../helpers/spacing.ts';

/** Targets (mean nearest neighbour / d_hex): beat the best published progressive method (0.74–0.79). */
const PREFIX_TARGET = 0.75;
const BAND_TARGET = 0.6;
const PREFIXES = [0.05, 0.1, 0.25, 0.5, 1];
const BANDS: [number, number][] = [
  [0, 0.3],
  [0.3, 0.8],
  [0.8, 1],
  [0.25, 0.5],
];

function ranksIn(points: RankedPoints, lo: number, hi: number): number[] {
  const picked: number[] = [];
  for (let i = 0; i < points.count; i++) {
    const r = points.rank[i]!;
    if (r >= lo && r < hi) picked.push(i);
  }
  return picked;
}

function spacing(points: RankedPoints, lo: number, hi: number, window: SpacingWindow) {
  return measureSpacing(points.xCm, points.yCm, ranksIn(points, lo, hi), window);
}

function inset(widthCm: number, heightCm: number, marginCm: number): SpacingWindow {
  return { x0: marginCm, y0: marginCm, x1: widthCm - marginCm, y1: heightCm - marginCm };
}

describe('ranked points over several small tiles (many seams)', () => {
  // Small tiles (6.4 cm at 200/cm²) so that a 22 × 15 cm rectangle spans 3.4 × 2.3 of them.
  const density = 200;
  const tilePoints = 8192;
  const period = tilePeriodCm(density, tilePoints);
  const widthCm = 3.4 * period;
  const heightCm = 2.3 * period;
  const points = generateRankedPoints({ seed: 11, widthCm, heightCm, maxDensityPerCm2: density, tilePoints });
  const area = widthCm * heightCm;

  it('has density × area points, and f × that for every prefix', () => {
    expect(Math.abs(points.count / (density * area) - 1)).toBeLessThan(0.02);
    for (const f of [0.05, 0.1, 0.25, 0.5]) {
      expect(Math.abs(ranksIn(points, 0, f).length / (f * density * area) - 1)).toBeLessThan(0.03);
    }
  });

  it('keeps coordinates inside the rectangle and ranks in [0, 1)', () => {
    const range = (values: Float32Array): [number, number] => {
      let lo = Infinity;
      let hi = -Infinity;
      for (const v of values) {
        lo = Math.min(lo, v);
        hi = Math.max(hi, v);
      }
      return [lo, hi];
    };
    const [x0, x1] = range(points.xCm);
    const [y0, y1] = range(points.yCm);
    const [r0, r1] = range(points.rank);
    expect(x0).toBeGreaterThanOrEqual(0);
    expect(x1).toBeLessThan(widthCm);
    expect(y0).toBeGreaterThanOrEqual(0);
    expect(y1).toBeLessThan(heightCm);
    expect(r0).toBeGreaterThanOrEqual(0);
    expect(r1).toBeLessThan(1);
    // The rectangle is covered right up to its edges.
    expect(x0).toBeLessThan(0.2);
    expect(x1).toBeGreaterThan(widthCm - 0.2);
  });

  it('spreads every prefix well across the tiled rectangle', () => {
    const window = inset(widthCm, heightCm, 1);
    for (const f of PREFIXES) {
      const s = spacing(points, 0, f, window);
      expect(s.count).toBeGreaterThan(500);
      expect(s.meanRatio, `prefix ${f}`).toBeGreaterThanOrEqual(PREFIX_TARGET);
    }
  });

  it('spreads every session band well on its own', () => {
    const window = inset(widthCm, heightCm, 1);
    for (const [a, b] of BANDS) {
      expect(spacing(points, a, b, window).meanRatio, `band [${a}, ${b})`).toBeGreaterThanOrEqual(BAND_TARGET);
    }
  });

  it('shows no seam: windows straddling tile edges and a tile corner meet the same targets', () => {
    const seams: SpacingWindow[] = [
      { x0: period - 1, y0: 1, x1: period + 1, y1: heightCm - 1 },
      { x0: 2 * period - 1, y0: 1, x1: 2 * period + 1, y1: heightCm - 1 },
      { x0: 1, y0: period - 1, x1: widthCm - 1, y1: period + 1 },
      { x0: period - 2, y0: period - 2, x1: period + 2, y1: period + 2 },
    ];
    for (const window of seams) {
      for (const f of [0.05, 0.25, 1]) {
        const s = spacing(points, 0, f, window);
        expect(s.meanRatio, `prefix ${f} at seam ${JSON.stringify(window)}`).toBeGreaterThanOrEqual(PREFIX_TARGET);
        expect(s.minRatio).toBeGreaterThan(0.4);
      }
      expect(spacing(points, 0.8, 1, window).meanRatio).toBeGreaterThanOrEqual(BAND_TARGET);
    }
  });

  it('gives each rank different jitter bytes in different cells', () => {
    const firstOf = new Map<number, number>();
    let pairs = 0;
    let same = 0;
    let sum = 0;
    for (let i = 0; i < points.count; i++) {
      sum += points.jitter[i]!;
      const other = firstOf.get(points.rank[i]!);
      if (other === undefined) firstOf.set(points.rank[i]!, points.jitter[i]!);
      else {
        pairs++;
        if (other === points.jitter[i]) same++;
      }
    }
    expect(pairs).toBeGreaterThan(tilePoints);
    expect(same / pairs).toBeLessThan(0.02);
    expect(sum / points.count).toBeGreaterThan(120);
    expect(sum / points.count).toBeLessThan(135);
  });

  it('does not repeat: no dot recurs at the tile period, and no cell is a shifted copy of another', () => {
    const grid = pointHash(points, 0.01);
    const near = (x: number, y: number): boolean => grid.has(x, y, 1e-4);
    // At the tile period (the lag of the old repeating field) almost no dot has a partner.
    for (const [lx, ly] of [[period, 0], [0, period], [period, period], [2 * period, 0]] as const) {
      let tried = 0;
      let partnered = 0;
      for (let i = 0; i < points.count; i += 7) {
        const x = points.xCm[i]! + lx;
        const y = points.yCm[i]! + ly;
        if (x >= widthCm || y >= heightCm) continue;
        tried++;
        if (near(x, y)) partnered++;
      }
      expect(tried).toBeGreaterThan(500);
      expect(partnered / tried, `lag ${lx.toFixed(2)}, ${ly.toFixed(2)}`).toBeLessThan(0.005);
    }
    // Take 12 dots deep inside cell (0, 0); for every lag that maps the first onto a dot of another
    // cell of the first two rows (the first eight cells, which have eight different symmetries),
    // count how many of the others land on a dot too. A shifted copy would map most of them.
    const inner = [];
    for (let i = 0; i < points.count && inner.length < 12; i++) {
      const x = points.xCm[i]!;
      const y = points.yCm[i]!;
      if (x > 1 && x < period - 1 && y > 1 && y < period - 1 && points.rank[i]! < 0.5) inner.push([x, y] as const);
    }
    let bestMatch = 0;
    for (let j = 0; j < points.count; j++) {
      const lx = points.xCm[j]! - inner[0]![0];
      const ly = points.yCm[j]! - inner[0]![1];
      if (Math.abs(lx) < period && Math.abs(ly) < period) continue; // the same cell
      if (points.yCm[j]! >= 2 * period) continue;
      let match = 0;
      for (const [x, y] of inner) if (near(x + lx, y + ly)) match++;
      bestMatch = Math.max(bestMatch, match);
    }
    expect(bestMatch).toBeLessThanOrEqual(2);
  });
});

/** A hash of points on a square grid of side `cell` cm, to ask whether a point lies within `r` of (x, y). */
function pointHash(points: RankedPoints, cell: number) {
  const buckets = new Map<number, number[]>();
  const key = (cx: number, cy: number): number => cx * 1_000_003 + cy;
  for (let i = 0; i < points.count; i++) {
    const k = key(Math.floor(points.xCm[i]! / cell), Math.floor(points.yCm[i]! / cell));
    const list = buckets.get(k);
    if (list) list.push(i);
    else buckets.set(k, [i]);
  }
  return {
    has(x: number, y: number, r: number): boolean {
      const cx = Math.floor(x / cell);
      const cy = Math.floor(y / cell);
      for (let dy = -1; dy <= 1; dy++) {
        for (let dx = -1; dx <= 1; dx++) {
          for (const i of buckets.get(key(cx + dx, cy + dy)) ?? []) {
            if (Math.abs(points.xCm[i]! - x) <= r && Math.abs(points.yCm[i]! - y) <= r) return true;
          }
        }
      }
      return false;
    },
  };
}

describe('ranked points, determinism and options', () => {
  const options = { seed: 5, widthCm: 9, heightCm: 7, maxDensityPerCm2: 180, tilePoints: 4096 };

  it('gives identical arrays for the same seed, even after its tile has left the cache', () => {
    const a = generateRankedPoints(options);
    // As many other seeds as the cache holds push this seed's tile out: the next call rebuilds it.
    for (let s = 1; s <= TILE_CACHE_SIZE; s++) generateRankedPoints({ ...options, seed: 100 + s });
    const b = generateRankedPoints(options);
    expect(b.count).toBe(a.count);
    expect(b.xCm).toEqual(a.xCm);
    expect(b.yCm).toEqual(a.yCm);
    expect(b.rank).toEqual(a.rank);
    expect(b.jitter).toEqual(a.jitter);
  });

  it('gives different points for a different seed', () => {
    const a = generateRankedPoints(options);
    const b = generateRankedPoints({ ...options, seed: 6 });
    let equal = 0;
    for (let i = 0; i < Math.min(a.count, b.count); i++) if (a.xCm[i] === b.xCm[i] && a.yCm[i] === b.yCm[i]) equal++;
    expect(equal).toBe(0);
  });

  it('rescales the same tile when the maximum density changes', () => {
    // One cell at both densities (a 4096-point tile spans 4.5 cm at 200/cm², 6.4 cm at 100/cm²).
    const small = { ...options, widthCm: 4.4, heightCm: 4.4 };
    const full = generateRankedPoints({ ...small, maxDensityPerCm2: 200 });
    const half = generateRankedPoints({ ...small, maxDensityPerCm2: 100 });
    expect(Math.abs(half.count / full.count - 0.5)).toBeLessThan(0.02);
    // The same ranks sit at √2 times the distance from the origin.
    const fullX = new Map<number, number>();
    for (let i = 0; i < full.count; i++) fullX.set(full.rank[i]!, full.xCm[i]!);
    let compared = 0;
    for (let i = 0; i < half.count; i++) {
      const x = fullX.get(half.rank[i]!);
      if (x === undefined || x < 0.1) continue;
      compared++;
      expect(half.xCm[i]! / x).toBeCloseTo(Math.SQRT2, 4);
    }
    expect(compared).toBeGreaterThan(500);
  });

  it('refuses options it cannot honour', () => {
    expect(() => generateRankedPoints({ ...options, seed: 1.5 })).toThrow(RangeError);
    expect(() => generateRankedPoints({ ...options, widthCm: 0 })).toThrow(RangeError);
    expect(() => generateRankedPoints({ ...options, heightCm: Number.NaN })).toThrow(RangeError);
    expect(() => generateRankedPoints({ ...options, maxDensityPerCm2: -1 })).toThrow(RangeError);
    expect(() => generateRankedPoints({ ...options, tilePoints: 10 })).toThrow(RangeError);
    expect(() => generateRankedPoints({ ...options, widthCm: 1e5, heightCm: 1e5 })).toThrow(RangeError);
  });
});

describe('ranked points with the default tile, over a photo-sized rectangle', () => {
  it('meets the count and spacing targets and does not repeat within the rectangle', () => {
    const density = 250;
    const widthCm = 22;
    const heightCm = 17;
    // One tile covers the whole rectangle: not a single dot repeats.
    expect(tilePeriodCm(density)).toBeGreaterThan(widthCm);
    const points = generateRankedPoints({ seed: 2024, widthCm, heightCm, maxDensityPerCm2: density });
    expect(Math.abs(points.count / (density * widthCm * heightCm) - 1)).toBeLessThan(0.02);
    expect(points.count).toBeLessThan(DEFAULT_TILE_POINTS);
    const window = inset(widthCm, heightCm, 1);
    for (const f of PREFIXES) {
      expect(Math.abs(ranksIn(points, 0, f).length / (f * points.count) - 1)).toBeLessThan(0.03);
      expect(spacing(points, 0, f, window).meanRatio, `prefix ${f}`).toBeGreaterThanOrEqual(PREFIX_TARGET);
    }
    for (const [a, b] of BANDS) {
      expect(spacing(points, a, b, window).meanRatio, `band [${a}, ${b})`).toBeGreaterThanOrEqual(BAND_TARGET);
    }
  });
});
