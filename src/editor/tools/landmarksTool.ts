/**
 * The Landmarks tool: click to place the landmark chosen in the panel (glabella, outer eye
 * corners on a front photo; mid-frontal point, vertex and the sides of the head on a top photo), or drag a placed one.
 * After a placement the tool moves on to the next landmark of the same photo. Escape removes the
 * landmark that is chosen.
 */
import type { Landmarks } from '../../core/document/types.ts';
import { beginGesture, cancelGesture, endGesture, setView, updateGesture } from '../../state/actions.ts';
import { setLandmark } from '../../state/landmarkActions.ts';
import type { LandmarkId } from '../../state/store.ts';
import { hitRadiusPx } from '../hitTest.ts';
import type { ToolContext, ToolState } from '../ToolState.ts';
import { imageToScreen } from '../viewport.ts';

/** The order the tool asks for landmarks in: front photo, then top photo. */
export const LANDMARK_ORDER: readonly LandmarkId[] = ['glabella', 'leftEye', 'rightEye', 'leftBrow', 'rightBrow', 'midFrontal', 'vertex', 'leftSide', 'rightSide'];

const NEXT: Record<LandmarkId, LandmarkId> = {
  glabella: 'leftEye',
  leftEye: 'rightEye',
  rightEye: 'rightEye',
  // The brow peaks are optional (the face reading places them): chosen in the panel, not asked for.
  leftBrow: 'rightBrow',
  rightBrow: 'rightBrow',
  midFrontal: 'vertex',
  vertex: 'leftSide',
  leftSide: 'rightSide',
  rightSide: 'rightSide',
};

/** Waiting for a click. */
export function placingLandmarks(ctx: ToolContext): ToolState {
  const { store } = ctx;
  return {
    id: 'landmarks.idle',
    onPointerDown(input) {
      const { design, view } = store.getState();
      // Grab a placed landmark under the pointer, else place the chosen one here.
      const reach = hitRadiusPx(input.pointerType);
      const hit = LANDMARK_ORDER.find((id) => {
        const p = design.landmarks[id as keyof Landmarks];
        if (!p) return false;
        const s = imageToScreen(view, p);
        return Math.hypot(s.x - input.screen.x, s.y - input.screen.y) <= reach;
      });
      if (hit) {
        beginGesture(store);
        setView(store, { landmark: hit });
        return draggingLandmark(ctx, hit);
      }
      setLandmark(store, view.landmark, input.image);
      setView(store, { landmark: NEXT[view.landmark] });
      return undefined;
    },
    onKey(key) {
      if (key !== 'Escape') return undefined;
      const { design, view } = store.getState();
      if (!design.landmarks[view.landmark]) return undefined;
      setLandmark(store, view.landmark, null);
      return placingLandmarks(ctx);
    },
  };
}

/** Dragging a placed landmark: one undo step. */
function draggingLandmark(ctx: ToolContext, id: LandmarkId): ToolState {
  const { store } = ctx;
  return {
    id: 'landmarks.dragging',
    onPointerMove(input) {
      const { design } = store.getState();
      updateGesture(store, { ...design, landmarks: { ...design.landmarks, [id]: input.image } });
      return undefined;
    },
    onPointerUp() {
      endGesture(store);
      return placingLandmarks(ctx);
    },
    onKey(key) {
      if (key !== 'Escape') return undefined;
      cancelGesture(store);
      return placingLandmarks(ctx);
    },
    onCancel() {
      cancelGesture(store);
    },
  };
}
