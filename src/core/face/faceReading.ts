/**
 * Reading a front photo from what a face model saw: the scale from the irises, the landmarks the
 * hairline tools use, and a proposed hairline height from the face's thirds. Pure: the model runs
 * elsewhere (workers/face.worker.ts) and hands over its mesh in image pixels, with each iris fitted
 * on the photo's pixels (irisFit.ts).
 *
 * Scale. The visible iris of adults measures 11.71 ± 0.42 mm across (white to white; Rüfer et al.,
 * Cornea 2005), a spread of 3.6 %, tighter than that of the distance between the pupils (adults
 * 63 ± 3.6 mm, 5.7 %, over a range of about 50–75 mm). So the iris gives the scale when it is
 * visible and the pupils' distance only when it is not. A head turned sideways shortens both
 * horizontally: beyond TURNED_DEG the more frontal iris alone is used and the reading says so;
 * beyond TOO_TURNED_DEG no scale is read at all.
 *
 * Mesh points used (the 468-point face mesh, indices as the model numbers them):
 * - the glabella, between the eyebrows at their height: halfway between 9 (level with the brows'
 *   upper edges) and 8 (level with their lower edges);
 * - the outer corners of the eyes (lateral canthi): 130 and 359, the outer ends of the ring just
 *   outside the lid margins. On generated faces of known geometry they fell within 1.1 mm of the
 *   drawn corners, where the lid margins' own ends (33, 263) stopped about 2 mm short, inside the
 *   eye; on real portraits both sit at the corner;
 * - 2 under the nose (subnasale), and the upper edge of each eyebrow for its peak.
 */
import { imagePoint, type ImagePoint } from '../math/types.ts';
import type { IrisCircle } from './irisFit.ts';

/** Visible iris diameter of adults, mm (white to white), and its standard deviation. */
export const IRIS_DIAMETER_MM = 11.7;
export const IRIS_DIAMETER_SD_MM = 0.42;
/** Distance between the pupils of adults looking ahead, mm, and its standard deviation. */
export const PUPIL_DISTANCE_MM = 63;
export const PUPIL_DISTANCE_SD_MM = 3.6;
/** Beyond this yaw (degrees) the two irises differ in width: the more frontal one is used. */
export const TURNED_DEG = 12;
/** Beyond this yaw no scale is read from the eyes. */
export const TOO_TURNED_DEG = 30;
/** Two fitted irises farther apart in size than this fraction are taken to disagree. */
export const IRISES_AGREE = 0.08;
/**
 * Adults' outer eye corners are about 8–10 cm apart (the biocular width in anthropometric norms:
 * about 9 cm, a few millimetres either way between sexes and peoples). A scale that puts them
 * outside this band, wider still, is doubted aloud: glasses enlarge or shrink the irises behind
 * them, and a fit can catch the wrong edge.
 */
export const EYE_CORNERS_CM = { min: 7.5, max: 10.5 } as const;
/** A proposed hairline is kept between these heights above the glabella, cm (docs/domain.md §8). */
export const HAIRLINE_HEIGHT_CM = { min: 7, max: 10 } as const;

/** Mesh indices. */
const GLABELLA_BETWEEN = [9, 8] as const;
const OUTER_CORNERS = [130, 359] as const;
const SUBNASALE = 2;
/** Upper edge of each eyebrow, outer to inner. */
const BROW_UPPER = [
  [70, 63, 105, 66, 107],
  [300, 293, 334, 296, 336],
] as const;

/** One iris as the model placed it (centre, radius) and as fitted on the pixels (null when the fit failed). */
export interface IrisObservation {
  readonly x: number;
  readonly y: number;
  readonly radiusPx: number;
  readonly fit: IrisCircle | null;
}

/** One face as the model saw it, in the photo's pixels. */
export interface FaceObservation {
  /** Detector confidence 0–1. */
  readonly score: number;
  readonly box: { readonly x: number; readonly y: number; readonly w: number; readonly h: number };
  /** The face mesh, [x, y] per point, image px. */
  readonly mesh: readonly (readonly [number, number])[];
  /** The two irises (in either order), null where the model found none. */
  readonly irises: readonly (IrisObservation | null)[];
  /** Head turn left/right, degrees (0 facing the camera). */
  readonly yawDeg: number;
}

