/**
 * The Draw area tool: click or tap to place points; click the first point or press Enter to close;
 * Backspace removes the last point; Escape drops the outline.
 */
import { hitRadiusPx } from '../hitTest.ts';
import { imageToScreen } from '../viewport.ts';
import { addDraftPoint, cancelDraft, closeDraft, removeLastDraftPoint } from '../../state/actions.ts';
import type { ToolContext, ToolState } from '../ToolState.ts';

/** Placing points of a new outline. */
export function drawing(ctx: ToolContext): ToolState {
  const { store } = ctx;
  return {
    id: 'draw.placing',
    onPointerDown(input) {
      const { view } = store.getState();
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
    onKey(key) {
      const { draft } = store.getState().view;
      if (key === 'Enter' && draft.length > 0) {
        closeDraft(store);
        return drawing(ctx);
      }
      if (key === 'Escape' && draft.length > 0) {
        cancelDraft(store);
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
    },
  };
}
