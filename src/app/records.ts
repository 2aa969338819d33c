/**
 * Records, wired: Save design / Open design (one file with the document and each view's photo's own bytes),
 * the client library in IndexedDB with autosave and recovery, the PDF record and the calendar.
 * Every failure is a sentence for the user and leaves the design on screen as it was.
 *
 * Over 300 lines as one class: saving, opening, the library, autosave and recovery share the one way
 * a design becomes a file and comes back (pack, unpack, replacePhoto) and one discipline for busy
 * state and sentences; the exports are in export/.
 */
import { saveAs } from 'file-saver';
import { AREA_KINDS } from '../core/document/defaults.ts';
import type { DesignDocument } from '../core/document/types.ts';
import { readDesignDocument } from '../core/document/validate.ts';
import { viewDesign, viewTitle } from '../core/document/views.ts';
import { recordFileName } from '../core/fileNames.ts';
import { comparisonFrame, renderPanel } from '../export/sheet.ts';
import { DESIGN_FILE_EXTENSION, DesignFileError } from '../io/designFile.ts';
import { unpackDesignFile } from '../io/openDesignFile.ts';
import { packDesignFile } from '../io/saveDesignFile.ts';
import { loadPhotoBytes } from '../io/importPhoto.ts';
import { openLibrary, type Library, type LibraryEntry } from '../io/library.ts';
import { LibraryError, requestPersistence } from '../io/libraryErrors.ts';
import { describePhotoError, PhotoImportError } from '../io/photoErrors.ts';
import type { Scene } from '../render/Scene.ts';
import { notify, replacePhoto, setBusy } from '../state/actions.ts';
import type { AppStore, KeptPhoto } from '../state/store.ts';
import type { PhotoPixels } from '../core/photo.ts';
import { keptWithThumbnail, viewPhotoSources } from './viewPhotos.ts';
import type { EachView } from '../export/eachView.ts';
import { fileSize } from '../core/format.ts';

/** Width of each view's picture in the library's thumbnail, px, and the gap between views. */
const THUMBNAIL_VIEW_PX = 160;
const THUMBNAIL_GAP_PX = 4;

/** Wait after the last change before an autosave, ms. */
export const AUTOSAVE_DELAY_MS = 1500;

/**
 * Where the design is kept synchronously (localStorage, on this device) as the page is hidden or
 * closed: the autosave to the library is asynchronous and a closing tab may not let it finish. The
 * photo is the one the library's autosave already holds; recovery applies this design onto it.
 */
export const LAST_EDIT_KEY = 'smp-last-edit';

/** What the records need from the rest of the app. */
export interface RecordsContext {
  readonly store: AppStore;
  readonly scene: Scene;
  /** Fits the photo to the canvas after a design is opened. */
  readonly fit: () => void;
  /** The built-in demo photo, regenerated for designs drawn on it. */
  readonly demoPhoto: () => Promise<PhotoPixels>;
  /** The way through the design's views, for the library's picture of every view. */
  readonly eachView: EachView;
}

/** A short title for the library: kinds of areas, sessions, and the photo (or the views). */
export function designTitle(design: DesignDocument): string {
  const kinds = [...new Set(design.views.flatMap((v) => v.areas.map((a) => AREA_KINDS[a.kind].label.split(' /')[0]!)))];
  const photos = design.views.length === 1 ? design.views[0]!.photo.name : `${design.views.length} views (${design.views.map(viewTitle).join(', ')})`;
  return `${kinds.length > 0 ? kinds.join(', ') : 'No areas'}, ${design.sessions.length} session${design.sessions.length === 1 ? '' : 's'}, ${photos}`;
}

function reason(error: unknown): string {
  if (error instanceof DesignFileError || error instanceof LibraryError) return error.reason;
  if (error instanceof PhotoImportError) return describePhotoError(error);
  return error instanceof Error ? error.message : String(error);
}

/** The records of one app. */
export class Records {
  private library: Promise<Library | null> | null = null;
  private autosaveTimer = 0;
  private autosaveFailed = false;

  constructor(private readonly ctx: RecordsContext) {}

  /** The design file's bytes for the current design. */
  async pack(now = new Date()): Promise<Uint8Array> {
    const { document, photos } = this.ctx.store.getState();
    return packDesignFile({ design: document, photos: viewPhotoSources(document, photos), client: document.client ? { name: document.client } : null, savedAt: now });
  }

