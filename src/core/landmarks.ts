/**
 * Landmarks to frames, guides and measurements.
 *
 * A face frame turns centimetres into image pixels: on a front photo its origin is the glabella,
 * x runs along the line through the outer eye corners (towards the image's right) and y up the
 * forehead, square to it. On a top photo the origin is the mid-frontal point and y runs back
 * towards the vertex. The midline is the frame's y axis. Guides (hairline heights above the
 * glabella, the lines through the eye corners, the midline) and measurements (hairline height and
 * width, left/right difference) are computed here, in cm and mm.
 *
 * Over 300 lines as one file: frames, guides and measurements are all the same frame arithmetic
 * applied to the same landmarks, front and top.
 */
import { smoothOutline } from './areas.ts';
import type { Design, TreatmentArea } from './document/types.ts';
import { imagePoint, type ImagePoint } from './math/types.ts';
import { polygonArea, type XY } from './math/polygon.ts';
import { MM_PER_CM, px2ToCm2 } from './units.ts';

/** Half the distance between the outer eye corners assumed when they are not marked, cm. */
export const DEFAULT_EYE_HALF_SPAN_CM = 4.6;

/**
 * Breadth of the head seen from above assumed when its sides are not marked, cm: adults measure
 * about 14–16.5 cm across (women nearer the low end); 15 cm errs by under 10 % for most heads.
 */
export const DEFAULT_HEAD_BREADTH_CM = 15;

/** Half the length of the front view's hairline guide on a top view, cm either side of the midline. */
const FRONT_GUIDE_HALF_CM = 4;

/** Heights above the glabella at which guide lines are drawn, cm (docs/domain.md §8: 7–10 cm). */
export const GUIDE_HEIGHTS_CM: readonly number[] = [7, 8, 10];

/** A line in the image: a point on it and a unit direction. */
export interface Line {
  readonly origin: XY;
  readonly dir: XY;
}

/** An orthonormal frame in image pixels, with the scale to centimetres. */
export interface FaceFrame {
  /** Origin, image pixels. */
  readonly origin: XY;
  /** Unit vector of +x (towards the image's right along the eye line). */
  readonly u: XY;
  /** Unit vector of +y (up the forehead on a front photo, back towards the vertex on a top photo). */
  readonly v: XY;
  readonly pxPerCm: number;
  /** Which photo the frame was made for. */
  readonly view: 'front' | 'top';
}

function unit(x: number, y: number): XY {
  const l = Math.hypot(x, y);
  return l > 0 ? { x: x / l, y: y / l } : { x: 0, y: -1 };
}

/** Image point of frame coordinates (cm). */
export function toImage(f: FaceFrame, xCm: number, yCm: number): ImagePoint {
  return imagePoint(f.origin.x + (f.u.x * xCm + f.v.x * yCm) * f.pxPerCm, f.origin.y + (f.u.y * xCm + f.v.y * yCm) * f.pxPerCm);
}

/** Frame coordinates (cm) of an image point. */
export function toFrame(f: FaceFrame, p: XY): { x: number; y: number } {
  const dx = p.x - f.origin.x;
  const dy = p.y - f.origin.y;
  return { x: (dx * f.u.x + dy * f.u.y) / f.pxPerCm, y: (dx * f.v.x + dy * f.v.y) / f.pxPerCm };
}

/**
 * The front frame from the glabella and, when marked, the outer eye corners (which set the tilt);
 * null without a glabella.
 */
export function frontFrame(design: Design): FaceFrame | null {
  const { glabella, leftEye, rightEye } = design.landmarks;
  if (!glabella) return null;
  // The eye line runs from the image-left corner to the image-right one; "up" is square to it.
  const u = leftEye && rightEye ? unit(rightEye.x - leftEye.x, rightEye.y - leftEye.y) : { x: 1, y: 0 };
  return { origin: glabella, u, v: { x: u.y, y: -u.x }, pxPerCm: design.scale.pxPerCm, view: 'front' };
}

