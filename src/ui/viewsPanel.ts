/**
 * The Photo step's Views: which side of the head the view on screen shows and its own name, moving
 * it earlier or later, deleting it, and adding another view from a photo. Each change is one undo
 * step; the view strip over the photo switches between views.
 */
import { MAX_VIEWS, type ViewName } from '../core/document/types.ts';
import { VIEW_LABEL_MAX, VIEW_NAMES, VIEW_WORDS, viewTitle } from '../core/document/views.ts';
import type { AppStore } from '../state/store.ts';
import { deleteViewAt, moveViewTo, renameViewAt } from '../state/viewActions.ts';
import { button, fieldset, hint, labelledInput, select } from './controls.ts';

/** What the Views panel asks the app to do. */
export interface ViewsPanelActions {
  /** Chooses a photo and adds it as a new view. */
  readonly addView: () => void;
}

/** Mounts the Views fieldset into `panel`. */
export function mountViewsPanel(panel: HTMLElement, store: AppStore, actions: ViewsPanelActions): () => void {
  const fs = fieldset(panel, 'Views of the head', 'views-panel');
  const about = hint(fs);
  about.setAttribute('role', 'status');
  const side = select<ViewName>(fs, 'Side this view shows', VIEW_NAMES.map((id) => ({ id, label: VIEW_WORDS[id] })));
  const label = labelledInput(fs, 'Own name for this view (optional)', 'text', 'view-label');
  label.maxLength = VIEW_LABEL_MAX;
  label.placeholder = 'e.g. Crown, close';
  const row = document.createElement('div');
  row.className = 'row';
  fs.append(row);
  const earlier = button(row, 'Move earlier', () => moveViewTo(store, store.getState().viewIndex, store.getState().viewIndex - 1));
  const later = button(row, 'Move later', () => moveViewTo(store, store.getState().viewIndex, store.getState().viewIndex + 1));
  const remove = button(row, 'Delete this view', () => deleteViewAt(store, store.getState().viewIndex));
  const add = button(fs, 'Add a view from a photo…', actions.addView);
  const rename = (): void => {
    const { viewIndex } = store.getState();
    renameViewAt(store, viewIndex, side.value as ViewName, label.value);
  };
  side.addEventListener('change', rename);
  label.addEventListener('change', rename);
  const unsubscribe = store.subscribe(
    (s) => [s.document.views, s.viewIndex] as const,
    ([views, i]) => {
      const view = views[i]!;
      side.value = view.name;
      if (document.activeElement !== label) label.value = view.label;
      about.textContent =
        views.length === 1
          ? `One view: ${viewTitle(view)}. Add the other sides of the head (front, top, sides, back) to plan them together; the density, sessions and aftercare are shared, and each view keeps its own photo, scale, landmarks and areas.`
          : `View ${i + 1} of ${views.length}: ${viewTitle(view)}. The density, sessions and aftercare are shared by all ${views.length} views; this view's photo, scale, landmarks and areas are its own. Upload starts a new design: to add a side of the head to this one, use Add view.`;
      earlier.disabled = i === 0;
      later.disabled = i === views.length - 1;
      remove.disabled = views.length === 1;
      add.disabled = views.length >= MAX_VIEWS;
    },
    { fireImmediately: true, equalityFn: (a, b) => a[0] === b[0] && a[1] === b[1] },
  );
  return () => {
    side.removeEventListener('change', rename);
    label.removeEventListener('change', rename);
    unsubscribe();
    fs.remove();
  };
}
