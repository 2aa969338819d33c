/**
 * Everything the app exports, in one place: the PNG of what is shown, the comparison sheet, the
 * PDF record and the aftercare calendar. Each one checks it can run, reports its progress in the
 * store (the page shows it, and a Cancel where one is offered), names its file after the client,
 * saves it and says what it saved, or says plainly why not; the design is never changed.
 */
import { saveAs } from 'file-saver';
import { buildAftercare } from '../core/aftercare.ts';
import { areaCm2 } from '../core/areas.ts';
import { exportCaption, hairlineSentence, sheetTitle, viewsSheetTitle } from '../core/captions.ts';
import { AREA_KINDS } from '../core/document/defaults.ts';
import { exportFileName, recordFileName } from '../core/fileNames.ts';
import { localIsoDate } from '../core/sessions.ts';
import { aftercareCalendar } from '../io/ics.ts';
import type { Scene } from '../render/Scene.ts';
import { notify, setBusy, setProgress } from '../state/actions.ts';
import { estimateDots } from '../core/dots/densityField.ts';
import { viewDesign, viewTitle } from '../core/document/views.ts';
import { sessionFractions } from '../core/sessions.ts';
import { describeTotals, designTotals } from '../core/viewTotals.ts';
import type { EachView } from './eachView.ts';
import type { AppStore } from '../state/store.ts';
import { buildPdfRecord } from './pdf.ts';
import { exportDesignPng } from './png.ts';
import { comparisonFrame, renderComparisonSheet, renderViewsSheet } from './sheet.ts';
import { shownSession } from '../core/dots/dotLook.ts';

/** Largest panel of an exported comparison sheet, px: print quality for a treated area. */
const SHEET_PANEL_MAX_PX = 1600;
/** Largest panel of the sheet of every view, px. */
const VIEWS_PANEL_MAX_PX = 900;

const message = (error: unknown): string => (error instanceof Error ? error.message : String(error));

/** The exports of one app, over its store and scene. */
export class Exports {
  constructor(
    private readonly store: AppStore,
    private readonly scene: Scene,
    /** The way through the design's views, for exports of several (app/viewPhotos.ts). */
    private readonly eachView: EachView,
  ) {}

  /** Export PNG: the design at the photo's full resolution, or the comparison sheet while the strip is on. */
  async png(): Promise<void> {
    const { store, scene } = this;
    const { photo, design, busy, view } = store.getState();
    if (busy || !photo) return;
    if (view.strip) return this.sheet();
    const abort = new AbortController();
    const report = (fraction: number, text: string): void => setProgress(store, { fraction, text, cancel: () => abort.abort() });
    setBusy(store, 'Exporting PNG');
    try {
      report(0, 'Rendering dots at full resolution…');
      const caption = view.captions ? exportCaption(design, view.show, localIsoDate(new Date())) : undefined;
      const png = await exportDesignPng(scene, photo, report, abort.signal, caption);
      const name = exportFileName(new Date(), design.photo.name, design.client);
      saveAs(png, name);
      notify(store, 'info', `Exported ${name} (${photo.widthPx} × ${photo.heightPx} px).`);
    } catch (error) {
      if (error instanceof DOMException && error.name === 'AbortError') notify(store, 'info', 'Export cancelled. The design is unchanged.');
      else notify(store, 'error', `The export failed: ${message(error)}. The design is unchanged; try again.`);
    } finally {
      setBusy(store, null);
      setProgress(store, null);
    }
  }

  /** Export the comparison sheet: before and after each session, captioned. */
  async sheet(): Promise<void> {
    const { store, scene } = this;
    const { photo, design, busy } = store.getState();
    if (busy || !photo) return;
    setBusy(store, 'Exporting the comparison sheet');
    try {
      setProgress(store, { fraction: 0.2, text: 'Drawing the comparison sheet…', cancel: null });
      const frame = comparisonFrame(design);
      const limit = scene.maxTextureSize - 2 * scene.exportMarginPx(undefined, 1) - 2;
      const panelW = Math.max(1, Math.floor(Math.min(frame.w, SHEET_PANEL_MAX_PX, limit, (limit * frame.w) / frame.h)));
      const sheet = await renderComparisonSheet(scene, { design, photo, panelW, captions: true, title: sheetTitle(design.photo.name, new Date()) });
      setProgress(store, { fraction: 0.8, text: 'Encoding PNG…', cancel: null });
      const png = await sheet.convertToBlob({ type: 'image/png' });
      const name = exportFileName(new Date(), design.photo.name, design.client, '-comparison');
      saveAs(png, name);
      notify(store, 'info', `Exported ${name} (${sheet.width} × ${sheet.height} px, ${design.sessions.length + 1} panels).`);
    } catch (error) {
      notify(store, 'error', `The comparison sheet could not be exported: ${message(error)}. The design is unchanged; try again.`);
    } finally {
      setBusy(store, null);
      setProgress(store, null);
    }
  }

