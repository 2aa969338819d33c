import { describe, expect, it } from 'vitest';
import { makeArea } from '../../../src/core/areas.ts';
import { newDesign, NO_LANDMARKS } from '../../../src/core/document/defaults.ts';
import type { Design } from '../../../src/core/document/types.ts';
import { imagePoint } from '../../../src/core/math/types.ts';
import { readFileSync } from 'node:fs';
import { CLIENT_NAME_MAX, DesignFormatError, readClientName, readDesignDocument } from '../../../src/core/document/validate.ts';
import { viewDesign } from '../../../src/core/document/views.ts';
import { DENSITY_RANGE, minPxPerCmFor } from '../../../src/core/document/limits.ts';

const good: Design = {
  ...newDesign({ kind: 'file', name: 'client.jpg', widthPx: 4000, heightPx: 3000 }, 7),
  areas: [
    { ...makeArea('a', [imagePoint(1, 1), imagePoint(100, 1), imagePoint(50, 90)]), hairlineEdges: [false, false, true] },
    { ...makeArea('b', [imagePoint(300, 300), imagePoint(400, 300), imagePoint(350, 390)], 'thinning'), densityFactor: 0.45, mirrored: false },
  ],
  landmarks: { ...NO_LANDMARKS, glabella: imagePoint(2000, 2600), leftEye: imagePoint(1500, 2700), rightEye: imagePoint(2500, 2690) },
  irregularity: { macroMm: 4, microMm: 0.8, stray: 0.5, seed: 99 },
  brush: [{ mode: 'lower', radiusMm: 6, strength: 0.4, points: [{ x: 10, y: 20, pressure: 0.5 }, { x: 30, y: 20, pressure: 1 }] }],
};

/**
 * Reads a design as its version's file holds it, and gives its first view: versions 1–5 are flat
 * (one photo); a version-6 design given flat is written as one view first.
 */
function readDesign(data: unknown): Design {
  const d = data as Record<string, unknown>;
  if (typeof d !== 'object' || d === null || typeof d.version !== 'number' || d.version < 6 || 'views' in d) return viewDesign(readDesignDocument(data), 0);
  const { seed, photo, scale, landmarks, areas, brush, ...shared } = d;
  return viewDesign(readDesignDocument({ ...shared, views: [{ id: 'view-1', name: 'front', label: '', seed, photo, scale, landmarks, areas, brush }] }), 0);
}

describe('reading a design', () => {
  it('round-trips a design through JSON unchanged', () => {
    expect(readDesign(JSON.parse(JSON.stringify(good)))).toEqual(good);
  });

  it('clamps absurd numbers into their ranges', () => {
    const d = readDesign({ ...good, dots: { ...good.dots, densityPerCm2: 1e9 }, sessions: [{ ...good.sessions[0], dilutionWaterParts: -4, sharePercent: 1e6 }] });
    expect(d.dots.densityPerCm2).toBe(DENSITY_RANGE.max);
    expect(d.sessions[0]!.dilutionWaterParts).toBe(0);
    expect(d.sessions[0]!.sharePercent).toBe(100);
  });

  it('bounds the maximum density by the app ceiling and refuses a scale no head could have', () => {
    expect(readDesign({ ...good, maxDensityPerCm2: 1e12 }).maxDensityPerCm2).toBe(160);
    expect(readDesign({ ...good, maxDensityPerCm2: 1 }).maxDensityPerCm2).toBe(150);
    const wide = { ...good, photo: { ...good.photo, widthPx: 2000, heightPx: 1500 } };
    expect(() => readDesign({ ...wide, scale: { pxPerCm: 2.2, calibrated: true } })).toThrow(/far larger than a head/);
    expect(readDesign({ ...wide, scale: { pxPerCm: 2.7, calibrated: true } }).scale.pxPerCm).toBe(2.7);
    expect(minPxPerCmFor(2000, 1500, 160)).toBeCloseTo(2.674, 3);
    expect(minPxPerCmFor(1, 1, 160)).toBe(2);
  });

  it('refuses malformed files with a sentence', () => {
    expect(() => readDesign('hello')).toThrow(DesignFormatError);
    expect(() => readDesign({ ...good, version: 99 })).toThrow(/newer version/);
    expect(() => readDesign({ ...good, dots: { ...good.dots, needle: '9RL' } })).toThrow(/unknown needle/);
    expect(() => readDesign({ ...good, seed: 'x' })).toThrow(/seed/);
    expect(() => readDesign({ ...good, areas: [{ points: [{ x: 'a', y: 1 }] }] })).toThrow(/point x/);
  });

  it('gives an area default hairline edges when the file has none', () => {
    const d = readDesign({ ...good, areas: [{ points: good.areas[0]!.points }] });
    expect(d.areas[0]!.hairlineEdges).toHaveLength(3);
    expect(d.areas[0]!.id).toBe('area-1');
  });
});

