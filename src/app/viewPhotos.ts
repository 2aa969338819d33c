/**
 * The photos of a design's views, wired: one view's photo is decoded at full resolution at a time
 * (the one on screen), and every view keeps what it can be decoded from again (its file's bytes, or
 * the demo's generated pixels) and a small thumbnail for the view strip. Switching views shows the
 * other view's design and thumbnail at once, then its full photo as soon as it is decoded.
 */
import type { DesignDocument, DesignView } from '../core/document/types.ts';
import type { PhotoPixels } from '../core/photo.ts';
import { loadPhotoBytes } from '../io/importPhoto.ts';
import { releaseHiddenPhoto, releasePhoto, setView, showView } from '../state/actions.ts';
import type { EachView } from '../export/eachView.ts';
import type { AppStore, KeptPhoto, ViewState } from '../state/store.ts';
import { keepPhoto } from '../state/store.ts';

/** Long side of a view's thumbnail, px. */
export const THUMBNAIL_PX = 320;

/** A small copy of a photo for the view strip (from its display copy, which is decoded already). */
export async function thumbnailOf(photo: PhotoPixels): Promise<ImageBitmap | null> {
  const source = photo.display ?? (photo.rgba ? new ImageData(new Uint8ClampedArray(photo.rgba), photo.widthPx, photo.heightPx) : null);
  if (!source) return null;
  const k = Math.min(1, THUMBNAIL_PX / Math.max(photo.widthPx, photo.heightPx));
  return createImageBitmap(source, { resizeWidth: Math.max(1, Math.round(photo.widthPx * k)), resizeHeight: Math.max(1, Math.round(photo.heightPx * k)), resizeQuality: 'medium' });
}

/** A view's photo as kept, with its thumbnail. */
export async function keptWithThumbnail(photo: PhotoPixels): Promise<KeptPhoto> {
  return keepPhoto(photo, await thumbnailOf(photo));
}

/** Whether the photo on screen is this kept photo's (the same bytes, or the same generated pixels). */
function isShown(photo: PhotoPixels | null, kept: KeptPhoto | undefined): boolean {
  return photo !== null && kept !== undefined && photo.source === kept.source && photo.rgba === kept.rgba;
}

/** What the app supplies: the GPU's largest texture, and how to fit a newly shown photo. */
export interface ViewPhotosContext {
  readonly store: AppStore;
  readonly maxTextureSize: () => number;
  /** Fits the photo on screen to the canvas (a view shown for the first time). */
  readonly fit: () => void;
  /** Sentence for a view whose photo could not be decoded again. */
  readonly onError: (message: string) => void;
}

/**
 * Keeps the store's photo that of the view on screen: whenever the view changes (a click in the
 * view strip, Undo of an edit made in another view, a view added or deleted), the thumbnail is
 * shown at once and the full photo decoded, and the view comes back zoomed and panned as it was
 * left (fitted the first time). A view whose photo has no thumbnail yet gets one once its photo is
 * decoded. Returns the unsubscribe.
 */