  /** Save design: downloads the design file. */
  async saveDesign(): Promise<void> {
    const { store } = this.ctx;
    try {
      const now = new Date();
      const bytes = await this.pack(now);
      const name = recordFileName(store.getState().design, now, DESIGN_FILE_EXTENSION);
      saveAs(new Blob([bytes as Uint8Array<ArrayBuffer>], { type: 'application/zip' }), name);
      const photos = viewPhotoSources(store.getState().document, store.getState().photos).filter((p) => p !== null).length;
      notify(store, 'info', `Saved ${name} (${fileSize(bytes.length)}): the design${photos === 0 ? '' : photos === 1 ? ' and its photo' : ` and its ${photos} photos`} in one file.`);
    } catch (error) {
      notify(store, 'error', `The design could not be saved: ${reason(error)}. The design on screen is unchanged.`);
    }
  }

  /** Opens design file bytes; on any problem says why and leaves the current design alone. */
  async openBytes(bytes: Uint8Array, what: string): Promise<boolean> {
    const { store, scene } = this.ctx;
    try {
      const file = await unpackDesignFile(bytes);
      // Every view's photo is decoded once for its size and thumbnail; only the first stays decoded.
      const kept = new Map<string, KeptPhoto>();
      let first: PhotoPixels | null = null;
      for (const [i, view] of file.design.views.entries()) {
        const bytesOf = file.photos[i];
        const photo = bytesOf ? await loadPhotoBytes(bytesOf.bytes, scene.maxTextureSize) : await this.ctx.demoPhoto();
        const { widthPx, heightPx } = view.photo;
        if (photo.widthPx !== widthPx || photo.heightPx !== heightPx) {
          throw new DesignFileError(`The photo${file.design.views.length > 1 ? ` of view ${i + 1}` : ''} in ${what} is ${photo.widthPx} × ${photo.heightPx} px but the design was drawn on ${widthPx} × ${heightPx} px.`);
        }
        kept.set(view.id, await keptWithThumbnail(photo));
        if (i === 0) first = photo;
        else releaseDecoded(photo);
      }
      replacePhoto(store, file.design, first!, undefined, kept);
      this.ctx.fit();
      const views = file.design.views.length;
      notify(store, 'info', `Opened ${what}${file.design.client ? ` for ${file.design.client}` : ''}${views > 1 ? `, ${views} views` : ''}.`);
      return true;
    } catch (error) {
      notify(store, 'error', `${what} could not be opened: ${reason(error)} The design on screen is unchanged.`);
      return false;
    }
  }

  /** Open design: reads a chosen file. */
  async openFile(file: File): Promise<void> {
    const { store } = this.ctx;
    if (store.getState().busy) return;
    setBusy(store, 'Opening the design');
    try {
      await this.openBytes(new Uint8Array(await file.arrayBuffer()), file.name);
    } finally {
      setBusy(store, null);
    }
  }

  /** The library, opened on first use; if another tab or the browser closes it, the user is told and the next use opens it again. */
  private lib(): Promise<Library | null> {
    const onClose = (why: string): void => {
      this.library = null;
      notify(this.ctx.store, 'error', why);
    };
    this.library ??= openLibrary({ onClose }).catch((error: unknown) => {
      notify(this.ctx.store, 'error', reason(error));
      return null;
    });
    return this.library;
  }

  /** A small picture of the finished design for the library list: each view's, side by side. */
  private async thumbnail(): Promise<Blob | null> {
    const { store, scene, eachView } = this.ctx;
    const { document: doc, photo } = store.getState();
    if (!photo) return null;
    const images: ImageData[] = [];
    await eachView(
      doc.views.map((_, i) => i),
      async (design, viewPhoto) => {
        try {
          images.push(await renderPanel(scene, viewPhoto, comparisonFrame(design), THUMBNAIL_VIEW_PX, { session: design.sessions.length, alone: false, stage: 'healed', years: 0 }));
        } finally {
          scene.releaseExportTarget();
        }
      },
    );
    const height = Math.max(...images.map((i) => i.height));
    const canvas = new OffscreenCanvas(images.reduce((w, i) => w + i.width, 0) + THUMBNAIL_GAP_PX * (images.length - 1), height);
    const ctx = canvas.getContext('2d');
    if (!ctx) return null;
    ctx.fillStyle = '#1d232a';
    ctx.fillRect(0, 0, canvas.width, canvas.height);
    let x = 0;
    for (const image of images) {
      ctx.putImageData(image, x, Math.round((height - image.height) / 2));
      x += image.width + THUMBNAIL_GAP_PX;
    }
    return canvas.convertToBlob({ type: 'image/jpeg', quality: 0.8 });
  }

