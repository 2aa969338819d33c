/**
 * The density brush: a stroke is painted as one gesture and is one undo step.
 */
import type { BrushPoint } from '../core/document/types.ts';
import { beginGesture, commit, endGesture, updateGesture } from './actions.ts';
import type { AppStore } from './store.ts';


/** Starts a brush stroke at a point, with the current brush settings (one undo step per stroke). */
export function beginStroke(store: AppStore, p: BrushPoint): void {
  beginGesture(store);
  const { design, view } = store.getState();
  const { mode, radiusMm, strength } = view.brush;
  updateGesture(store, { ...design, brush: [...design.brush, { mode, radiusMm, strength, points: [p] }] });
}

/** Extends the stroke being painted. */
export function extendStroke(store: AppStore, p: BrushPoint): void {
  const { design } = store.getState();
  const last = design.brush[design.brush.length - 1];
  if (!last) return;
  updateGesture(store, { ...design, brush: [...design.brush.slice(0, -1), { ...last, points: [...last.points, p] }] });
}

/** Ends the stroke: one undo step. */
export function endStroke(store: AppStore): void {
  endGesture(store);
}

/** Removes every brush stroke (one step). */
export function clearBrush(store: AppStore): void {
  const { design } = store.getState();
  if (design.brush.length > 0) commit(store, { ...design, brush: [] });
}