/** Where the scale came from. */
export type FaceScaleSource = 'iris' | 'pupils';

/** A scale read from the eyes. */
export interface FaceScale {
  readonly pxPerCm: number;
  readonly source: FaceScaleSource;
  /** One standard deviation, as a fraction (0.04 = ±4 %). */
  readonly uncertainty: number;
  /** How many irises it rests on (0 for the pupils). */
  readonly irises: number;
}

/** The landmarks a front photo needs, image px; the eyes by image side. */
export interface FaceLandmarks {
  readonly glabella: ImagePoint;
  readonly leftEye: ImagePoint;
  readonly rightEye: ImagePoint;
  readonly leftBrowPeak: ImagePoint;
  readonly rightBrowPeak: ImagePoint;
}

/** The proposed height of the hairline's mid-frontal point above the glabella. */
export interface HairlineProposal {
  readonly heightCm: number;
  /** The face's middle third (glabella to subnasale), cm: the height a hairline on the thirds has. */
  readonly middleThirdCm: number;
  /** Whether the thirds fell outside HAIRLINE_HEIGHT_CM and the height was held at its edge. */
  readonly clamped: 'low' | 'high' | null;
}

/** What was read from one face. */
export interface FaceReading {
  /** Null when the eyes could not give one (too turned, closed, too small). */
  readonly scale: FaceScale | null;
  readonly landmarks: FaceLandmarks;
  /** Roll of the head: the eye line's angle to the image's horizontal, degrees, clockwise. */
  readonly rollDeg: number;
  /** Null without a scale (a height in cm needs one). */
  readonly proposal: HairlineProposal | null;
  /** Plain sentences on what to be careful of. */
  readonly warnings: readonly string[];
}

function point(mesh: FaceObservation['mesh'], i: number): ImagePoint {
  const p = mesh[i];
  if (!p) throw new RangeError(`The face mesh has no point ${i}`);
  return imagePoint(p[0], p[1]);
}

/** Distance between the iris centres, px: the pupils' distance. */
function pupilDistancePx(irises: readonly IrisObservation[]): number | null {
  if (irises.length < 2) return null;
  const [a, b] = irises as [IrisObservation, IrisObservation];
  return Math.hypot((a.fit?.x ?? a.x) - (b.fit?.x ?? b.x), (a.fit?.y ?? a.y) - (b.fit?.y ?? b.y));
}

