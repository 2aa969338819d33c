/**
 * The design document: readonly, JSON-serialisable, versioned. Physical units are in the names.
 * Everything the preview and the export draw is derived from this plus the photo's pixels.
 */
import type { ImagePoint } from '../math/types.ts';

/** Current document version; files with older versions are migrated on open. */
export const DOCUMENT_VERSION = 1;

/** Needle codes the practitioner picks from; the diameter is the needle's, not the healed dot's. */
export type NeedleId = '1RL-0.18' | '1RL-0.20' | '1RL-0.25' | '1RL-0.30' | '3RL-0.18' | '3RL-0.20' | '3RL-0.25' | '3RL-0.30';

/** One closed treatment area drawn on the photo. */
export interface TreatmentArea {
  /** Stable id, unique within the document. */
  readonly id: string;
  /** Control points of the closed outline, image pixels; the drawn outline is a smooth curve through them. */
  readonly points: readonly ImagePoint[];
  /** hairlineEdges[i] is true when the edge from points[i] to points[i+1] (wrapping) is hairline. */
  readonly hairlineEdges: readonly boolean[];
}

/** Dot parameters in the units the practitioner thinks in. */
export interface DotParams {
  /** Target density behind the transition zone, dots per cm². */
  readonly densityPerCm2: number;
  /** Needle used, which sets the dot size. */
  readonly needle: NeedleId;
  /** Dilution as water:pigment parts of water per part pigment (0 = neat pigment). */
  readonly dilutionWaterParts: number;
  /** Width of the soft band behind the hairline over which density ramps up, mm. */
  readonly transitionMm: number;
}

/** Where the photo came from; the pixels themselves are kept outside the document. */
export interface PhotoRef {
  /** 'demo' for the generated demo scalp, 'file' for a user photo. */
  readonly kind: 'demo' | 'file';
  /** File name as the user chose it (for records), or 'demo'. */
  readonly name: string;
  /** Upright width in pixels (after EXIF orientation). */
  readonly widthPx: number;
  /** Upright height in pixels (after EXIF orientation). */
  readonly heightPx: number;
}

/** Scale of the photo: image pixels per centimetre, and whether the user measured it. */
export interface Scale {
  /** Image pixels per centimetre on the scalp. */
  readonly pxPerCm: number;
  /** False until the user sets the scale with two points and a typed distance. */
  readonly calibrated: boolean;
}

/** A complete design. */
export interface Design {
  /** Format version, see DOCUMENT_VERSION. */
  readonly version: number;
  /** Seed for every procedure (dot positions, irregularity noise); same seed, same dots. */
  readonly seed: number;
  /** The photo the design was drawn on. */
  readonly photo: PhotoRef;
  /** Photo scale. */
  readonly scale: Scale;
  /** Highest density any part of the design may reach, dots per cm²; sets the ranked point set. */
  readonly maxDensityPerCm2: number;
  /** Dot parameters. */
  readonly dots: DotParams;
  /** Treatment areas, drawn in order. */
  readonly areas: readonly TreatmentArea[];
}
