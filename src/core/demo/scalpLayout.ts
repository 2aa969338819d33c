/**
 * Geometry of the generated demo scalp: where the head sits in the picture, where the stubble fringe
 * grows and the treatment outline a practitioner would suggest on it. Numbers only, no pixels, so the
 * renderer, the tests and the app's demo all agree on one shape.
 *
 * The head is modelled as a half-ellipsoid seen from straight above: forehead at the bottom of the
 * image, back of the head at the top. "Head space" is centimetres from the ellipse centre along the
 * head's axes (Y grows towards the forehead); normalised coordinates u, v put the rim at u² + v² = 1.
 *
 * Over 300 lines as one file: every region (head, fringe, treatment outline, landmarks) is derived
 * from the same ellipse and head-space transform, and reads best beside them.
 */
import { createNoise2D } from 'simplex-noise';
import { imagePoint, type ImagePoint } from '../math/types.ts';
import { createRandom } from '../random.ts';

/** What to generate. */
export interface ScalpImageOptions {
  /** Width of the generated photo, pixels. */
  readonly widthPx: number;
  /** Height of the generated photo, pixels. */
  readonly heightPx: number;
  /** Known scale of the generated photo, image pixels per centimetre (see `fitPxPerCm`). */
  readonly pxPerCm: number;
  /** Seed of every random choice; same options, same bytes. */
  readonly seed: number;
  /** Density of stubble follicles in the hair-bearing fringe, per cm² of image (default 60). */
  readonly stubbleDensityPerCm2?: number;
  /** Skin tone of the client (default 'light'). */
  readonly skinTone?: SkinTone;
  /**
   * Paints the same skin without the stubble: no follicles and no blue-grey cast of the shafts under
   * the fringe (default false). The truth a patch's area-mean darkness is measured against.
   */
  readonly hairless?: boolean;
}

/** The skin tones the generator can paint. */
export type SkinTone = 'light' | 'medium' | 'tan' | 'dark';

/** Head ellipse, pixels, plus the shape parameters the shading needs. */
export interface HeadGeometry {
  /** Centre of the head ellipse, image pixels. */
  readonly centreXPx: number;
  readonly centreYPx: number;
  /** Half the head's breadth (ear to ear), pixels. */
  readonly radiusXPx: number;
  /** Half the head's length (forehead to back), pixels. */
  readonly radiusYPx: number;
  /** Tilt of the head's long axis from the image vertical, radians (a hand-held photo is never square). */
  readonly rotationRad: number;
  /** Egg shape: the breadth is scaled by (1 - eggFactor · v), narrower at the forehead. */
  readonly eggFactor: number;
  /**
   * Outline irregularity: the rim's radius is scaled by 1 + k2·cos2φ + k3·cos3φ + k4·cos4φ + s1·sinφ
   * + s2·sin2φ, φ the azimuth from the back; [k2, k3, k4, s1, s2]. A skull is no perfect ellipse.
   */
  readonly outlineHarmonics: readonly number[];
  /** Height of the crown above the rim, cm (shapes the shading and the hairline's arc length). */
  readonly domeHeightCm: number;
}

/** The hair-bearing horseshoe at the sides and back. */
export interface FringeGeometry {
  /**
   * Normalised height above the rim (0 rim, 1 crown) below which stubble grows fully, sampled at
   * equal azimuth steps; index 0 is the back of the head (azimuth -π), wrapping round through the front.
   */
  readonly topHeight: readonly number[];
  /** Width of the soft boundary, in normalised height: density fades to 0 over this band above topHeight. */
  readonly softness: number;
}

/** Where everything is on the generated photo. */
export interface ScalpLayout {
  readonly widthPx: number;
  readonly heightPx: number;
  readonly pxPerCm: number;
  readonly head: HeadGeometry;
  readonly fringe: FringeGeometry;
  /** Front-most point of the head outline, standing in for the glabella (brow level). */
  readonly glabella: ImagePoint;
  /** Mid-frontal point of the suggested hairline, HAIRLINE_ABOVE_GLABELLA_CM over the dome from the glabella. */
  readonly hairlineApex: ImagePoint;
  /** Suggested treatment area: closed polygon, image pixels, 14 points, the bald top and front. */
  readonly treatmentOutline: readonly ImagePoint[];
  /** hairlineEdges[i] is true when the edge from point i to i+1 (wrapping) is part of the hairline. */
  readonly hairlineEdges: readonly boolean[];
  /** Vertex, the centre of the crown: on the head's long axis, a little behind its middle. */
  readonly vertex: ImagePoint;
  /** Widest points of the head's outline across its long axis: the sides of the head on the image's left and right. */
  readonly leftSide: ImagePoint;
  readonly rightSide: ImagePoint;
}