/** The scale from the irises (fitted ones only) or else the pupils; null and a warning when neither will do. */
function readScale(face: FaceObservation, warnings: string[]): FaceScale | null {
  const turned = Math.abs(face.yawDeg);
  if (turned > TOO_TURNED_DEG) {
    warnings.push(`The head is turned ${Math.round(turned)}° from the camera, so the eyes look narrower than they are: no scale was read. Take the photo facing the camera, or set the scale with a ruler.`);
    return null;
  }
  const irises = face.irises.filter((i): i is IrisObservation => i !== null);
  let fits = irises.map((i) => i.fit).filter((f): f is IrisCircle => f !== null);
  // One person's irises are alike: when two fits differ, one caught something else (a lid, a
  // reflection), and the one that follows its circle more closely is kept.
  if (fits.length === 2 && Math.abs(fits[0]!.radiusPx / fits[1]!.radiusPx - 1) > IRISES_AGREE) {
    fits = [fits.reduce((a, b) => (a.rmsPx / a.radiusPx <= b.rmsPx / b.radiusPx ? a : b))];
    warnings.push('The two irises did not measure alike: the clearer one was used.');
  }
  const fitted = fits.map((f) => 2 * f.radiusPx);
  const irisSpread = IRIS_DIAMETER_SD_MM / IRIS_DIAMETER_MM;
  if (fitted.length > 0) {
    // Turned a little: the iris nearer the camera is the wider and the truer one.
    const used = turned > TURNED_DEG ? [Math.max(...fitted)] : fitted;
    if (turned > TURNED_DEG) warnings.push(`The head is turned ${Math.round(turned)}° from the camera: the scale comes from the more frontal iris alone.`);
    const diameterPx = used.reduce((s, d) => s + d, 0) / used.length;
    // Two fits of one person's eyes agree to their fitting error; the person's iris varies as people do.
    const fitError = used.length === 2 ? Math.abs(used[0]! - used[1]!) / (2 * diameterPx) : 0.01;
    return { pxPerCm: diameterPx / (IRIS_DIAMETER_MM / 10), source: 'iris', uncertainty: Math.hypot(irisSpread, fitError), irises: used.length };
  }
  const pupils = pupilDistancePx(irises);
  if (pupils !== null && turned <= TURNED_DEG) {
    warnings.push('The edges of the irises could not be seen (eyes closed, glare or glasses?): the scale comes from the distance between the pupils, which varies more from person to person.');
    return { pxPerCm: pupils / (PUPIL_DISTANCE_MM / 10), source: 'pupils', uncertainty: PUPIL_DISTANCE_SD_MM / PUPIL_DISTANCE_MM, irises: 0 };
  }
  warnings.push('The eyes could not be measured: set the scale with a ruler or two marks a known distance apart.');
  return null;
}

/** The highest point of an eyebrow's upper edge, square to the eye line. */
function browPeak(mesh: FaceObservation['mesh'], indices: readonly number[], up: { x: number; y: number }): ImagePoint {
  let best = point(mesh, indices[0]!);
  for (const i of indices) {
    const p = point(mesh, i);
    if (p.x * up.x + p.y * up.y > best.x * up.x + best.y * up.y) best = p;
  }
  return best;
}

/** Reads one face. */
export function readFace(face: FaceObservation): FaceReading {
  const warnings: string[] = [];
  const mesh = face.mesh;
  const corners = OUTER_CORNERS.map((i) => point(mesh, i)).sort((a, b) => a.x - b.x) as [ImagePoint, ImagePoint];
  const [leftEye, rightEye] = corners;
  const ex = rightEye.x - leftEye.x;
  const ey = rightEye.y - leftEye.y;
  const eyeLine = Math.hypot(ex, ey);
  // Up the face, square to the eye line (towards the top of the image).
  const up = { x: ey / eyeLine, y: -ex / eyeLine };
  const [browTop, browBottom] = GLABELLA_BETWEEN.map((i) => point(mesh, i)) as [ImagePoint, ImagePoint];
  const glabella = imagePoint((browTop.x + browBottom.x) / 2, (browTop.y + browBottom.y) / 2);
  const brows = BROW_UPPER.map((b) => browPeak(mesh, b, up)).sort((a, b) => a.x - b.x) as [ImagePoint, ImagePoint];
  const landmarks: FaceLandmarks = { glabella, leftEye, rightEye, leftBrowPeak: brows[0], rightBrowPeak: brows[1] };
  const scale = readScale(face, warnings);
  if (scale) {
    // Across a turned face, the corners look closer than they are.
    const spanCm = eyeLine / Math.cos((Math.min(Math.abs(face.yawDeg), TOO_TURNED_DEG) * Math.PI) / 180) / scale.pxPerCm;
    if (spanCm < EYE_CORNERS_CM.min || spanCm > EYE_CORNERS_CM.max) {
      warnings.push(`At this scale the outer corners of the eyes are ${spanCm.toFixed(1)} cm apart, where adults' are about 8–10 cm: glasses (which make the eyes look larger or smaller) or a wrong fit may have misled the reading. Check the scale with a ruler.`);
    }
  }
  let proposal: HairlineProposal | null = null;
  if (scale) {
    const sub = point(mesh, SUBNASALE);
    const middleThirdCm = ((glabella.x - sub.x) * up.x + (glabella.y - sub.y) * up.y) / scale.pxPerCm;
    const heightCm = Math.min(HAIRLINE_HEIGHT_CM.max, Math.max(HAIRLINE_HEIGHT_CM.min, middleThirdCm));
    const clamped = middleThirdCm < HAIRLINE_HEIGHT_CM.min ? 'low' : middleThirdCm > HAIRLINE_HEIGHT_CM.max ? 'high' : null;
    proposal = { heightCm, middleThirdCm, clamped };
  }
  return { scale, landmarks, rollDeg: (Math.atan2(ey, ex) * 180) / Math.PI, proposal, warnings };
}