  /** Save to library: keeps the design under the client's name on this device. */
  async saveToLibrary(): Promise<LibraryEntry | null> {
    const { store } = this.ctx;
    const { document: design } = store.getState();
    if (!design.client) {
      notify(store, 'error', 'Type the client’s name first (Client name): the library files designs under it. Nothing was saved.');
      return null;
    }
    const lib = await this.lib();
    if (!lib) return null;
    try {
      const now = new Date();
      // The same client keeps one entry per design; a design re-filed under another client is a new entry.
      const kept = store.getState().libraryEntry;
      const entry = await lib.save({ id: kept && kept.client === design.client ? kept.id : undefined, client: design.client, title: designTitle(design), bytes: await this.pack(now), thumbnail: await this.thumbnail(), now });
      store.setState({ libraryEntry: { id: entry.id, client: entry.client } });
      // Records must outlive storage pressure: ask the browser to keep them, and say so if it will not.
      const persistent = await requestPersistence();
      notify(
        store,
        'info',
        `Kept “${entry.title}” for ${entry.client} in the library on this device.${persistent ? '' : ' This browser may clear its storage when the disk runs low: keep a design file as well (Save design).'}`,
      );
      return entry;
    } catch (error) {
      notify(store, 'error', `The design could not be kept in the library: ${reason(error)}`);
      return null;
    }
  }

  /** The library's entries for a search. */
  async list(query: string): Promise<readonly LibraryEntry[]> {
    const lib = await this.lib();
    if (!lib) return [];
    try {
      return await lib.list(query);
    } catch (error) {
      notify(this.ctx.store, 'error', reason(error));
      return [];
    }
  }

  /** Opens a library entry. */
  async openEntry(entry: LibraryEntry): Promise<void> {
    const lib = await this.lib();
    if (!lib) return;
    try {
      const bytes = await lib.load(entry.id);
      if (await this.openBytes(bytes, `“${entry.title}”`)) this.ctx.store.setState({ libraryEntry: { id: entry.id, client: entry.client } });
    } catch (error) {
      notify(this.ctx.store, 'error', `That design could not be opened: ${reason(error)} The design on screen is unchanged.`);
    }
  }

  /** Deletes a library entry (the dialog has asked). */
  async removeEntry(entry: LibraryEntry): Promise<void> {
    const lib = await this.lib();
    if (!lib) return;
    try {
      await lib.remove(entry.id);
      if (this.ctx.store.getState().libraryEntry?.id === entry.id) this.ctx.store.setState({ libraryEntry: null });
      notify(this.ctx.store, 'info', `Deleted “${entry.title}” for ${entry.client} from this device.`);
    } catch (error) {
      notify(this.ctx.store, 'error', `That design could not be deleted: ${reason(error)}`);
    }
  }

  /** Starts autosaving: a moment after each change of the design or photo, the current design goes to the autosave slot. */
  startAutosave(): () => void {
    const { store } = this.ctx;
    let pending = false;
    const unsubscribe = store.subscribe(
      (s) => [s.document, s.photos] as const,
      () => {
        pending = true;
        window.clearTimeout(this.autosaveTimer);
        this.autosaveTimer = window.setTimeout(() => {
          pending = false;
          void this.autosave();
        }, AUTOSAVE_DELAY_MS);
      },
      { equalityFn: (a, b) => a[0] === b[0] && a[1] === b[1] },
    );
    // Leaving the page (closing the tab, switching away on a tablet) keeps the last edit at once,
    // rather than after the quiet interval it would otherwise wait for.
    const flush = (): void => {
      if (!pending) return;
      pending = false;
      window.clearTimeout(this.autosaveTimer);
      this.keepLastEdit();
      void this.autosave();
    };
    const onVisibility = (): void => {
      if (document.visibilityState === 'hidden') flush();
    };
    document.addEventListener('visibilitychange', onVisibility);
    window.addEventListener('pagehide', flush);
    return () => {
      window.clearTimeout(this.autosaveTimer);
      document.removeEventListener('visibilitychange', onVisibility);
      window.removeEventListener('pagehide', flush);
      unsubscribe();
    };
  }

