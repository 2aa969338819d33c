/** Test helper: a patch of the generated scalp that lies wholly in the stubble fringe. */
import { isInFringe, type ScalpLayout } from '../../src/core/demo/scalpLayout.ts';

/**
 * The rectangle (image px) of the given size in cm lying wholly in the fringe's interior nearest the
 * crown (away from the dark rim), or undefined.
 */
export function interiorPatch(layout: ScalpLayout, wCm: number, hCm: number): { x0: number; y0: number; w: number; h: number } | undefined {
  const w = wCm * layout.pxPerCm;
  const h = hCm * layout.pxPerCm;
  const step = layout.pxPerCm / 10;
  let best: { x0: number; y0: number; w: number; h: number } | undefined;
  let bestDistance = Infinity;
  for (let y0 = 0; y0 + h < layout.heightPx; y0 += layout.pxPerCm / 4) {
    for (let x0 = 0; x0 + w < layout.widthPx; x0 += layout.pxPerCm / 4) {
      const distance = Math.hypot(x0 + w / 2 - layout.head.centreXPx, y0 + h / 2 - layout.head.centreYPx);
      if (distance >= bestDistance) continue;
      let ok = true;
      for (let y = y0; ok && y <= y0 + h; y += step) {
        for (let x = x0; ok && x <= x0 + w; x += step) ok = isInFringe(layout, x, y) === 1;
      }
      if (ok) {
        best = { x0, y0, w, h };
        bestDistance = distance;
      }
    }
  }
  return best;
}
