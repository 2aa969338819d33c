/**
 * The density brush: press and drag to paint density up or down, or to erase earlier strokes,
 * with the size and strength set in the panel. A pen's pressure scales the effect; mouse and touch
 * paint at full pressure. Each stroke is one undo step; Escape during a stroke drops it.
 */
import { MM_PER_CM } from '../../core/units.ts';
import { cancelGesture, setView } from '../../state/actions.ts';
import { beginStroke, endStroke, extendStroke } from '../../state/brushActions.ts';
import type { ToolContext, ToolInput, ToolState } from '../ToolState.ts';

function pressureOf(input: ToolInput): number {
  return input.pointerType === 'pen' ? Math.min(1, Math.max(0.05, input.pressure)) : 1;
}

/** Hovering: the brush outline follows the pointer. */
export function brushing(ctx: ToolContext): ToolState {
  const { store } = ctx;
  return {
    id: 'brush.idle',
    onPointerDown(input) {
      beginStroke(store, { x: input.image.x, y: input.image.y, pressure: pressureOf(input) });
      setView(store, { hover: input.image });
      return painting(ctx, input);
    },
    onPointerMove(input) {
      setView(store, { hover: input.image });
      return undefined;
    },
    onCancel() {
      setView(store, { hover: null });
    },
  };
}

/** Painting a stroke. Positions closer than a quarter radius to the last one are skipped. */
function painting(ctx: ToolContext, start: ToolInput): ToolState {
  const { store } = ctx;
  let last = start.image;
  return {
    id: 'brush.painting',
    onPointerMove(input) {
      const { design, view } = store.getState();
      setView(store, { hover: input.image });
      const step = ((view.brush.radiusMm / MM_PER_CM) * design.scale.pxPerCm) / 4;
      if (Math.hypot(input.image.x - last.x, input.image.y - last.y) < step) return undefined;
      last = input.image;
      extendStroke(store, { x: input.image.x, y: input.image.y, pressure: pressureOf(input) });
      return undefined;
    },
    onPointerUp(input) {
      if (input.image.x !== last.x || input.image.y !== last.y) extendStroke(store, { x: input.image.x, y: input.image.y, pressure: pressureOf(input) });
      endStroke(store);
      return brushing(ctx);
    },
    onKey(key) {
      if (key !== 'Escape') return undefined;
      cancelGesture(store);
      return brushing(ctx);
    },
    onCancel() {
      cancelGesture(store);
    },
  };
}
