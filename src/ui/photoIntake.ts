/**
 * The three ways a photo comes in: the Upload photo button, drag-and-drop onto the canvas, and
 * paste. All go through io/importPhoto; a failure is a sentence and the design stays as it was.
 */
import { viewTitle } from '../core/document/views.ts';
import { keptWithThumbnail } from '../app/viewPhotos.ts';
import { importPhoto, loadPhotoBytes } from '../io/importPhoto.ts';
import { describePhotoError } from '../io/photoErrors.ts';
import { notify, replacePhoto, setBusy } from '../state/actions.ts';
import type { AppStore } from '../state/store.ts';
import { addPhotoView, cannotAddViewNow } from '../state/viewActions.ts';

/** Where imported photos go and how to fit the view afterwards. */
export interface IntakeTarget {
  readonly store: AppStore;
  readonly maxTextureSize: () => number;
  readonly fit: () => void;
  /** Asks a yes-or-no question (the browser's own confirmation unless given). */
  readonly confirm?: (question: string) => boolean;
}

/**
 * Whether a photo may start a new design in place of the one on screen. A design of several views
 * is asked about first: it goes with its history, so Undo cannot bring it back, and Add view would
 * keep it. A design of one view is replaced, as Upload always has.
 */
function mayReplace(target: IntakeTarget): boolean {
  const { store } = target;
  const views = store.getState().document.views.length;
  if (views < 2) return true;
  const ask = target.confirm ?? ((q: string) => window.confirm(q));
  if (ask(`This design has ${views} views. The photo starts a new design in its place, and Undo cannot bring the views back. To add the photo to this design instead, use Add view. Start a new design?`)) return true;
  notify(store, 'info', `The photo was not opened: the design of ${views} views is as it was. Add view adds a photo to it.`);
  return false;
}

/** Imports one file; resolves to true when the photo was opened. */
export async function openPhotoFile(target: IntakeTarget, file: File): Promise<boolean> {
  const { store } = target;
  if (store.getState().busy) {
    notify(store, 'error', 'Please wait for the current task to finish, then open the photo again.');
    return false;
  }
  if (!mayReplace(target)) return false;
  setBusy(store, `Opening ${file.name || 'photo'}…`);
  try {
    const seed = (Math.random() * 2 ** 32) >>> 0;
    const imported = await importPhoto(file, file.name || 'pasted photo', store.getState().design, target.maxTextureSize(), seed);
    replacePhoto(store, imported.design, imported.photo, 'scale');
    target.fit();
    notify(store, 'info', `Opened ${file.name || 'the photo'} (${imported.photo.widthPx} × ${imported.photo.heightPx} px). Set the scale, then draw the treatment area.`);
    return true;
  } catch (error) {
    notify(store, 'error', describePhotoError(error));
    return false;
  } finally {
    setBusy(store, null);
  }
}

/** Adds one file as a new view of the design on screen; resolves to true when it was added. */
export async function addViewFromFile(target: IntakeTarget, file: File): Promise<boolean> {
  const { store } = target;
  if (store.getState().busy) {
    notify(store, 'error', 'Please wait for the current task to finish, then add the view again.');
    return false;
  }
  const full = cannotAddViewNow(store);
  if (full) {
    notify(store, 'error', full);
    return false;
  }
  setBusy(store, `Adding ${file.name || 'the photo'} as a view…`);
  try {
    const photo = await loadPhotoBytes(new Uint8Array(await file.arrayBuffer()), target.maxTextureSize());
    const name = file.name || 'pasted photo';
    if (!addPhotoView(store, { kind: 'file', name, widthPx: photo.widthPx, heightPx: photo.heightPx }, photo, await keptWithThumbnail(photo))) return false;
    target.fit();
    const view = store.getState().document.views.at(-1)!;
    notify(store, 'info', `Added ${name} as view ${store.getState().document.views.length}, “${viewTitle(view)}” (${photo.widthPx} × ${photo.heightPx} px). Name the side it shows in the Photo step, set its scale, then draw on it.`);
    return true;
  } catch (error) {
    notify(store, 'error', `${describePhotoError(error)} No view was added.`);
    return false;
  } finally {
    setBusy(store, null);
  }
}

/** A file chooser for adding views (its own hidden input, made once). */
export function viewPhotoChooser(target: IntakeTarget): () => void {
  const input = document.createElement('input');
  input.type = 'file';
  input.accept = 'image/jpeg,image/png,image/webp,image/heic,image/heif,.heic,.heif';
  input.hidden = true;
  input.setAttribute('aria-label', 'Photo for a new view');
  input.addEventListener('change', () => {
    const file = input.files?.[0];
    input.value = '';
    if (file) void addViewFromFile(target, file);
  });
  document.body.append(input);
  return () => input.click();
}

/** Wires the upload button, drag-and-drop on `dropZone`, and paste. */
export function mountPhotoIntake(target: IntakeTarget, button: HTMLButtonElement, input: HTMLInputElement, dropZone: HTMLElement, dropHint: HTMLElement): () => void {
  const onClick = (): void => input.click();
  const onPick = (): void => {
    const file = input.files?.[0];
    input.value = '';
    if (file) void openPhotoFile(target, file);
  };
  let depth = 0;
  const hasFiles = (e: DragEvent): boolean => Array.from(e.dataTransfer?.types ?? []).includes('Files');
  const onEnter = (e: DragEvent): void => {
    if (!hasFiles(e)) return;
    e.preventDefault();
    depth++;
    dropHint.hidden = false;
  };
  const onOver = (e: DragEvent): void => {
    if (!hasFiles(e)) return;
    e.preventDefault();
    if (e.dataTransfer) e.dataTransfer.dropEffect = 'copy';
  };
  const onLeave = (): void => {
    depth = Math.max(0, depth - 1);
    if (depth === 0) dropHint.hidden = true;
  };
  const onDrop = (e: DragEvent): void => {
    e.preventDefault();
    depth = 0;
    dropHint.hidden = true;
    const file = e.dataTransfer?.files?.[0];
    if (file) void openPhotoFile(target, file);
    else notify(target.store, 'error', 'Nothing to open: drop a photo file (JPEG, PNG or WebP) onto the canvas.');
  };
  const onPaste = (e: ClipboardEvent): void => {
    const tag = (e.target as HTMLElement | null)?.tagName;
    if (tag === 'INPUT' || tag === 'TEXTAREA') return;
    const item = Array.from(e.clipboardData?.items ?? []).find((i) => i.kind === 'file');
    const file = item?.getAsFile();
    if (!file) return;
    e.preventDefault();
    void openPhotoFile(target, file);
  };
  // One signal removes every listener.
  const listening = new AbortController();
  const { signal } = listening;
  button.addEventListener('click', onClick, { signal });
  input.addEventListener('change', onPick, { signal });
  dropZone.addEventListener('dragenter', onEnter, { signal });
  dropZone.addEventListener('dragover', onOver, { signal });
  dropZone.addEventListener('dragleave', onLeave, { signal });
  dropZone.addEventListener('drop', onDrop, { signal });
  window.addEventListener('paste', onPaste, { signal });
  return () => listening.abort();
}
