/**
 * Hand placement: the offsets keep the density, open no gap wider than a random pattern would, keep
 * dots apart, and make the pattern as uneven as real work (point statistics; the image statistics
 * are in realism.test.ts).
 */
import { describe, expect, it } from 'vitest';
import { MIN_SEPARATION_PER_SPACING, placementOffsets, RANK_FLOOR } from '../../../src/core/dots/placement.ts';
import { generateRankedPoints } from '../../../src/core/dots/rankedPoints.ts';
import { spacingMmForDensity } from '../../../src/core/units.ts';

const MAX_DENSITY = 150;
const SEED = 5;
const points = generateRankedPoints({ seed: SEED, widthCm: 8, heightCm: 8, maxDensityPerCm2: MAX_DENSITY });
const offsets = placementOffsets(points, SEED, MAX_DENSITY);

/** Positions (cm) of the points with rank in [lo, hi), moved by `placement` × their offsets, inside the 4 × 4 cm middle. */
function dots(lo: number, hi: number, placement: number): { xs: number[]; ys: number[] } {
  const xs: number[] = [];
  const ys: number[] = [];
  for (let i = 0; i < points.count; i++) {
    const r = points.rank[i]!;
    if (r < lo || r >= hi) continue;
    const x = points.xCm[i]! + placement * offsets[2 * i]!;
    const y = points.yCm[i]! + placement * offsets[2 * i + 1]!;
    if (x >= 2 && x < 6 && y >= 2 && y < 6) {
      xs.push(x);
      ys.push(y);
    }
  }
  return { xs, ys };
}

/** Nearest-neighbour distances, cm. */
function nearest({ xs, ys }: { xs: number[]; ys: number[] }): number[] {
  return xs.map((x, i) => {
    let best = Infinity;
    for (let j = 0; j < xs.length; j++) if (j !== i) best = Math.min(best, (x - xs[j]!) ** 2 + (ys[i]! - ys[j]!) ** 2);
    return Math.sqrt(best);
  });
}

/** Radius (cm) of the largest circle centred in the 3 × 3 cm middle that holds no dot (sampled every 0.1 mm). */
function largestGap({ xs, ys }: { xs: number[]; ys: number[] }): number {
  let gap = 0;
  for (let gy = 2.5; gy < 5.5; gy += 0.01) {
    for (let gx = 2.5; gx < 5.5; gx += 0.01) {
      let best = Infinity;
      for (let j = 0; j < xs.length; j++) best = Math.min(best, (gx - xs[j]!) ** 2 + (gy - ys[j]!) ** 2);
      gap = Math.max(gap, Math.sqrt(best));
    }
  }
  return gap;
}

const hexSpacing = (densityPerCm2: number): number => Math.sqrt(2 / (Math.sqrt(3) * densityPerCm2));

describe('hand placement', () => {
  it('is fixed by the seed', () => {
    expect(placementOffsets(points, SEED, MAX_DENSITY)).toEqual(offsets);
    expect(placementOffsets(points, SEED + 1, MAX_DENSITY)).not.toEqual(offsets);
  });

  for (const density of [30, 90, 130]) {
    it(`keeps ${density} dots/cm² within ±5 %, a dot's own spacing apart from every other by ${MIN_SEPARATION_PER_SPACING}, and as uneven as real work`, () => {
      const even = dots(0, density / MAX_DENSITY, 0);
      const natural = dots(0, density / MAX_DENSITY, 1);
      expect(Math.abs(natural.xs.length / 16 / density - 1)).toBeLessThan(0.05);
      const spacingCm = spacingMmForDensity(density) / 10;
      const nn = nearest(natural);
      // Four passes of pushing apart leave no pair much closer than asked.
      expect(Math.min(...nn)).toBeGreaterThan(0.9 * MIN_SEPARATION_PER_SPACING * spacingCm);
      // Mean nearest-neighbour distance over the hexagonal spacing: blue noise about 0.79; a random
      // (Poisson) pattern 0.47; hand-placed dots in between.
      const regularity = nn.reduce((a, b) => a + b, 0) / nn.length / hexSpacing(natural.xs.length / 16);
      const evenRegularity = nearest(even).reduce((a, b) => a + b, 0) / even.xs.length / hexSpacing(even.xs.length / 16);
      expect(evenRegularity).toBeGreaterThan(0.75);
      expect(regularity).toBeGreaterThan(0.55);
      expect(regularity).toBeLessThan(0.65);
    });
  }

  it('opens no gap wider than a random pattern of the same density would', () => {
    for (const density of [30, 100]) {
      const natural = dots(0, density / MAX_DENSITY, 1);
      const spacingCm = spacingMmForDensity(density) / 10;
      // The largest empty circle among N Poisson points in area A has radius about sqrt(ln N · A / (π N)):
      // 1.43 spacings for the 900 dots of 9 cm² at 100 /cm², 1.32 for 270 at 30 /cm².
      const n = density * 9;
      const poisson = Math.sqrt((Math.log(n) * 9) / (Math.PI * n));
      expect(largestGap(natural)).toBeLessThan(poisson);
      expect(largestGap(natural)).toBeLessThan(1.45 * spacingCm);
    }
  });

  it('moves no dot further than 0.8 of its band spacing', () => {
    let worst = 0;
    for (let i = 0; i < points.count; i++) {
      const spacingCm = spacingMmForDensity(MAX_DENSITY * Math.max(points.rank[i]!, RANK_FLOOR)) / 10;
      worst = Math.max(worst, Math.hypot(offsets[2 * i]!, offsets[2 * i + 1]!) / spacingCm);
    }
    expect(worst).toBeGreaterThan(0.3);
    expect(worst).toBeLessThan(0.8);
  });
});
