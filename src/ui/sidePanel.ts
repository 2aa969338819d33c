/**
 * The side panel, declared in one place: the steps' tabs, and for each step the panels it holds,
 * top to bottom. A panel is mounted into its step's page (panels whose markup is in index.html find
 * their own elements there). Everything a panel may ask the app to do comes in `SidePanelApp`.
 */
import type { AppStore, StepId } from '../state/store.ts';
import { mountAftercarePanel } from './aftercarePanel.ts';
import { mountComparePanel } from './comparePanel.ts';
import { byId } from './controls.ts';
import { mountDesignPanel } from './designPanel.ts';
import { mountDotsPanel } from './dotsPanel.ts';
import { mountFacePanel, type FaceReader } from './facePanel.ts';
import { mountHairlinePanel } from './hairlinePanel.ts';
import { mountMatchPanel, type RegionReader } from './matchPanel.ts';
import { mountPhotoPanel } from './photoPanel.ts';
import { mountViewsPanel } from './viewsPanel.ts';
import { mountPreviewPanel } from './previewPanel.ts';
import { mountRecordPanel, type RecordActions } from './recordPanel.ts';
import { mountSessionsPanel } from './sessionsPanel.ts';
import { mountSteps, STEPS } from './steps.ts';

/** The store and the app's commands the panels use. */
export interface SidePanelApp extends RecordActions {
  readonly store: AppStore;
  readonly upload: () => void;
  /** Chooses a photo and adds it as a new view of the design. */
  readonly addView: () => void;
  readonly exportSheet: () => void;
  readonly exportViewsSheet: () => void;
  readonly readPhotoRegion: RegionReader;
  readonly readFaces: FaceReader;
}

type PanelMount = (page: HTMLElement, app: SidePanelApp) => () => void;

/** Each step's panels, top to bottom. */
const LAYOUT: Readonly<Record<StepId, readonly PanelMount[]>> = {
  photo: [(page, app) => mountPhotoPanel(page, app.store, app), (page, app) => mountViewsPanel(page, app.store, app)],
  // The scale step's markup and the design step's area list are one panel (index.html).
  scale: [(_, app) => mountDesignPanel(app.store), (page, app) => mountFacePanel(page, app.store, app.readFaces)],
  design: [(_, app) => mountDotsPanel(app.store), (page, app) => mountHairlinePanel(page, app.store), (page, app) => mountMatchPanel(page, app.store, app.readPhotoRegion)],
  plan: [(page, app) => mountSessionsPanel(page, app.store)],
  show: [(page, app) => mountPreviewPanel(page, app.store), (page, app) => mountComparePanel(page, app.store, app)],
  records: [(page, app) => mountRecordPanel(page, app.store, app), (page, app) => mountAftercarePanel(page, app.store)],
};

/** Builds the tabs into #steps and mounts every step's panels into its page (#step-id). */
export function mountSidePanel(app: SidePanelApp): () => void {
  const pages = Object.fromEntries(STEPS.map((s) => [s.id, byId(`step-${s.id}`)])) as Record<StepId, HTMLElement>;
  const disposers = [mountSteps(app.store, byId('steps'), pages)];
  for (const { id } of STEPS) for (const mount of LAYOUT[id]) disposers.push(mount(pages[id], app));
  return () => {
    for (const d of disposers) d();
  };
}