/** Adult male head breadth, cm (typical 15–16). */
export const HEAD_WIDTH_CM = 15.5;
/** Adult male head length glabella to back, cm (typical 19–20). */
export const HEAD_LENGTH_CM = 19.5;
/** Crown height above the brow/occiput level, cm. */
export const DOME_HEIGHT_CM = 10;
/** Mid-frontal point of a natural hairline above the glabella, cm (7–10, 8 typical; docs/domain.md §8). */
export const HAIRLINE_ABOVE_GLABELLA_CM = 8;
/** Default stubble density in the fringe, follicles per cm². */
export const DEFAULT_STUBBLE_DENSITY_PER_CM2 = 60;

/** How far the vertex lies behind the head's centre, in half head lengths. */
const VERTEX_BEHIND_CENTRE = 0.15;

const FRINGE_SAMPLES = 360;
const FRINGE_SOFTNESS = 0.1;
/** Outline vertices sit this much (normalised height) above the fringe's last stray follicle. */
const OUTLINE_MARGIN = 0.03;
/** Random stream for layout choices (other modules use other streams). */
const STREAM_LAYOUT = 11;

/** A pxPerCm that frames the whole head in an image of this size, with a small margin. */
export function fitPxPerCm(widthPx: number, heightPx: number): number {
  return Math.min(widthPx / (HEAD_WIDTH_CM * 1.25), heightPx / (HEAD_LENGTH_CM * 1.06));
}

/** Checks the options and fills in defaults; throws RangeError on nonsense. */
export function resolveOptions(options: ScalpImageOptions): Required<ScalpImageOptions> {
  const { widthPx, heightPx, pxPerCm, seed } = options;
  if (!Number.isInteger(widthPx) || !Number.isInteger(heightPx) || widthPx < 1 || heightPx < 1) {
    throw new RangeError(`image size must be positive integers, got ${widthPx}x${heightPx}`);
  }
  if (widthPx * heightPx > 64e6) throw new RangeError('image larger than 64 megapixels');
  if (!(pxPerCm > 0 && pxPerCm < 1e4)) throw new RangeError(`pxPerCm out of range: ${pxPerCm}`);
  const density = options.stubbleDensityPerCm2 ?? DEFAULT_STUBBLE_DENSITY_PER_CM2;
  if (!(density > 0 && density <= 400)) throw new RangeError(`stubble density out of range: ${density}`);
  return { widthPx, heightPx, pxPerCm, seed, stubbleDensityPerCm2: density, skinTone: options.skinTone ?? 'light', hairless: options.hairless ?? false };
}

function smoothstep(edge0: number, edge1: number, x: number): number {
  const t = Math.min(1, Math.max(0, (x - edge0) / (edge1 - edge0)));
  return t * t * (3 - 2 * t);
}

/** Fringe top height before irregularity; t = |azimuth| / π (0 back, 0.5 sides, 1 front). Norwood VI. */
function fringeBaseHeight(t: number): number {
  return (0.76 - 0.2 * t * t) * (1 - smoothstep(0.56, 0.8, t));
}

/** Outline scale in the direction of (u, v) (see HeadGeometry.outlineHarmonics). */
export function outlineScale(harmonics: readonly number[], u: number, v: number): number {
  const r = Math.sqrt(u * u + v * v);
  if (r === 0) return 1;
  const c = -v / r;
  const s = u / r;
  const cos2 = c * c - s * s;
  const sin2 = 2 * s * c;
  const cos3 = c * (4 * c * c - 3);
  const cos4 = 2 * cos2 * cos2 - 1;
  const [k2 = 0, k3 = 0, k4 = 0, s1 = 0, s2 = 0] = harmonics;
  return 1 + k2 * cos2 + k3 * cos3 + k4 * cos4 + s1 * s + s2 * sin2;
}

