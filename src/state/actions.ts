/**
 * Actions: the only way anything writes the store. Each says how it enters history: `commit` is
 * one undo step; `beginGesture` / `updateGesture` / `endGesture` make a drag one step and
 * `cancelGesture` returns to where it began; view actions never touch history.
 *
 * Over 300 lines as one file: history (commit, the gesture calls) and the small actions on areas,
 * view, photo and scale that use it; the larger families have their own files (outline, landmark,
 * template, brush and session actions).
 */
import { readClientName } from '../core/document/validate.ts';
import { minPxPerCmFor, SCALE_RANGE } from '../core/document/limits.ts';
import type { Design, DesignDocument, DotParams, TreatmentArea } from '../core/document/types.ts';
import { documentOf, viewDesign, withViewDesign } from '../core/document/views.ts';
import type { ImagePoint } from '../core/math/types.ts';
import { checkOutline, makeArea, type OutlineProblem } from '../core/areas.ts';
import { midline, photoView } from '../core/landmarks.ts';
import { deleteMirrored, insertMirrored, moveMirrored, toggleMirroredEdge } from '../core/symmetry.ts';
import { pushStep, type HistoryState } from './history.ts';
import type { AppState, AppStore, KeptPhoto, LandmarkId, Notice, Progress, StepId, ToolId, ViewState } from './store.ts';
import type { PhotoPixels } from '../core/photo.ts';
import { INITIAL_VIEW, keepPhoto } from './store.ts';
import { EMPTY_HISTORY } from './history.ts';

let noticeSeq = 0;

/**
 * Shows a message to the user. A new piece of news replaces the earlier news (an "Opened …" after
 * a "Recovered …" makes that one stale); errors stay until dismissed, the last four at most.
 */
export function notify(store: AppStore, kind: Notice['kind'], text: string): void {
  const notice: Notice = { id: ++noticeSeq, kind, text };
  store.setState((s) => ({ notices: [...s.notices.filter((n) => kind !== 'info' || n.kind !== 'info').slice(-3), notice] }));
}

/** Removes a message. */
export function dismissNotice(store: AppStore, id: number): void {
  store.setState((s) => ({ notices: s.notices.filter((n) => n.id !== id) }));
}

/** Shows or clears a long job's progress. */
export function setProgress(store: AppStore, progress: Progress | null): void {
  store.setState({ progress });
}

/** Sets or clears the busy message. */
export function setBusy(store: AppStore, busy: string | null): void {
  store.setState({ busy });
}

/** Replaces the design as the view on screen shows it, as one undo step (no-op when unchanged). */
export function commit(store: AppStore, next: Design): void {
  const { document, viewIndex, design } = store.getState();
  if (next === design) return;
  setDocument(store, withViewDesign(document, viewIndex, next), viewIndex, next);
}

/**
 * Replaces the whole design (all its views) as one undo step, and shows view `viewIndex` of it; a
 * no-op when nothing changes. `with_` carries photo state to set in the same update (a view added
 * with its photo).
 */
export function commitDocument(store: AppStore, next: DesignDocument, viewIndex = store.getState().viewIndex, with_: Pick<Partial<AppState>, 'photo' | 'photos'> = {}): void {
  const s = store.getState();
  if (next === s.document && viewIndex === s.viewIndex) return;
  setDocument(store, next, viewIndex, viewDesign(next, viewIndex), with_);
}

/** Sets the design, the view on screen and what it shows, with any photo state that goes with them, in one update. */
function setDocument(store: AppStore, document: DesignDocument, viewIndex: number, design: Design = viewDesign(document, viewIndex), with_: Pick<Partial<AppState>, 'photo' | 'photos'> = {}): void {
  const s = store.getState();
  if (s.history.gestureStart) {
    store.setState({ ...with_, document, viewIndex, design });
    return;
  }
  store.setState({ ...with_, document, viewIndex, design, history: pushStep(s.history, { document: s.document, viewIndex: s.viewIndex, design: s.design }) });
}

