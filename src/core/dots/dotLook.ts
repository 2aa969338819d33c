/** What the dot parameters of a design mean for drawing: threshold, radius in pixels, pigment strength. */
import { centreOpticalDensity, drawnDotRadiusMm } from '../appearance.ts';
import type { Design } from '../document/types.ts';
import { mmToPx } from '../units.ts';

/** Drawing parameters derived from a design (no view state). */
export interface DotLook {
  /** Rank threshold at full field strength: density / max density. */
  readonly threshold: number;
  /** Mean radius a healed dot is drawn to (its soft halo included), image px. */
  readonly radiusPx: number;
  /** Optical density at a dot's centre. */
  readonly centreOD: number;
}

/** Derives the drawing parameters. */
export function dotLook(design: Design): DotLook {
  return {
    threshold: Math.min(1, design.dots.densityPerCm2 / design.maxDensityPerCm2),
    radiusPx: mmToPx(drawnDotRadiusMm(design.dots.needle), design.scale.pxPerCm),
    centreOD: centreOpticalDensity(design.dots.dilutionWaterParts),
  };
}
