/**
 * The one vanilla zustand store: the design document, its history, and view state. Panels and the
 * renderer subscribe to the slice they draw (subscribeWithSelector), so a slider move repaints only
 * what depends on it. All writes go through the actions in actions.ts.
 */
import { createStore, type Mutate, type StoreApi } from 'zustand/vanilla';
import { subscribeWithSelector } from 'zustand/middleware';
import type { AreaKind, Design, DesignDocument } from '../core/document/types.ts';
import { documentOf, viewDesign } from '../core/document/views.ts';
import { finalShow, type ShowState } from '../core/dots/dotLook.ts';
import { MAX_SESSIONS } from '../core/sessions.ts';
import type { ImagePoint } from '../core/math/types.ts';
import type { PixelRect } from '../core/matchHair.ts';
import { EMPTY_HISTORY, type HistoryState } from './history.ts';
import type { PhotoPixels } from '../core/photo.ts';

/** The steps of a consultation, one side-panel page each (ui/steps.ts). */
export type StepId = 'photo' | 'scale' | 'design' | 'plan' | 'show' | 'records';

/** The tool the pointer drives. */
export type ToolId = 'select' | 'draw' | 'calibrate' | 'hairline' | 'landmarks' | 'brush' | 'patch' | 'bare';

/** Landmarks in the order the Landmarks tool asks for them. */
export type LandmarkId = 'glabella' | 'leftEye' | 'rightEye' | 'leftBrow' | 'rightBrow' | 'midFrontal' | 'vertex' | 'leftSide' | 'rightSide';

/** Settings of the density brush (view state: strokes record their own copy). */
export interface BrushSettings {
  readonly mode: 'raise' | 'lower' | 'erase';
  readonly radiusMm: number;
  readonly strength: number;
}

/** A message for the user: what happened, in a sentence. */
export interface Notice {
  readonly id: number;
  readonly kind: 'error' | 'info';
  readonly text: string;
}

/** A long job's progress: a fraction done, what it is doing, and how to cancel it (null if it cannot be). */
export interface Progress {
  readonly fraction: number;
  readonly text: string;
  readonly cancel: (() => void) | null;
}

/** View state: never part of the document, never in history. */
export interface ViewState {
  readonly tool: ToolId;
  /** Points placed so far while drawing a new area (image px). */
  readonly draft: readonly ImagePoint[];
  /** Selected area and control point, for keyboard editing and deletion. */
  readonly selection: { readonly areaId: string; readonly pointIndex: number | null } | null;
  /** Points clicked while setting the scale (0–2). */
  readonly calibration: readonly ImagePoint[];
  /** Screen pixels per image pixel. */
  readonly zoom: number;
  /** Image point shown at the canvas's top-left corner. */
  readonly panX: number;
  readonly panY: number;
  /** Whether overlays (outline, handles) are shown. */
  readonly showOverlay: boolean;
  /** Whether landmark guides (heights, eye-corner lines, midline) are shown. */
  readonly showGuides: boolean;
  /** Kind of area the Draw tool makes. */
  readonly drawKind: AreaKind;
  /** Landmark the Landmarks tool places next. */
  readonly landmark: LandmarkId;
  /** Density brush settings. */
  readonly brush: BrushSettings;
  /**
   * Last pointer position over the canvas (image px), for the brush outline; with the Draw area
   * tool, its keyboard cursor (where Space places the next point); null when away or not shown.
   */
  readonly hover: ImagePoint | null;
  /** Before/after split: on or off, and the divider's position as a fraction of the photo's width. */
  readonly compare: { readonly on: boolean; readonly split: number };
  /** The moment of the session plan shown (and exported): session, stage and years. */
  readonly show: ShowState;
  /** Session whose needle, dilution, date and share the Sessions panel edits (1-based). */
  readonly editSession: number;
  /** Client presentation: tools hidden, full screen. */
  readonly presenting: boolean;
  /** Side-by-side strip (before, after each session) over the canvas. */
  readonly strip: boolean;
  /** Whether exported PNGs carry a caption band (client, date, session, density, dilution). */
  readonly captions: boolean;
  /** Paper of the PDF record. */
  readonly paper: 'a4' | 'letter';
  /** Reference patch of the client's stubble for Match existing hair (image px), or null. */
  readonly patch: PixelRect | null;
  /** Patch of bare skin beside the stubble, lit like it, for the shade Match existing hair aims at (image px), or null. */
  readonly barePatch: PixelRect | null;
  /** The consultation step whose controls the side panel shows. */
  readonly step: StepId;
}