/** Shows another view of the design (no undo step): its design at once; its photo follows (app/views.ts). */
export function showView(store: AppStore, viewIndex: number): void {
  const { document, viewIndex: now, history } = store.getState();
  if (viewIndex === now || !document.views[viewIndex] || history.gestureStart) return;
  store.setState({ viewIndex, design: viewDesign(document, viewIndex), view: { ...store.getState().view, draft: [], selection: null, calibration: [], hover: null, patch: null, barePatch: null } });
}

/** Starts a gesture: later updates are squashed into one step when it ends. */
export function beginGesture(store: AppStore): void {
  const { document, viewIndex, design, history } = store.getState();
  if (history.gestureStart) return;
  store.setState({ history: { ...history, gestureStart: { document, viewIndex, design } } });
}

/** Updates the design inside a gesture without adding steps. */
export function updateGesture(store: AppStore, next: Design): void {
  if (!store.getState().history.gestureStart) beginGesture(store);
  const { document, viewIndex } = store.getState();
  store.setState({ document: withViewDesign(document, viewIndex, next), design: next });
}

/** Ends the gesture: one undo step if anything changed. */
export function endGesture(store: AppStore): void {
  const { document, history } = store.getState();
  const start = history.gestureStart;
  if (!start) return;
  if (start.document === document) store.setState({ history: { ...history, gestureStart: null } });
  else store.setState({ history: pushStep({ ...history, gestureStart: null }, start) });
}

/** Cancels the gesture: the design returns to where the gesture began. */
export function cancelGesture(store: AppStore): void {
  const { history } = store.getState();
  const start = history.gestureStart;
  if (!start) return;
  store.setState({ document: start.document, viewIndex: start.viewIndex, design: start.design, history: { ...history, gestureStart: null } });
}

/**
 * Puts the design and its history back exactly as they were (a press withdrawn because a second
 * finger or a pen took over): no undo step is added or lost. A press stays in one view.
 */
export function restoreDesign(store: AppStore, design: Design, history: HistoryState): void {
  const now = store.getState();
  if (now.design !== design || now.history !== history) store.setState({ document: withViewDesign(now.document, now.viewIndex, design), design, history });
}

/** Undo one step (refused during a gesture); it shows the view the step was made in. */
export function undo(store: AppStore): boolean {
  const { document, viewIndex, design, history } = store.getState();
  const prev = history.past[history.past.length - 1];
  if (!prev || history.gestureStart) return false;
  // The view on screen before the step: the one its edit was made in.
  store.setState({ document: prev.document, viewIndex: prev.viewIndex, design: prev.design, history: { past: history.past.slice(0, -1), future: [...history.future, { document, viewIndex, design }], gestureStart: null } });
  return true;
}

/** Redo one step. */
export function redo(store: AppStore): boolean {
  const { document, viewIndex, design, history } = store.getState();
  const next = history.future[history.future.length - 1];
  if (!next || history.gestureStart) return false;
  store.setState({ document: next.document, viewIndex: next.viewIndex, design: next.design, history: { past: [...history.past, { document, viewIndex, design }], future: history.future.slice(0, -1), gestureStart: null } });
  return true;
}

/** Changes dot parameters; inside a gesture (a slider drag) the change is squashed. */
export function setDotParams(store: AppStore, patch: Partial<DotParams>): void {
  const { design } = store.getState();
  const dots = { ...design.dots, ...patch };
  if (Object.keys(patch).every((k) => dots[k as keyof DotParams] === design.dots[k as keyof DotParams])) return;
  commit(store, { ...design, dots });
}

/** Changes view state (never history). */
export function setView(store: AppStore, patch: Partial<ViewState>): void {
  store.setState((s) => ({ view: { ...s.view, ...patch } }));
}

