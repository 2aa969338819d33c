/** Views in the store: edits go to the view on screen, each view operation is one undo step, and Undo shows the view an edit was made in. */
import { describe, expect, it } from 'vitest';
import { makeArea } from '../../src/core/areas.ts';
import { newDesign } from '../../src/core/document/defaults.ts';
import { imagePoint } from '../../src/core/math/types.ts';
import type { PhotoPixels } from '../../src/core/photo.ts';
import { commit, redo, setDotParams, undo } from '../../src/state/actions.ts';
import { createAppStore, type AppStore } from '../../src/state/store.ts';
import { addPhotoView, deleteViewAt, moveViewTo, nextViewName, renameViewAt, showView } from '../../src/state/viewActions.ts';

/** Generated pixels of a w × h photo (what the demo holds), and how they are kept. */
function pixels(w: number, h: number): { photo: PhotoPixels; kept: { source: null; rgba: Uint8ClampedArray; thumbnail: null } } {
  const rgba = new Uint8ClampedArray(w * h * 4).fill(128);
  return { photo: { original: null, display: null, rgba, widthPx: w, heightPx: h, source: null }, kept: { source: null, rgba, thumbnail: null } };
}

/** A front design with an area, and a top view added. */
function twoViews(): AppStore {
  const front = pixels(120, 150);
  const store = createAppStore({ ...newDesign({ kind: 'demo', name: 'demo', widthPx: 120, heightPx: 150 }, 3), areas: [makeArea('f', [imagePoint(10, 10), imagePoint(60, 10), imagePoint(35, 50)])] }, front.photo);
  const top = pixels(160, 120);
  expect(addPhotoView(store, { kind: 'demo', name: 'demo', widthPx: 160, heightPx: 120 }, top.photo, top.kept)).toBe(true);
  return store;
}

describe('views in the store', () => {
  it('adds a view as one undo step, shows it with its own photo, and names it after the sides the design lacks', () => {
    const store = twoViews();
    const s = store.getState();
    expect(s.document.views.map((v) => v.name)).toEqual(['other', 'front']);
    expect(s.viewIndex).toBe(1);
    expect(s.design.photo.widthPx).toBe(160);
    expect(s.design.areas).toEqual([]);
    expect(s.photo?.widthPx).toBe(160);
    expect(s.photos.size).toBe(2);
    expect(s.history.past).toHaveLength(1);
    expect(nextViewName(['front', 'top', 'left'])).toBe('right');
    expect(nextViewName(['front', 'top', 'left', 'right', 'back'])).toBe('other');
    undo(store);
    expect(store.getState().document.views).toHaveLength(1);
    expect(store.getState().viewIndex).toBe(0);
    expect(store.getState().design.photo.widthPx).toBe(120);
  });

  it("takes an edit into the view on screen and Density into every view; Undo shows the view the edit was made in", () => {
    const store = twoViews();
    commit(store, { ...store.getState().design, areas: [makeArea('t', [imagePoint(20, 20), imagePoint(90, 20), imagePoint(50, 80)], 'crown')] });
    setDotParams(store, { densityPerCm2: 60 });
    showView(store, 0);
    const s = store.getState();
    expect(s.design.areas.map((a) => a.id)).toEqual(['f']);
    expect(s.design.dots.densityPerCm2).toBe(60);
    expect(s.document.views[1]!.areas.map((a) => a.id)).toEqual(['t']);
    // Showing another view is no undo step.
    expect(s.history.past).toHaveLength(3);
    undo(store); // Density
    expect(store.getState().viewIndex).toBe(1);
    undo(store); // the top view's area, undone where it was drawn
    expect(store.getState().viewIndex).toBe(1);
    expect(store.getState().design.areas).toEqual([]);
    redo(store);
    expect(store.getState().design.areas.map((a) => a.id)).toEqual(['t']);
  });

  it('renames, moves and deletes views, each one undo step, keeping the view on screen where it can', () => {
    const store = twoViews();
    renameViewAt(store, 1, 'top', 'Crown from above');
    expect(store.getState().document.views[1]).toMatchObject({ name: 'top', label: 'Crown from above' });
    moveViewTo(store, 1, 0);
    expect(store.getState().document.views.map((v) => v.name)).toEqual(['top', 'other']);
    expect(store.getState().viewIndex).toBe(0);
    expect(store.getState().design.photo.widthPx).toBe(160);
    deleteViewAt(store, 1);
    expect(store.getState().document.views.map((v) => v.name)).toEqual(['top']);
    expect(store.getState().notices.at(-1)?.text).toBe('Deleted the view “Other view” with its areas. Undo brings it back.');
    deleteViewAt(store, 0);
    expect(store.getState().document.views).toHaveLength(1);
    expect(store.getState().notices.at(-1)?.text).toBe('A design keeps at least one view: add another view before deleting this one.');
    expect(store.getState().history.past).toHaveLength(4);
    undo(store);
    expect(store.getState().document.views.map((v) => v.id)).toEqual(['view-2', 'view-1']);
    // The deleted view's photo was kept for Undo.
    expect(store.getState().photos.has('view-1')).toBe(true);
  });

  it('refuses a seventh view with a sentence and changes nothing', () => {
    const store = twoViews();
    for (let k = 0; k < 4; k++) {
      const p = pixels(100 + k, 100);
      expect(addPhotoView(store, { kind: 'demo', name: 'demo', widthPx: 100 + k, heightPx: 100 }, p.photo, p.kept)).toBe(true);
    }
    const before = store.getState().document;
    const p = pixels(90, 90);
    expect(addPhotoView(store, { kind: 'demo', name: 'demo', widthPx: 90, heightPx: 90 }, p.photo, p.kept)).toBe(false);
    expect(store.getState().document).toBe(before);
    expect(store.getState().notices.at(-1)?.text).toBe('A design holds at most 6 views; delete one to add another.');
  });
});
