/**
 * The design document: readonly, JSON-serialisable, versioned. Physical units are in the names.
 *
 * A design (DesignDocument) holds one to MAX_VIEWS views of the head, each a photo with its own
 * scale, landmarks, areas, brush strokes and seed, and one plan shared by every view: density and
 * dot parameters, irregularity, the sessions (needles, dilutions, dates) and the aftercare plan.
 * `Design` is that design as one view shows it, the shared plan with the view's own parts: it is
 * what the preview, the tools and an image export work with (core/document/views.ts).
 */
import type { ImagePoint } from '../math/types.ts';
import type { AftercareEdits } from '../aftercare.ts';

/** Current document version; files with older versions are migrated on open. */
export const DOCUMENT_VERSION = 6;

/** Most views one design holds. */
export const MAX_VIEWS = 6;

/** Needle codes the practitioner picks from; the diameter is the needle's, not the healed dot's. */
export type NeedleId = '1RL-0.18' | '1RL-0.20' | '1RL-0.25' | '1RL-0.30' | '3RL-0.18' | '3RL-0.20' | '3RL-0.25' | '3RL-0.30';

/**
 * What an area is for: the full/hairline area, the crown, density among thinning hair, scar
 * camouflage, or an exclusion zone kept clear of dots (a mole, existing hair to keep).
 */
export type AreaKind = 'hairline' | 'crown' | 'thinning' | 'scar' | 'exclusion';

/** One closed treatment area drawn on the photo. */
export interface TreatmentArea {
  /** Stable id, unique within the document. */
  readonly id: string;
  /** Control points of the closed outline, image pixels; the drawn outline is a smooth curve through them. */
  readonly points: readonly ImagePoint[];
  /** hairlineEdges[i] is true when the edge from points[i] to points[i+1] (wrapping) is hairline. */
  readonly hairlineEdges: readonly boolean[];
  /** What the area is for. */
  readonly kind: AreaKind;
  /** Multiplies the design's density inside the area (an exclusion removes dots whatever it says). */
  readonly densityFactor: number;
  /** Soft edge where the area meets skin or hair that is not a hairline edge, mm. */
  readonly featherMm: number;
  /**
   * Mirror editing about the design's midline: points[(n - i) % n] is the mirror image of points[i],
   * and points 0 and n/2 lie on the midline. Editing one side moves the other.
   */
  readonly mirrored: boolean;
  /**
   * Whether this area's cm² and dots count towards the design's totals (version 6). Two views can
   * show the same skin; the practitioner leaves it counted in one of them only.
   */
  readonly counted: boolean;
}

/**
 * Facial and head landmarks, image pixels, each null until marked. On a front photo: the glabella
 * (between the eyebrows) and the outer corners of the eyes; on a top photo: the mid-frontal point
 * of the hairline, the vertex (the crown's centre) and the two sides of the head (the widest points
 * of its outline, over the ears), which give its breadth. They place guides and templates.
 */
export interface Landmarks {
  readonly glabella: ImagePoint | null;
  readonly leftEye: ImagePoint | null;
  readonly rightEye: ImagePoint | null;
  readonly midFrontal: ImagePoint | null;
  readonly vertex: ImagePoint | null;
  /** Widest point of the head's outline on the image's left, top photo (version 4). */
  readonly leftSide: ImagePoint | null;
  /** Widest point of the head's outline on the image's right, top photo (version 4). */
  readonly rightSide: ImagePoint | null;
  /** Peak of the eyebrow on the image's left, front photo (version 5): read from the face, or placed by hand. */
  readonly leftBrow: ImagePoint | null;
  /** Peak of the eyebrow on the image's right, front photo (version 5). */
  readonly rightBrow: ImagePoint | null;
}

/**
 * Irregularity of hairline edges, from seeded noise: macro waves of about two centimetres, micro
 * waves of a few millimetres, and stray dots ahead of the line. Amplitudes in mm.
 */
export interface Irregularity {
  readonly macroMm: number;
  readonly microMm: number;
  /** Stray dots ahead of the line, 0 (none) to 1 (many). */
  readonly stray: number;
  /** Seed of the irregularity noise; "Reseed" changes it and nothing else. */
  readonly seed: number;
}

/** One point of a brush stroke, image pixels, with pen pressure 0..1 (1 for mouse and touch). */
export interface BrushPoint {
  readonly x: number;
  readonly y: number;
  readonly pressure: number;
}

/** A density brush stroke: raises or lowers density inside areas, or erases earlier strokes. */
export interface BrushStroke {
  readonly mode: 'raise' | 'lower' | 'erase';
  /** Brush radius, mm; the edge is soft over the outer half. */
  readonly radiusMm: number;
  /** Change at the centre at full pressure: 0.5 raises density by half, lowers it by half. */
  readonly strength: number;
  readonly points: readonly BrushPoint[];
}

