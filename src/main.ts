/**
 * Start-up: build the demo (or nothing else: no network, no analytics), the store, the scene, the
 * editor and the panels, and wire them together. This is the only file that knows them all.
 */
import 'pixi.js/unsafe-eval';
import './ui/styles.css';
import { registerSW } from 'virtual:pwa-register';
import { createDemo } from './demo.ts';
import { Editor } from './editor/Editor.ts';
import { fitCamera } from './editor/viewport.ts';
import { renderComparisonSheet } from './export/sheet.ts';
import { Exports } from './export/exports.ts';
import { mountBusyBox } from './ui/busyBox.ts';
import { byId } from './ui/controls.ts';
import { mountStripView } from './ui/stripView.ts';
import { mountPresentation } from './ui/presentation.ts';
import { readPhotoRegion } from './io/photoRegion.ts';
import { Records } from './app/records.ts';
import { eachViewOf, followViewPhotos } from './app/viewPhotos.ts';
import { mountLibraryDialog } from './ui/libraryDialog.ts';
import { mountErrorBoundary } from './ui/errorBoundary.ts';
import { fitWithin } from './io/importPhoto.ts';
import { NoWebGLError, Scene } from './render/Scene.ts';
import { notify, setPhotoDisplay, setView } from './state/actions.ts';
import { createAppStore, type AppStore } from './state/store.ts';
import { DotsBridge } from './workers/dotsBridge.ts';
import { FaceBridge } from './workers/faceBridge.ts';
import type { FaceObservation } from './core/face/faceReading.ts';
import { generateRankedPoints } from './core/dots/rankedPoints.ts';
import { packDots } from './core/dots/dotData.ts';
import { mountHelp } from './ui/help.ts';
import { mountNotices } from './ui/notices.ts';
import { mountPhotoIntake, viewPhotoChooser } from './ui/photoIntake.ts';
import { mountViewStrip } from './ui/viewStrip.ts';
import { mountToolbar } from './ui/toolbar.ts';
import { mountSidePanel } from './ui/sidePanel.ts';
import { mountWelcome } from './ui/photoPanel.ts';

function showFatal(text: string): void {
  const stage = document.querySelector('.stage');
  const box = document.createElement('div');
  box.className = 'fatal';
  box.setAttribute('role', 'alert');
  const h = document.createElement('h2');
  h.textContent = 'The design view cannot start';
  const p = document.createElement('p');
  p.textContent = text;
  box.append(h, p);
  stage?.replaceChildren(box);
}

/** Replaces the display copy of the current photo with one that fits the GPU (view state, not history). */
async function fitDisplayToGpu(store: AppStore, max: number): Promise<void> {
  const photo = store.getState().photo;
  if (!photo?.original || Math.max(photo.widthPx, photo.heightPx) <= max) return;
  const size = fitWithin(photo.widthPx, photo.heightPx, max);
  const display = await createImageBitmap(photo.original, { resizeWidth: size.w, resizeHeight: size.h, resizeQuality: 'high' });
  setPhotoDisplay(store, display);
}

/** Every face in the photo on screen, read off the main thread; the models come from this origin. */
async function readFaces(store: AppStore, faces: FaceBridge): Promise<FaceObservation[]> {
  const { photo } = store.getState();
  if (!photo) return [];
  const { widthPx, heightPx, rgba, original } = photo;
  const pixels = (): ImageData => {
    if (rgba) return new ImageData(new Uint8ClampedArray(rgba), widthPx, heightPx);
    // A photo whose file this browser does not turn upright by itself: its pixels as shown.
    const ctx = new OffscreenCanvas(widthPx, heightPx).getContext('2d')!;
    if (original) ctx.drawImage(original, 0, 0);
    return ctx.getImageData(0, 0, widthPx, heightPx);
  };
  return faces.read({ file: photo.source, pixels }, widthPx, heightPx, new URL('models/face/', document.baseURI).href);
}

