/**
 * Placing the landmarks: the glabella and eye corners on a front photo; the mid-frontal point, vertex
 * and sides of the head on a top photo. Each placement is one undo step.
 */
import type { ImagePoint } from '../core/math/types.ts';
import { commit } from './actions.ts';
import type { AppStore, LandmarkId } from './store.ts';


/** Places (or with null, removes) a landmark; the Landmarks tool then moves on to the next one. */
export function setLandmark(store: AppStore, id: LandmarkId, p: ImagePoint | null): void {
  const { design } = store.getState();
  commit(store, { ...design, landmarks: { ...design.landmarks, [id]: p } });
}
