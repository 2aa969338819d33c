import { describe, expect, it } from 'vitest';
import { renderScalpScene } from '../../../src/core/demo/scalpImage.ts';
import { fitPxPerCm, type ScalpLayout } from '../../../src/core/demo/scalpLayout.ts';
import { interiorPatch } from '../../helpers/fringe.ts';
import { dotsDarkness, measurePatch, suggestDilution, type PixelRect } from '../../../src/core/matchHair.ts';

/** A w × h cm rectangle wholly inside the stubble fringe, nearest the head's centre. */
function fringePatch(layout: ScalpLayout, wCm: number, hCm: number): PixelRect {
  const p = interiorPatch(layout, wCm, hCm);
  if (!p) throw new Error('no fringe patch');
  return { x0: p.x0, y0: p.y0, x1: p.x0 + p.w, y1: p.y0 + p.h };
}

describe('matching existing hair', () => {
  for (const density of [60, 100]) {
    it(`measures stubble generated at ${density}/cm² within ±10 %`, () => {
      const scene = renderScalpScene({ widthPx: 2000, heightPx: 1500, pxPerCm: fitPxPerCm(2000, 1500), seed: 7, stubbleDensityPerCm2: density });
      const { layout, image } = scene;
      const m = measurePatch(image.rgba, layout.widthPx, layout.heightPx, fringePatch(layout, 2, 1.5), layout.pxPerCm);
      expect(m.areaCm2).toBeCloseTo(3, 1);
      expect(Math.abs(m.densityPerCm2 / density - 1)).toBeLessThan(0.1);
      expect(m.darkness).toBeGreaterThan(0.05);
    });
  }

  it('finds no follicles on bare skin', () => {
    const scene = renderScalpScene({ widthPx: 2000, heightPx: 1500, pxPerCm: fitPxPerCm(2000, 1500), seed: 7 });
    const { layout, image } = scene;
    const c = layout.hairlineApex;
    const rect = { x0: c.x - layout.pxPerCm, y0: c.y - 3 * layout.pxPerCm, x1: c.x + layout.pxPerCm, y1: c.y - 1.5 * layout.pxPerCm };
    expect(measurePatch(image.rgba, layout.widthPx, layout.heightPx, rect, layout.pxPerCm).densityPerCm2).toBeLessThan(3);
  });

  it('suggests the dilution whose dots darken skin as much as a patch, within the dilution range', () => {
    for (const dilution of [2, 8, 15]) {
      const darkness = dotsDarkness(90, dilution, '1RL-0.25');
      expect(Math.abs(suggestDilution(darkness, 90, '1RL-0.25') - dilution)).toBeLessThanOrEqual(0.5);
    }
    expect(dotsDarkness(90, 0, '1RL-0.25')).toBeGreaterThan(dotsDarkness(90, 10, '1RL-0.25'));
    // Darker than neat dots can reach: neat; lighter than 30:1: 30:1.
    expect(suggestDilution(0.9, 90, '1RL-0.25')).toBe(0);
    expect(suggestDilution(0, 90, '1RL-0.25')).toBe(30);
  });
});