/** The top frame from the mid-frontal point and, when marked, the vertex; null without the former. */
export function topFrame(design: Design): FaceFrame | null {
  const { midFrontal, vertex } = design.landmarks;
  if (!midFrontal) return null;
  const v = vertex ? unit(vertex.x - midFrontal.x, vertex.y - midFrontal.y) : { x: 0, y: -1 };
  return { origin: midFrontal, u: { x: -v.y, y: v.x }, v, pxPerCm: design.scale.pxPerCm, view: 'top' };
}

/** Which way a photo looks at the head, as its landmarks tell: 'unknown' with none, or with both kinds. */
export type PhotoView = 'front' | 'top' | 'unknown';

/**
 * The view of the photo from its landmarks: front when only the glabella or eye corners are marked,
 * top when only the mid-frontal point, vertex or sides of the head are.
 */
export function photoView(design: Design): PhotoView {
  const { glabella, leftEye, rightEye, leftBrow, rightBrow, midFrontal, vertex, leftSide, rightSide } = design.landmarks;
  const front = Boolean(glabella || leftEye || rightEye || leftBrow || rightBrow);
  const top = Boolean(midFrontal || vertex || leftSide || rightSide);
  return front === top ? 'unknown' : front ? 'front' : 'top';
}

/**
 * The midline mirror editing reflects about: the front frame's, else the top frame's, else the
 * vertical through the middle of the photo.
 */
export function midline(design: Design): Line {
  const f = frontFrame(design) ?? topFrame(design);
  if (f) return { origin: f.origin, dir: f.v };
  return { origin: { x: design.photo.widthPx / 2, y: design.photo.heightPx / 2 }, dir: { x: 0, y: -1 } };
}

/** Mirror image of a point about a line. */
export function mirrorPoint(p: XY, line: Line): ImagePoint {
  const dx = p.x - line.origin.x;
  const dy = p.y - line.origin.y;
  const along = dx * line.dir.x + dy * line.dir.y;
  const fx = line.origin.x + along * line.dir.x;
  const fy = line.origin.y + along * line.dir.y;
  return imagePoint(2 * fx - p.x, 2 * fy - p.y);
}

/** Signed distance from a line, px: positive on the image's right of the midline for an upward line. */
export function sideOf(p: XY, line: Line): number {
  return (p.x - line.origin.x) * -line.dir.y + (p.y - line.origin.y) * line.dir.x;
}

/** A guide line to draw, image pixels, with its label. */
export interface Guide {
  readonly id: string;
  readonly label: string;
  readonly a: ImagePoint;
  readonly b: ImagePoint;
}

/** Clips segment a–b to the rectangle [0, w] × [0, h] (Liang–Barsky); null when it misses. */
function clipToPhoto(a: ImagePoint, b: ImagePoint, w: number, h: number): [ImagePoint, ImagePoint] | null {
  let t0 = 0;
  let t1 = 1;
  const dx = b.x - a.x;
  const dy = b.y - a.y;
  for (const [p, q] of [[-dx, a.x], [dx, w - a.x], [-dy, a.y], [dy, h - a.y]] as const) {
    if (p === 0) {
      if (q < 0) return null;
      continue;
    }
    const r = q / p;
    if (p < 0) t0 = Math.max(t0, r);
    else t1 = Math.min(t1, r);
    if (t0 > t1) return null;
  }
  return [imagePoint(a.x + t0 * dx, a.y + t0 * dy), imagePoint(a.x + t1 * dx, a.y + t1 * dy)];
}

/**
 * Guides for the design's landmarks, clipped to the photo: heights above the glabella, eye-corner
 * lines and the midline; on a top view, the front view's hairline height (`frontHeightCm`, cm above
 * the glabella there) through the mid-frontal point, where that hairline meets the midline.
 */
export function guides(design: Design, frontHeightCm: number | null = null): Guide[] {
  const { widthPx, heightPx } = design.photo;
  return unclippedGuides(design, frontHeightCm).flatMap((g) => {
    const c = clipToPhoto(g.a, g.b, widthPx, heightPx);
    return c ? [{ ...g, a: c[0], b: c[1] }] : [];
  });
}

