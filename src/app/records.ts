/**
 * Records, wired: Save design / Open design (one file with the document and the photo's own bytes),
 * the client library in IndexedDB with autosave and recovery, the PDF record and the calendar.
 * Every failure is a sentence for the user and leaves the design on screen as it was.
 *
 * Over 300 lines as one class: saving, opening, the library, autosave and recovery share the one way
 * a design becomes a file and comes back (pack, unpack, replacePhoto) and one discipline for busy
 * state and sentences; the exports are in export/.
 */
import { saveAs } from 'file-saver';
import { AREA_KINDS } from '../core/document/defaults.ts';
import type { Design } from '../core/document/types.ts';
import { readDesign } from '../core/document/validate.ts';
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
import type { AppStore } from '../state/store.ts';
import type { PhotoPixels } from '../core/photo.ts';
import { fileSize } from '../core/format.ts';

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
}

/** A short title for the library: kinds of areas, sessions, photo. */
export function designTitle(design: Design): string {
  const kinds = [...new Set(design.areas.map((a) => AREA_KINDS[a.kind].label.split(' /')[0]!))];
  return `${kinds.length > 0 ? kinds.join(', ') : 'No areas'}, ${design.sessions.length} session${design.sessions.length === 1 ? '' : 's'}, ${design.photo.name}`;
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
    const { design, photo } = this.ctx.store.getState();
    return packDesignFile({ design, photo: photo?.source ?? null, client: design.client ? { name: design.client } : null, savedAt: now });
  }

  /** Save design: downloads the design file. */
  async saveDesign(): Promise<void> {
    const { store } = this.ctx;
    try {
      const now = new Date();
      const bytes = await this.pack(now);
      const name = recordFileName(store.getState().design, now, DESIGN_FILE_EXTENSION);
      saveAs(new Blob([bytes as Uint8Array<ArrayBuffer>], { type: 'application/zip' }), name);
      notify(store, 'info', `Saved ${name} (${fileSize(bytes.length)}): the design${store.getState().photo?.source ? ' and its photo' : ''} in one file.`);
    } catch (error) {
      notify(store, 'error', `The design could not be saved: ${reason(error)}. The design on screen is unchanged.`);
    }
  }

  /** Opens design file bytes; on any problem says why and leaves the current design alone. */
  async openBytes(bytes: Uint8Array, what: string): Promise<boolean> {
    const { store, scene } = this.ctx;
    try {
      const file = await unpackDesignFile(bytes);
      const photo = file.photo ? await loadPhotoBytes(file.photo.bytes, scene.maxTextureSize) : await this.ctx.demoPhoto();
      if (photo.widthPx !== file.design.photo.widthPx || photo.heightPx !== file.design.photo.heightPx) {
        throw new DesignFileError(`The photo in ${what} is ${photo.widthPx} × ${photo.heightPx} px but the design was drawn on ${file.design.photo.widthPx} × ${file.design.photo.heightPx} px.`);
      }
      replacePhoto(store, file.design, photo);
      this.ctx.fit();
      notify(store, 'info', `Opened ${what}${file.design.client ? ` for ${file.design.client}` : ''}.`);
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

  /** A small picture of the finished design for the library list. */
  private async thumbnail(): Promise<Blob | null> {
    const { store, scene } = this.ctx;
    const { design, photo } = store.getState();
    if (!photo) return null;
    const image = await renderPanel(scene, photo, comparisonFrame(design), 160, { session: design.sessions.length, alone: false, stage: 'healed', years: 0 });
    scene.releaseExportTarget();
    const canvas = new OffscreenCanvas(image.width, image.height);
    canvas.getContext('2d')?.putImageData(image, 0, 0);
    return canvas.convertToBlob({ type: 'image/jpeg', quality: 0.8 });
  }

  /** Save to library: keeps the design under the client's name on this device. */
  async saveToLibrary(): Promise<LibraryEntry | null> {
    const { store } = this.ctx;
    const { design } = store.getState();
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
      (s) => [s.design, s.photo] as const,
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
      localStorage.setItem(LAST_EDIT_KEY, JSON.stringify({ savedAt: new Date().toISOString(), design: this.ctx.store.getState().design }));
    } catch {
      // Storage full or refused: the asynchronous autosave is still on its way.
    }
  }

  private async autosave(): Promise<void> {
    const lib = await this.lib();
    if (!lib) return;
    const { design } = this.ctx.store.getState();
    try {
      const now = new Date();
      await lib.autosave({ bytes: await this.pack(now), client: design.client, title: designTitle(design), now });
      this.autosaveFailed = false;
      // The library now holds the latest design: the synchronous copy is no longer needed.
      if (design === this.ctx.store.getState().design) forgetLastEdit();
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
        if (last === null || last.design.photo.kind !== 'demo' || JSON.stringify(last.design.photo) !== JSON.stringify(store.getState().design.photo)) return false;
        store.setState({ design: last.design });
        notify(store, 'info', `Recovered the design you were working on (kept ${last.savedAt.slice(0, 16).replace('T', ' ')} UTC).`);
        return true;
      }
      const ok = await this.openBytes(slot.bytes, 'the design you were working on');
      if (!ok) return false;
      // An edit kept as the page closed, newer than the library's copy and on the same photo.
      const { store } = this.ctx;
      const onto = store.getState().design;
      const later = last !== null && last.savedAt > slot.savedAt && JSON.stringify(last.design.photo) === JSON.stringify(onto.photo);
      if (later) store.setState({ design: last.design });
      notify(store, 'info', `Recovered the design you were working on (autosaved ${(later ? last.savedAt : slot.savedAt).slice(0, 16).replace('T', ' ')} UTC).`);
      return true;
    } catch (error) {
      notify(this.ctx.store, 'error', `The autosaved design could not be recovered: ${reason(error)}`);
      return false;
    }
  }
}

/** The design kept as the page last closed, validated, and removed from storage; null if none or unreadable. */
function takeLastEdit(): { savedAt: string; design: Design } | null {
  try {
    const text = localStorage.getItem(LAST_EDIT_KEY);
    localStorage.removeItem(LAST_EDIT_KEY);
    if (text === null) return null;
    const data = JSON.parse(text) as { savedAt?: unknown; design?: unknown };
    if (typeof data.savedAt !== 'string') return null;
    return { savedAt: data.savedAt, design: readDesign(data.design) };
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