/** Image pixel → normalised head coordinates (rim at u² + v² = 1); `out` receives [u, v]. */
export function toHeadUnit(head: HeadGeometry, xPx: number, yPx: number, out: [number, number]): void {
  const dx = xPx - head.centreXPx;
  const dy = yPx - head.centreYPx;
  const c = Math.cos(head.rotationRad);
  const s = Math.sin(head.rotationRad);
  const v = (-dx * s + dy * c) / head.radiusYPx;
  const u = (dx * c + dy * s) / (head.radiusXPx * (1 - head.eggFactor * v));
  const m = outlineScale(head.outlineHarmonics, u, v);
  out[0] = u / m;
  out[1] = v / m;
}

/** Normalised head coordinates → image pixel. */
export function fromHeadUnit(head: HeadGeometry, uUnit: number, vUnit: number): ImagePoint {
  const m = outlineScale(head.outlineHarmonics, uUnit, vUnit);
  const u = uUnit * m;
  const v = vUnit * m;
  const X = u * head.radiusXPx * (1 - head.eggFactor * v);
  const Y = v * head.radiusYPx;
  const c = Math.cos(head.rotationRad);
  const s = Math.sin(head.rotationRad);
  return imagePoint(head.centreXPx + X * c - Y * s, head.centreYPx + X * s + Y * c);
}

/** Fringe top height at an azimuth (atan2(u, -v), 0 = back), linearly interpolated round the head. */
export function fringeTopAt(fringe: FringeGeometry, azimuth: number): number {
  const n = fringe.topHeight.length;
  const f = ((azimuth / (2 * Math.PI) + 0.5) * n) % n;
  const i0 = Math.floor(f);
  const w = f - i0;
  const a = fringe.topHeight[i0 % n] ?? 0;
  const b = fringe.topHeight[(i0 + 1) % n] ?? 0;
  return a + (b - a) * w;
}

/** Stubble weight at normalised head coordinates: 1 in the fringe, 0 on the bald top and off the head. */
export function fringeWeightAtUnit(fringe: FringeGeometry, u: number, v: number): number {
  const r2 = u * u + v * v;
  if (r2 >= 1) return 0;
  const h = Math.sqrt(1 - r2);
  const top = fringeTopAt(fringe, Math.atan2(u, -v));
  return 1 - smoothstep(top - fringe.softness, top, h);
}

/**
 * How much the image pixel lies in the hair-bearing fringe: 1 in its interior (stubble at the full
 * density), falling to 0 across the soft boundary and on the bald top, 0 off the head.
 */
export function isInFringe(layout: ScalpLayout, xPx: number, yPx: number): number {
  const uv: [number, number] = [0, 0];
  toHeadUnit(layout.head, xPx, yPx, uv);
  return fringeWeightAtUnit(layout.fringe, uv[0], uv[1]);
}

/** Normalised v of the point HAIRLINE_ABOVE_GLABELLA_CM over the midline of the dome from the front rim. */
function hairlineApexV(lengthCm: number, domeCm: number): number {
  const b = lengthCm / 2;
  let arc = 0;
  let v = 1;
  let z = 0;
  const dv = 1e-4;
  while (v > 0 && arc < HAIRLINE_ABOVE_GLABELLA_CM) {
    const v1 = v - dv;
    const z1 = domeCm * Math.sqrt(1 - v1 * v1);
    arc += Math.hypot(b * dv, z1 - z);
    v = v1;
    z = z1;
  }
  return v;
}

function buildFringe(seed: number): FringeGeometry {
  const noise = createNoise2D(createRandom(seed, STREAM_LAYOUT));
  const topHeight: number[] = [];
  for (let i = 0; i < FRINGE_SAMPLES; i++) {
    const azimuth = (i / FRINGE_SAMPLES - 0.5) * 2 * Math.PI;
    const cx = Math.cos(azimuth);
    const sy = Math.sin(azimuth);
    const base = fringeBaseHeight(Math.abs(azimuth) / Math.PI);
    // Macro waves (a few per side) and small bumps, on a circle so the boundary closes seamlessly.
    const wobble = 0.05 * noise(cx * 1.3 + 7, sy * 1.3) + 0.02 * noise(cx * 6 - 3, sy * 6 + 11);
    topHeight.push(base + wobble * smoothstep(0, 0.25, base));
  }
  return { topHeight, softness: FRINGE_SOFTNESS };
}

/** Outline vertex on the bald side of the fringe boundary at an azimuth; safe for chords ±halfStep. */
function fringeOutlinePoint(head: HeadGeometry, fringe: FringeGeometry, azimuth: number, halfStep: number): ImagePoint {
  let top = 0;
  for (let k = -8; k <= 8; k++) top = Math.max(top, fringeTopAt(fringe, azimuth + (k / 8) * halfStep));
  const h = Math.min(0.98, top + OUTLINE_MARGIN);
  const r = Math.sqrt(1 - h * h);
  return fromHeadUnit(head, r * Math.sin(azimuth), -r * Math.cos(azimuth));
}