async function start(): Promise<void> {
  const params = new URLSearchParams(location.search);
  const cap = Number(params.get('maxTextureSize')) || undefined;
  const host = byId<HTMLDivElement>('canvas-host');
  const demo = await createDemo();
  const store = createAppStore(demo.design, demo.photo);
  const dotsBridge = new DotsBridge();
  let scene: Scene;
  try {
    scene = await Scene.create(store, { host, generatePoints: (o, signal) => dotsBridge.request(o, signal), ...(cap ? { maxTextureSizeCap: cap } : {}) });
  } catch (error) {
    showFatal(
      error instanceof NoWebGLError
        ? 'This browser did not give the app WebGL, which it needs to draw thousands of dots. Turn on hardware acceleration in the browser settings, or use a current Chrome, Edge, Firefox or Safari.'
        : `Something went wrong while starting the renderer: ${error instanceof Error ? error.message : String(error)}`,
    );
    return;
  }
  await fitDisplayToGpu(store, scene.maxTextureSize);
  const fit = (): void => {
    const { photo } = store.getState();
    if (!photo) return;
    setView(store, fitCamera(photo.widthPx, photo.heightPx, host.clientWidth, host.clientHeight));
  };
  fit();
  const editor = new Editor(host, store);
  const upload = byId<HTMLButtonElement>('btn-upload');
  const fileInput = byId<HTMLInputElement>('file-input');
  const intake = { store, maxTextureSize: () => scene.maxTextureSize, fit };
  mountPhotoIntake(intake, upload, fileInput, host, byId('drop-hint'));
  const addView = viewPhotoChooser(intake);
  mountViewStrip(host.parentElement!, store, { addView });
  const help = mountHelp(byId<HTMLDialogElement>('help'), byId<HTMLTableElement>('help-keys'));
  followViewPhotos({ store, maxTextureSize: () => scene.maxTextureSize, fit, onError: (m) => notify(store, 'error', m) });
  const eachView = eachViewOf(store, () => scene.whenPointsReady());
  const records = new Records({ store, scene, fit, demoPhoto: async () => (await createDemo()).photo, eachView });
  const exports = new Exports(store, scene, eachView);
  mountBusyBox(store, byId('busy'), byId('busy-text'), byId<HTMLProgressElement>('busy-progress'), byId<HTMLButtonElement>('busy-cancel'));
  mountErrorBoundary(store, () => void records.saveDesign());
  const presentation = mountPresentation(store, { fit });
  mountToolbar(store, { fit, exportPng: () => void exports.png(), upload: () => fileInput.click(), help, present: presentation.enter, save: () => void records.saveDesign(), toolKey: (e) => editor.handleKeyEvent(e) });
  const library = mountLibraryDialog({ list: (q) => records.list(q), open: (e) => records.openEntry(e), remove: (e) => records.removeEntry(e) });
  const faces = new FaceBridge();
  mountSidePanel({
    store,
    readFaces: () => readFaces(store, faces),
    upload: () => fileInput.click(),
    addView,
    readPhotoRegion,
    exportSheet: () => void exports.sheet(),
    exportViewsSheet: () => void exports.viewsSheet(),
    saveDesign: () => void records.saveDesign(),
    openDesign: (f) => void records.openFile(f),
    saveToLibrary: () => void records.saveToLibrary(),
    showLibrary: () => void library.show(),
    exportPdf: () => void exports.pdf(),
    exportCalendar: () => exports.calendar(),
  });
  mountStripView(byId('canvas-host').parentElement!, store, (r) => renderComparisonSheet(scene, r));
  mountNotices(store, byId('notices'));
  // After a reload or a crash, the design that was being worked on comes back; then every change is kept.
  await records.recover();
  mountWelcome(store, byId('welcome'), byId('welcome-upload'), byId('welcome-explore'), { upload: () => fileInput.click() });
  records.startAutosave();
  byId('loading').hidden = true;
  Object.assign(window, { __smp: { store, scene, editor, dotsBridge, faces, mainThread: { generateRankedPoints, packDots } } });
  document.body.dataset.ready = 'true';
}

void start();

// Offline after the first visit: the service worker precaches the whole app (production builds only).
if (import.meta.env.PROD && 'serviceWorker' in navigator) {
  registerSW({
    immediate: true,
    onRegisteredSW: () => document.body.setAttribute('data-offline-ready', 'pending'),
    onOfflineReady: () => document.body.setAttribute('data-offline-ready', 'true'),
  });
}