/** The landmarks of a front photo; the others belong to a top photo. */
const FRONT_LANDMARKS: readonly LandmarkId[] = ['glabella', 'leftEye', 'rightEye'];

/** Switches tool, dropping any unfinished draft or calibration. */
export function setTool(store: AppStore, tool: ToolId): void {
  const step = TOOL_STEP[tool];
  const { design, view } = store.getState();
  // The Landmarks tool starts with the first landmark of the photo's own view.
  const front = FRONT_LANDMARKS.includes(view.landmark);
  const photo = photoView(design);
  const landmark = tool !== 'landmarks' ? view.landmark : photo === 'top' && front ? 'midFrontal' : photo === 'front' && !front ? 'glabella' : view.landmark;
  setView(store, { tool, draft: [], calibration: [], landmark, ...(step ? { step } : {}) });
}

/** Shows a step of the consultation in the side panel. */
export function setStep(store: AppStore, step: StepId): void {
  setView(store, { step });
}

/** The consultation step each tool belongs to, opened with the tool (Select belongs to every step). */
export const TOOL_STEP: Readonly<Record<ToolId, StepId | null>> = {
  select: null,
  calibrate: 'scale',
  draw: 'design',
  hairline: 'design',
  landmarks: 'design',
  brush: 'design',
  patch: 'design',
  bare: 'design',
};

/** Plain sentence for an outline problem. */
export function describeOutlineProblem(problem: OutlineProblem): string {
  switch (problem) {
    case 'too-few-points':
      return 'An area needs at least 3 points. Place more (click, or press Space at the keyboard cursor), then click the first point or press Enter.';
    case 'self-crossing':
      return 'The outline crosses itself, so it has no clear inside. Move or remove a point so the edges do not cross.';
    case 'too-small':
      return 'The area is too small to hold any dots. Draw a larger outline.';
  }
}

/** Adds a point to the area being drawn. */
export function addDraftPoint(store: AppStore, p: ImagePoint): void {
  setView(store, { draft: [...store.getState().view.draft, p] });
}

/** Removes the last point of the area being drawn. */
export function removeLastDraftPoint(store: AppStore): void {
  setView(store, { draft: store.getState().view.draft.slice(0, -1) });
}

/** Drops the area being drawn. */
export function cancelDraft(store: AppStore): void {
  setView(store, { draft: [] });
}

/** An area id not yet used in the design. */
export function nextAreaId(design: Design): string {
  let n = design.areas.length + 1;
  while (design.areas.some((a) => a.id === `area-${n}`)) n++;
  return `area-${n}`;
}

/** Closes the draft into a new area (one undo step), or refuses it with a message. */
export function closeDraft(store: AppStore): boolean {
  const { design, view } = store.getState();
  const problem = checkOutline(view.draft, design.scale.pxPerCm);
  if (problem) {
    notify(store, 'error', describeOutlineProblem(problem));
    return false;
  }
  const area = makeArea(nextAreaId(design), view.draft, view.drawKind);
  commit(store, { ...design, areas: [...design.areas, area] });
  setView(store, { draft: [], tool: 'select', selection: { areaId: area.id, pointIndex: null } });
  return true;
}

/** Replaces one area (by id) in a design. */
export function withArea(design: Design, areaId: string, fn: (a: TreatmentArea) => TreatmentArea): Design {
  return { ...design, areas: design.areas.map((a) => (a.id === areaId ? fn(a) : a)) };
}

/** Moves a control point (call inside a gesture for drags). */
export function moveAreaPoint(store: AppStore, areaId: string, index: number, p: ImagePoint): void {
  const { design } = store.getState();
  const next = withArea(design, areaId, (a) => (a.mirrored ? moveMirrored(a, index, p, midline(design)) : { ...a, points: a.points.map((q, i) => (i === index ? p : q)) }));
  updateGesture(store, next);
}

/**
 * Ends a point drag: kept as one step when the outline is still valid, otherwise the drag is undone
 * and the user told why.
 */
