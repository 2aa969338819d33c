import { describe, expect, it } from 'vitest';
import { buildDensityField, fieldGrid, HAIRLINE_FRONT_FRACTION, sampleField } from '../../../src/core/dots/densityField.ts';
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
  return { ...base, dots: { ...base.dots, transitionMm }, areas: [{ id: 'a', points: pts, hairlineEdges: flags }] };
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

  it('keeps a sharp hairline with no transition zone', () => {
    const f = buildDensityField(design(0));
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
    expect(HAIRLINE_FRONT_FRACTION).toBeGreaterThan(0);
  });

  it('feathers edges that are not hairline over about a millimetre', () => {
    const f = buildDensityField(design(8));
    expect(sampleField(f, 251, 400)).toBeLessThan(0.5);
    expect(sampleField(f, 250 + 0.2 * PX_PER_CM, 400)).toBe(1);
  });
});
