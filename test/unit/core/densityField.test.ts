import { describe, expect, it } from 'vitest';
import { makeArea } from '../../../src/core/areas.ts';
import { buildDensityField, densityFieldOf, estimateDots, fieldGrid } from '../../../src/core/dots/densityField.ts';
import { sampleField } from '../../helpers/densityField.ts';
import { newDesign } from '../../../src/core/document/defaults.ts';
import type { Design } from '../../../src/core/document/types.ts';
import { imagePoint, type ImagePoint } from '../../../src/core/math/types.ts';

const PX_PER_CM = 50;

/**
 * A 20 x 16 cm photo with one 10 x 8 cm rectangle whose bottom edge is hairline. Control points
 * every 50 px keep the smooth outline on the rectangle's edges.
 */
function design(transitionMm: number, seed = 1): Design {
  const base = newDesign({ kind: 'demo', name: 't', widthPx: 1000, heightPx: 800 }, seed, PX_PER_CM);
  const pts: ImagePoint[] = [];
  const flags: boolean[] = [];
  const add = (x: number, y: number, hairline: boolean): void => {
    pts.push(imagePoint(x, y));
    flags.push(hairline);
  };
  for (let x = 250; x < 750; x += 50) add(x, 200, false);
  for (let y = 200; y < 600; y += 50) add(750, y, false);
  for (let x = 750; x > 250; x -= 50) add(x, 600, true);
  for (let y = 600; y > 200; y -= 50) add(250, y, false);
  return { ...base, dots: { ...base.dots, transitionMm }, areas: [{ ...makeArea('a', pts), hairlineEdges: flags }] };
}

describe('density field', () => {
  it('uses a half-millimetre grid when the photo allows, rows a multiple of 4 texels', () => {
    const g = fieldGrid(1000, 800, PX_PER_CM);
    expect(g.pxPerTexel).toBeCloseTo(2.5);
    expect(g.w).toBe(400);
    expect(g.h).toBe(320);
    expect(fieldGrid(1001, 800, PX_PER_CM).w).toBe(404);
  });

  it('caps the grid at 2048 texels a side for a huge photo', () => {
    const g = fieldGrid(8000, 6000, 400);
    expect(g.w).toBeLessThanOrEqual(2048);
    expect(g.h).toBeLessThanOrEqual(2048);
  });

  it('is 1 deep inside, 0 well outside', () => {
    const f = buildDensityField(design(8));
    expect(sampleField(f, 500, 300)).toBe(1);
    expect(sampleField(f, 100, 100)).toBe(0);
    expect(sampleField(f, 500, 700)).toBe(0);
  });

  it('ramps up behind the hairline across the transition zone', () => {
    const f = buildDensityField(design(10));
    // Averaged along the hairline to wash out the irregularity noise.
    const meanAt = (mmBehind: number): number => {
      let sum = 0;
      let n = 0;
      for (let x = 320; x <= 680; x += 4) {
        sum += sampleField(f, x, 600 - (mmBehind / 10) * PX_PER_CM);
        n++;
      }
      return sum / n;
    };
    const front = meanAt(0.5);
    const middle = meanAt(5);
    const back = meanAt(16);
    expect(front).toBeGreaterThan(0.02);
    expect(front).toBeLessThan(0.45);
    expect(middle).toBeGreaterThan(front + 0.15);
    expect(back).toBeGreaterThan(0.97);
  });

  it('keeps a sharp hairline with no transition zone and no irregularity', () => {
    const base = design(0);
    const f = buildDensityField({ ...base, irregularity: { ...base.irregularity, macroMm: 0, microMm: 0, stray: 0 } });
    let inside = 0;
    for (let x = 300; x <= 700; x += 5) inside += sampleField(f, x, 590);
    expect(inside / 81).toBeGreaterThan(0.9);
  });

  it('is irregular along the hairline, and the same for the same seed', () => {
    const a = buildDensityField(design(10, 7));
    const b = buildDensityField(design(10, 7));
    const c = buildDensityField(design(10, 8));
    expect(Buffer.from(a.values).equals(Buffer.from(b.values))).toBe(true);
    expect(Buffer.from(a.values).equals(Buffer.from(c.values))).toBe(false);
    const row = [];
    for (let x = 300; x <= 700; x += 2) row.push(sampleField(a, x, 600 - 0.3 * PX_PER_CM));
    const spread = Math.max(...row) - Math.min(...row);
    expect(spread).toBeGreaterThan(0.15);
    expect(Math.min(...row)).toBeGreaterThanOrEqual(0);
  });

  it('feathers edges that are not hairline over about a millimetre', () => {
    const f = buildDensityField(design(8));
    expect(sampleField(f, 251, 400)).toBeLessThan(0.5);
    expect(sampleField(f, 250 + 0.2 * PX_PER_CM, 400)).toBe(1);
  });
});