/**
 * Dot parameters of the finished design, in the units the practitioner thinks in. The needle and
 * the dilution belong to each session (see Session).
 */
export interface DotParams {
  /** Target density behind the transition zone, dots per cm². */
  readonly densityPerCm2: number;
  /** Width of the soft band behind the hairline over which density ramps up, mm. */
  readonly transitionMm: number;
  /** How far dots sit from an even pattern towards a hand's placement, % (100 = as real work measures). */
  readonly placementPercent: number;
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

/**
 * Where a scale came from: assumed from the photo's size; measured with a ruler (two points a typed
 * distance apart); or read from the client's irises, or from the distance between the pupils.
 */
export type ScaleSource = 'assumed' | 'ruler' | 'iris' | 'pupils';

/** Scale of the photo: image pixels per centimetre, where it came from, and how sure it is. */
export interface Scale {
  /** Image pixels per centimetre on the scalp. */
  readonly pxPerCm: number;
  /** 'assumed' until the user sets the scale or accepts one read from the face (version 5; before, a boolean `calibrated`). */
  readonly source: ScaleSource;
  /** One standard deviation as a fraction (0.04 = ±4 %) for a scale read from the eyes; 0 otherwise. */
  readonly uncertainty: number;
}

/** Whether the scale was measured (by a ruler or from the eyes) rather than assumed. */
export function isMeasured(scale: Scale): boolean {
  return scale.source !== 'assumed';
}

/**
 * One treatment session: when, how much of the final density it places, and with which pigment
 * dilution and needle. Session k owns the rank band between the cumulative shares of sessions
 * before it and up to it (docs/design-notes.md, "Sessions in the shader"), so later sessions fill the gaps of earlier ones.
 */
export interface Session {
  /** Calendar date, YYYY-MM-DD, or null while not scheduled. */
  readonly date: string | null;
  /** Share of the final density, percent (the plan's shares are read relative to their sum). */
  readonly sharePercent: number;
  /** Dilution as water:pigment, parts of water per part pigment (0 = neat pigment). */
  readonly dilutionWaterParts: number;
  /** Needle used in this session, which sets its dots' size. */
  readonly needle: NeedleId;
}

/** A design as one of its views shows it: the shared plan with that view's photo and drawing. */
export interface Design {
  /** Format version, see DOCUMENT_VERSION. */
  readonly version: number;
  /** The client's name as the clinic records it ('' until typed); shown on records and captions. */
  readonly client: string;
  /** Seed of this view's dot positions; same seed, same dots. */
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
  /** Landmarks for guides, templates and measurements. */
  readonly landmarks: Landmarks;
  /** Irregularity of hairline edges. */
  readonly irregularity: Irregularity;
  /** Density brush strokes, applied in order over the areas. */
  readonly brush: readonly BrushStroke[];
  /** The session plan, 1–4 sessions in date order. */
  readonly sessions: readonly Session[];
  /** The clinic's edits of the aftercare plan (changed, removed and added lines); the plan itself follows the session dates. */
  readonly aftercare: AftercareEdits;
}

/** Which side of the head a view shows. */
export type ViewName = 'front' | 'top' | 'left' | 'right' | 'back' | 'other';

/** One photo of the head in a design, with everything drawn on it. */
export interface DesignView {
  /** Stable id, unique within the design. */
  readonly id: string;
  /** Which side of the head it shows. */
  readonly name: ViewName;
  /** The practitioner's own name for it ('' to go by `name`), e.g. "Crown, close". */
  readonly label: string;
  /** Seed of this view's dot positions: adding or changing another view moves none of its dots. */
  readonly seed: number;
  readonly photo: PhotoRef;
  readonly scale: Scale;
  readonly landmarks: Landmarks;
  /** Treatment areas on this view's photo, drawn in order. */
  readonly areas: readonly TreatmentArea[];
  /** Density brush strokes on this view's photo, applied in order over its areas. */
  readonly brush: readonly BrushStroke[];
}

/** A complete design: one plan over one to MAX_VIEWS views. */
export interface DesignDocument {
  /** Format version, see DOCUMENT_VERSION. */
  readonly version: number;
  /** The client's name as the clinic records it ('' until typed). */
  readonly client: string;
  /** Highest density any part of the design may reach, dots per cm²; sets every view's ranked point set. */
  readonly maxDensityPerCm2: number;
  readonly dots: DotParams;
  readonly irregularity: Irregularity;
  /** The session plan, 1–4 sessions in date order, shared by every view. */
  readonly sessions: readonly Session[];
  readonly aftercare: AftercareEdits;
  /** The views, in the order the practitioner set; at least one. */
  readonly views: readonly DesignView[];
}