describe('migrating older design files', () => {
  it('reads a version-1 file as the current version with every new field at its default', () => {
    const v1 = JSON.parse(readFileSync(new URL('../../fixtures/design-v1.json', import.meta.url), 'utf8'));
    const d = readDesign(v1);
    expect(d.version).toBe(6);
    expect(d.dots).toEqual({ densityPerCm2: 95, transitionMm: 8, placementPercent: 100 });
    expect(d.sessions).toEqual([{ date: null, sharePercent: 100, dilutionWaterParts: 6, needle: '1RL-0.25' }]);
    expect(d.scale).toEqual({ pxPerCm: 131.5, source: 'ruler', uncertainty: 0 });
    expect(d.areas).toHaveLength(1);
    expect(d.areas[0]).toMatchObject({ id: 'area-1', kind: 'hairline', densityFactor: 1, featherMm: 1.2, mirrored: false });
    expect(d.areas[0]!.hairlineEdges).toEqual([false, false, true, true, false]);
    expect(d.areas[0]!.points[2]).toEqual({ x: 3000, y: 2000 });
    expect(d.landmarks).toEqual(NO_LANDMARKS);
    expect(d.irregularity).toEqual({ macroMm: 3, microMm: 0.6, stray: 0.3, seed: 20261124 });
    expect(d.brush).toEqual([]);
  });

  it('opens a version-2 design with natural placement, and clamps a typed-in one', () => {
    const { placementPercent: _omitted, ...v2dots } = good.dots;
    expect(readDesign({ ...good, version: 2, dots: v2dots }).dots.placementPercent).toBe(100);
    expect(readDesign({ ...good, dots: { ...good.dots, placementPercent: 250 } }).dots.placementPercent).toBe(100);
    expect(readDesign({ ...good, dots: { ...good.dots, placementPercent: -4 } }).dots.placementPercent).toBe(0);
    expect(readDesign({ ...good, dots: { ...good.dots, placementPercent: 35 } }).dots.placementPercent).toBe(35);
  });

  it('keeps a client name of at most 120 characters, counted as the library counts them, never cutting one in half', () => {
    const emoji = readClientName('😀'.repeat(130));
    expect([...emoji].length).toBe(CLIENT_NAME_MAX);
    expect(emoji).toBe('😀'.repeat(CLIENT_NAME_MAX));
    expect(readClientName(' Zoë\u0007Müller ')).toBe('Zoë Müller');
    expect(readClientName(42)).toBe('');
  });

  it('opens a version-3 design with the sides of the head unmarked, and keeps marked ones', () => {
    const v3 = readDesign({ ...good, version: 3, landmarks: { midFrontal: { x: 900, y: 1200 }, vertex: { x: 900, y: 500 } } });
    expect(v3.version).toBe(6);
    expect(v3.landmarks).toEqual({ ...NO_LANDMARKS, midFrontal: { x: 900, y: 1200 }, vertex: { x: 900, y: 500 } });
    const v4 = readDesign({ ...good, landmarks: { ...NO_LANDMARKS, leftSide: { x: 300, y: 700 }, rightSide: { x: 1500, y: 'x' } } });
    expect(v4.landmarks.leftSide).toEqual({ x: 300, y: 700 });
    expect(v4.landmarks.rightSide).toBeNull();
  });

  it('opens a version-4 design with the brow peaks unmarked, and keeps marked ones', () => {
    const { leftBrow: _l, rightBrow: _r, ...v4landmarks } = NO_LANDMARKS;
    expect(readDesign({ ...good, version: 4, landmarks: { ...v4landmarks, glabella: { x: 900, y: 1200 } } }).landmarks).toEqual({ ...NO_LANDMARKS, glabella: { x: 900, y: 1200 } });
    expect(readDesign({ ...good, landmarks: { ...NO_LANDMARKS, leftBrow: { x: 700, y: 1100 }, rightBrow: { x: 'x', y: 1 } } }).landmarks).toMatchObject({ leftBrow: { x: 700, y: 1100 }, rightBrow: null });
  });

  it('opens a version-4 scale by whether it was calibrated, keeps a version-5 source, and repairs a damaged one', () => {
    const v4 = (calibrated: unknown): unknown => ({ ...good, version: 4, scale: { pxPerCm: 80, calibrated } });
    expect(readDesign(v4(true)).scale).toEqual({ pxPerCm: 80, source: 'ruler', uncertainty: 0 });
    expect(readDesign(v4(false)).scale).toEqual({ pxPerCm: 80, source: 'assumed', uncertainty: 0 });
    expect(readDesign(v4('yes')).scale.source).toBe('assumed');
    expect(readDesign({ ...good, scale: { pxPerCm: 80, source: 'iris', uncertainty: 0.038 } }).scale).toEqual({ pxPerCm: 80, source: 'iris', uncertainty: 0.038 });
    expect(readDesign({ ...good, scale: { pxPerCm: 80, source: 'pupils', uncertainty: 7 } }).scale).toEqual({ pxPerCm: 80, source: 'pupils', uncertainty: 0 });
    // A ruler's scale carries no uncertainty; an unknown source falls back to the old flag.
    expect(readDesign({ ...good, scale: { pxPerCm: 80, source: 'ruler', uncertainty: 0.2 } }).scale.uncertainty).toBe(0);
    expect(readDesign({ ...good, scale: { pxPerCm: 80, source: 'guess', calibrated: true } }).scale.source).toBe('ruler');
  });

  it('clamps and repairs the version-2 fields', () => {
    const d = readDesign({
      ...good,
      areas: [{ ...good.areas[0], kind: 'volcano', densityFactor: 40, featherMm: -3, mirrored: true }],
      landmarks: { glabella: { x: 'left', y: 3 }, leftEye: { x: 1, y: 2 } },
      irregularity: { macroMm: 1e9, microMm: Number.NaN, stray: -1, seed: 5 },
      brush: [{ mode: 'smudge', radiusMm: 0, strength: 9, points: [{ x: 1, y: 2 }, { x: 'a' }] }, { mode: 'raise', points: [] }, 'junk'],
    });
    expect(d.areas[0]).toMatchObject({ kind: 'hairline', densityFactor: 1.5, featherMm: 0, mirrored: false });
    expect(d.landmarks.glabella).toBeNull();
    expect(d.landmarks.leftEye).toEqual({ x: 1, y: 2 });
    expect(d.irregularity).toEqual({ macroMm: 10, microMm: 0.6, stray: 0, seed: 5 });
    expect(d.brush).toEqual([{ mode: 'raise', radiusMm: 1, strength: 1, points: [{ x: 1, y: 2, pressure: 1 }] }]);
  });
});
