/**
 * The built-in demo: a generated scalp photo (no stock image) with a sample hairline area, so a
 * newcomer sees dots at once. The same generator makes the test fixtures.
 */
import { fitPxPerCm, renderScalpScene } from './core/demo/scalpImage.ts';
import { newDesign } from './core/document/defaults.ts';
import { makeArea } from './core/areas.ts';
import { firstSessionDate } from './core/aftercare.ts';
import { localIsoDate } from './core/sessions.ts';
import type { Design, DotParams } from './core/document/types.ts';
import type { PhotoPixels } from './core/photo.ts';

/** Demo photo size, px. */
export const DEMO_WIDTH_PX = 2000;
export const DEMO_HEIGHT_PX = 1500;
/** Seed of the demo design. */
export const DEMO_SEED = 20261124;

/**
 * The demo shows finished work at full density with natural placement; its sessions are a new
 * design's default plan (10:1, 7:1, 5:1), which heals to the shade of real healed work
 * (docs/realism.md).
 */
export const DEMO_DOTS: DotParams = { densityPerCm2: 100, transitionMm: 8, placementPercent: 100 };

/** Builds the demo photo and its design. */
export async function createDemo(): Promise<{ design: Design; photo: PhotoPixels }> {
  const pxPerCm = fitPxPerCm(DEMO_WIDTH_PX, DEMO_HEIGHT_PX);
  const scene = renderScalpScene({ widthPx: DEMO_WIDTH_PX, heightPx: DEMO_HEIGHT_PX, pxPerCm, seed: DEMO_SEED });
  const { rgba, widthPx, heightPx } = scene.image;
  const bitmap = await createImageBitmap(new ImageData(new Uint8ClampedArray(rgba), widthPx, heightPx));
  const base = newDesign({ kind: 'demo', name: 'demo scalp', widthPx, heightPx }, DEMO_SEED, pxPerCm, firstSessionDate(localIsoDate(new Date())));
  const design: Design = {
    ...base,
    dots: DEMO_DOTS,
    areas: [{ ...makeArea('area-1', scene.layout.treatmentOutline), hairlineEdges: scene.layout.hairlineEdges.slice() }],
    // A top view: the mid-frontal point where the new hairline crosses the midline, the vertex at
    // the middle of the crown, and the sides of the head at its widest.
    landmarks: {
      ...base.landmarks,
      midFrontal: scene.layout.hairlineApex,
      vertex: scene.layout.vertex,
      leftSide: scene.layout.leftSide,
      rightSide: scene.layout.rightSide,
    },
  };
  return { design, photo: { original: bitmap, display: bitmap, rgba, widthPx, heightPx, source: null } };
}