/** The proposal in words, with its numbers, e.g. "Hairline 8.1 cm above the glabella (one third of the face's height: 8.1 cm)". */
export function describeProposal(p: HairlineProposal): string {
  const third = `${p.middleThirdCm.toFixed(1)} cm`;
  if (p.clamped === 'low') return `Hairline ${p.heightCm.toFixed(1)} cm above the glabella: one third of the face's height is ${third}, below the usual ${HAIRLINE_HEIGHT_CM.min}–${HAIRLINE_HEIGHT_CM.max} cm, so the lowest usual height is proposed.`;
  if (p.clamped === 'high') return `Hairline ${p.heightCm.toFixed(1)} cm above the glabella: one third of the face's height is ${third}, above the usual ${HAIRLINE_HEIGHT_CM.min}–${HAIRLINE_HEIGHT_CM.max} cm, so the highest usual height is proposed.`;
  return `Hairline ${p.heightCm.toFixed(1)} cm above the glabella (one third of the face's height: ${third}).`;
}

/** The scale in words, with where it came from and how sure it is, e.g. "42.3 px/cm from both irises (±4 %)". */
export function describeFaceScale(s: FaceScale): string {
  const pct = `±${Math.max(1, Math.round(s.uncertainty * 100))} %`;
  const from = s.source === 'pupils' ? 'the distance between the pupils' : s.irises === 2 ? 'both irises' : 'one iris';
  return `${s.pxPerCm.toFixed(1)} px/cm from ${from} (${pct})`;
}

/** Eye corners closer than this in the photo, px, leave too few pixels on the iris to measure. */
export const MIN_EYE_SPAN_PX = 120;

/** The faces largest first: the client's is nearly always the largest; others are people behind or reflections. */
export function facesBySize(faces: readonly FaceObservation[]): FaceObservation[] {
  return [...faces].sort((a, b) => b.box.w * b.box.h - a.box.w * a.box.h);
}

/**
 * The face to read from what the model saw (the `index`-th largest, the largest by default), or a
 * sentence when there is none to read.
 */
export function chooseFace(faces: readonly FaceObservation[], index = 0): { readonly face: FaceObservation; readonly note: string } | { readonly problem: string } {
  if (faces.length === 0) {
    return { problem: 'No face was found in this photo. A top, side or back view has none to read: set the scale with a ruler or two marks instead.' };
  }
  const face = facesBySize(faces)[Math.min(Math.max(0, index), faces.length - 1)]!;
  const [l, r] = OUTER_CORNERS.map((i) => point(face.mesh, i)) as [ImagePoint, ImagePoint];
  const span = Math.hypot(r.x - l.x, r.y - l.y);
  if (span < MIN_EYE_SPAN_PX) {
    return { problem: `The face is too small in this photo to read (its eyes span ${Math.round(span)} px; at least ${MIN_EYE_SPAN_PX} are needed): take the photo closer, or set the scale with a ruler.` };
  }
  const note = faces.length > 1 ? `${faces.length} faces were found: choose which one is the client's.` : '';
  return { face, note };
}

/** Where a face is across the photo, in words: "on the left", "in the middle", "on the right". */
export function facePlace(face: FaceObservation, photoWidthPx: number): string {
  const c = (face.box.x + face.box.w / 2) / photoWidthPx;
  return c < 0.4 ? 'on the left' : c > 0.6 ? 'on the right' : 'in the middle';
}