export function followViewPhotos(ctx: ViewPhotosContext): () => void {
  const { store } = ctx;
  let loading = 0;
  const cameras = new Map<string, Pick<ViewState, 'zoom' | 'panX' | 'panY'>>();
  const show = async (view: DesignView): Promise<void> => {
    const s = store.getState();
    const kept = s.photos.get(view.id);
    if (!kept || isShown(s.photo, kept)) return;
    const ticket = ++loading;
    const old = s.photo;
    const placeholder: PhotoPixels = { original: null, display: kept.thumbnail, rgba: null, widthPx: view.photo.widthPx, heightPx: view.photo.heightPx, source: kept.source };
    store.setState({ photo: placeholder });
    releaseHiddenPhoto(store, old);
    try {
      const full: PhotoPixels = kept.source
        ? await loadPhotoBytes(kept.source.bytes, ctx.maxTextureSize())
        : { original: null, display: null, rgba: kept.rgba, widthPx: view.photo.widthPx, heightPx: view.photo.heightPx, source: null };
      const now = store.getState();
      if (ticket !== loading || now.photo !== placeholder) {
        releasePhoto(full, now.photo ?? placeholder);
        return;
      }
      // Generated pixels are shown from a bitmap of them, as the demo is at start.
      const display = full.display ?? (full.rgba ? await createImageBitmap(new ImageData(new Uint8ClampedArray(full.rgba), full.widthPx, full.heightPx)) : null);
      if (ticket !== loading || store.getState().photo !== placeholder) return;
      // The kept bytes and pixels themselves, so the photo on screen is known as this view's (isShown).
      store.setState({ photo: { ...full, display, rgba: kept.rgba ?? full.rgba, source: kept.source } });
    } catch (error) {
      if (ticket === loading) ctx.onError(`The photo of this view could not be shown again: ${error instanceof Error ? error.message : String(error)}`);
    }
  };
  const stops = [
    store.subscribe(
      (s) => s.document.views[s.viewIndex]?.id,
      (id, was) => {
        const s = store.getState();
        const view = s.document.views[s.viewIndex];
        if (!view) return;
        if (was !== undefined && was !== id) {
          cameras.set(was, { zoom: s.view.zoom, panX: s.view.panX, panY: s.view.panY });
          const camera = cameras.get(view.id);
          if (camera) setView(store, camera);
        }
        void show(view);
        if (was !== undefined && was !== id && !cameras.has(view.id)) ctx.fit();
      },
    ),
    // A photo opened or re-decoded without its thumbnail (the demo at start, a new design): make it.
    store.subscribe(
      (s) => s.photo,
      () => void thumbnailWhenMissing(store),
      { fireImmediately: true },
    ),
  ];
  return () => {
    for (const stop of stops) stop();
  };
}

/** Gives the view on screen a thumbnail from its decoded photo, if it has none. */
async function thumbnailWhenMissing(store: AppStore): Promise<void> {
  const s = store.getState();
  const view = s.document.views[s.viewIndex];
  const kept = view && s.photos.get(view.id);
  if (!view || !kept || kept.thumbnail || !s.photo || !isShown(s.photo, kept) || (!s.photo.display && !s.photo.rgba)) return;
  const thumbnail = await thumbnailOf(s.photo);
  const now = store.getState();
  if (!thumbnail || now.photos.get(view.id) !== kept) {
    thumbnail?.close();
    return;
  }
  store.setState({ photos: new Map(now.photos).set(view.id, { ...kept, thumbnail }) });
}

/** Each view's photo bytes for a design file, in the order of the views (null for the demo). */
export function viewPhotoSources(document: DesignDocument, photos: ReadonlyMap<string, KeptPhoto>): (KeptPhoto['source'] | null)[] {
  return document.views.map((v) => (v.photo.kind === 'demo' ? null : (photos.get(v.id)?.source ?? null)));
}

/** Longest wait for a view's photo to be decoded, ms. */
const PHOTO_WAIT_MS = 60_000;

/** Resolves with the full photo of view `index` once it is on screen and decoded. */
function fullPhoto(store: AppStore, index: number): Promise<PhotoPixels> {
  const ready = (s: ReturnType<AppStore['getState']>): PhotoPixels | null => {
    const view = s.document.views[index];
    const kept = view && s.photos.get(view.id);
    return s.viewIndex === index && s.photo && isShown(s.photo, kept) && (s.photo.original || s.photo.rgba) ? s.photo : null;
  };
  const now = ready(store.getState());
  if (now) return Promise.resolve(now);
  return new Promise((resolve, reject) => {
    const timer = window.setTimeout(() => {
      stop();
      reject(new Error(`the photo of view ${index + 1} could not be loaded`));
    }, PHOTO_WAIT_MS);
    const stop = store.subscribe((s) => {
      const photo = ready(s);
      if (!photo) return;
      window.clearTimeout(timer);
      stop();
      resolve(photo);
    });
  });
}

/**
 * The exports' way through the views (export/eachView.ts): each view is shown, its full photo and
 * its dots awaited, and handed on; the view on screen before comes back at the end.
 */
export function eachViewOf(store: AppStore, whenPointsReady: () => Promise<void>): EachView {
  return async (indices, fn) => {
    const start = store.getState().viewIndex;
    try {
      for (const i of indices) {
        showView(store, i);
        const photo = await fullPhoto(store, i);
        await whenPointsReady();
        await fn(store.getState().design, photo, i);
      }
    } finally {
      showView(store, start);
    }
  };
}