export function finishPointDrag(store: AppStore, areaId: string): void {
  const { design } = store.getState();
  const area = design.areas.find((a) => a.id === areaId);
  const problem = area ? checkOutline(area.points, design.scale.pxPerCm) : null;
  if (problem) {
    cancelGesture(store);
    notify(store, 'error', describeOutlineProblem(problem));
    return;
  }
  endGesture(store);
}

/** Inserts a control point on edge `edge` (between points edge and edge+1); the new edges keep its hairline flag. */
export function insertAreaPoint(store: AppStore, areaId: string, edge: number, p: ImagePoint): void {
  const { design } = store.getState();
  const area = design.areas.find((a) => a.id === areaId);
  if (area?.mirrored) {
    const { area: next, index } = insertMirrored(area, edge, p, midline(design));
    commit(store, withArea(design, areaId, () => next));
    setView(store, { selection: { areaId, pointIndex: index } });
    return;
  }
  const next = withArea(design, areaId, (a) => {
    const points = a.points.slice();
    const flags = a.hairlineEdges.slice();
    points.splice(edge + 1, 0, p);
    flags.splice(edge + 1, 0, flags[edge] ?? false);
    return { ...a, points, hairlineEdges: flags };
  });
  commit(store, next);
  setView(store, { selection: { areaId, pointIndex: edge + 1 } });
}

/** Deletes a control point; an area left with fewer than 3 points is deleted whole. */
export function deleteAreaPoint(store: AppStore, areaId: string, index: number): void {
  const { design } = store.getState();
  const area = design.areas.find((a) => a.id === areaId);
  if (!area) return;
  if (area.mirrored) {
    const next = deleteMirrored(area, index, midline(design));
    if (!next) {
      notify(store, 'error', 'This point sits on the midline and holds the two mirrored sides together, so it cannot be removed. Turn mirror editing off to remove it.');
      return;
    }
    commit(store, withArea(design, areaId, () => next));
    setView(store, { selection: { areaId, pointIndex: Math.min(index, next.points.length - 1) } });
    return;
  }
  if (area.points.length <= 3) {
    deleteArea(store, areaId);
    return;
  }
  const points = area.points.filter((_, i) => i !== index);
  const flags = area.hairlineEdges.filter((_, i) => i !== index);
  const problem = checkOutline(points, design.scale.pxPerCm);
  if (problem) {
    notify(store, 'error', describeOutlineProblem(problem));
    return;
  }
  commit(store, withArea(design, areaId, (a) => ({ ...a, points, hairlineEdges: flags })));
  setView(store, { selection: { areaId, pointIndex: Math.min(index, points.length - 1) } });
}

/** Deletes an area. */
export function deleteArea(store: AppStore, areaId: string): void {
  const { design } = store.getState();
  commit(store, { ...design, areas: design.areas.filter((a) => a.id !== areaId) });
  setView(store, { selection: null });
}

/** Sets whether an area counts towards the design's totals (one undo step): off when another view counts its skin. */
export function setAreaCounted(store: AppStore, areaId: string, counted: boolean): void {
  const { design } = store.getState();
  if (design.areas.find((a) => a.id === areaId)?.counted === counted) return;
  commit(store, withArea(design, areaId, (a) => ({ ...a, counted })));
}

/** Toggles whether an edge is part of the hairline. */
export function toggleHairlineEdge(store: AppStore, areaId: string, edge: number): void {
  commit(
    store,
    withArea(store.getState().design, areaId, (a) => (a.mirrored ? toggleMirroredEdge(a, edge) : { ...a, hairlineEdges: a.hairlineEdges.map((f, i) => (i === edge ? !f : f)) })),
  );
}

