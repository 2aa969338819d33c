/** Defaults for a new design, in physical units. */
import type { AreaKind, DotParams, Design, Irregularity, Landmarks, NeedleId, PhotoRef } from './types.ts';
import { DOCUMENT_VERSION } from './types.ts';
import { MAX_DENSITY_PER_CM2, minPxPerCmFor } from './limits.ts';
import { defaultSessions } from '../sessions.ts';
import { NO_EDITS } from '../aftercare.ts';

/**
 * Dot defaults: 90 dots/cm² (1.1 mm spacing, "about 1 mm apart" in full work) and a 7 mm transition
 * zone (0.5–1 cm typical). Sources in docs/domain.md.
 */
export const DEFAULT_DOT_PARAMS: DotParams = {
  densityPerCm2: 90,
  transitionMm: 7,
  placementPercent: 100,
};

/** A 1RL 0.25 mm needle, one of the two usual choices (docs/domain.md §1). */
export const DEFAULT_NEEDLE: NeedleId = '1RL-0.25';

/** 8:1, a mid-grey shade: what a file that names no dilution is read with. */
export const DEFAULT_DILUTION = 8;

/** What each kind of area is called and starts with. */
export interface AreaKindInfo {
  readonly label: string;
  readonly densityFactor: number;
  readonly featherMm: number;
  /** Whether new outlines of this kind get hairline edges where they face the forehead. */
  readonly hairline: boolean;
}

/**
 * Area kinds. A thinning area goes among existing hair, so it starts at about half density with a
 * wide soft edge that blends into the hair around it; a crown blends too; scar camouflage keeps a
 * tight edge over the scar; an exclusion zone removes dots under it with a 1 mm margin.
 */
export const AREA_KINDS: Readonly<Record<AreaKind, AreaKindInfo>> = {
  hairline: { label: 'Hairline / full area', densityFactor: 1, featherMm: 1.2, hairline: true },
  crown: { label: 'Crown', densityFactor: 1, featherMm: 6, hairline: false },
  thinning: { label: 'Density among thinning hair', densityFactor: 0.5, featherMm: 8, hairline: false },
  scar: { label: 'Scar camouflage', densityFactor: 1, featherMm: 1, hairline: false },
  exclusion: { label: 'Exclusion zone (keep clear)', densityFactor: 0, featherMm: 1, hairline: false },
};

/** The area kinds in menu order. */
export const AREA_KIND_IDS: readonly AreaKind[] = ['hairline', 'crown', 'thinning', 'scar', 'exclusion'];

/**
 * Irregularity defaults: 3 mm macro waves (about a third of a 7–10 mm transition zone), 0.6 mm
 * micro waves and a few stray dots ahead of the line (docs/domain.md §8: never ruler-straight).
 */
export function defaultIrregularity(seed: number): Irregularity {
  return { macroMm: 3, microMm: 0.6, stray: 0.3, seed: seed >>> 0 };
}

/** No landmarks marked. */
export const NO_LANDMARKS: Landmarks = { glabella: null, leftEye: null, rightEye: null, midFrontal: null, vertex: null, leftSide: null, rightSide: null, leftBrow: null, rightBrow: null };

/**
 * Scale assumed for a photo until the user sets it: the photo's longer side spans 30 cm, about a
 * head and shoulders. Shown with an "uncalibrated" badge.
 */
export function defaultPxPerCm(widthPx: number, heightPx: number): number {
  // A tiny photo (under 60 px) still gets a scale a design can be saved and opened with.
  return Math.max(minPxPerCmFor(widthPx, heightPx, MAX_DENSITY_PER_CM2), defaultSpanScale(widthPx, heightPx));
}

function defaultSpanScale(widthPx: number, heightPx: number): number {
  return Math.max(widthPx, heightPx) / 30;
}

/**
 * A fresh design for a photo, with no areas yet and the default session plan from `startDate`
 * (YYYY-MM-DD; null leaves the sessions unscheduled).
 */
export function newDesign(photo: PhotoRef, seed: number, pxPerCm?: number, startDate: string | null = null): Design {
  return {
    version: DOCUMENT_VERSION,
    client: '',
    seed: seed >>> 0,
    photo,
    scale: { pxPerCm: pxPerCm ?? defaultPxPerCm(photo.widthPx, photo.heightPx), source: pxPerCm !== undefined ? 'ruler' : 'assumed', uncertainty: 0 },
    maxDensityPerCm2: MAX_DENSITY_PER_CM2,
    dots: DEFAULT_DOT_PARAMS,
    areas: [],
    landmarks: NO_LANDMARKS,
    irregularity: defaultIrregularity(seed),
    brush: [],
    sessions: defaultSessions(DEFAULT_NEEDLE, startDate),
    aftercare: NO_EDITS,
  };
}
