/**
 * The views of a design, edited: add a view on a new photo, rename, reorder and delete views,
 * each one undo step; and show another view (no step). The photos themselves are kept in the store
 * by view id (app/viewPhotos.ts decodes the one on screen).
 */
import { defaultPxPerCm, NO_LANDMARKS } from '../core/document/defaults.ts';
import type { DesignView, PhotoRef, ViewName } from '../core/document/types.ts';
import { addView, cannotAddView, deleteView, freshViewId, freshViewSeed, moveView, renameView, VIEW_NAMES, viewTitle } from '../core/document/views.ts';
import type { PhotoPixels } from '../core/photo.ts';
import { commitDocument, notify, releaseHiddenPhoto } from './actions.ts';
import type { AppStore, KeptPhoto } from './store.ts';

export { showView } from './actions.ts';

/** The side a new view most likely shows: the first of front, top, left, right and back the design does not have yet. */
export function nextViewName(names: readonly ViewName[]): ViewName {
  return VIEW_NAMES.find((n) => n !== 'other' && !names.includes(n)) ?? 'other';
}

/** Why no view can be added now, or null. */
export function cannotAddViewNow(store: AppStore): string | null {
  return cannotAddView(store.getState().document);
}

/**
 * Adds a view on `photo` (decoded, with `kept` to show it again) after the others and shows it:
 * one undo step. Its scale is assumed from its size until set; it has no areas, landmarks or brush.
 */
export function addPhotoView(store: AppStore, ref: PhotoRef, photo: PhotoPixels, kept: KeptPhoto, name?: ViewName): boolean {
  const s = store.getState();
  const problem = cannotAddView(s.document);
  if (problem) {
    notify(store, 'error', problem);
    return false;
  }
  const view: DesignView = {
    id: freshViewId(s.document),
    name: name ?? nextViewName(s.document.views.map((v) => v.name)),
    label: '',
    seed: freshViewSeed(s.document),
    photo: ref,
    scale: { pxPerCm: defaultPxPerCm(ref.widthPx, ref.heightPx), source: 'assumed', uncertainty: 0 },
    landmarks: NO_LANDMARKS,
    areas: [],
    brush: [],
  };
  const document = addView(s.document, view);
  const photos = new Map(s.photos);
  photos.set(view.id, kept);
  const old = s.photo;
  commitDocument(store, document, document.views.length - 1, { photo, photos });
  releaseHiddenPhoto(store, old);
  return true;
}

/** Names view `index` (which side it shows) and labels it in the practitioner's words: one undo step. */
export function renameViewAt(store: AppStore, index: number, name: ViewName, label: string): void {
  commitDocument(store, renameView(store.getState().document, index, name, label));
}

/** Moves view `from` to place `to` (0-based), keeping it on screen if it was: one undo step. */
export function moveViewTo(store: AppStore, from: number, to: number): void {
  const { document, viewIndex } = store.getState();
  const next = moveView(document, from, to);
  if (next === document) return;
  const shown = document.views[viewIndex]!.id;
  commitDocument(store, next, next.views.findIndex((v) => v.id === shown));
}

/** Deletes view `index` (never the last one), showing its neighbour if it was on screen: one undo step. */
export function deleteViewAt(store: AppStore, index: number): void {
  const { document, viewIndex } = store.getState();
  const gone = document.views[index];
  if (!gone) return;
  if (document.views.length === 1) {
    notify(store, 'error', 'A design keeps at least one view: add another view before deleting this one.');
    return;
  }
  const next = deleteView(document, index);
  const shown = document.views[viewIndex]!.id;
  const stays = next.views.findIndex((v) => v.id === shown);
  commitDocument(store, next, stays >= 0 ? stays : Math.min(index, next.views.length - 1));
  notify(store, 'info', `Deleted the view “${viewTitle(gone)}” with its areas. Undo brings it back.`);
}