/** A circle of control points, image pixels. */
function circle(cx: number, cy: number, r: number, n = 16): ImagePoint[] {
  return Array.from({ length: n }, (_, i) => imagePoint(cx + r * Math.cos((2 * Math.PI * i) / n), cy + r * Math.sin((2 * Math.PI * i) / n)));
}

/** The rectangle of `design` with no hairline edge and no feather: exactly 10 × 8 cm of factor 1. */
function plain(): Design {
  const d = design(8);
  return { ...d, areas: [{ ...d.areas[0]!, hairlineEdges: d.areas[0]!.hairlineEdges.map(() => false), featherMm: 0 }] };
}

describe('density field: kinds, exclusions, brush, irregularity, estimates', () => {
  it('scales an area by its density factor', () => {
    const d = plain();
    const f = buildDensityField({ ...d, areas: [{ ...d.areas[0]!, kind: 'thinning', densityFactor: 0.5 }] });
    expect(sampleField(f, 500, 400)).toBeCloseTo(0.5, 2);
    expect(sampleField(f, 100, 100)).toBe(0);
  });

  it('clears an exclusion zone, with a soft margin outside it', () => {
    const d = plain();
    const mole = { ...makeArea('mole', circle(500, 400, 25), 'exclusion'), featherMm: 2 };
    const f = buildDensityField({ ...d, areas: [...d.areas, mole] });
    expect(sampleField(f, 500, 400)).toBe(0);
    expect(sampleField(f, 500 + 24, 400)).toBe(0);
    // 1 mm outside the zone (5 px): part way; 3 mm outside: untouched.
    const half = sampleField(f, 500 + 25 + 5, 400);
    expect(half).toBeGreaterThan(0.2);
    expect(half).toBeLessThan(0.8);
    expect(sampleField(f, 500 + 25 + 15, 400)).toBe(1);
    // Order does not matter: an exclusion drawn first still clears the area drawn after it.
    const g = buildDensityField({ ...d, areas: [mole, ...d.areas] });
    expect(sampleField(g, 500, 400)).toBe(0);
  });

  it('raises, lowers and erases density with the brush, only inside areas', () => {
    const d = plain();
    const line = (n: number) => Array.from({ length: n }, (_, i) => ({ x: 300 + (400 * i) / (n - 1), y: 400, pressure: 1 }));
    const raise = { mode: 'raise' as const, radiusMm: 10, strength: 0.5, points: line(2) };
    const raised = buildDensityField({ ...d, brush: [raise] });
    expect(sampleField(raised, 500, 400)).toBeCloseTo(1.5, 1);
    expect(sampleField(raised, 500, 400 + 60)).toBe(1); // 12 mm from the stroke: untouched
    // The same stroke reported with many more pointer positions has the same effect.
    const dense = buildDensityField({ ...d, brush: [{ ...raise, points: line(60) }] });
    expect(Buffer.from(dense.values).equals(Buffer.from(raised.values))).toBe(true);
    const lowered = buildDensityField({ ...d, brush: [{ ...raise, mode: 'lower' }] });
    expect(sampleField(lowered, 500, 400)).toBeCloseTo(0.5, 1);
    const erased = buildDensityField({ ...d, brush: [raise, { ...raise, mode: 'erase' }] });
    expect(sampleField(erased, 500, 400)).toBe(1);
    // Half pressure, half the change; and nothing outside the areas.
    const soft = buildDensityField({ ...d, brush: [{ ...raise, points: line(2).map((p) => ({ ...p, pressure: 0.5 })) }] });
    expect(sampleField(soft, 500, 400)).toBeCloseTo(1.25, 1);
    const outside = buildDensityField({ ...d, brush: [{ ...raise, points: [{ x: 100, y: 100, pressure: 1 }] }] });
    expect(sampleField(outside, 100, 100)).toBe(0);
  });

  it('keeps the irregular hairline within its amplitude, and reseeding moves it', () => {
    const base = design(10);
    const irregular = (seed: number, stray: number): Design => ({ ...base, irregularity: { macroMm: 4, microMm: 1, stray, seed } });
    // For every column, how far ahead of (negative) or behind the drawn hairline (y = 600) the field starts.
    const fronts = (d: Design): number[] => {
      const f = buildDensityField(d);
      const out: number[] = [];
      for (let x = 320; x <= 680; x += 2) {
        let y = 700;
        while (y > 560 && sampleField(f, x, y) === 0) y -= 0.5;
        out.push(((600 - y) / PX_PER_CM) * 10);
      }
      return out;
    };
    const a = fronts(irregular(1, 0));
    const texelMm = 0.5;
    expect(Math.min(...a)).toBeGreaterThanOrEqual(-(4 + 1) - texelMm);
    expect(Math.max(...a)).toBeLessThanOrEqual(4 + 1 + texelMm);
    expect(Math.max(...a) - Math.min(...a)).toBeGreaterThan(2); // it does wave
    const b = fronts(irregular(2, 0));
    expect(a.some((v, i) => Math.abs(v - b[i]!) > 1)).toBe(true);
    // Stray dots stay within the stray zone ahead of the furthest wave.
    const withStray = fronts(irregular(1, 1));
    expect(Math.min(...withStray)).toBeGreaterThanOrEqual(-(4 + 1 + 4) - texelMm);
    expect(Math.min(...withStray)).toBeLessThan(Math.min(...a));
    // Deep inside, the irregularity changes nothing.
    expect(sampleField(buildDensityField(irregular(2, 1)), 500, 300)).toBe(1);
  });

  it('estimates the dots per area and in total', () => {
    const d = plain();
    const e = estimateDots(d);
    // 10 × 8 cm at 90 dots/cm².
    expect(e.total / (80 * 90)).toBeGreaterThan(0.99);
    expect(e.total / (80 * 90)).toBeLessThan(1.01);
    const crown = { ...makeArea('crown', circle(850, 300, 50), 'crown'), featherMm: 0 };
    const two = { ...d, areas: [...d.areas, crown] };
    const e2 = estimateDots(two);
    expect(e2.perArea[1]! / (Math.PI * 1 * 90)).toBeGreaterThan(0.97);
    expect(e2.perArea[1]! / (Math.PI * 1 * 90)).toBeLessThan(1.03);
    expect(e2.perArea[0]! + e2.perArea[1]!).toBeCloseTo(e2.total, 6);
  });

  it('builds the field once for a design whose outlines are unchanged, and again after an edit', () => {
    const d = plain();
    const field = densityFieldOf(d);
    // Density and sessions are not in the field: the same build serves, and the estimate follows Density.
    const denser = { ...d, dots: { ...d.dots, densityPerCm2: 45 } };
    expect(densityFieldOf(denser)).toBe(field);
    expect(estimateDots(denser).total / estimateDots(d).total).toBeCloseTo(0.5, 6);
    // An edited outline is a new build, and the estimate is of the edited design at once.
    const smaller = { ...d, areas: [{ ...d.areas[0]!, points: d.areas[0]!.points.map((p) => ({ x: 500 + (p.x - 500) / 2, y: 400 + (p.y - 400) / 2 })) }] };
    expect(densityFieldOf(smaller)).not.toBe(field);
    expect(estimateDots(smaller).total / estimateDots(d).total).toBeGreaterThan(0.2);
    expect(estimateDots(smaller).total / estimateDots(d).total).toBeLessThan(0.3);
  });
});
