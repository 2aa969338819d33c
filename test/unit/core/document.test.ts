import { describe, expect, it } from 'vitest';
import { newDesign } from '../../../src/core/document/defaults.ts';
import { DesignFormatError, readDesign } from '../../../src/core/document/validate.ts';
import { DENSITY_RANGE } from '../../../src/core/document/limits.ts';

const good = {
  ...newDesign({ kind: 'file', name: 'client.jpg', widthPx: 4000, heightPx: 3000 }, 7),
  areas: [{ id: 'a', points: [{ x: 1, y: 1 }, { x: 100, y: 1 }, { x: 50, y: 90 }], hairlineEdges: [false, false, true] }],
};

describe('reading a design', () => {
  it('round-trips a design through JSON unchanged', () => {
    expect(readDesign(JSON.parse(JSON.stringify(good)))).toEqual(good);
  });

  it('clamps absurd numbers into their ranges', () => {
    const d = readDesign({ ...good, dots: { ...good.dots, densityPerCm2: 1e9, dilutionWaterParts: -4 } });
    expect(d.dots.densityPerCm2).toBe(DENSITY_RANGE.max);
    expect(d.dots.dilutionWaterParts).toBe(0);
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
