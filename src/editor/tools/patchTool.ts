/**
 * The reference-patch tools: drag a rectangle over the client's own short stubble (sides or back),
 * or over bare skin beside it; a click without a drag marks a square of PATCH_DEFAULT_CM around the
 * point. The patches are view state; the Match existing hair panel measures them. Escape returns
 * to Select.
 */
import type { ImagePoint } from '../../core/math/types.ts';
import { setTool, setView } from '../../state/actions.ts';
import type { PixelRect } from '../../core/matchHair.ts';
import type { ToolContext, ToolState } from '../ToolState.ts';

/** Side of the square a click marks, cm (about 2 cm², a few hundred follicles). */
export const PATCH_DEFAULT_CM = 1.5;

/** Drags shorter than this, image px per zoom-corrected screen px, count as clicks. */
const CLICK_SLOP_SCREEN_PX = 4;

/** Which patch a tool marks: the stubble or the bare skin beside it. */
type PatchKey = 'patch' | 'barePatch';

function rectOf(a: ImagePoint, b: ImagePoint): PixelRect {
  return { x0: Math.min(a.x, b.x), y0: Math.min(a.y, b.y), x1: Math.max(a.x, b.x), y1: Math.max(a.y, b.y) };
}

/** Waiting for a press (stubble). */
export function markingPatch(ctx: ToolContext): ToolState {
  return marking(ctx, 'patch');
}

/** Waiting for a press (bare skin). */
export function markingBare(ctx: ToolContext): ToolState {
  return marking(ctx, 'barePatch');
}

function marking(ctx: ToolContext, key: PatchKey): ToolState {
  const { store } = ctx;
  return {
    id: key === 'patch' ? 'patch.idle' : 'bare.idle',
    onPointerDown(input) {
      return dragging(ctx, key, input.image, input.screen);
    },
    onKey(k) {
      if (k !== 'Escape') return undefined;
      setTool(store, 'select');
      return undefined;
    },
  };
}

function dragging(ctx: ToolContext, key: PatchKey, start: ImagePoint, startScreen: { x: number; y: number }): ToolState {
  const { store } = ctx;
  return {
    id: key === 'patch' ? 'patch.dragging' : 'bare.dragging',
    onPointerMove(input) {
      setView(store, { [key]: rectOf(start, input.image) });
      return undefined;
    },
    onPointerUp(input) {
      if (Math.hypot(input.screen.x - startScreen.x, input.screen.y - startScreen.y) < CLICK_SLOP_SCREEN_PX) {
        const half = (PATCH_DEFAULT_CM * store.getState().design.scale.pxPerCm) / 2;
        setView(store, { [key]: { x0: start.x - half, y0: start.y - half, x1: start.x + half, y1: start.y + half } });
      } else {
        setView(store, { [key]: rectOf(start, input.image) });
      }
      setTool(store, 'select');
      return undefined;
    },
    onKey(k) {
      if (k !== 'Escape') return undefined;
      setView(store, { [key]: null });
      return marking(ctx, key);
    },
  };
}
