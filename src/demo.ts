/**
 * The built-in demo: a generated scalp photo (no stock image) with a sample hairline area, so a
 * newcomer sees dots at once. The same generator makes the test fixtures.
 */
import { fitPxPerCm, renderScalpScene } from './core/demo/scalpImage.ts';
import { newDesign } from './core/document/defaults.ts';
import { makeArea } from './core/areas.ts';
import { localIsoDate } from './core/sessions.ts';
import { imagePoint } from './core/math/types.ts';
import type { Design, DotParams } from './core/document/types.ts';
import type { PhotoPixels } from './state/store.ts';

/** Demo photo size, px. */
export const DEMO_WIDTH_PX = 2000;
export const DEMO_HEIGHT_PX = 1500;
/** Seed of the demo design. */
export const DEMO_SEED = 20261124;

/** The demo shows finished work: full density, and shades that end dark enough to match the client's stubble. */
export const DEMO_DOTS: DotParams = { densityPerCm2: 100, transitionMm: 8 };

/** Water:pigment of the demo's three sessions: lighter first, darker as the plan goes on. */
export const DEMO_DILUTIONS: readonly number[] = [5, 3, 2];

/** Builds the demo photo and its design. */
export async function createDemo(): Promise<{ design: Design; photo: PhotoPixels }> {
  const pxPerCm = fitPxPerCm(DEMO_WIDTH_PX, DEMO_HEIGHT_PX);
  const scene = renderScalpScene({ widthPx: DEMO_WIDTH_PX, heightPx: DEMO_HEIGHT_PX, pxPerCm, seed: DEMO_SEED });
  const { rgba, widthPx, heightPx } = scene.image;
  const bitmap = await createImageBitmap(new ImageData(new Uint8ClampedArray(rgba), widthPx, heightPx));
  const base = newDesign({ kind: 'demo', name: 'demo scalp', widthPx, heightPx }, DEMO_SEED, pxPerCm, localIsoDate(new Date()));
  const design: Design = {
    ...base,
    dots: DEMO_DOTS,
    sessions: base.sessions.map((s, i) => ({ ...s, dilutionWaterParts: DEMO_DILUTIONS[i] ?? s.dilutionWaterParts })),
    areas: [{ ...makeArea('area-1', scene.layout.treatmentOutline), hairlineEdges: scene.layout.hairlineEdges.slice() }],
    // A top view: the mid-frontal point where the new hairline crosses the midline, and the vertex
    // at the middle of the crown.
    landmarks: { ...base.landmarks, midFrontal: scene.layout.hairlineApex, vertex: imagePoint(scene.layout.head.centreXPx, scene.layout.head.centreYPx - 0.15 * scene.layout.head.radiusYPx) },
  };
  return { design, photo: { original: bitmap, display: bitmap, rgba, widthPx, heightPx, source: null } };
}