/**
 * A view's photo as kept while it is not on screen: what it can be decoded from again (the file's
 * bytes, or a generated photo's pixels) and a small copy for the view strip.
 */
export interface KeptPhoto {
  readonly source: PhotoPixels['source'];
  readonly rgba: Uint8ClampedArray | null;
  readonly thumbnail: ImageBitmap | null;
}

/** Everything the store holds. */
export interface AppState {
  /** The design: every view and the plan they share. */
  readonly document: DesignDocument;
  /** Which view is on screen (index into document.views). */
  readonly viewIndex: number;
  /** The design as the view on screen shows it: always viewDesign(document, viewIndex), set with them. */
  readonly design: Design;
  readonly history: HistoryState;
  readonly view: ViewState;
  /** The photo of the view on screen, decoded (or its thumbnail while it decodes). */
  readonly photo: PhotoPixels | null;
  /** Every view's photo as kept to show it again, by view id (a deleted view's stays, for Undo). */
  readonly photos: ReadonlyMap<string, KeptPhoto>;
  readonly notices: readonly Notice[];
  /** Work in progress the user should wait for (photo import, export), or null. */
  readonly busy: string | null;
  /** How far a long export has got, with its Cancel when it can be cancelled, or null. */
  readonly progress: Progress | null;
  /** Library entry the design on screen was opened from or last kept as (and its client then), or null. */
  readonly libraryEntry: { readonly id: string; readonly client: string } | null;
}

/** The store type used across the app. */
export type AppStore = Mutate<StoreApi<AppState>, [['zustand/subscribeWithSelector', never]]>;

/** Initial view for a photo. */
export const INITIAL_VIEW: ViewState = {
  tool: 'select',
  draft: [],
  selection: null,
  calibration: [],
  zoom: 1,
  panX: 0,
  panY: 0,
  showOverlay: true,
  showGuides: true,
  drawKind: 'hairline',
  landmark: 'glabella',
  brush: { mode: 'raise', radiusMm: 6, strength: 0.3 },
  hover: null,
  compare: { on: false, split: 0.5 },
  // Session MAX_SESSIONS is clamped to the plan: the finished design, whatever its length.
  show: finalShow(MAX_SESSIONS),
  editSession: 1,
  presenting: false,
  strip: false,
  captions: false,
  paper: 'a4',
  patch: null,
  barePatch: null,
  step: 'design',
};

/** A view's photo as kept from its decoded pixels. */
export function keepPhoto(photo: PhotoPixels | null, thumbnail: ImageBitmap | null = null): KeptPhoto {
  return { source: photo?.source ?? null, rgba: photo?.rgba ?? null, thumbnail };
}

/** Creates the store around a first design (of one view, or several) shown from its first view. */
export function createAppStore(first: Design | DesignDocument, photo: PhotoPixels | null = null): AppStore {
  const document = 'views' in first ? first : documentOf(first);
  const design = 'views' in first ? viewDesign(document, 0) : first;
  return createStore<AppState>()(
    subscribeWithSelector(
      (): AppState => ({
        document,
        viewIndex: 0,
        design,
        history: EMPTY_HISTORY,
        view: INITIAL_VIEW,
        photo,
        photos: new Map([[document.views[0]!.id, keepPhoto(photo)]]),
        notices: [],
        busy: null,
        progress: null,
        libraryEntry: null,
      }),
    ),
  );
}