  /** Export the sheet of every view side by side after the session shown (the finished design by default). */
  async viewsSheet(): Promise<void> {
    const { store, scene } = this;
    const { photo, document: doc, design, busy, view } = store.getState();
    if (busy || !photo) return;
    if (doc.views.length < 2) {
      notify(store, 'error', 'This design has one view: add another view (Photo step) to compare the views side by side.');
      return;
    }
    setBusy(store, 'Exporting the sheet of every view');
    try {
      setProgress(store, { fraction: 0.2, text: `Drawing ${doc.views.length} views…`, cancel: null });
      const session = shownSession(design, view.show);
      // Narrower than a one-view sheet's panels: several sit side by side, and a tall framing stays inside a texture.
      const panelW = Math.max(1, Math.min(VIEWS_PANEL_MAX_PX, Math.floor((scene.maxTextureSize - 2 * scene.exportMarginPx(undefined, 1) - 2) / 4)));
      const sheet = await renderViewsSheet(scene, this.eachView, { titles: doc.views.map(viewTitle), session, panelW, title: viewsSheetTitle(doc.views.length, session, doc.sessions.length, new Date()) });
      setProgress(store, { fraction: 0.8, text: 'Encoding PNG…', cancel: null });
      const png = await sheet.convertToBlob({ type: 'image/png' });
      const name = exportFileName(new Date(), design.photo.name, design.client, '-views');
      saveAs(png, name);
      notify(store, 'info', `Exported ${name} (${sheet.width} × ${sheet.height} px, ${doc.views.length} views ${session === 0 ? 'before treatment' : `after session ${session}`}).`);
    } catch (error) {
      notify(store, 'error', `The sheet of every view could not be exported: ${message(error)}. The design is unchanged; try again.`);
    } finally {
      setBusy(store, null);
      setProgress(store, null);
    }
  }

  /** Export PDF: the record of the design, its plan, each view, and the dated aftercare, on the chosen paper. */
  async pdf(): Promise<void> {
    const { store, scene } = this;
    const state = store.getState();
    const { design, photo, view, document: doc } = state;
    if (state.busy || !photo) return;
    setBusy(store, 'Exporting the PDF record');
    try {
      const views = doc.views.map((v, i) => {
        const d = viewDesign(doc, i);
        const estimate = estimateDots(d);
        return {
          title: viewTitle(v),
          areas: d.areas.map((a, j) => ({ label: `Area ${j + 1}, ${AREA_KINDS[a.kind].label.toLowerCase()}${a.counted || doc.views.length === 1 ? '' : ' (counted in another view)'}`, cm2: areaCm2(a.points, d.scale.pxPerCm), dots: estimate.perArea[j]! })),
          hairline: hairlineSentence(d),
        };
      });
      const totals = designTotals(doc);
      const blob = await buildPdfRecord(
        scene,
        {
          document: doc,
          views,
          paper: view.paper,
          now: new Date(),
          totals: doc.views.length > 1 ? describeTotals(totals) : null,
          sessionDots: sessionFractions(doc.sessions).map((f) => totals.dots * f),
          aftercare: buildAftercare(design.sessions, design.aftercare),
        },
        this.eachView,
      );
      const name = recordFileName(design, new Date(), '.pdf');
      saveAs(blob, name);
      notify(store, 'info', `Exported ${name} (${view.paper === 'a4' ? 'A4' : 'US Letter'}).`);
    } catch (error) {
      notify(store, 'error', `The PDF could not be made: ${message(error)}. The design is unchanged.`);
    } finally {
      setBusy(store, null);
    }
  }

  /** Export calendar (.ics): the sessions and the aftercare milestones. */
  calendar(): void {
    const { store } = this;
    const { design } = store.getState();
    if (design.sessions.every((s) => s.date === null)) {
      notify(store, 'error', 'No session has a date yet: set the dates in the Sessions panel first. Nothing was exported.');
      return;
    }
    const lines = buildAftercare(design.sessions, design.aftercare);
    const text = aftercareCalendar({ sessions: design.sessions, lines, clientLabel: design.client || 'Client', now: new Date() });
    const name = recordFileName(design, new Date(), '.ics');
    saveAs(new Blob([text], { type: 'text/calendar;charset=utf-8' }), name);
    notify(store, 'info', `Exported ${name}: the sessions and the aftercare milestones.`);
  }
}
