import { describe, expect, it } from 'vitest';
import { areaCm2, checkOutline, defaultHairlineEdges, smoothOutline } from '../../../src/core/areas.ts';
import { isSelfIntersecting, polygonArea } from '../../../src/core/math/polygon.ts';
import { containsPoint } from '../../helpers/polygon.ts';
import { distanceTransform } from '../../../src/core/math/distanceTransform.ts';

const square = [
  { x: 0, y: 0 },
  { x: 100, y: 0 },
  { x: 100, y: 100 },
  { x: 0, y: 100 },
];

function circle(n: number, r: number, cx = 500, cy = 500): { x: number; y: number }[] {
  return Array.from({ length: n }, (_, i) => ({ x: cx + r * Math.cos((2 * Math.PI * i) / n), y: cy + r * Math.sin((2 * Math.PI * i) / n) }));
}

describe('polygon', () => {
  it('measures the area of a square and contains its centre only', () => {
    expect(polygonArea(square)).toBe(10000);
    expect(containsPoint(square, 50, 50)).toBe(true);
    expect(containsPoint(square, 150, 50)).toBe(false);
  });

  it('finds a bow-tie self-crossing but not a convex outline', () => {
    const bowtie = [square[0]!, square[2]!, square[1]!, square[3]!];
    expect(isSelfIntersecting(bowtie)).toBe(true);
    expect(isSelfIntersecting(square)).toBe(false);
    expect(isSelfIntersecting(circle(24, 100))).toBe(false);
  });
});

describe('smooth outline', () => {
  it('passes through every control point', () => {
    const pts = circle(8, 200);
    const curve = smoothOutline(pts);
    for (const p of pts) expect(curve.points.some((q) => Math.hypot(q.x - p.x, q.y - p.y) < 1e-9)).toBe(true);
  });

  it('through 16 points of a circle, its area is within 0.5 % of the circle', () => {
    const r = 300;
    const pxPerCm = 100;
    const analytic = (Math.PI * r * r) / (pxPerCm * pxPerCm);
    expect(Math.abs(areaCm2(circle(16, r), pxPerCm) / analytic - 1)).toBeLessThan(0.005);
  });
});

describe('outline checks', () => {
  it('refuses too few points, a self-crossing outline and a speck', () => {
    expect(checkOutline(square.slice(0, 2), 50)).toBe('too-few-points');
    expect(checkOutline([square[0]!, square[2]!, square[1]!, square[3]!], 50)).toBe('self-crossing');
    expect(checkOutline(square.map((p) => ({ x: p.x / 100, y: p.y / 100 })), 50)).toBe('too-small');
    expect(checkOutline(square, 50)).toBeNull();
  });

  it('marks the downward-facing edges as hairline whatever the winding', () => {
    // Clockwise on screen: top, right, bottom, left edges. Only the bottom (edge 2) faces down.
    expect(defaultHairlineEdges(square)).toEqual([false, false, true, false]);
    const reversed = square.slice().reverse(); // edges: bottom, right, top, left
    expect(defaultHairlineEdges(reversed)).toEqual([true, false, false, false]);
  });
});

describe('distance transform', () => {
  it('gives exact Euclidean distances from a single seed', () => {
    const w = 21;
    const h = 15;
    const seeds = new Uint8Array(w * h);
    seeds[7 * w + 10] = 1;
    const d = distanceTransform(seeds, w, h);
    for (let y = 0; y < h; y++) for (let x = 0; x < w; x++) expect(d[y * w + x]).toBeCloseTo(Math.hypot(x - 10, y - 7), 5);
  });

  it('is infinite everywhere without seeds', () => {
    expect(distanceTransform(new Uint8Array(6), 3, 2).every((v) => v === Infinity)).toBe(true);
  });
});