function unclippedGuides(design: Design, frontHeightCm: number | null): Guide[] {
  const out: Guide[] = [];
  const span = Math.hypot(design.photo.widthPx, design.photo.heightPx) / design.scale.pxPerCm;
  const front = frontFrame(design);
  if (front) {
    const half = halfEyeSpanCm(design, front);
    for (const h of GUIDE_HEIGHTS_CM) {
      out.push({ id: `height-${h}`, label: `${h} cm above glabella`, a: toImage(front, -half - 4, h), b: toImage(front, half + 4, h) });
    }
    for (const [id, eye, name] of [['eye-left', design.landmarks.leftEye, 'left'], ['eye-right', design.landmarks.rightEye, 'right']] as const) {
      const x = eye ? toFrame(front, eye).x : id === 'eye-left' ? -half : half;
      out.push({ id, label: `Outer eye corner line (${name})`, a: toImage(front, x, -2), b: toImage(front, x, 14) });
    }
    out.push({ id: 'midline', label: 'Facial midline', a: toImage(front, 0, -span), b: toImage(front, 0, span) });
    return out;
  }
  const top = topFrame(design);
  if (top) out.push({ id: 'midline', label: 'Midline', a: toImage(top, 0, -span), b: toImage(top, 0, span) });
  if (top && frontHeightCm !== null) {
    out.push({ id: 'front-hairline', label: `Front view's hairline, ${frontHeightCm.toFixed(1)} cm above the glabella`, a: toImage(top, -FRONT_GUIDE_HALF_CM, 0), b: toImage(top, FRONT_GUIDE_HALF_CM, 0) });
  }
  const { leftSide, rightSide } = design.landmarks;
  if (top && leftSide && rightSide) {
    out.push({ id: 'breadth', label: `Head breadth ${headBreadth(design, top).cm.toFixed(1)} cm`, a: leftSide, b: rightSide });
  }
  return out;
}

/** The head's breadth on a top photo, cm, and whether its sides are marked. */
export interface HeadBreadth {
  readonly cm: number;
  readonly marked: boolean;
}

/**
 * The head's breadth across the midline of a top photo: between the two sides of the head when both
 * are marked, twice one side's distance from the midline when only one is, else the average head.
 */
export function headBreadth(design: Design, top: FaceFrame): HeadBreadth {
  const { leftSide, rightSide } = design.landmarks;
  if (leftSide && rightSide) return { cm: Math.abs(toFrame(top, rightSide).x - toFrame(top, leftSide).x), marked: true };
  const one = leftSide ?? rightSide;
  if (one) return { cm: 2 * Math.abs(toFrame(top, one).x), marked: true };
  return { cm: DEFAULT_HEAD_BREADTH_CM, marked: false };
}

/** Half the distance between the outer eye corners along the eye line, cm (a default when unmarked). */
export function halfEyeSpanCm(design: Design, front: FaceFrame): number {
  const { leftEye, rightEye } = design.landmarks;
  if (leftEye && rightEye) return Math.abs(toFrame(front, rightEye).x - toFrame(front, leftEye).x) / 2;
  return DEFAULT_EYE_HALF_SPAN_CM;
}

/** The hairline edges of an area as polylines along its smooth outline, image pixels. */
export function hairlinePolylines(area: TreatmentArea): XY[][] {
  if (area.points.length < 3 || area.kind === 'exclusion') return [];
  const curve = smoothOutline(area.points);
  const n = curve.points.length;
  const runs: XY[][] = [];
  let run: XY[] | null = null;
  for (let k = 0; k < n; k++) {
    const hair = area.hairlineEdges[curve.edgeOf[k]!] === true;
    if (hair) {
      run ??= [curve.points[k]!];
      run.push(curve.points[(k + 1) % n]!);
    } else if (run) {
      runs.push(run);
      run = null;
    }
  }
  if (run) {
    // A run that wraps past the end joins the one at the start.
    if (runs.length > 0 && area.hairlineEdges[curve.edgeOf[0]!] === true) runs[0] = [...run, ...runs[0]!.slice(1)];
    else runs.push(run);
  }
  return runs;
}

/** Hairline measurements on a front photo, cm; null when no glabella or no hairline crosses the midline. */
export interface HairlineMeasures {
  /** Height of the mid-frontal point (the hairline on the midline) above the glabella. */
  readonly heightCm: number | null;
  /** Width of the hairline across the face (extent along the eye line). */
  readonly widthCm: number | null;
}

