/**
 * Touch gestures the editor handles itself, outside the tools: two-finger pinch-zoom and pan, and
 * taking back what a finger's press did when it turns out to be the start of a pinch (or a palm
 * under a pen). Pure camera math plus a small snapshot of the store.
 */
import { screenPoint, type ImagePoint, type ScreenPoint } from '../core/math/types.ts';
import type { Design } from '../core/document/types.ts';
import type { HistoryState } from '../state/history.ts';
import { restoreDesign, setView } from '../state/actions.ts';
import type { AppStore, ViewState } from '../state/store.ts';
import { MAX_ZOOM, MIN_ZOOM, screenToImage, type Camera } from './viewport.ts';

/** After a pen lifts, single-finger input is ignored this long (palms land right after writing). */
export const PEN_PALM_GRACE_MS = 1500;

/** A pinch as it began: the zoom, the finger distance, and the image point under the midpoint. */
export interface Pinch {
  readonly zoom: number;
  readonly distance: number;
  readonly anchor: ImagePoint;
}

/** Midpoint of two screen points. */
export function midpoint(a: ScreenPoint, b: ScreenPoint): ScreenPoint {
  return screenPoint((a.x + b.x) / 2, (a.y + b.y) / 2);
}

/** Starts a pinch with fingers at `a` and `b` over camera `cam`. */
export function startPinch(cam: Camera, a: ScreenPoint, b: ScreenPoint): Pinch {
  return { zoom: cam.zoom, distance: Math.hypot(b.x - a.x, b.y - a.y), anchor: screenToImage(cam, midpoint(a, b)) };
}

/**
 * The camera for fingers now at `a` and `b`: zoomed by the ratio of finger distances (within the
 * viewport's zoom limits) and panned so the image point first under the midpoint is under it now.
 */
export function pinchCamera(pinch: Pinch, a: ScreenPoint, b: ScreenPoint): Camera {
  const ratio = pinch.distance > 0 ? Math.hypot(b.x - a.x, b.y - a.y) / pinch.distance : 1;
  const zoom = Math.min(MAX_ZOOM, Math.max(MIN_ZOOM, pinch.zoom * ratio));
  const mid = midpoint(a, b);
  return { zoom, panX: pinch.anchor.x - mid.x / zoom, panY: pinch.anchor.y - mid.y / zoom };
}

/** What a press may change: the design, its history, and the view. */
export interface PressSnapshot {
  readonly design: Design;
  readonly history: HistoryState;
  readonly view: ViewState;
}

/** View fields a withdrawn press leaves as they are: the camera (a pinch carries on from it), tool, hover. */
const KEPT: ReadonlySet<string> = new Set<keyof ViewState>(['zoom', 'panX', 'panY', 'tool', 'hover']);

/** Records the store before a press reaches a tool. */
export function snapshotPress(store: AppStore): PressSnapshot {
  const { design, history, view } = store.getState();
  return { design, history, view };
}

/**
 * Puts design, history and the tool's view fields (draft, selection, calibration points, chosen
 * landmark…) back as they were at `snap`, so a withdrawn press leaves no trace and no undo step.
 * Tools cancel their own gestures first (onCancel); this also covers presses that act at once
 * (a draft point, an edge toggle, a placed landmark). A no-op when nothing changed.
 */
export function restorePress(store: AppStore, snap: PressSnapshot): void {
  const { view } = store.getState();
  restoreDesign(store, snap.design, snap.history);
  const patch: Record<string, unknown> = {};
  for (const key of Object.keys(snap.view) as (keyof ViewState)[]) {
    if (!KEPT.has(key) && view[key] !== snap.view[key]) patch[key] = snap.view[key];
  }
  if (Object.keys(patch).length > 0) setView(store, patch as Partial<ViewState>);
}
