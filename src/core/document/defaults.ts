/** Defaults for a new design, in physical units. */
import type { DotParams, Design, PhotoRef } from './types.ts';
import { DOCUMENT_VERSION } from './types.ts';
import { MAX_DENSITY_PER_CM2 } from './limits.ts';

/**
 * Dot defaults: 90 dots/cm² (1.1 mm spacing, "about 1 mm apart" in full work), a 1RL 0.25 mm needle
 * (a usual choice), 8:1 dilution (a mid-grey first-session shade), a 7 mm transition zone
 * (0.5–1 cm typical). Sources in shared/research/domain.md §2.
 */
export const DEFAULT_DOT_PARAMS: DotParams = {
  densityPerCm2: 90,
  needle: '1RL-0.25',
  dilutionWaterParts: 8,
  transitionMm: 7,
};

/**
 * Scale assumed for a photo until the user sets it: the photo's longer side spans 30 cm, about a
 * head and shoulders. Shown with an "uncalibrated" badge.
 */
export function defaultPxPerCm(widthPx: number, heightPx: number): number {
  return Math.max(widthPx, heightPx) / 30;
}

/** A fresh design for a photo, with no areas yet. */
export function newDesign(photo: PhotoRef, seed: number, pxPerCm?: number): Design {
  return {
    version: DOCUMENT_VERSION,
    seed: seed >>> 0,
    photo,
    scale: { pxPerCm: pxPerCm ?? defaultPxPerCm(photo.widthPx, photo.heightPx), calibrated: pxPerCm !== undefined },
    maxDensityPerCm2: MAX_DENSITY_PER_CM2,
    dots: DEFAULT_DOT_PARAMS,
    areas: [],
  };
}