/** Hairline height above the glabella and hairline width, from all hairline edges of the design. */
export function hairlineMeasures(design: Design): HairlineMeasures {
  const frame = frontFrame(design) ?? topFrame(design);
  const lines = design.areas.flatMap(hairlinePolylines);
  if (lines.length === 0) return { heightCm: null, widthCm: null };
  const f = frame ?? { origin: { x: 0, y: 0 }, u: { x: 1, y: 0 }, v: { x: 0, y: -1 }, pxPerCm: design.scale.pxPerCm, view: 'front' as const };
  let minX = Infinity;
  let maxX = -Infinity;
  let height: number | null = null;
  for (const line of lines) {
    for (let k = 0; k < line.length; k++) {
      const a = toFrame(f, line[k]!);
      minX = Math.min(minX, a.x);
      maxX = Math.max(maxX, a.x);
      if (k === 0) continue;
      const b = toFrame(f, line[k - 1]!);
      // Crossing of the midline (x = 0): the height there.
      if ((a.x <= 0 && b.x > 0) || (a.x > 0 && b.x <= 0)) {
        const t = a.x / (a.x - b.x);
        const y = a.y + t * (b.y - a.y);
        if (height === null || Math.abs(y) < Math.abs(height)) height = y;
      }
    }
  }
  // A height above the glabella means something on a front photo only: with the top landmarks
  // marked too (a glabella clicked on a top photo, say), the view is unknown and no height is given.
  return { heightCm: frame?.view === 'front' && photoView(design) === 'front' ? height : null, widthCm: maxX - minX };
}

/** How far an area is from symmetric about the midline. */
export interface Asymmetry {
  /** Area left and right of the midline (image left / image right), cm². */
  readonly leftCm2: number;
  readonly rightCm2: number;
  /** Largest and mean distance from the outline's mirror image to the outline, mm. */
  readonly maxMm: number;
  readonly meanMm: number;
}

/** Clips a polygon to the half-plane sideOf(p) * sign >= 0 (Sutherland–Hodgman). */
function clipHalf(poly: readonly XY[], line: Line, sign: number): XY[] {
  const out: XY[] = [];
  for (let i = 0; i < poly.length; i++) {
    const a = poly[i]!;
    const b = poly[(i + 1) % poly.length]!;
    const da = sideOf(a, line) * sign;
    const db = sideOf(b, line) * sign;
    if (da >= 0) out.push(a);
    if ((da >= 0) !== (db >= 0)) {
      const t = da / (da - db);
      out.push({ x: a.x + t * (b.x - a.x), y: a.y + t * (b.y - a.y) });
    }
  }
  return out;
}

function distanceToPolyline(p: XY, poly: readonly XY[]): number {
  let best = Infinity;
  for (let i = 0; i < poly.length; i++) {
    const a = poly[i]!;
    const b = poly[(i + 1) % poly.length]!;
    const dx = b.x - a.x;
    const dy = b.y - a.y;
    const l2 = dx * dx + dy * dy;
    const t = l2 > 0 ? Math.min(1, Math.max(0, ((p.x - a.x) * dx + (p.y - a.y) * dy) / l2)) : 0;
    best = Math.min(best, Math.hypot(p.x - a.x - t * dx, p.y - a.y - t * dy));
  }
  return best;
}

/** Left/right difference of an area about the design's midline. */
export function asymmetry(design: Design, area: TreatmentArea): Asymmetry {
  const line = midline(design);
  const curve = smoothOutline(area.points).points;
  const { pxPerCm } = design.scale;
  // "Left" is the image left of the midline when it points up the photo.
  const leftCm2 = px2ToCm2(polygonArea(clipHalf(curve, line, -1)), pxPerCm);
  const rightCm2 = px2ToCm2(polygonArea(clipHalf(curve, line, 1)), pxPerCm);
  let max = 0;
  let sum = 0;
  for (const p of curve) {
    const d = distanceToPolyline(mirrorPoint(p, line), curve);
    max = Math.max(max, d);
    sum += d;
  }
  const toMm = MM_PER_CM / pxPerCm;
  return { leftCm2, rightCm2, maxMm: max * toMm, meanMm: (sum / Math.max(1, curve.length)) * toMm };
}
