import { describe, expect, it } from 'vitest';
import {
  clearRankedTileCache,
  DEFAULT_TILE_POINTS,
  generateRankedPoints,
  tilePeriodCm,
  type RankedPoints,
} from '../../../src/core/dots/rankedPoints.ts';
import { measureSpacing, type SpacingWindow } from '../../../src/core/dots/spacing.ts';

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

  it('draws different jitter bytes for different copies of the tile', () => {
    // Whole copies are written one after another in rank order: copy (0,0) first, then (1,0).
    let same = 0;
    let sum = 0;
    let sameRank = 0;
    for (let i = 0; i < tilePoints; i++) {
      if (points.rank[i] === points.rank[i + tilePoints]) sameRank++;
      if (points.jitter[i] === points.jitter[i + tilePoints]) same++;
      sum += points.jitter[i]!;
    }
    expect(sameRank).toBe(tilePoints);
    expect(same / tilePoints).toBeLessThan(0.02);
    expect(sum / tilePoints).toBeGreaterThan(120);
    expect(sum / tilePoints).toBeLessThan(135);
  });
});

describe('ranked points, determinism and options', () => {
  const options = { seed: 5, widthCm: 9, heightCm: 7, maxDensityPerCm2: 180, tilePoints: 4096 };

  it('gives identical arrays for the same seed, even after the tile cache is cleared', () => {
    const a = generateRankedPoints(options);
    clearRankedTileCache();
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
    const full = generateRankedPoints({ ...options, maxDensityPerCm2: 200 });
    const half = generateRankedPoints({ ...options, maxDensityPerCm2: 100 });
    expect(Math.abs(half.count / full.count - 0.5)).toBeLessThan(0.02);
    expect(half.xCm[0]! / full.xCm[0]!).toBeCloseTo(Math.SQRT2, 4);
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
