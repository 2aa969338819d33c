/**
 * The reference-patch tool: drag a rectangle over the client's own short stubble (sides or back);
 * a click without a drag marks a square of PATCH_DEFAULT_CM around the point. The patch is view
 * state; the Match existing hair panel measures it. Escape returns to Select.
 */
import type { ImagePoint } from '../../core/math/types.ts';
import { setTool, setView } from '../../state/actions.ts';
import type { ToolContext, ToolState } from '../ToolState.ts';

/** Side of the square a click marks, cm (about 2 cm², a few hundred follicles). */
export const PATCH_DEFAULT_CM = 1.5;

/** Drags shorter than this, image px per zoom-corrected screen px, count as clicks. */
const CLICK_SLOP_SCREEN_PX = 4;

function rectOf(a: ImagePoint, b: ImagePoint): { x0: number; y0: number; x1: number; y1: number } {
  return { x0: Math.min(a.x, b.x), y0: Math.min(a.y, b.y), x1: Math.max(a.x, b.x), y1: Math.max(a.y, b.y) };
}

/** Waiting for a press. */
export function markingPatch(ctx: ToolContext): ToolState {
  const { store } = ctx;
  return {
    id: 'patch.idle',
    onPointerDown(input) {
      return draggingPatch(ctx, input.image, input.screen);
    },
    onKey(key) {
      if (key !== 'Escape') return undefined;
      setTool(store, 'select');
      return undefined;
    },
  };
}

function draggingPatch(ctx: ToolContext, start: ImagePoint, startScreen: { x: number; y: number }): ToolState {
  const { store } = ctx;
  return {
    id: 'patch.dragging',
    onPointerMove(input) {
      setView(store, { patch: rectOf(start, input.image) });
      return undefined;
    },
    onPointerUp(input) {
      if (Math.hypot(input.screen.x - startScreen.x, input.screen.y - startScreen.y) < CLICK_SLOP_SCREEN_PX) {
        const half = (PATCH_DEFAULT_CM * store.getState().design.scale.pxPerCm) / 2;
        setView(store, { patch: { x0: start.x - half, y0: start.y - half, x1: start.x + half, y1: start.y + half } });
      } else {
        setView(store, { patch: rectOf(start, input.image) });
      }
      setTool(store, 'select');
      return undefined;
    },
    onKey(key) {
      if (key !== 'Escape') return undefined;
      setView(store, { patch: null });
      return markingPatch(ctx);
    },
  };
}
