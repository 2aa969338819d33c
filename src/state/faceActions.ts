/**
 * Accepting what was read from a face: the scale (unless the user set one with a ruler, which
 * always wins) and the front landmarks, in one undo step; then, if asked, the hairline at the
 * proposed height, in another.
 */
import { minPxPerCmFor, SCALE_RANGE } from '../core/document/limits.ts';
import type { Scale } from '../core/document/types.ts';
import { describeProposal, type FaceReading } from '../core/face/faceReading.ts';
import type { HairlineStyle } from '../core/templates.ts';
import { commitDocument, notify } from './actions.ts';
import { renameView, withViewDesign } from '../core/document/views.ts';
import type { AppStore } from './store.ts';
import { applyHairlineTemplate } from './templateActions.ts';

/** The scale a reading gives this design, or null (none read, a ruler's kept, or out of range) with why. */
function scaleFrom(store: AppStore, reading: FaceReading): { scale: Scale | null; why: string } {
  const { design } = store.getState();
  if (design.scale.source === 'ruler') return { scale: null, why: 'The scale you set with the ruler is kept.' };
  const read = reading.scale;
  if (!read) return { scale: null, why: 'No scale was read: the scale is unchanged.' };
  const { pxPerCm } = read;
  if (pxPerCm < SCALE_RANGE.min || pxPerCm > SCALE_RANGE.max || pxPerCm < minPxPerCmFor(design.photo.widthPx, design.photo.heightPx, design.maxDensityPerCm2)) {
    return { scale: null, why: `The eyes give ${pxPerCm.toFixed(1)} px/cm, which cannot be right for this photo: the scale is unchanged.` };
  }
  return { scale: { pxPerCm, source: read.source, uncertainty: read.uncertainty }, why: '' };
}

/** Sets the glabella, the eye corners and the scale from a reading (one undo step); says what it set. */
export function acceptFaceReading(store: AppStore, reading: FaceReading): void {
  const { design } = store.getState();
  const { scale, why } = scaleFrom(store, reading);
  const { glabella, leftEye, rightEye, leftBrowPeak, rightBrowPeak } = reading.landmarks;
  const next = { ...design, scale: scale ?? design.scale, landmarks: { ...design.landmarks, glabella, leftEye, rightEye, leftBrow: leftBrowPeak, rightBrow: rightBrowPeak } };
  // A face was read, so the view shows the front: a view not yet named says so (in the same step).
  const { document, viewIndex } = store.getState();
  const withFace = withViewDesign(document, viewIndex, next);
  const view = withFace.views[viewIndex]!;
  commitDocument(store, view.name === 'other' ? renameView(withFace, viewIndex, 'front', view.label) : withFace);
  const set = scale ? `the scale (${scale.pxPerCm.toFixed(1)} px/cm)` : null;
  notify(store, 'info', `Set ${set ? `${set}, ` : ''}the glabella, the eye corners and the brow peaks from the face. ${why} With the Landmarks tool, drag any of them to correct it; Undo takes the reading back.`.replace(/ +/g, ' ').trim());
}

/** Draws the hairline in `style` at the reading's proposed height (one undo step); false, with a sentence, when it cannot. */
export function drawProposedHairline(store: AppStore, reading: FaceReading, style: HairlineStyle, label: string): boolean {
  if (!reading.proposal) {
    notify(store, 'error', 'There is no proposed height without a scale: set the scale, then place a hairline from Templates.');
    return false;
  }
  const placed = applyHairlineTemplate(store, style, label, reading.proposal.heightCm);
  if (placed) notify(store, 'info', `${describeProposal(reading.proposal)} Move its points to fit the client, or Undo to remove it.`);
  return placed;
}