/** Sets the photo scale from two image points and the real distance between them (one step). */
export function setScaleFromPoints(store: AppStore, a: ImagePoint, b: ImagePoint, distanceCm: number): string | null {
  const px = Math.hypot(b.x - a.x, b.y - a.y);
  if (!(distanceCm > 0) || !Number.isFinite(distanceCm)) return 'Type the real distance between the two points in centimetres, for example 5.';
  if (px < 5) return 'The two points are too close together to measure. Click two points further apart.';
  const pxPerCm = px / distanceCm;
  if (pxPerCm < SCALE_RANGE.min || pxPerCm > SCALE_RANGE.max) return `That gives ${pxPerCm.toFixed(1)} pixels per cm, which cannot be right for a scalp photo. Check the distance.`;
  const { design } = store.getState();
  if (pxPerCm < minPxPerCmFor(design.photo.widthPx, design.photo.heightPx, design.maxDensityPerCm2)) {
    return `That makes the photo ${(design.photo.widthPx / pxPerCm).toFixed(0)} × ${(design.photo.heightPx / pxPerCm).toFixed(0)} cm, far larger than a head: check the distance between the two points. The scale is unchanged.`;
  }
  commit(store, { ...design, scale: { pxPerCm, source: 'ruler', uncertainty: 0 } });
  setView(store, { calibration: [], tool: 'select' });
  return null;
}

/**
 * Opens a new design (one view, or several) with the photo of its first view: history starts
 * afresh, as when opening a file. `kept` holds the other views' photos, by view id. The side panel
 * stays on its step unless `step` says which to open.
 */
export function replacePhoto(store: AppStore, next: Design | DesignDocument, photo: PhotoPixels, step?: StepId, kept: ReadonlyMap<string, KeptPhoto> = new Map()): void {
  const { photo: old, view, photos: oldKept } = store.getState();
  const document = 'views' in next ? next : documentOf(next);
  const design = 'views' in next ? viewDesign(document, 0) : next;
  const photos = new Map(kept);
  photos.set(document.views[0]!.id, { ...keepPhoto(photo), thumbnail: kept.get(document.views[0]!.id)?.thumbnail ?? null });
  store.setState({ document, viewIndex: 0, design, photo, photos, history: EMPTY_HISTORY, view: { ...INITIAL_VIEW, zoom: view.zoom, step: step ?? view.step }, libraryEntry: null });
  releasePhoto(old, photo);
  for (const k of oldKept.values()) if (k.thumbnail && ![...photos.values()].some((p) => p.thumbnail === k.thumbnail)) k.thumbnail.close();
}

/** Shows the photo from a smaller display copy that fits the GPU (view state: no undo step). */
export function setPhotoDisplay(store: AppStore, display: ImageBitmap): void {
  const { photo } = store.getState();
  if (photo) store.setState({ photo: { ...photo, display } });
}

/** Sets the client's name (one undo step; the document validator's rules apply). */
export function setClient(store: AppStore, name: string): void {
  const { design } = store.getState();
  const client = readClientName(name);
  if (client !== design.client) commit(store, { ...design, client });
}

/**
 * Frees the decoded bitmaps of a photo that is no longer shown (the scene has already let go of
 * them): a replaced 48 MP photo would otherwise hold about 190 MB until a garbage collection.
 */
export function releasePhoto(old: PhotoPixels | null, next: PhotoPixels): void {
  if (!old) return;
  for (const bitmap of new Set([old.original, old.display])) if (bitmap && bitmap !== next.original && bitmap !== next.display) bitmap.close();
}

/**
 * Frees the decoded bitmaps of a view's photo no longer on screen (another view's is shown now),
 * keeping any a view holds as its thumbnail or the screen still shows.
 */
export function releaseHiddenPhoto(store: AppStore, old: PhotoPixels | null): void {
  if (!old) return;
  const { photo, photos } = store.getState();
  const keep = new Set<ImageBitmap | null>([photo?.original ?? null, photo?.display ?? null, ...[...photos.values()].map((k) => k.thumbnail)]);
  for (const bitmap of new Set([old.original, old.display])) if (bitmap && !keep.has(bitmap)) bitmap.close();
}
