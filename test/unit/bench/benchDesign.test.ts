/**
 * The browser benchmark's set-up (test/bench/benchDesign.ts) still builds, packs and opens, on a
 * tiny photo: a run of the set-up, not a timing. If the document grows, this fails before the
 * benchmark does.
 */
import { encode } from 'fast-png';
import { describe, expect, it } from 'vitest';
import { generateRankedPoints } from '../../../src/core/dots/rankedPoints.ts';
import { viewDesign } from '../../../src/core/document/views.ts';
import { unpackDesignFile } from '../../../src/io/openDesignFile.ts';
import { benchDesignFile, pxPerCmForDots } from '../../bench/benchDesign.ts';

const W = 120;
const H = 80;
const photo = {
  bytes: encode({ width: W, height: H, data: new Uint8Array(W * H * 4).fill(180), channels: 4 }),
  mime: 'image/png' as const,
  name: 'tiny-120x80.png',
  widthPx: W,
  heightPx: H,
};

describe('the browser benchmark set-up', () => {
  it('opens as a valid design with its photo, scale and one drawn area', async () => {
    const file = await unpackDesignFile(await benchDesignFile(photo, 2000));
    expect(file.design.views).toHaveLength(1);
    const design = viewDesign(file.design, 0);
    expect(file.photos[0]?.bytes).toEqual(photo.bytes);
    expect(design.photo).toEqual({ kind: 'file', name: photo.name, widthPx: W, heightPx: H });
    expect(design.scale.source).toBe('ruler');
    expect(design.scale.pxPerCm).toBeCloseTo(pxPerCmForDots(W, H, design.maxDensityPerCm2, 2000), 9);
    expect(design.areas).toHaveLength(1);
    expect(design.areas[0]!.points.map((p) => [p.x, p.y])).toEqual([
      [20, 20],
      [100, 20],
      [100, 60],
      [20, 60],
    ]);
  });

  it('gives the ranked point set the number of points it asks for, within 5 %', async () => {
    for (const dots of [500, 2000]) {
      const design = viewDesign((await unpackDesignFile(await benchDesignFile(photo, dots))).design, 0);
      const points = generateRankedPoints({ seed: design.seed, widthCm: W / design.scale.pxPerCm, heightCm: H / design.scale.pxPerCm, maxDensityPerCm2: design.maxDensityPerCm2 });
      expect(Math.abs(points.count / dots - 1)).toBeLessThan(0.05);
    }
  });
});