  /** Keeps the design on screen in localStorage, synchronously (see LAST_EDIT_KEY). */
  private keepLastEdit(): void {
    try {
      localStorage.setItem(LAST_EDIT_KEY, JSON.stringify({ savedAt: new Date().toISOString(), design: this.ctx.store.getState().document }));
    } catch {
      // Storage full or refused: the asynchronous autosave is still on its way.
    }
  }

  private async autosave(): Promise<void> {
    const lib = await this.lib();
    if (!lib) return;
    const { document: design } = this.ctx.store.getState();
    try {
      const now = new Date();
      await lib.autosave({ bytes: await this.pack(now), client: design.client, title: designTitle(design), now });
      this.autosaveFailed = false;
      // The library now holds the latest design: the synchronous copy is no longer needed.
      if (design === this.ctx.store.getState().document) forgetLastEdit();
      document.body.dataset.autosaved = now.toISOString();
    } catch (error) {
      // Say it once, not at every edit; the next success clears it.
      if (!this.autosaveFailed) notify(this.ctx.store, 'error', `Autosave failed: ${reason(error)} Use Save design to keep this design in a file.`);
      this.autosaveFailed = true;
    }
  }

  /** After a reload or a crash: reopens the design that was being worked on, if any. */
  async recover(): Promise<boolean> {
    const lib = await this.lib();
    if (!lib) return false;
    try {
      const slot = await lib.recover();
      const last = takeLastEdit();
      if (!slot) {
        // Closed before the first autosave: only an edit of the demo can come back (its photo is generated).
        const { store } = this.ctx;
        if (last === null || !samePhotos(last.design, store.getState().document) || last.design.views.some((v) => v.photo.kind !== 'demo')) return false;
        commitRecovered(store, last.design);
        notify(store, 'info', `Recovered the design you were working on (kept ${last.savedAt.slice(0, 16).replace('T', ' ')} UTC).`);
        return true;
      }
      const ok = await this.openBytes(slot.bytes, 'the design you were working on');
      if (!ok) return false;
      // An edit kept as the page closed, newer than the library's copy and on the same photo.
      const { store } = this.ctx;
      const onto = store.getState().document;
      const later = last !== null && last.savedAt > slot.savedAt && samePhotos(last.design, onto);
      if (later) commitRecovered(store, last.design);
      notify(store, 'info', `Recovered the design you were working on (autosaved ${(later ? last.savedAt : slot.savedAt).slice(0, 16).replace('T', ' ')} UTC).`);
      return true;
    } catch (error) {
      notify(this.ctx.store, 'error', `The autosaved design could not be recovered: ${reason(error)}`);
      return false;
    }
  }
}

/** Whether two designs have the same views on the same photos (by view id, name and size). */
function samePhotos(a: DesignDocument, b: DesignDocument): boolean {
  return a.views.length === b.views.length && a.views.every((v, i) => v.id === b.views[i]!.id && JSON.stringify(v.photo) === JSON.stringify(b.views[i]!.photo));
}

/** Puts a recovered design on screen over the same photos, with no undo step (history starts from it). */
function commitRecovered(store: AppStore, design: DesignDocument): void {
  const { viewIndex } = store.getState();
  const at = Math.min(viewIndex, design.views.length - 1);
  store.setState({ document: design, viewIndex: at, design: viewDesign(design, at) });
}

/** Frees the bitmaps of a photo decoded only for its size and thumbnail. */
function releaseDecoded(photo: PhotoPixels): void {
  for (const bitmap of new Set([photo.original, photo.display])) bitmap?.close();
}

/** The design kept as the page last closed, validated, and removed from storage; null if none or unreadable. */
function takeLastEdit(): { savedAt: string; design: DesignDocument } | null {
  try {
    const text = localStorage.getItem(LAST_EDIT_KEY);
    localStorage.removeItem(LAST_EDIT_KEY);
    if (text === null) return null;
    const data = JSON.parse(text) as { savedAt?: unknown; design?: unknown };
    if (typeof data.savedAt !== 'string') return null;
    return { savedAt: data.savedAt, design: readDesignDocument(data.design) };
  } catch {
    return null;
  }
}

function forgetLastEdit(): void {
  try {
    localStorage.removeItem(LAST_EDIT_KEY);
  } catch {
    // Nothing kept, nothing to forget.
  }
}
