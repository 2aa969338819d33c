/**
 * What one view of a design tells the others: the front view's hairline height above its glabella,
 * shown as a guide on a top view through its mid-frontal point, so the two views plan one hairline.
 */
import type { DesignDocument } from './document/types.ts';
import { viewDesign } from './document/views.ts';
import { frontFrame, hairlineMeasures } from './landmarks.ts';

/** The front view (its index) and its hairline height, remembered per design: a frame draws it again and again. */
const found = new WeakMap<DesignDocument, { readonly index: number; readonly heightCm: number | null }>();

/**
 * The hairline height (cm above the glabella) of the design's front view: the first view named
 * front, or else the first whose landmarks make it a front view; null when it has no glabella or
 * no hairline drawn, when there is no front view, or when `shown` is that view itself.
 */
export function frontHairlineHeight(doc: DesignDocument, shown: number): number | null {
  let front = found.get(doc);
  if (!front) {
    const named = doc.views.findIndex((v) => v.name === 'front');
    const index = named >= 0 ? named : doc.views.findIndex((_, i) => frontFrame(viewDesign(doc, i)) !== null);
    const design = index >= 0 ? viewDesign(doc, index) : null;
    front = { index, heightCm: design && frontFrame(design) ? hairlineMeasures(design).heightCm : null };
    found.set(doc, front);
  }
  return front.index === shown ? null : front.heightCm;
}