/** The outline's extreme points across the head's long axis, image left first. */
function headSides(head: HeadGeometry): [ImagePoint, ImagePoint] {
  const across = { x: Math.cos(head.rotationRad), y: Math.sin(head.rotationRad) };
  let left = fromHeadUnit(head, -1, 0);
  let right = fromHeadUnit(head, 1, 0);
  const reach = (p: ImagePoint): number => (p.x - head.centreXPx) * across.x + (p.y - head.centreYPx) * across.y;
  for (let i = 0; i < 720; i++) {
    const a = (i / 720) * 2 * Math.PI;
    const p = fromHeadUnit(head, Math.sin(a), -Math.cos(a));
    if (reach(p) < reach(left)) left = p;
    if (reach(p) > reach(right)) right = p;
  }
  return [left, right];
}

/** Where everything is on the generated photo for these options (cheap; no pixels). */
export function scalpLayout(options: ScalpImageOptions): ScalpLayout {
  const { widthPx, heightPx, pxPerCm, seed } = resolveOptions(options);
  const random = createRandom(seed, STREAM_LAYOUT + 1);
  const jitter = (amount: number): number => (random() * 2 - 1) * amount;
  const head: HeadGeometry = {
    centreXPx: widthPx / 2 + jitter(0.2) * pxPerCm,
    centreYPx: heightPx / 2 + jitter(0.15) * pxPerCm,
    radiusXPx: (HEAD_WIDTH_CM / 2) * (1 + jitter(0.02)) * pxPerCm,
    radiusYPx: (HEAD_LENGTH_CM / 2) * (1 + jitter(0.015)) * pxPerCm,
    rotationRad: jitter(0.035),
    eggFactor: 0.07,
    outlineHarmonics: [jitter(0.01), 0.008 + jitter(0.008), -0.014 + jitter(0.006), jitter(0.006), jitter(0.006)],
    domeHeightCm: DOME_HEIGHT_CM,
  };
  const fringe = buildFringe(seed);
  const lengthCm = (2 * head.radiusYPx) / pxPerCm;
  const apexV = hairlineApexV(lengthCm, head.domeHeightCm);
  const apexYCm = apexV * (lengthCm / 2);
  const toUnit = (xCm: number, yCm: number): ImagePoint => {
    const v = yCm / (lengthCm / 2);
    return fromHeadUnit(head, xCm / (head.radiusXPx / pxPerCm), v);
  };
  // Hairline in head cm: a gentle oval through the apex, open frontotemporal angles, then down and
  // back to meet the side fringe; a little asymmetric like every real hairline.
  const apexXCm = jitter(0.1);
  const midX = 2.3 + jitter(0.1);
  const cornerX = 4.3 + jitter(0.15);
  const joinAzimuth = 0.6 * Math.PI;
  const step = (joinAzimuth / 4) * 0.5;
  const hairline = [
    fringeOutlinePoint(head, fringe, -joinAzimuth, step),
    toUnit(-cornerX, apexYCm - 1.35 + jitter(0.12)),
    toUnit(-midX, apexYCm - 0.3 + jitter(0.06)),
    toUnit(apexXCm, apexYCm),
    toUnit(midX, apexYCm - 0.3 + jitter(0.06)),
    toUnit(cornerX, apexYCm - 1.35 + jitter(0.12)),
    fringeOutlinePoint(head, fringe, joinAzimuth, step),
  ];
  const back: ImagePoint[] = [];
  for (let k = 3; k >= -3; k--) back.push(fringeOutlinePoint(head, fringe, (k / 4) * joinAzimuth, step));
  const treatmentOutline = [...hairline, ...back];
  const hairlineEdges = treatmentOutline.map((_, i) => i < hairline.length - 1);
  const [leftSide, rightSide] = headSides(head);
  return {
    widthPx,
    heightPx,
    pxPerCm,
    head,
    fringe,
    glabella: fromHeadUnit(head, 0, 1),
    hairlineApex: toUnit(apexXCm, apexYCm),
    treatmentOutline,
    hairlineEdges,
    vertex: fromHeadUnit(head, 0, -VERTEX_BEHIND_CENTRE),
    leftSide,
    rightSide,
  };
}
