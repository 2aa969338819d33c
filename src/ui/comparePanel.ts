/**
 * The Compare fieldset: a before/after split over the photo, the divider dragged on the canvas
 * (mouse, pen or finger, with the Select tool) or moved here from the keyboard; the side-by-side
 * strip (before, after each session); the comparison sheet export, and for a design of several
 * views the sheet of every view after the session shown. The export shows the same split, or the
 * strip while it is on. Presenting to the client is in the top bar.
 */
import type { Range } from '../core/document/limits.ts';
import { setView } from '../state/actions.ts';
import type { AppStore } from '../state/store.ts';
import { button, checkbox, fieldset, hint, slider } from './controls.ts';

/** What the Compare fieldset asks the app to do. */
export interface CompareActions {
  readonly exportSheet: () => void;
  /** Exports every view side by side after the session shown. */
  readonly exportViewsSheet: () => void;
}

const SPLIT_RANGE: Range = { min: 0, max: 100, step: 1, unit: '%' };

/** Mounts the Compare fieldset into the settings panel. */
export function mountComparePanel(panel: HTMLElement, store: AppStore, actions: CompareActions): () => void {
  const fs = fieldset(panel, 'Compare');
  const on = checkbox(fs, 'Before/after split');
  on.addEventListener('change', () => setView(store, { compare: { ...store.getState().view.compare, on: on.checked } }));
  const divider = slider(fs, store, {
    label: 'Divider position (% of the photo width)',
    range: SPLIT_RANGE,
    unitWords: 'percent of the photo width',
    read: (s) => (s.view.compare.on ? Math.round(s.view.compare.split * 100) : null),
    write: (v) => setView(store, { compare: { on: true, split: v / 100 } }),
    undoable: false,
  });
  hint(fs, 'Left of the divider: the photo as it is. Right: with the design. Drag the divider on the photo with the Select tool.');
  const strip = checkbox(fs, 'Side by side: before and after each session');
  strip.addEventListener('change', () => setView(store, { strip: strip.checked }));
  const row = document.createElement('div');
  row.className = 'row';
  fs.append(row);
  button(row, 'Comparison sheet', actions.exportSheet, 'Export comparison sheet PNG');
  const views = button(row, 'Every view', actions.exportViewsSheet, 'Export every view side by side PNG');
  views.title = 'Every view of the head side by side, after the session shown';
  const unsubscribers = [
    store.subscribe(
      (s) => s.document.views.length,
      (n) => (views.hidden = n < 2),
      { fireImmediately: true },
    ),
    store.subscribe(
      (s) => s.view.compare.on,
      (v) => (on.checked = v),
      { fireImmediately: true },
    ),
    store.subscribe(
      (s) => s.view.strip,
      (v) => (strip.checked = v),
      { fireImmediately: true },
    ),
  ];
  return () => {
    divider.dispose();
    for (const u of unsubscribers) u();
  };
}
