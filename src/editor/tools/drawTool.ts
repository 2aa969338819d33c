/**
 * The Draw area tool: click or tap to place points; click the first point or press Enter to close;
 * Backspace removes the last point; Escape drops the outline.
 *
 * Without a pointer: while the canvas has the keyboard focus, the arrow keys move a cursor over
 * the photo by 1 mm (with Shift, 1 cm) and Space places a point there; Enter, Backspace and Escape
 * work as above. The cursor starts at the centre of the part of the photo on screen; it lives in
 * the view's `hover` point, and Escape with no outline begun hides it.
 */
import { imagePoint, type ImagePoint } from '../../core/math/types.ts';
import { mmToPx } from '../../core/units.ts';
import { hitRadiusPx } from '../hitTest.ts';
import { imageToScreen, visiblePhotoCentre } from '../viewport.ts';
import { addDraftPoint, cancelDraft, closeDraft, removeLastDraftPoint, setView } from '../../state/actions.ts';
import type { ToolContext, ToolState } from '../ToolState.ts';

/** How far one arrow key moves the drawing cursor, mm; with Shift, ten times as far. */
export const CURSOR_STEP_MM = 1;

const ARROWS: Record<string, readonly [number, number]> = { ArrowLeft: [-1, 0], ArrowRight: [1, 0], ArrowUp: [0, -1], ArrowDown: [0, 1] };

/** Placing points of a new outline. */
export function drawing(ctx: ToolContext): ToolState {
  const { store } = ctx;

  /** The keyboard cursor, placed at the centre of the visible photo if it is not shown yet. */
  const cursor = (): ImagePoint => {
    const { view, design } = store.getState();
    if (view.hover) return view.hover;
    const size = ctx.canvasSize();
    return visiblePhotoCentre(view, size.width, size.height, design.photo.widthPx, design.photo.heightPx);
  };

  return {
    id: 'draw.placing',
    onPointerDown(input) {
      const { view } = store.getState();
      // A keyboard cursor on screen carries on from where the pointer placed the last point.
      if (view.hover) setView(store, { hover: input.image });
      const first = view.draft[0];
      if (first && view.draft.length >= 3) {
        const s = imageToScreen(view, first);
        if (Math.hypot(s.x - input.screen.x, s.y - input.screen.y) <= hitRadiusPx(input.pointerType) + 3) {
          closeDraft(store);
          return undefined;
        }
      }
      addDraftPoint(store, input.image);
      return undefined;
    },
    onKey(key, input) {
      const { view, design } = store.getState();
      const { draft } = view;
      const arrow = ARROWS[key];
      if (arrow && input.onCanvas) {
        const from = cursor();
        const step = mmToPx(CURSOR_STEP_MM * (input.shiftKey ? 10 : 1), design.scale.pxPerCm);
        const x = Math.min(design.photo.widthPx, Math.max(0, from.x + arrow[0] * step));
        const y = Math.min(design.photo.heightPx, Math.max(0, from.y + arrow[1] * step));
        setView(store, { hover: imagePoint(x, y) });
        return drawing(ctx);
      }
      if (key === ' ' && input.onCanvas) {
        const at = cursor();
        setView(store, { hover: at });
        addDraftPoint(store, at);
        return drawing(ctx);
      }
      if (key === 'Enter' && draft.length > 0) {
        closeDraft(store);
        return drawing(ctx);
      }
      if (key === 'Escape' && draft.length > 0) {
        cancelDraft(store);
        return drawing(ctx);
      }
      if (key === 'Escape' && view.hover) {
        setView(store, { hover: null });
        return drawing(ctx);
      }
      if (key === 'Backspace' && draft.length > 0) {
        removeLastDraftPoint(store);
        return drawing(ctx);
      }
      return undefined;
    },
    onCancel() {
      cancelDraft(store);
      if (store.getState().view.hover) setView(store, { hover: null });
    },
  };
}
