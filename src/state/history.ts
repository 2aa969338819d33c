/**
 * Undo/redo over immutable designs. A plain edit is one step; a gesture (a drag, a slider drag)
 * marks where it began, updates freely, and ends as one step, or bails back to the mark on Escape.
 * View-only changes never touch these stacks, so they never clear redo. Each step remembers which
 * view was on screen, so undoing an edit shows the view it was made in.
 */
import type { Design, DesignDocument } from '../core/document/types.ts';

/** A design as it was, the view on screen then, and what that view showed (kept to restore it as the same object). */
export interface HistoryEntry {
  readonly document: DesignDocument;
  readonly viewIndex: number;
  readonly design: Design;
}

/** The history part of the store. */
export interface HistoryState {
  /** Designs before the current one, oldest first. */
  readonly past: readonly HistoryEntry[];
  /** Designs undone, most recently undone last. */
  readonly future: readonly HistoryEntry[];
  /** The design when the current gesture began, or null outside a gesture. */
  readonly gestureStart: HistoryEntry | null;
}

/** Most steps kept; older ones are dropped. */
export const HISTORY_LIMIT = 200;

/** Empty history. */
export const EMPTY_HISTORY: HistoryState = { past: [], future: [], gestureStart: null };

/** History after committing a step over `current`. */
export function pushStep(h: HistoryState, current: HistoryEntry): HistoryState {
  const past = h.past.length >= HISTORY_LIMIT ? h.past.slice(1) : h.past.slice();
  past.push(current);
  return { past, future: [], gestureStart: null };
}
