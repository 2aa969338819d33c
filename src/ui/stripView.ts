/**
 * The side-by-side strip over the canvas: before, and after each session (healed), in the framing
 * of the treated areas, with captions. Redrawn, a moment after the design stops changing, while it
 * is shown; the same picture is what "Export PNG" saves while the strip is on, and what "Comparison
 * sheet" saves at any time.
 */
import type { SheetRequest } from '../export/sheet.ts';
import { notify, setView } from '../state/actions.ts';
import type { AppStore } from '../state/store.ts';
import { sheetTitle } from '../core/captions.ts';

/** Wait after the last change before redrawing, ms. */
const REDRAW_DELAY_MS = 250;

/** Mounts the strip overlay in `stage`. */
export function mountStripView(stage: HTMLElement, store: AppStore, drawSheet: (r: SheetRequest) => Promise<OffscreenCanvas>): () => void {
  const box = document.createElement('div');
  box.className = 'strip';
  box.id = 'strip';
  box.hidden = true;
  box.setAttribute('role', 'region');
  box.setAttribute('aria-label', 'Side-by-side comparison');
  const canvas = document.createElement('canvas');
  canvas.setAttribute('role', 'img');
  const close = document.createElement('button');
  close.type = 'button';
  close.textContent = 'Close side by side';
  close.addEventListener('click', () => setView(store, { strip: false }));
  box.append(canvas, close);
  stage.append(box);
  let timer = 0;
  let drawing = 0;

  const draw = async (): Promise<void> => {
    const { design, photo } = store.getState();
    if (!photo || !store.getState().view.strip) return;
    const ticket = ++drawing;
    const panels = design.sessions.length + 1;
    const panelW = Math.max(120, Math.floor((stage.clientWidth - 24) / panels) - 12) * Math.min(2, window.devicePixelRatio || 1);
    try {
      const sheet = await drawSheet({ design, photo, panelW, captions: true, title: sheetTitle(design.photo.name, new Date()) });
      if (ticket !== drawing) return;
      canvas.width = sheet.width;
      canvas.height = sheet.height;
      canvas.getContext('2d')?.drawImage(sheet, 0, 0);
      canvas.setAttribute('aria-label', `Before and after ${design.sessions.length} sessions, side by side, ${sheet.width} × ${sheet.height} px`);
      box.dataset.panels = String(panels);
    } catch (error) {
      notify(store, 'error', `The side-by-side view could not be drawn: ${error instanceof Error ? error.message : String(error)}. The design is unchanged.`);
      setView(store, { strip: false });
    }
  };
  const schedule = (): void => {
    window.clearTimeout(timer);
    timer = window.setTimeout(() => void draw(), REDRAW_DELAY_MS);
  };
  const unsubscribers = [
    store.subscribe(
      (s) => s.view.strip,
      (on) => {
        box.hidden = !on;
        delete box.dataset.panels;
        if (on) schedule();
      },
      { fireImmediately: true },
    ),
    store.subscribe(
      (s) => [s.design, s.photo] as const,
      () => {
        if (store.getState().view.strip) schedule();
      },
      { equalityFn: (a, b) => a[0] === b[0] && a[1] === b[1] },
    ),
  ];
  return () => {
    window.clearTimeout(timer);
    for (const u of unsubscribers) u();
    box.remove();
  };
}
