/**
 * The Draw area tool's keyboard cursor on screen: a crosshair over the canvas where Space places
 * the next point, and a sentence for the tool hint that says where it is on the photo in cm.
 * The cursor itself is view state (the `hover` point), moved by the tool.
 */
import type { ImagePoint } from '../core/math/types.ts';
import { imageToScreen } from '../editor/viewport.ts';
import type { AppState, AppStore } from '../state/store.ts';

/** Where the keyboard cursor is, for the tool hint (read out politely by screen readers). */
export function keyCursorSentence(at: ImagePoint, pxPerCm: number, points: number): string {
  const x = (at.x / pxPerCm).toFixed(1);
  const y = (at.y / pxPerCm).toFixed(1);
  const placed = points === 0 ? 'no points placed yet' : `${points} point${points === 1 ? '' : 's'} placed`;
  return `Cursor ${x} cm from the photo's left edge, ${y} cm from its top; ${placed}. Arrow keys move it 1 mm (Shift: 1 cm); Space places a point; Enter closes the outline; Backspace removes the last point; Escape cancels.`;
}

/** The keyboard cursor of the Draw area tool, or null when it is not shown. */
export function keyCursorOf(s: AppState): ImagePoint | null {
  return s.view.tool === 'draw' && !s.view.presenting ? s.view.hover : null;
}

/** Shows the crosshair over `host` (the canvas) while the Draw area tool has a keyboard cursor. */
export function mountKeyCursor(store: AppStore, host: HTMLElement): () => void {
  const mark = document.createElement('div');
  mark.className = 'key-cursor';
  mark.setAttribute('aria-hidden', 'true');
  mark.hidden = true;
  host.after(mark);
  const unsubscribe = store.subscribe(
    (s) => [keyCursorOf(s), s.view.zoom, s.view.panX, s.view.panY] as const,
    () => {
      const s = store.getState();
      const at = keyCursorOf(s);
      const p = at ? imageToScreen(s.view, at) : null;
      mark.hidden = !p || p.x < 0 || p.y < 0 || p.x > host.clientWidth || p.y > host.clientHeight;
      if (!p) return;
      mark.style.transform = `translate(${host.offsetLeft + p.x}px, ${host.offsetTop + p.y}px)`;
    },
    { fireImmediately: true, equalityFn: (a, b) => a.every((v, i) => v === b[i]) },
  );
  return () => {
    unsubscribe();
    mark.remove();
  };
}
