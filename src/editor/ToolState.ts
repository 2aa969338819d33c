/**
 * A pointer tool is a small state machine: each state handles the events it cares about and
 * returns the next state (or nothing to stay). One file per tool keeps every gesture readable.
 */
import type { ImagePoint, ScreenPoint } from '../core/math/types.ts';
import type { AppStore } from '../state/store.ts';

/** A pointer event, normalised: both spaces, the pointer kind and modifiers. */
export interface ToolInput {
  readonly screen: ScreenPoint;
  readonly image: ImagePoint;
  readonly pointerType: string;
  readonly button: number;
  readonly shiftKey: boolean;
  readonly altKey: boolean;
  /** Click count from the browser (2 for a double click). */
  readonly detail: number;
  /** Pen pressure 0..1 as the browser reports it (0.5 for a pressed mouse button). */
  readonly pressure: number;
}

/** What came with a key besides its name. */
export interface KeyInput {
  readonly shiftKey: boolean;
  /**
   * Whether the canvas has the keyboard focus. Keys that stand for the pointer (the Draw area
   * tool's cursor: arrows and Space) act only then; elsewhere they belong to the focused control.
   */
  readonly onCanvas: boolean;
}

/** What a tool state can do. */
export interface ToolState {
  /** Short id, e.g. 'select.idle', 'select.dragging_point'. */
  readonly id: string;
  onPointerDown?(input: ToolInput): ToolState | void;
  onPointerMove?(input: ToolInput): ToolState | void;
  onPointerUp?(input: ToolInput): ToolState | void;
  /** Returns the next state when the key was handled, or undefined to let it through. */
  onKey?(key: string, input: KeyInput): ToolState | undefined;
  /** Leaving the state for any reason other than its own transition (tool switch, pointer lost). */
  onCancel?(): void;
}

/** Context every tool state gets. */
export interface ToolContext {
  readonly store: AppStore;
  /** CSS size of the canvas, px. */
  readonly canvasSize: () => { readonly width: number; readonly height: number };
}
