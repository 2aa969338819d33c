/**
 * Undo/redo over immutable designs. A plain edit is one step; a gesture (a drag, a slider drag)
 * marks where it began, updates freely, and ends as one step, or bails back to the mark on Escape.
 * View-only changes never touch these stacks, so they never clear redo.
 */
import type { Design } from '../core/document/types.ts';

/** The history part of the store. */
export interface HistoryState {
  /** Designs before the current one, oldest first. */
  readonly past: readonly Design[];
  /** Designs undone, most recently undone last. */
  readonly future: readonly Design[];
  /** The design when the current gesture began, or null outside a gesture. */
  readonly gestureStart: Design | null;
}

/** Most steps kept; older ones are dropped. */
export const HISTORY_LIMIT = 200;

/** Empty history. */
export const EMPTY_HISTORY: HistoryState = { past: [], future: [], gestureStart: null };

/** History after committing `next` over `current` as one step. */
export function pushStep(h: HistoryState, current: Design): HistoryState {
  const past = h.past.length >= HISTORY_LIMIT ? h.past.slice(1) : h.past.slice();
  past.push(current);
  return { past, future: [], gestureStart: null };
}
