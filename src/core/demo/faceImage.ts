/**
 * A procedural FRONT-view photo of a man's forehead and eyes at a known scale: the demo and test
 * fixture for drawing a new hairline on a receded (Norwood V-like) front. Head-on and cropped at
 * the top: the bald forehead and frontal scalp run up to the top edge in the middle, shaved stubble
 * (at a known density) grows at the sides and temples, and below come the brows, the eyes, the nose
 * down to the upper lip, the temples and the ears.
 *
 * Face frame: centimetres from the glabella, X towards the image's right along the eye line, Y up
 * the forehead. The photo shows that frame rotated by `tiltDeg` around the glabella.
 *
 * Pure TypeScript, deterministic: same options, same bytes within an engine. Marks are stamped and
 * the image encoded with the shared helpers of splat.ts, as the top-view generator does.
 */
import { createNoise2D, type NoiseFunction2D } from 'simplex-noise';
import { imagePoint, type ImagePoint } from '../math/types.ts';
import { createRandom, type Random } from '../random.ts';
import { createFloatImage, encodeSrgb8, stampCapsule, stampDot, type FloatImage, type LinearRgb } from './splat.ts';

/** What to generate. */
export interface FaceImageOptions {
  /** Width of the generated photo, pixels. */
  readonly widthPx: number;
  /** Height of the generated photo, pixels. */
  readonly heightPx: number;
  /** Known scale at the glabella, image pixels per centimetre (e.g. widthPx / 22). */
  readonly pxPerCm: number;
  /** Seed of every random choice; same options, same bytes. */
  readonly seed: number;
  /** Roll of the head: the eye line is rotated by this angle (degrees, clockwise on screen) around the glabella. */
  readonly tiltDeg?: number;
}

/** Where the landmarks are on the generated photo. */
export interface FaceLayout {
  readonly pxPerCm: number;
  /** Between the eyebrows. */
  readonly glabella: ImagePoint;
  /** Outer corner of the eye on the IMAGE LEFT. */
  readonly leftEye: ImagePoint;
  /** Outer corner of the eye on the IMAGE RIGHT. */
  readonly rightEye: ImagePoint;
  /**
   * y (px) of the client's existing (receded) hair edge at column x: the lowest point of the column
   * where the side stubble grows at half its density or more; the hair lies above it. Hair grows at
   * the sides only: in the bald middle columns (and off the head) the result is -Infinity.
   */
  readonly hairlineY: (xPx: number) => number;
}

/** The photo (8-bit sRGB, opaque RGBA, row-major) and its layout. */
export interface FaceScene {
  readonly image: { readonly rgba: Uint8ClampedArray; readonly widthPx: number; readonly heightPx: number };
  readonly layout: FaceLayout;
}

/** Outer eye corners: this far either side of the glabella along the eye line, cm. */
export const FACE_EYE_CORNER_X_CM = 4.5;
/** Outer eye corners: this far below the glabella, square to the eye line, cm. */
export const FACE_EYE_CORNER_DROP_CM = 0.8;
/** Stubble follicles per cm² of image where the side hair grows fully. */
export const FACE_STUBBLE_DENSITY_PER_CM2 = 60;
/** Pupil centres in the face frame, cm (mirrored for the image-left eye). */
export const FACE_PUPIL_X_CM = 3.1;
export const FACE_PUPIL_Y_CM = -0.74;
/** The glabella sits this fraction of the image height above the bottom edge, horizontally centred. */
const GLABELLA_FROM_BOTTOM = 1 / 3;

const STREAM_SHAPE = 61;
const STREAM_FIELDS = 62;
const STREAM_FINE = 63;
const STREAM_MARKS = 64;
const STREAM_STUBBLE = 65;
const STREAM_BROWS = 66;
const STREAM_LASHES = 67;
const STREAM_IRIS = 68;
const STREAM_GRAIN = 69;
/** Sensor grain, 8-bit levels. */
const GRAIN_LEVELS = 1.4;
const STREAM_WRINKLES = 70;

// ---------------------------------------------------------------------------------------------
// Small maths

function clamp01(x: number): number {
  return x < 0 ? 0 : x > 1 ? 1 : x;
}

function smoothstep(edge0: number, edge1: number, x: number): number {
  const t = clamp01((x - edge0) / (edge1 - edge0));
  return t * t * (3 - 2 * t);
}

function gauss(dx: number, dy: number, sx: number, sy: number): number {
  return Math.exp(-0.5 * ((dx * dx) / (sx * sx) + (dy * dy) / (sy * sy)));
}

/** A mirrored pair of Gaussians at x = ±cx (smooth across the midline, unlike one at |x| - cx). */
function pair(x: number, cx: number, dy: number, sx: number, sy: number): number {
  return gauss(x - cx, dy, sx, sy) + gauss(x + cx, dy, sx, sy);
}

type Knots = readonly (readonly [number, number])[];

/** Monotone cubic (Fritsch–Carlson) through knots sorted by x; constant beyond the ends. */
function monotoneSpline(knots: Knots): (x: number) => number {
  const n = knots.length;
  const xs = knots.map((k) => k[0]);
  const ys = knots.map((k) => k[1]);
  const d: number[] = [];
  for (let i = 0; i < n - 1; i++) d.push((ys[i + 1]! - ys[i]!) / (xs[i + 1]! - xs[i]!));
  const m: number[] = [d[0]!];
  for (let i = 1; i < n - 1; i++) m.push(d[i - 1]! * d[i]! <= 0 ? 0 : (d[i - 1]! + d[i]!) / 2);
  m.push(d[n - 2]!);
  for (let i = 0; i < n - 1; i++) {
    if (d[i] === 0) {
      m[i] = 0;
      m[i + 1] = 0;
      continue;
    }
    const a = m[i]! / d[i]!;
    const b = m[i + 1]! / d[i]!;
    const r = a * a + b * b;
    if (r > 9) {
      const t = 3 / Math.sqrt(r);
      m[i] = t * a * d[i]!;
      m[i + 1] = t * b * d[i]!;
    }
  }
  return (x: number): number => {
    if (x <= xs[0]!) return ys[0]!;
    if (x >= xs[n - 1]!) return ys[n - 1]!;
    let i = 0;
    while (x > xs[i + 1]!) i++;
    const h = xs[i + 1]! - xs[i]!;
    const t = (x - xs[i]!) / h;
    const t2 = t * t;
    const t3 = t2 * t;
    return (2 * t3 - 3 * t2 + 1) * ys[i]! + (t3 - 2 * t2 + t) * h * m[i]! + (-2 * t3 + 3 * t2) * ys[i + 1]! + (t3 - t2) * h * m[i + 1]!;
  };
}

/** Cube root of x ≥ 0 by Newton's method (basic arithmetic only). */
function cbrt(x: number): number {
  if (x <= 0) return 0;
  let r = x > 1 ? x / 3 + 0.7 : 0.5 + x / 2;
  for (let k = 0; k < 40; k++) r = (2 * r + x / (r * r)) / 3;
  return r;
}

// ---------------------------------------------------------------------------------------------
// Frame and options

interface Frame {
  /** Glabella, image px. */
  readonly gx: number;
  readonly gy: number;
  readonly cos: number;
  readonly sin: number;
  readonly p: number;
}

function toImage(f: Frame, xCm: number, yCm: number): ImagePoint {
  return imagePoint(f.gx + f.p * (f.cos * xCm + f.sin * yCm), f.gy + f.p * (f.sin * xCm - f.cos * yCm));
}

/** Image direction of a face-frame direction (unnormalised lengths preserved, px per cm). */
function dirToImage(f: Frame, dx: number, dy: number): [number, number] {
  return [f.p * (f.cos * dx + f.sin * dy), f.p * (f.sin * dx - f.cos * dy)];
}

function resolveOptions(options: FaceImageOptions): Required<FaceImageOptions> {
  const { widthPx, heightPx, pxPerCm, seed } = options;
  if (!Number.isInteger(widthPx) || !Number.isInteger(heightPx) || widthPx < 1 || heightPx < 1) {
    throw new RangeError(`image size must be positive integers, got ${widthPx}x${heightPx}`);
  }
  if (widthPx * heightPx > 64e6) throw new RangeError('image larger than 64 megapixels');
  if (!(pxPerCm > 0 && pxPerCm < 1e4)) throw new RangeError(`pxPerCm out of range: ${pxPerCm}`);
  const tiltDeg = options.tiltDeg ?? 0;
  if (!(Math.abs(tiltDeg) <= 45)) throw new RangeError(`tiltDeg out of range: ${tiltDeg}`);
  return { widthPx, heightPx, pxPerCm, seed, tiltDeg };
}

function makeFrame(o: Required<FaceImageOptions>): Frame {
  const a = (o.tiltDeg * Math.PI) / 180;
  return { gx: o.widthPx / 2, gy: o.heightPx * (1 - GLABELLA_FROM_BOTTOM), cos: Math.cos(a), sin: Math.sin(a), p: o.pxPerCm };
}

// ---------------------------------------------------------------------------------------------
// The face's shape: everything in face-frame cm, with a little per-seed variation

/** Lowest and highest Y of the per-Y tables, cm, and their resolution (entries per cm). */
const TABLE_Y0 = -40;
const TABLE_Y1 = 24;
const TABLE_RES = 100;
/**
 * Across, the head's front is the superellipse |u|^2.5 + s^2.5 = 1 (a flatter forehead that turns
 * quicker at the temples), tabulated at this many steps of |u|.
 */
const CROSS_N = 4096;
/** Depth of the head's front, cm (the cross-section's half-depth). */
const HEAD_DEPTH_CM = 6;
/** Where the skull's dome starts to round over, cm above the glabella. */
const DOME_START_CM = 6.5;

interface SideTables {
  /** Hair edge Y (cm) at lateral x = EDGE_X0 + i / EDGE_RES, with its wobble. */
  readonly edge: Float64Array;
  /**
   * Top of the horseshoe fringe as it wraps over the side of the dome: per-Y table (like `w`) of
   * the least |x| / W(y) carrying hair.
   */
  readonly top: Float64Array;
}

const EDGE_X0 = 2.6;
const EDGE_X1 = 14;
const EDGE_RES = 200;

interface Brow {
  readonly x0: number;
  readonly x1: number;
  readonly centre: (xm: number) => number;
  readonly half: (xm: number) => number;
}

interface Eye {
  /** Medial and lateral canthus, cm (mirrored: lateral X positive). */
  readonly mx: number;
  readonly my: number;
  readonly lx: number;
  readonly ly: number;
  /** Upper and lower lid heights over the canthal line, cm. */
  readonly hu: number;
  readonly hl: number;
  readonly irisX: number;
  readonly irisY: number;
  readonly irisR: number;
  readonly pupilR: number;
}

interface Ear {
  readonly yBottom: number;
  readonly yTop: number;
  /** Where the ear meets the head (behind the face's outline), cm from the midline. */
  readonly xBase: number;
  readonly reach: (q: number) => number;
}

interface Shape {
  /** Top of the head's outline, cm above the glabella. */
  readonly yTop: number;
  /** Per-Y tables: outline half-width W, dW/dY, front depth Zc, dZc/dY. */
  readonly w: Float64Array;
  readonly dw: Float64Array;
  readonly zc: Float64Array;
  readonly dzc: Float64Array;
  /** Hair edges, [image-left side, image-right side]. */
  readonly sides: readonly [SideTables, SideTables];
  readonly brows: readonly [Brow, Brow];
  readonly eye: Eye;
  readonly ear: Ear;
  /** Linear-light albedo of the skin. */
  readonly albedo: readonly [number, number, number];
  /** Iris colours, linear: base, light fibres, dark ring. */
  readonly iris: readonly [LinearRgb, LinearRgb, LinearRgb];
  /** Hair colour (brows, lashes, stubble), linear. */
  readonly hair: LinearRgb;
}

const IRIS_PALETTES: readonly (readonly [LinearRgb, LinearRgb, LinearRgb])[] = [
  // dark brown
  [{ r: 0.07, g: 0.035, b: 0.018 }, { r: 0.16, g: 0.085, b: 0.035 }, { r: 0.018, g: 0.012, b: 0.01 }],
  // hazel
  [{ r: 0.1, g: 0.07, b: 0.03 }, { r: 0.2, g: 0.16, b: 0.06 }, { r: 0.025, g: 0.022, b: 0.015 }],
  // grey-blue
  [{ r: 0.085, g: 0.1, b: 0.115 }, { r: 0.18, g: 0.21, b: 0.23 }, { r: 0.025, g: 0.028, b: 0.034 }],
  // brown
  [{ r: 0.09, g: 0.05, b: 0.025 }, { r: 0.2, g: 0.12, b: 0.05 }, { r: 0.02, g: 0.014, b: 0.01 }],
];

function buildShape(seed: number): Shape {
  const random = createRandom(seed, STREAM_SHAPE);
  const jitter = (amount: number): number => (random() * 2 - 1) * amount;
  const wobble = createNoise2D(createRandom(seed, STREAM_SHAPE + 1));

  // Outline half-width up the face, then a dome over the top. The head is bowed a little towards
  // the camera, so the top of the dome just reaches the frame's top at the usual 22 cm framing.
  const yTop = 15.0 + jitter(0.15);
  const wScale = 1 + jitter(0.015);
  const wKnots: Knots = [
    [-16, 4.2],
    [-12, 5.0],
    [-9, 5.75],
    [-7, 6.1],
    [-5, 6.45],
    [-3, 6.72],
    [-1.2, 6.72],
    [0.4, 6.62],
    [2, 6.82],
    [3.5, 7.3],
    [5, 7.5],
    [DOME_START_CM, 7.55],
  ];
  const wLow = monotoneSpline(wKnots.map(([y, w]) => [y, w * wScale] as const));
  const w7 = 7.55 * wScale;
  const n = (TABLE_Y1 - TABLE_Y0) * TABLE_RES + 1;
  const w = new Float64Array(n);
  const zc = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const y = TABLE_Y0 + i / TABLE_RES;
    const bumpy = 1 + 0.005 * wobble(y * 0.35, 71);
    if (y <= DOME_START_CM) {
      w[i] = wLow(y) * bumpy;
      zc[i] = HEAD_DEPTH_CM;
    } else {
      // A broad dome over the top: between an ellipse and a superellipse of exponent 3.
      const v = Math.min(1, (y - DOME_START_CM) / (yTop - DOME_START_CM));
      const s = 0.5 * Math.sqrt(1 - v * v) + 0.5 * cbrt(1 - v * v * v);
      w[i] = w7 * s * bumpy;
      zc[i] = HEAD_DEPTH_CM * s;
    }
  }
  const dw = new Float64Array(n);
  const dzc = new Float64Array(n);
  const slopeCap = 60;
  for (let i = 0; i < n; i++) {
    const a = Math.max(0, i - 1);
    const b = Math.min(n - 1, i + 1);
    dw[i] = Math.max(-slopeCap, Math.min(slopeCap, ((w[b]! - w[a]!) * TABLE_RES) / (b - a)));
    dzc[i] = Math.max(-slopeCap, Math.min(slopeCap, ((zc[b]! - zc[a]!) * TABLE_RES) / (b - a)));
  }

  // Hair edge of the side fringe: steep high up near the middle, receding towards the centre,
  // down the temple in front of the ear to the sideburn.
  const makeSide = (side: number): SideTables => {
    const k = (x: number, y: number, jx: number, jy: number): readonly [number, number] => [x + jitter(jx), y + jitter(jy)];
    const knots: Knots = [
      [3.3, 30],
      k(3.6, 15, 0.05, 0.3),
      k(3.95, 11.4, 0.08, 0.3),
      k(4.2, 9.0, 0.08, 0.3),
      k(4.85, 7.5, 0.08, 0.25),
      k(5.45, 6.35, 0.06, 0.2),
      k(5.95, 5.2, 0.05, 0.2),
      [6.2 + jitter(0.04), 3.8 + jitter(0.2)],
      [6.34, 1.8 + jitter(0.3)],
      [6.44, 0],
      [6.54, -1.5],
      [6.68, -2.5 + jitter(0.15)],
      [7.3, -2.75],
      [EDGE_X1, -2.8],
    ];
    const base = monotoneSpline(knots);
    const count = Math.round((EDGE_X1 - EDGE_X0) * EDGE_RES) + 1;
    const edge = new Float64Array(count);
    const raw = new Float64Array(count);
    for (let i = 0; i < count; i++) raw[i] = base(EDGE_X0 + i / EDGE_RES);
    // Wobble along the curve's arc length, scaled so it is perpendicular-ish everywhere.
    let arc = 0;
    for (let i = 0; i < count; i++) {
      const dy = i > 0 ? raw[i]! - raw[i - 1]! : 0;
      const step = Math.sqrt(1 / (EDGE_RES * EDGE_RES) + dy * dy);
      arc += step;
      const sl = i > 0 ? dy * EDGE_RES : 0;
      const stretch = Math.sqrt(1 + Math.min(400, sl * sl));
      const wob = 0.13 * wobble(arc * 0.55, side * 17 + 3) + 0.05 * wobble(arc * 2.2, side * 17 + 9) + 0.02 * wobble(arc * 7, side * 5 - 4);
      edge[i] = raw[i]! + wob * stretch;
    }
    const top = new Float64Array(n);
    const topY = 12.2 + jitter(0.4);
    for (let i = 0; i < n; i++) {
      const y = TABLE_Y0 + i / TABLE_RES;
      const rise = smoothstep(topY - 4.5, topY + 2.5, y);
      top[i] = 0.3 + 0.72 * rise + 0.05 * rise * wobble(y * 0.9, side * 13 + 40);
    }
    return { edge, top };
  };
  const sides: [SideTables, SideTables] = [makeSide(0), makeSide(1)];

  const makeBrow = (): Brow => {
    const lift = jitter(0.06);
    const arch = jitter(0.06);
    const thick = 1.15 + jitter(0.08);
    const x0 = 1.12 + jitter(0.06);
    const x1 = 5.85 + jitter(0.12);
    const centre = monotoneSpline([
      [x0, 0.17 + lift],
      [2.0, 0.33 + lift],
      [3.0, 0.5 + lift + arch * 0.5],
      [3.9, 0.58 + lift + arch],
      [4.7, 0.5 + lift + arch * 0.7],
      [5.5, 0.3 + lift],
      [x1, 0.16 + lift],
    ]);
    const half = monotoneSpline([
      [x0, 0.4 * thick],
      [2.0, 0.41 * thick],
      [3.0, 0.37 * thick],
      [3.9, 0.3 * thick],
      [4.7, 0.22 * thick],
      [5.5, 0.12 * thick],
      [x1, 0.05],
    ]);
    return { x0, x1, centre, half };
  };
  const brows: [Brow, Brow] = [makeBrow(), makeBrow()];

  const eye: Eye = {
    mx: 1.55,
    my: -0.97,
    lx: FACE_EYE_CORNER_X_CM,
    ly: -FACE_EYE_CORNER_DROP_CM,
    hu: 0.46 + jitter(0.02),
    hl: 0.4,
    irisX: FACE_PUPIL_X_CM,
    irisY: FACE_PUPIL_Y_CM,
    irisR: 0.58,
    pupilR: 0.2 + jitter(0.02),
  };

  const earReach = monotoneSpline([
    [0, 0.9],
    [0.22, 0.95],
    [0.4, 1.2],
    [0.6, 1.55],
    [0.75, 1.72],
    [1, 1.72],
  ]);
  const earScale = 0.8 * (1 + jitter(0.06));
  const ear: Ear = {
    yBottom: -5.4 + jitter(0.2),
    yTop: 0.85 + jitter(0.2),
    xBase: 6.55,
    reach: (q: number) => {
      // Rounded caps: an elliptical top over the helix and a round lobe.
      const top = q > 0.68 ? Math.sqrt(clamp01(1 - ((q - 0.68) / 0.32) * ((q - 0.68) / 0.32))) : 1;
      const bottom = q < 0.16 ? Math.sqrt(clamp01(1 - ((0.16 - q) / 0.16) * ((0.16 - q) / 0.16))) : 1;
      return earReach(q) * earScale * top * bottom;
    },
  };

  const toneShift = jitter(0.05);
  const albedo: [number, number, number] = [0.5 * (1 + toneShift), 0.295 * (1 + toneShift * 1.2), 0.212 * (1 + toneShift * 1.3)];
  const iris = IRIS_PALETTES[Math.floor(random() * IRIS_PALETTES.length)]!;
  const hair: LinearRgb = { r: 0.03, g: 0.021, b: 0.016 };
  return { yTop, w, dw, zc, dzc, sides, brows, eye, ear, albedo, iris, hair };
}

/** Index into the per-Y tables. */
function yIndex(yCm: number): number {
  const i = Math.round((yCm - TABLE_Y0) * TABLE_RES);
  return i < 0 ? 0 : i > (TABLE_Y1 - TABLE_Y0) * TABLE_RES ? (TABLE_Y1 - TABLE_Y0) * TABLE_RES : i;
}

/** Hair edge Y (cm) at lateral distance ax on a side's table. */
function edgeAt(t: SideTables, ax: number): number {
  if (ax <= EDGE_X0) return Infinity;
  const f = Math.min((EDGE_X1 - EDGE_X0) * EDGE_RES, (ax - EDGE_X0) * EDGE_RES);
  const i = Math.floor(f);
  const j = Math.min(t.edge.length - 1, i + 1);
  const w = f - i;
  return t.edge[i]! + (t.edge[j]! - t.edge[i]!) * w;
}

/** Largest distance hairDistance resolves, cm; beyond it the result is clamped. */
const HAIR_DISTANCE_CAP = 1;

/** Signed distance (cm, capped at ±1) into the side hair: positive where the stubble grows. */
function hairDistance(shape: Shape, xCm: number, yCm: number): number {
  const ax = Math.abs(xCm);
  if (ax <= EDGE_X0) return -HAIR_DISTANCE_CAP;
  const t = shape.sides[xCm < 0 ? 0 : 1];
  const y = edgeAt(t, ax);
  const sign = yCm >= y ? 1 : -1;
  // The vertical gap bounds the distance; search the curve within that reach.
  let best2 = Math.min(HAIR_DISTANCE_CAP, Math.abs(yCm - y));
  best2 *= best2;
  const reach = Math.sqrt(best2);
  const i0 = Math.max(0, Math.floor((ax - reach - EDGE_X0) * EDGE_RES));
  const i1 = Math.min(t.edge.length - 1, Math.ceil((ax + reach - EDGE_X0) * EDGE_RES));
  for (let i = i0; i <= i1; i += 4) {
    const dx = EDGE_X0 + i / EDGE_RES - ax;
    const dy = t.edge[i]! - yCm;
    const d2 = dx * dx + dy * dy;
    if (d2 < best2) best2 = d2;
  }
  return sign * Math.sqrt(best2);
}

/** Stubble weight: 1 where the side hair grows fully, fading across its soft edge. */
function hairWeight(shape: Shape, xCm: number, yCm: number): number {
  const front = smoothstep(-0.22, 0.3, hairDistance(shape, xCm, yCm));
  if (front <= 0) return 0;
  const i = yIndex(yCm);
  const u = Math.abs(xCm) / Math.max(1e-3, shape.w[i]!);
  const thr = shape.sides[xCm < 0 ? 0 : 1].top[i]!;
  return front * smoothstep(thr - 0.1, thr + 0.05, u);
}

/** Eyebrow hair density at a face point, 0..1. */
function browDensity(shape: Shape, xCm: number, yCm: number): number {
  const brow = shape.brows[xCm < 0 ? 0 : 1];
  const xm = Math.abs(xCm);
  if (xm < brow.x0 - 0.1 || xm > brow.x1 + 0.1) return 0;
  const a = (xm - brow.x0) / (brow.x1 - brow.x0);
  // Rounded head, tapering tail.
  const head = Math.sqrt(clamp01((xm - brow.x0 + 0.04) / 0.4));
  const half = brow.half(xm) * head;
  if (half <= 0) return 0;
  const v = (yCm - brow.centre(xm)) / half;
  const across = 1 - smoothstep(0.35, 1.15, Math.abs(v));
  const along = (0.72 + 0.28 * smoothstep(0, 0.25, a)) * (1 - 0.45 * smoothstep(0.75, 1, a));
  return across * along;
}

/** Upper and lower lid Y at lateral x (mirrored) into `out`; both on the canthal line outside the eye. */
function lidsAt(eye: Eye, xm: number, out: { t: number; base: number; up: number; lo: number }): void {
  const t = (xm - eye.mx) / (eye.lx - eye.mx);
  out.t = t;
  out.base = eye.my + (eye.ly - eye.my) * t;
  if (t <= 0 || t >= 1) {
    out.up = out.base;
    out.lo = out.base;
    return;
  }
  // Skewed arches: the upper lid peaks a little medially, the lower lid a little laterally.
  const tu = t + 0.36 * t * (1 - t);
  const tl = t - 0.2 * t * (1 - t);
  const su = Math.sin(Math.PI * tu);
  const sl = Math.sin(Math.PI * tl);
  out.up = out.base + eye.hu * (0.4 * su + 0.6 * Math.sqrt(su));
  out.lo = out.base - eye.hl * (0.85 * sl + 0.15 * Math.sqrt(sl));
}

// ---------------------------------------------------------------------------------------------
// Relief: bumps over the head's smooth front (cm), for the shading

function relief(x: number, y: number): number {
  const ax = Math.abs(x);
  let h = 0;
  // Forehead reclines going up; the lower face recedes under the cheekbones.
  if (y > 0) h -= 0.016 * y * y;
  if (y < -3) h -= 0.03 * (y + 3) * (y + 3);
  // Frontal eminences. (Each group is skipped where all its terms are below 1e-4 of their size.)
  if (y > -4) h += 0.22 * pair(x, 2.6, y - 4.2, 1.6, 1.8);
  if (y < 3 && y > -4.5) {
    // Brow ridge and glabella; the eye socket, the sulcus under the brow, the eyeball, the lower lid.
    h += 0.3 * pair(x, 2.4, y - 0.35, 2.0, 0.6);
    h += 0.12 * gauss(x, y - 0.1, 0.75, 0.6);
    h -= 0.85 * pair(x, 3.0, y + 0.75, 1.35, 0.8);
    h -= 0.22 * pair(x, 2.4, y + 0.05, 0.8, 0.25);
    const ex = (ax - 3.05) / 1.3;
    const ey = (y + 0.82) / 1.05;
    const e2 = ex * ex + ey * ey;
    if (e2 < 1) h += 0.5 * (1 - e2) * (1 - e2);
    h += 0.07 * pair(x, 3.0, y + 1.45, 0.75, 0.15);
    h -= 0.1 * pair(x, 2.25, y + 2.0, 0.6, 0.3);
    // The nasion.
    h -= 0.2 * gauss(x, y + 0.75, 0.6, 0.45);
  }
  if (y < -0.2 && y > -7.5 && ax < 3.2) {
    // The nose: a ridge from the root to the tip (q runs 0 to 1); the underside drops to the lip.
    const q = clamp01((-0.6 - y) / 4.2);
    const rise = 0.55 * q * q * (3 - 2 * q) + 0.45 * q;
    const drop = y < -5.0 ? smoothstep(-5.45, -5.0, y) : 1;
    const start = smoothstep(-0.25, -0.95, y);
    const sigma = 0.33 - 0.07 * Math.sin(Math.PI * clamp01(q * 1.6)) + 0.25 * q * q;
    h += (0.2 + 1.75 * rise) * drop * start * Math.exp((-0.5 * x * x) / (sigma * sigma));
    // The tip lobule (a ball), the wings and the grooves round them (not under them).
    if (y < -2.5) {
      h += 0.42 * gauss(x, y + 4.5, 0.52, 0.45) * smoothstep(-5.5, -4.95, y);
      h += 0.45 * pair(x, 1.15, y + 4.9, 0.38, 0.38);
      const rx = (ax - 1.12) / 0.95;
      const ry = (y + 4.95) / 0.8;
      const r = Math.sqrt(rx * rx + ry * ry);
      h -= 0.12 * Math.exp(-((r - 0.55) * (r - 0.55)) / 0.015) * smoothstep(-5.35, -4.95, y) * smoothstep(0.7, 1.1, ax);
    }
  }
  if (y < 2.5) {
    // Cheekbones and cheeks.
    h += 0.4 * pair(x, 4.2, y + 2.8, 1.5, 1.2);
    h += 0.3 * pair(x, 3.2, y + 4.4, 1.6, 1.5);
  }
  // The temple hollows.
  if (ax > 2 && y > -6 && y < 8.5) h -= 0.35 * pair(x, 6.0, y - 1.2, 0.8, 1.5);
  if (y < -1 && y > -10) {
    // Nasolabial folds: the cheek stands proud of the lip along a line from the nose wing outwards.
    const ox = 1.9;
    const oy = -5.0;
    const dx = 1.6;
    const dy = -3.0;
    const len = Math.sqrt(dx * dx + dy * dy);
    const along = ((ax - ox) * dx + (y - oy) * dy) / (len * len);
    const across = ((ax - ox) * -dy + (y - oy) * dx) / len; // positive lateral
    const env = smoothstep(-0.15, 0.15, along) * (1 - smoothstep(0.85, 1.2, along));
    if (env > 0 && ax < 8) h += env * (0.14 / (1 + Math.exp(-across / 0.3)) - 0.03 * Math.exp(-(across * across) / 0.03));
  }
  // Philtrum columns and the upper lip.
  if (y < -3.5 && y > -9.8 && ax < 1.2) h += 0.05 * pair(x, 0.42, y + 6.6, 0.14, 0.7);
  if (y < -5.5) h += 0.22 * gauss(x, y + 7.9, 2.0, 0.35);
  return h;
}

/** Extra darkness (0 none, 1 black) of cavities the relief's blur misses: nostrils, under the nose. */
function cavity(x: number, y: number): number {
  const ax = Math.abs(x);
  // Nostrils: tilted ellipses under the tip, the lateral end a little higher.
  const nx = ax - 0.6;
  const ny = y + 5.28;
  const rx = nx * 0.94 - ny * 0.34;
  const ry = nx * 0.34 + ny * 0.94;
  const d = (rx * rx) / (0.3 * 0.3) + (ry * ry) / (0.12 * 0.12);
  let c = 0.82 * (1 - smoothstep(0.45, 1.1, d));
  // The nose's soft shadow on the upper lip (light from the upper left), and under the wings.
  c += 0.22 * gauss(x - 0.3, y + 5.65, 0.9, 0.22) * (1 - c);
  c += 0.2 * pair(x, 1.5, y + 5.35, 0.35, 0.18) * (1 - c);
  // Inner eye corners, the upper inner orbit under the brow, the sides of the nose's root.
  c += 0.22 * pair(x, 1.4, y + 0.85, 0.3, 0.3) * (1 - c);
  c += 0.2 * pair(x, 2.1, y + 0.35, 0.75, 0.3) * (1 - c);
  c += 0.14 * pair(x, 1.15, y + 1.5, 0.3, 0.6) * (1 - c);
  return Math.min(0.95, c);
}

// ---------------------------------------------------------------------------------------------
// Coarse fields: low-frequency quantities sampled on a grid and bilinearly interpolated

const F_SX = 0;
const F_SY = 1;
const F_AO = 2;
const F_LUM = 3;
const F_RED = 4;
const F_CAST = 5;
const F_BROW = 6;
const F_OIL = 7;
const NF = 8;

interface Fields {
  readonly step: number;
  readonly cols: number;
  readonly data: Float32Array;
}

function coarseFields(o: Required<FaceImageOptions>, f: Frame, shape: Shape): Fields {
  // Half a millimetre, but no finer than 4 px (small pictures cannot show more).
  const step = Math.max(4, Math.round(f.p * 0.05));
  const cols = Math.ceil(o.widthPx / step) + 2;
  const rows = Math.ceil(o.heightPx / step) + 2;
  const size = cols * rows;
  const height = new Float32Array(size);
  const data = new Float32Array(size * NF);
  const toneNoise = createNoise2D(createRandom(o.seed, STREAM_FIELDS));
  const redNoise = createNoise2D(createRandom(o.seed, STREAM_FIELDS + 1));
  const mottleNoise = createNoise2D(createRandom(o.seed, STREAM_FIELDS + 2));
  const bumpNoise = createNoise2D(createRandom(o.seed, STREAM_FIELDS + 3));
  const inv = 1 / f.p;
  for (let j = 0; j < rows; j++) {
    for (let k = 0; k < cols; k++) {
      const i = j * cols + k;
      const dx = k * step - f.gx;
      const dy = j * step - f.gy;
      const x = (f.cos * dx + f.sin * dy) * inv;
      const y = (f.sin * dx - f.cos * dy) * inv;
      const ax = Math.abs(x);
      const off = ax - shape.w[yIndex(y)]!;
      if (off > 1) {
        // Well off the head: only the broad profile, so the occlusion blur sees no false edge.
        height[i] = (y > 0 ? -0.016 * y * y : 0) - (y < -3 ? 0.03 * (y + 3) * (y + 3) : 0);
        continue;
      }
      // The designed relief plus gentle irregular bumps (no skin is a smooth solid).
      height[i] = relief(x, y) + 0.03 * bumpNoise(x * 0.35, y * 0.35) + 0.002 * bumpNoise(x * 1.5 + 30, y * 1.5);
      const o8 = i * NF;
      const face = y < 3 && y > -8;
      // Tone: broad variation plus blotches of a few mm; darker round the eyes.
      data[o8 + F_LUM] =
        0.8 * toneNoise(x * 0.3, y * 0.3) +
        0.4 * toneNoise(x * 1.2 + 9, y * 1.2) +
        0.5 * mottleNoise(x * 3, y * 3) -
        (face ? 1.6 * pair(x, 2.9, y + 1.7, 0.9, 0.32) + 1.2 * pair(x, 2.2, y + 0.1, 0.7, 0.35) + 0.8 * pair(x, 1.6, y + 1.0, 0.35, 0.5) : 0);
      // Redness: nose, cheeks, lids and between the brows; patchy.
      const regional = face
        ? 0.5 * gauss(x, y + 4.5, 0.8, 0.8) +
          0.5 * pair(x, 1.2, y + 4.95, 0.5, 0.4) +
          0.45 * pair(x, 3.6, y + 3.8, 1.4, 1.1) +
          0.35 * pair(x, 3.0, y + 0.2, 1.2, 0.35) +
          0.3 * gauss(x, y - 0.2, 0.8, 0.6) +
          0.25 * pair(x, 2.7, y + 1.55, 1.0, 0.25)
        : 0;
      data[o8 + F_RED] = 0.5 * redNoise(x * 0.45, y * 0.45) + 0.25 * redNoise(x * 2.2, y * 2.2) + regional;
      // Stubble cast (the side hair) and a faint shaved-beard shadow on the lip and lower cheeks.
      const beardLip = ax < 2.3 ? smoothstep(-5.85, -6.25, y) * (1 - smoothstep(1.6, 2.3, ax)) : 0;
      const beardCheek = y < 0 ? smoothstep(0.3, -0.4, y + 3.3 + (6.2 - ax) * 0.65) * smoothstep(2.2, 3.0, ax) : 0;
      data[o8 + F_CAST] = Math.max(y > -4 ? hairWeight(shape, x, y) : 0, 0.35 * Math.max(beardLip, beardCheek));
      data[o8 + F_BROW] = y > -1 && y < 1.6 ? browDensity(shape, x, y) : 0;
      data[o8 + F_OIL] = 0.55 + 0.45 * gauss(x, y - 4, 2.6, 4) + 0.25 * gauss(x, y + 3.5, 0.6, 2) + 0.2 * toneNoise(x * 0.8 - 5, y * 0.8);
    }
  }
  // Ambient occlusion from the relief: lower than its blurred self means a hollow.
  const blurred = boxBlur(boxBlur(height, cols, rows, Math.max(1, Math.round((0.3 * f.p) / step))), cols, rows, Math.max(1, Math.round((0.3 * f.p) / step)));
  const perCm = f.p / (2 * step);
  for (let j = 0; j < rows; j++) {
    for (let k = 0; k < cols; k++) {
      const i = j * cols + k;
      const kl = k > 0 ? k - 1 : k;
      const kr = k < cols - 1 ? k + 1 : k;
      const ju = j > 0 ? j - 1 : j;
      const jd = j < rows - 1 ? j + 1 : j;
      // Slopes per cm along the image axes, then turned into the face frame.
      const hx = ((height[j * cols + kr]! - height[j * cols + kl]!) * perCm * 2) / (kr - kl);
      const hy = ((height[jd * cols + k]! - height[ju * cols + k]!) * perCm * 2) / (jd - ju);
      const o8 = i * NF;
      data[o8 + F_SX] = hx * f.cos + hy * f.sin;
      data[o8 + F_SY] = hx * f.sin - hy * f.cos;
      const dx = k * step - f.gx;
      const dy = j * step - f.gy;
      const x = (f.cos * dx + f.sin * dy) * inv;
      const y = (f.sin * dx - f.cos * dy) * inv;
      const hollow = height[i]! - blurred[i]!;
      const ao = Math.max(0.35, Math.min(1.12, 1 + 1.1 * hollow));
      data[o8 + F_AO] = ao * (1 - cavity(x, y));
    }
  }
  return { step, cols, data };
}

/** Separable box blur of radius r (cells), clamped at the borders. */
function boxBlur(src: Float32Array, cols: number, rows: number, r: number): Float32Array {
  const tmp = new Float32Array(src.length);
  const out = new Float32Array(src.length);
  const norm = 1 / (2 * r + 1);
  for (let j = 0; j < rows; j++) {
    const row = j * cols;
    let acc = 0;
    for (let k = -r; k <= r; k++) acc += src[row + Math.min(cols - 1, Math.max(0, k))]!;
    for (let k = 0; k < cols; k++) {
      tmp[row + k] = acc * norm;
      acc += src[row + Math.min(cols - 1, k + r + 1)]! - src[row + Math.max(0, k - r)]!;
    }
  }
  for (let k = 0; k < cols; k++) {
    let acc = 0;
    for (let j = -r; j <= r; j++) acc += tmp[Math.min(rows - 1, Math.max(0, j)) * cols + k]!;
    for (let j = 0; j < rows; j++) {
      out[j * cols + k] = acc * norm;
      acc += tmp[Math.min(rows - 1, j + r + 1) * cols + k]! - tmp[Math.max(0, j - r) * cols + k]!;
    }
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// The per-pixel pass: backdrop, ears, skin with its lighting, the eyes

/** Key light (upper left, in front), fill (right), in camera space (x right, y up, z to the camera). */
const KEY = normalise(-0.5, 0.62, 1);
const FILL = normalise(0.8, -0.1, 1);
const KEY_LEVEL = 1.08;
const FILL_LEVEL = 0.2;
const SKY_LEVEL = 0.1;
/** Diffuse wrap per channel: light scattered under the skin reaches further into the shade in red. */
const WRAP: readonly [number, number, number] = [0.3, 0.14, 0.09];
/** Blue-grey of dark hair seen through skin, relative to the skin's own luminance. */
const CAST: readonly [number, number, number] = [0.19, 0.22, 0.28];
const BROW_TINT: readonly [number, number, number] = [0.2, 0.15, 0.12];
const BACK_TOP: readonly [number, number, number] = [0.105, 0.115, 0.125];
const BACK_BOTTOM: readonly [number, number, number] = [0.2, 0.21, 0.22];

function normalise(x: number, y: number, z: number): [number, number, number] {
  const l = Math.sqrt(x * x + y * y + z * z);
  return [x / l, y / l, z / l];
}

/** Superellipse cross-section tables over |u| in [0, 1]: s, s^(P-1), |u|^(P-1), |u|^P. */
interface Cross {
  readonly s: Float32Array;
  readonly sp1: Float32Array;
  readonly up1: Float32Array;
  readonly up: Float32Array;
}

let crossTables: Cross | undefined;

function cross(): Cross {
  if (crossTables) return crossTables;
  const s = new Float32Array(CROSS_N + 1);
  const sp1 = new Float32Array(CROSS_N + 1);
  const up1 = new Float32Array(CROSS_N + 1);
  const up = new Float32Array(CROSS_N + 1);
  for (let i = 0; i <= CROSS_N; i++) {
    const u = i / CROSS_N;
    // P = 2.5: |u|^2.5 = u²·√u; s = (1 - |u|^2.5)^(0.4) = ((1 - u^2.5)²)^(1/5), by bisection (no pow).
    const uP = u * u * Math.sqrt(u);
    const target = (1 - uP) * (1 - uP);
    let lo = 0;
    let hi = 1;
    for (let k = 0; k < 50; k++) {
      const mid = (lo + hi) / 2;
      const m2 = mid * mid;
      if (m2 * m2 * mid < target) lo = mid;
      else hi = mid;
    }
    const sv = (lo + hi) / 2;
    s[i] = sv;
    sp1[i] = sv * Math.sqrt(sv);
    up1[i] = u * Math.sqrt(u);
    up[i] = uP;
  }
  crossTables = { s, sp1, up1, up };
  return crossTables;
}

interface LidSample {
  t: number;
  base: number;
  up: number;
  lo: number;
}

/** Writes the eye's effect into rgb (skin colour in, final colour out) at mirrored face point (xm, y). */
function shadeEye(
  shape: Shape,
  xm: number,
  y: number,
  pxCm: number,
  irisNoise: NoiseFunction2D,
  scleraNoise: NoiseFunction2D,
  rgb: [number, number, number],
  lids: LidSample,
  side: number,
): void {
  const eye = shape.eye;
  lidsAt(eye, xm, lids);
  const { t, up, lo } = lids;
  const inSpan = t > -0.08 && t < 1.1;
  if (!inSpan) return;
  const tt = clamp01(t);
  // Skin marks around the opening: the crease of the upper lid, the lash line, the lower margin.
  if (y > up - 0.02) {
    const above = y - up;
    const creaseGap = 0.17 + 0.09 * Math.sin(Math.PI * clamp01(t * 0.9 + 0.05)) - 0.06 * tt;
    const dc = above - creaseGap;
    const creaseW = smoothstep(-0.05, 0.12, t) * (1 - smoothstep(1.0, 1.12, t));
    const crease = creaseW * (0.42 * Math.exp(-((dc + 0.012) * (dc + 0.012)) / 0.0012) + 0.22 * Math.exp(-((dc - 0.04) * (dc - 0.04)) / 0.012));
    // Lid skin between the margin and the crease: a touch pinker, a little shine.
    const lid = above < creaseGap ? creaseW * (1 - smoothstep(creaseGap - 0.08, creaseGap, above)) : 0;
    const lashW = smoothstep(-0.06, 0.08, t) * (1 - smoothstep(1.02, 1.09, t));
    const lashBand = 0.045 + 0.03 * tt;
    const lash = lashW * Math.exp(-(above * above) / (lashBand * lashBand)) * (0.78 + 0.17 * tt);
    rgb[0] *= (1 - crease) * (1 - 0.04 * lid);
    rgb[1] *= (1 - crease) * (1 - 0.1 * lid);
    rgb[2] *= (1 - crease * 0.95) * (1 - 0.08 * lid);
    rgb[0] += (0.02 - rgb[0]) * lash;
    rgb[1] += (0.014 - rgb[1]) * lash;
    rgb[2] += (0.012 - rgb[2]) * lash;
  }
  if (y < lo + 0.02 && t > 0 && t < 1.06) {
    const below = lo - y;
    const lowerW = smoothstep(0.02, 0.2, t) * (1 - smoothstep(0.96, 1.06, t));
    // The lid margin faces up and catches light; the lashes' roots make a soft line under it.
    const ledge = lowerW * 0.14 * Math.exp(-((below - 0.015) * (below - 0.015)) / 0.0003);
    const line = lowerW * 0.28 * Math.exp(-((below - 0.045) * (below - 0.045)) / 0.0008);
    const fold = lowerW * 0.12 * Math.exp(-((below - 0.3) * (below - 0.3)) / 0.006);
    rgb[0] *= (1 - line - fold * 0.8) * (1 + ledge);
    rgb[1] *= (1 - line * 1.05 - fold) * (1 + ledge * 0.8);
    rgb[2] *= (1 - line * 1.05 - fold * 0.9) * (1 + ledge * 0.8);
  }
  if (t <= 0 || t >= 1) return;
  // The opening, anti-aliased over about a pixel.
  const inside = Math.min(up - y, y - lo) * pxCm;
  const cover = clamp01(inside + 0.5);
  if (cover <= 0) return;
  const ix = xm - eye.irisX;
  const iy = y - eye.irisY;
  // Eyeball: a sphere behind the iris, shaded and shadowed by the upper lid.
  const bx = ix / 1.25;
  const by = (y - eye.irisY + 0.05) / 1.25;
  const bz2 = Math.max(0, 1 - bx * bx - by * by);
  const bz = Math.sqrt(bz2);
  const dUp = up - y;
  const dLo = y - lo;
  const lidShadow = 1 - 0.75 * Math.exp(-dUp / 0.09) - 0.22 * Math.exp(-dUp / 0.35);
  const lowShadow = 1 - 0.3 * Math.exp(-dLo / 0.04);
  const ballLight = (0.12 + 0.88 * bz2 * bz) * lidShadow * lowShadow;
  const veins = 0.5 + 0.5 * scleraNoise(xm * 9 + side * 40, y * 9);
  const corner = smoothstep(0.3, 0.02, t) + 0.25 * smoothstep(0.8, 1, t);
  let r = (0.42 + 0.05 * corner * veins) * ballLight;
  let g = (0.37 - 0.07 * corner * veins) * ballLight;
  let b = (0.34 - 0.08 * corner * veins) * ballLight;
  // Caruncle at the inner corner.
  const car = smoothstep(0.16, 0.04, t);
  if (car > 0) {
    const cl = 0.75 + 0.25 * lidShadow;
    r += (0.36 * cl - r) * car;
    g += (0.18 * cl - g) * car;
    b += (0.17 * cl - b) * car;
  }
  // Iris and pupil.
  const rr = Math.sqrt(ix * ix + iy * iy);
  const ri = rr / eye.irisR;
  if (ri < 1.08) {
    const [base, light, ring] = shape.iris;
    const inv = rr > 1e-6 ? 1 / rr : 0;
    const cx = ix * inv;
    const cy = iy * inv;
    const fib = irisNoise(cx * 13 + side * 50 + ri * 0.9, cy * 13 + ri * 0.7);
    const fib2 = irisNoise(cx * 31 + side * 50 - ri * 2.5, cy * 31 + 40);
    const collar = Math.exp(-((ri - 0.5) * (ri - 0.5)) / 0.01);
    let k = clamp01(0.45 + 0.35 * fib + 0.22 * fib2 + 0.25 * collar);
    // Light passes through the cornea and lights the iris opposite the key light (lower right).
    const caustic = 1 + 0.45 * clamp01(((side === 0 ? -ix : ix) * 0.6 - iy) / eye.irisR);
    k *= 1 - smoothstep(0.78, 1.0, ri) * 0.8;
    let ir = (base.r + (light.r - base.r) * k) * caustic;
    let ig = (base.g + (light.g - base.g) * k) * caustic;
    let ib = (base.b + (light.b - base.b) * k) * caustic;
    const limbus = smoothstep(0.8, 1.0, ri);
    ir += (ring.r - ir) * limbus;
    ig += (ring.g - ig) * limbus;
    ib += (ring.b - ib) * limbus;
    const shade = lidShadow * 0.9 + 0.1;
    ir *= shade;
    ig *= shade;
    ib *= shade;
    const pr = rr - eye.pupilR;
    const pupil = clamp01(0.5 - pr * pxCm * 0.7);
    ir += (0.006 - ir) * pupil;
    ig += (0.0055 - ig) * pupil;
    ib += (0.0055 - ib) * pupil;
    const edge = clamp01((1.0 - ri) * eye.irisR * pxCm * 0.6 + 0.5);
    r += (ir - r) * edge;
    g += (ig - g) * edge;
    b += (ib - b) * edge;
  }
  // Catchlights: the key light's softbox (upper left) and a faint fill (right).
  const kx = (side === 0 ? -ix : ix) + 0.19;
  const ky = iy - 0.21;
  const kd = (kx * kx) / 0.0036 + (ky * ky) / 0.0049;
  if (kd < 4) {
    const glint = 0.95 * Math.exp(-kd * kd * 0.6);
    r += (1 - r) * glint;
    g += (1 - g) * glint;
    b += (1 - b) * glint;
  }
  const fx = (side === 0 ? -ix : ix) - 0.3;
  const fy = iy + 0.05;
  const fd = (fx * fx + fy * fy) / 0.0016;
  if (fd < 4) {
    const glint = 0.25 * Math.exp(-fd * fd);
    r += (1 - r) * glint;
    g += (1 - g) * glint;
    b += (1 - b) * glint;
  }
  // The wet margin of the lower lid.
  const water = Math.exp(-(dLo * dLo) / 0.0016) * smoothstep(0.05, 0.2, t) * (1 - smoothstep(0.85, 0.98, t));
  r += (0.34 - r) * water * 0.6;
  g += (0.17 - g) * water * 0.6;
  b += (0.16 - b) * water * 0.6;
  const wetGlint = 0.5 * Math.exp(-((dLo - 0.025) * (dLo - 0.025)) / 0.00015) * smoothstep(0.25, 0.4, t) * (1 - smoothstep(0.55, 0.7, t));
  r += (1 - r) * wetGlint;
  g += (1 - g) * wetGlint;
  b += (1 - b) * wetGlint;
  rgb[0] += (r - rgb[0]) * cover;
  rgb[1] += (g - rgb[1]) * cover;
  rgb[2] += (b - rgb[2]) * cover;
}

/** Light on an ear at (mirrored) face point; coverage 0 when missed. */
function sampleEar(ear: Ear, ax: number, y: number, pxCm: number, out: { cover: number; light: number }): void {
  out.cover = 0;
  out.light = 0;
  const height = ear.yTop - ear.yBottom;
  const q = (y - ear.yBottom) / height;
  if (q <= 0 || q >= 1) return;
  const reach = ear.reach(q);
  const d = ax - ear.xBase;
  if (d < 0 || d > reach + 0.05) return;
  // Anti-aliased against the outline's true slope; the ear sits behind the face: a little soft.
  const dq = 0.004;
  const slope = (ear.reach(Math.min(1, q + dq)) - ear.reach(Math.max(0, q - dq))) / (2 * dq * height);
  out.cover = clamp01(((reach - d) * pxCm * 0.6) / Math.sqrt(1 + slope * slope) + 0.5);
  // Depth in from the outer edge, cm: the rolled helix rim, the groove inside it (scapha), the
  // antihelix ridge, then the dark bowl (concha) near the head; the lobe is plain and fleshy.
  const e = reach - d;
  const lobe = 1 - smoothstep(0.1, 0.24, q);
  const helix = Math.sin(Math.PI * clamp01(e / 0.26));
  const scapha = Math.exp(-((e - 0.36) * (e - 0.36)) / 0.008);
  const anti = Math.exp(-((e - 0.58) * (e - 0.58)) / 0.012);
  const concha = smoothstep(0.66, 0.9, e) * smoothstep(0.22, 0.34, q) * (1 - smoothstep(0.62, 0.74, q));
  const root = smoothstep(0.2, 0.0, d);
  const shaped = 0.42 + 0.4 * helix - 0.22 * scapha + 0.14 * anti - 0.3 * concha;
  const plain = 0.55 + 0.25 * Math.sin(Math.PI * clamp01(e / 0.8));
  out.light = (shaped + (plain - shaped) * lobe) * (1 - 0.5 * root) * 0.8;
}

function paintBase(img: FloatImage, o: Required<FaceImageOptions>, f: Frame, shape: Shape, fields: Fields): void {
  const { widthPx: w, heightPx: h } = o;
  const { step, cols, data: fd } = fields;
  const { s: sTab, sp1: sp1Tab, up1: up1Tab, up: upTab } = cross();
  const fine = createNoise2D(createRandom(o.seed, STREAM_FINE));
  const irisNoise = createNoise2D(createRandom(o.seed, STREAM_IRIS));
  const scleraNoise = createNoise2D(createRandom(o.seed, STREAM_IRIS + 1));
  const [albR, albG, albB] = shape.albedo;
  const p = f.p;
  const inv = 1 / p;
  // Lights in the face frame (the face is rolled by the tilt, the lights are not).
  const toFace = (v: readonly [number, number, number]): [number, number, number] => [v[0] * f.cos - v[1] * f.sin, v[0] * f.sin + v[1] * f.cos, v[2]];
  const [klx, kly, klz] = toFace(KEY);
  const [flx, fly, flz] = toFace(FILL);
  const half = normalise(klx, kly, klz + 1);
  const [hx, hy, hz] = half;
  // Fine texture: pore-scale relief, fading where a pixel is larger than it.
  const poreFreq = 1 / (0.05 * p);
  const fineAmp = Math.min(1, (0.05 * p) / 3);
  const castOpacity = 0.4;
  const ear = { cover: 0, light: 0 };
  const rgb: [number, number, number] = [0, 0, 0];
  const lids: LidSample = { t: 0, base: 0, up: 0, lo: 0 };
  const data = img.rgb;
  const yMaxIdx = (TABLE_Y1 - TABLE_Y0) * TABLE_RES;
  // Shadow of the head on the backdrop: down and to the right of it.
  const shadowDx = 1.1;
  const shadowDy = -0.8;
  for (let yi = 0; yi < h; yi++) {
    const py = yi + 0.5;
    const gyf = py / step;
    const j0 = Math.floor(gyf);
    const wy = gyf - j0;
    const tb = py / h;
    const bgR0 = BACK_TOP[0] + (BACK_BOTTOM[0] - BACK_TOP[0]) * tb;
    const bgG0 = BACK_TOP[1] + (BACK_BOTTOM[1] - BACK_TOP[1]) * tb;
    const bgB0 = BACK_TOP[2] + (BACK_BOTTOM[2] - BACK_TOP[2]) * tb;
    const vy = (py / h - 0.5) * 2;
    const dyPx = py - f.gy;
    for (let xi = 0, i = yi * w * 3; xi < w; xi++, i += 3) {
      const px = xi + 0.5;
      const dxPx = px - f.gx;
      const x = (f.cos * dxPx + f.sin * dyPx) * inv;
      const y = (f.sin * dxPx - f.cos * dyPx) * inv;
      const ax = x < 0 ? -x : x;
      let ti = Math.round((y - TABLE_Y0) * TABLE_RES);
      ti = ti < 0 ? 0 : ti > yMaxIdx ? yMaxIdx : ti;
      const W = shape.w[ti]!;
      const dW = shape.dw[ti]!;
      const cover = clamp01(((W - ax) * p) / Math.sqrt(1 + dW * dW) / 1.3 + 0.5);
      let outR = 0;
      let outG = 0;
      let outB = 0;
      if (cover < 1) {
        const vx = (px / w - 0.5) * 2;
        let shade = 1 - 0.22 * (vx * vx + vy * vy);
        // The head's soft shadow.
        const sy = y - shadowDy;
        let si = Math.round((sy - TABLE_Y0) * TABLE_RES);
        si = si < 0 ? 0 : si > yMaxIdx ? yMaxIdx : si;
        const sw = shape.w[si]!;
        const sx = x - shadowDx;
        const sdist = (sx < 0 ? -sx : sx) - sw;
        shade *= 1 - 0.4 * (1 - smoothstep(-0.5, 2.5, sdist));
        outR = bgR0 * shade;
        outG = bgG0 * shade;
        outB = bgB0 * shade;
        if (ax > 6 && y > shape.ear.yBottom && y < shape.ear.yTop) {
          sampleEar(shape.ear, ax, y, p, ear);
          if (ear.cover > 0) {
            const side = x < 0 ? 1.12 : 0.86; // the key light comes from the image left
            const l = ear.light * side * (1 + 0.05 * fine(px * poreFreq * 0.3, py * poreFreq * 0.3));
            outR += (albR * 0.95 * l - outR) * ear.cover;
            outG += (albG * 0.74 * l - outG) * ear.cover;
            outB += (albB * 0.72 * l - outB) * ear.cover;
          }
        }
      }
      if (cover > 0) {
        // Fields.
        const gxf = px / step;
        const k0 = Math.floor(gxf);
        const wx = gxf - k0;
        const c00 = (j0 * cols + k0) * NF;
        const c10 = c00 + NF;
        const c01 = c00 + cols * NF;
        const c11 = c01 + NF;
        const w00 = (1 - wx) * (1 - wy);
        const w10 = wx * (1 - wy);
        const w01 = (1 - wx) * wy;
        const w11 = wx * wy;
        const fSX = fd[c00 + F_SX]! * w00 + fd[c10 + F_SX]! * w10 + fd[c01 + F_SX]! * w01 + fd[c11 + F_SX]! * w11;
        const fSY = fd[c00 + F_SY]! * w00 + fd[c10 + F_SY]! * w10 + fd[c01 + F_SY]! * w01 + fd[c11 + F_SY]! * w11;
        const fAO = fd[c00 + F_AO]! * w00 + fd[c10 + F_AO]! * w10 + fd[c01 + F_AO]! * w01 + fd[c11 + F_AO]! * w11;
        const fLum = fd[c00 + F_LUM]! * w00 + fd[c10 + F_LUM]! * w10 + fd[c01 + F_LUM]! * w01 + fd[c11 + F_LUM]! * w11;
        const fRed = fd[c00 + F_RED]! * w00 + fd[c10 + F_RED]! * w10 + fd[c01 + F_RED]! * w01 + fd[c11 + F_RED]! * w11;
        const fCast = fd[c00 + F_CAST]! * w00 + fd[c10 + F_CAST]! * w10 + fd[c01 + F_CAST]! * w01 + fd[c11 + F_CAST]! * w11;
        const fBrow = fd[c00 + F_BROW]! * w00 + fd[c10 + F_BROW]! * w10 + fd[c01 + F_BROW]! * w01 + fd[c11 + F_BROW]! * w11;
        const fOil = fd[c00 + F_OIL]! * w00 + fd[c10 + F_OIL]! * w10 + fd[c01 + F_OIL]! * w01 + fd[c11 + F_OIL]! * w11;
        // Base normal of the head's front (superellipse across, profile along), then the relief.
        const Zc = shape.zc[ti]!;
        const dZc = shape.dzc[ti]!;
        const Wd = W > 1e-3 ? W : 1e-3;
        let u = ax / Wd;
        if (u > 1) u = 1;
        const ui = Math.round(u * CROSS_N);
        const sv = sTab[ui]!;
        const sp1 = sp1Tab[ui]!;
        let nx = (Zc * up1Tab[ui]!) / Wd;
        if (x < 0) nx = -nx;
        let ny = -(dZc * sv * sp1 + (Zc * upTab[ui]! * dW) / Wd);
        let nz = sp1;
        let nl = Math.sqrt(nx * nx + ny * ny + nz * nz) || 1;
        nx /= nl;
        ny /= nl;
        nz /= nl;
        nx -= nz * fSX;
        ny -= nz * fSY;
        nl = Math.sqrt(nx * nx + ny * ny + nz * nz);
        nx /= nl;
        ny /= nl;
        nz /= nl;
        // Lighting.
        const ndl = nx * klx + ny * kly + nz * klz;
        const dR = Math.max(0, (ndl + WRAP[0]) / (1 + WRAP[0]));
        const dG = Math.max(0, (ndl + WRAP[1]) / (1 + WRAP[1]));
        const dB = Math.max(0, (ndl + WRAP[2]) / (1 + WRAP[2]));
        const fill = Math.max(0, nx * flx + ny * fly + nz * flz) * FILL_LEVEL;
        const sky = SKY_LEVEL * (0.6 + 0.4 * ny) * fAO;
        const occ = 0.3 + 0.7 * fAO;
        // Texture: pore-scale relief and furrows (fading when smaller than a pixel).
        const rel = fineAmp > 0.05 ? fine(px * poreFreq, py * poreFreq) : 0;
        const furrow = fineAmp > 0.05 ? 1 - (rel < 0 ? -rel : rel) : 0.5;
        const texture = 1 + fineAmp * (0.03 * rel - 0.05 * furrow * furrow * furrow) + 0.045 * fLum;
        const rim = (1 - nz) * (1 - nz);
        const redness = 0.03 + 0.08 * fRed + 0.22 * rim;
        const baseR = albR * texture;
        const baseG = albG * texture * (1 - redness);
        const baseB = albB * texture * (1 - redness * 1.25);
        let r = baseR * ((KEY_LEVEL * dR + fill) * occ + sky);
        let g = baseG * ((KEY_LEVEL * dG + fill) * occ + sky);
        let b = baseB * ((KEY_LEVEL * dB + fill) * occ + sky);
        // Hair seen through the skin: blue-grey for the shaved stubble, brown for the brows.
        if (fCast > 0.002) {
          const c = castOpacity * fCast;
          const level = 0.3 * r + 0.6 * g + 0.1 * b;
          r = r * (1 - c) + CAST[0] * level * c;
          g = g * (1 - c) + CAST[1] * level * c;
          b = b * (1 - c) + CAST[2] * level * c;
        }
        if (fBrow > 0.002) {
          const c = 0.6 * fBrow;
          const level = 0.3 * r + 0.6 * g + 0.1 * b;
          r = r * (1 - c) + BROW_TINT[0] * level * c;
          g = g * (1 - c) + BROW_TINT[1] * level * c;
          b = b * (1 - c) + BROW_TINT[2] * level * c;
        }
        // Sheen: a broad one and a tight one, on oily parts, broken by the pores.
        const ndh = Math.max(0, nx * hx + ny * hy + nz * hz);
        const ndh2 = ndh * ndh;
        const ndh4 = ndh2 * ndh2;
        const ndh8 = ndh4 * ndh4;
        const ndh32 = ndh8 * ndh8 * ndh8 * ndh8;
        const sheen = (0.06 * ndh8 + 0.2 * ndh32 * (0.75 + 0.5 * rel)) * fOil * (1 - 0.7 * fCast) * (1 - 0.8 * fBrow) * occ;
        r += sheen;
        g += sheen * 0.97;
        b += sheen * 0.94;
        if (ax > 1.0 && ax < 6.0 && y > -1.9 && y < 0.3) {
          rgb[0] = r;
          rgb[1] = g;
          rgb[2] = b;
          shadeEye(shape, ax, y, p, irisNoise, scleraNoise, rgb, lids, x < 0 ? 0 : 1);
          r = rgb[0];
          g = rgb[1];
          b = rgb[2];
        }
        outR += (r - outR) * cover;
        outG += (g - outG) * cover;
        outB += (b - outB) * cover;
      }
      data[i] = outR;
      data[i + 1] = outG;
      data[i + 2] = outB;
    }
  }
}

// ---------------------------------------------------------------------------------------------
// Marks: pores, glints, wrinkles, moles

const PORE: LinearRgb = { r: 0.6, g: 0.48, b: 0.47 };
const GLINT: LinearRgb = { r: 1, g: 0.97, b: 0.94 };
const CREASE: LinearRgb = { r: 0.6, g: 0.47, b: 0.44 };
const LIFT: LinearRgb = { r: 1, g: 0.9, b: 0.85 };
const MOLE: LinearRgb = { r: 0.3, g: 0.18, b: 0.13 };
const LENTIGO: LinearRgb = { r: 0.75, g: 0.6, b: 0.5 };

function poisson(random: Random, mean: number): number {
  if (mean > 30) return Math.max(0, Math.round(mean + Math.sqrt(mean) * (random() + random() + random() - 1.5) * 2));
  const limit = Math.exp(-mean);
  let k = 0;
  let q = random();
  while (q > limit) {
    k++;
    q *= random();
  }
  return k;
}

/** Is the face point on plain skin of the head (not the eyes, brows, hair or off the head)? */
function onSkin(shape: Shape, x: number, y: number, margin: number): boolean {
  const W = shape.w[yIndex(y)]!;
  if (Math.abs(x) > W - margin) return false;
  const eye = shape.eye;
  const ax = Math.abs(x);
  if (ax > eye.mx - 0.15 && ax < eye.lx + 0.15 && y > -1.55 && y < -0.2) return false;
  return true;
}

function paintMarks(img: FloatImage, o: Required<FaceImageOptions>, f: Frame, shape: Shape): void {
  const random = createRandom(o.seed, STREAM_MARKS);
  const pmm = f.p / 10;
  // Sample the visible face frame area (bounding box of the image in face cm).
  const halfW = o.widthPx / 2 / f.p + 1;
  const yLo = -(o.heightPx - f.gy) / f.p - 1;
  const yHi = f.gy / f.p + 1;
  const boxArea = 2 * halfW * (yHi - yLo);
  const at = (xCm: number, yCm: number): ImagePoint => toImage(f, xCm, yCm);
  // Pores and glints vanish below a pixel: fewer are drawn on small pictures.
  const visible = clamp01((pmm - 2) / 4);
  const pores = poisson(random, 150 * boxArea * visible);
  for (let k = 0; k < pores; k++) {
    const x = (random() * 2 - 1) * halfW;
    const y = yLo + random() * (yHi - yLo);
    const rad = (0.035 + random() * 0.045) * pmm;
    const op = 0.2 + random() * 0.3;
    if (!onSkin(shape, x, y, 0.3)) continue;
    const hairW = hairWeight(shape, x, y);
    if (hairW > 0.5 || browDensity(shape, x, y) > 0.3) continue;
    const nose = Math.abs(x) < 1.6 && y < -2.3 && y > -5.6 ? 1.6 : 1;
    const ip = at(x, y);
    stampDot(img, ip.x, ip.y, rad * nose, op, PORE, 'multiply');
  }
  // Extra pores on the nose tip and wings.
  const nosePores = poisson(random, 250 * 3 * 3 * visible);
  for (let k = 0; k < nosePores; k++) {
    const x = (random() * 2 - 1) * 1.6;
    const y = -5.5 + random() * 3;
    if (gauss(x, y + 4.6, 0.9, 0.9) + gauss(Math.abs(x) - 1.2, y + 5.1, 0.5, 0.4) < random() * 1.2) continue;
    const ip = at(x, y);
    stampDot(img, ip.x, ip.y, (0.05 + random() * 0.05) * pmm, 0.25 + random() * 0.25, PORE, 'multiply');
  }
  const glints = poisson(random, 30 * boxArea * visible);
  for (let k = 0; k < glints; k++) {
    const x = (random() * 2 - 1) * halfW;
    const y = yLo + random() * (yHi - yLo);
    const rad = (0.025 + random() * 0.03) * pmm;
    const op = 0.04 + random() * 0.1;
    if (!onSkin(shape, x, y, 0.6)) continue;
    const ip = at(x, y);
    stampDot(img, ip.x, ip.y, rad, op, GLINT, 'screen');
  }
  // Sun spots on the bald top, a couple of moles.
  const spots = poisson(random, 6);
  for (let k = 0; k < spots; k++) {
    const x = (random() * 2 - 1) * 4;
    const y = 4 + random() * 10;
    const size = 0.08 + random() * 0.15;
    const op = 0.1 + random() * 0.15;
    if (!onSkin(shape, x, y, 1) || hairWeight(shape, x, y) > 0) continue;
    for (let b = 0; b < 4; b++) {
      const ip = at(x + (random() - 0.5) * size, y + (random() - 0.5) * size);
      stampDot(img, ip.x, ip.y, size * (0.25 + random() * 0.2) * f.p, op, LENTIGO, 'multiply');
    }
  }
  const moles = 1 + Math.floor(random() * 3);
  for (let k = 0; k < moles; k++) {
    const x = (random() * 2 - 1) * 5.5;
    const y = -4 + random() * 11;
    const rad = (0.5 + random() * 0.6) * pmm;
    if (!onSkin(shape, x, y, 1) || hairWeight(shape, x, y) > 0 || browDensity(shape, x, y) > 0) continue;
    const ip = at(x, y);
    stampDot(img, ip.x, ip.y, rad, 0.45 + random() * 0.2, MOLE, 'multiply');
  }
  paintWrinkles(img, o, f, shape);
}

/** A soft crease along a face-frame polyline: a dark groove with a lighter lip above it. */
function crease(img: FloatImage, f: Frame, pts: readonly (readonly [number, number, number])[], widthCm: number, liftDir: readonly [number, number]): void {
  for (let k = 0; k + 1 < pts.length; k++) {
    const [x0, y0, o0] = pts[k]!;
    const [x1, y1] = pts[k + 1]!;
    if (o0 <= 0.005) continue;
    const a = toImage(f, x0, y0);
    const b = toImage(f, x1, y1);
    stampCapsule(img, a.x, a.y, b.x, b.y, widthCm * f.p, o0, CREASE, 'multiply');
    const la = toImage(f, x0 + liftDir[0] * widthCm * 1.8, y0 + liftDir[1] * widthCm * 1.8);
    const lb = toImage(f, x1 + liftDir[0] * widthCm * 1.8, y1 + liftDir[1] * widthCm * 1.8);
    stampCapsule(img, la.x, la.y, lb.x, lb.y, widthCm * 1.5 * f.p, o0 * 0.07, LIFT, 'screen');
  }
}

function paintWrinkles(img: FloatImage, o: Required<FaceImageOptions>, f: Frame, shape: Shape): void {
  const random = createRandom(o.seed, STREAM_WRINKLES);
  const noise = createNoise2D(createRandom(o.seed, STREAM_WRINKLES + 1));
  // Horizontal forehead lines, wavy and broken.
  const lines = 3 + Math.floor(random() * 2);
  for (let l = 0; l < lines; l++) {
    const y0 = 2.3 + l * 0.95 + (random() - 0.5) * 0.3;
    const span = 3.2 + random() * 1.4 - l * 0.25;
    const strength = (0.09 + random() * 0.07) * (1 - l * 0.12);
    const pts: [number, number, number][] = [];
    for (let x = -span; x <= span; x += 0.08) {
      const yy = y0 + 0.12 * noise(x * 0.35, l * 7) + 0.03 * noise(x * 2.2, l * 7 + 3) + 0.012 * x * x * 0.1;
      const env = smoothstep(span, span - 1.2, Math.abs(x)) * clamp01(0.55 + 0.9 * noise(x * 0.9 + 20, l * 5));
      pts.push([x, yy, strength * env]);
    }
    crease(img, f, pts, 0.03 + random() * 0.015, [0, 1]);
  }
  // Frown lines between the brows.
  for (const side of [-1, 1]) {
    const x0 = side * (0.32 + random() * 0.1);
    const pts: [number, number, number][] = [];
    for (let t = 0; t <= 1.001; t += 0.08) {
      pts.push([x0 + side * 0.08 * t, -0.25 + t * 1.15, 0.08 * Math.sin(Math.PI * t)]);
    }
    crease(img, f, pts, 0.035, [side, 0]);
  }
  // Crow's feet fanning from the outer eye corners, and a fine line under each eye.
  for (const side of [-1, 1]) {
    for (let k = 0; k < 3; k++) {
      const ang = -0.45 + k * 0.42 + (random() - 0.5) * 0.15;
      const len = 0.7 + random() * 0.5;
      const pts: [number, number, number][] = [];
      for (let t = 0; t <= 1.001; t += 0.1) {
        const d = 0.35 + t * len;
        const bend = 0.1 * t * t;
        pts.push([side * (FACE_EYE_CORNER_X_CM + d * Math.cos(ang)), -FACE_EYE_CORNER_DROP_CM + d * Math.sin(ang) - bend, 0.12 * Math.sin(Math.PI * t)]);
      }
      crease(img, f, pts, 0.016, [0, 1]);
    }
    const lids: LidSample = { t: 0, base: 0, up: 0, lo: 0 };
    const pts: [number, number, number][] = [];
    for (let t = 0.15; t <= 0.95; t += 0.05) {
      const xm = shape.eye.mx + t * (shape.eye.lx - shape.eye.mx);
      lidsAt(shape.eye, xm, lids);
      pts.push([side * xm, lids.lo - 0.48 - 0.12 * Math.sin(Math.PI * t), 0.1 * Math.sin(Math.PI * (t - 0.15) / 0.8)]);
    }
    crease(img, f, pts, 0.02, [0, 1]);
    // The nasolabial crease.
    const nl: [number, number, number][] = [];
    for (let t = 0; t <= 1.001; t += 0.05) {
      nl.push([side * (1.95 + 1.5 * t + 0.3 * Math.sin(Math.PI * t * 0.8)), -5.0 - 3.0 * t, 0.08 * smoothstep(0, 0.25, t) * (1 - 0.5 * t)]);
    }
    crease(img, f, nl, 0.07, [side, 0.3]);
  }
}

// ---------------------------------------------------------------------------------------------
// Stubble at the sides

function paintStubble(img: FloatImage, o: Required<FaceImageOptions>, f: Frame, shape: Shape): void {
  const random = createRandom(o.seed, STREAM_STUBBLE);
  const flow = createNoise2D(createRandom(o.seed, STREAM_STUBBLE + 1));
  const pmm = f.p / 10;
  const cell = 1 / Math.sqrt(FACE_STUBBLE_DENSITY_PER_CM2); // cm
  const halfW = o.widthPx / 2 / f.p + 1;
  const yLo = -(o.heightPx - f.gy) / f.p - 1;
  const yHi = f.gy / f.p + 1;
  const hair = shape.hair;
  const shaft: LinearRgb = { r: 0.33, g: 0.38, b: 0.5 };
  // One follicle per cell of a square grid, jittered anywhere in its cell: the density is exact
  // over any patch up to its border.
  for (let cy = yLo; cy < yHi; cy += cell) {
    for (let cx = -halfW; cx < halfW; cx += cell) {
      const x = cx + random() * cell;
      const y = cy + random() * cell;
      const keep = random();
      const look = random();
      const ax = Math.abs(x);
      if (ax < 3) continue;
      const W = shape.w[yIndex(y)]!;
      if (ax > W + 0.02) continue;
      const wgt = hairWeight(shape, x, y);
      if (wgt <= 0 || keep >= wgt) continue;
      const ip = toImage(f, x, y);
      if (ip.x < -5 || ip.y < -5 || ip.x > o.widthPx + 5 || ip.y > o.heightPx + 5) continue;
      // Growth: down and a little outwards at the sides, forwards at the temples.
      const side = x < 0 ? -1 : 1;
      const ang = -Math.PI / 2 + side * (0.3 + 0.3 * flow(x * 0.3, y * 0.3)) + (look - 0.5) * 0.35;
      const [ux, uy] = dirToImage(f, Math.cos(ang), Math.sin(ang));
      const ul = Math.sqrt(ux * ux + uy * uy) || 1;
      const dx = ux / ul;
      const dy = uy / ul;
      // Foreshortened towards the outline.
      const fore = Math.sqrt(Math.max(0.05, 1 - (ax / W) * (ax / W)));
      const shaftMm = (1 + random() * 0.8) * (0.4 + 0.6 * fore);
      stampCapsule(img, ip.x, ip.y, ip.x - dx * shaftMm * pmm, ip.y - dy * shaftMm * pmm, 0.14 * pmm, 0.24 + random() * 0.12, shaft, 'multiply', 0.75);
      const grey = random() < 0.05;
      stampDot(img, ip.x, ip.y, (0.04 + random() * 0.035) * pmm, grey ? 0.4 : 0.85, grey ? { r: 0.62, g: 0.62, b: 0.64 } : hair, grey ? 'multiply' : 'over');
      const lenMm = (0.2 + random() * 0.3) * (0.5 + 0.5 * fore);
      const ex = ip.x + dx * lenMm * pmm;
      const ey = ip.y + dy * lenMm * pmm;
      stampCapsule(img, ip.x, ip.y, ex, ey, (0.035 + random() * 0.02) * pmm, grey ? 0.35 : 0.75 + random() * 0.2, grey ? { r: 0.62, g: 0.62, b: 0.64 } : hair, grey ? 'multiply' : 'over', 0.5);
    }
  }
}

// ---------------------------------------------------------------------------------------------
// Eyebrows and eyelashes: fine hair strokes

/** A slightly curved hair from (x, y) (face cm) along angle `ang` (face frame), `len` cm long. */
function hairStroke(img: FloatImage, f: Frame, x: number, y: number, ang: number, curve: number, len: number, radiusPx: number, opacity: number, colour: LinearRgb, segments: number): void {
  let cx = x;
  let cy = y;
  let a = ang;
  const segLen = len / segments;
  for (let s = 0; s < segments; s++) {
    const nx = cx + Math.cos(a) * segLen;
    const ny = cy + Math.sin(a) * segLen;
    const p0 = toImage(f, cx, cy);
    const p1 = toImage(f, nx, ny);
    const taper = 1 - (s / segments) * 0.55;
    stampCapsule(img, p0.x, p0.y, p1.x, p1.y, radiusPx * taper, opacity * (1 - (0.4 * s) / segments), colour, 'over', s === segments - 1 ? 0.6 : 0);
    cx = nx;
    cy = ny;
    a += curve / segments;
  }
}

function paintBrows(img: FloatImage, o: Required<FaceImageOptions>, f: Frame, shape: Shape): void {
  const random = createRandom(o.seed, STREAM_BROWS);
  const flow = createNoise2D(createRandom(o.seed, STREAM_BROWS + 1));
  const hairRadius = 0.005 * f.p; // 0.1 mm hairs
  for (let side = 0; side < 2; side++) {
    const brow = shape.brows[side]!;
    const sign = side === 0 ? -1 : 1;
    const count = Math.round(380 * (brow.x1 - brow.x0) * 0.62);
    let placed = 0;
    for (let tries = 0; placed < count && tries < count * 12; tries++) {
      const xm = brow.x0 - 0.05 + random() * (brow.x1 - brow.x0 + 0.1);
      const c = brow.centre(xm);
      const hh = brow.half(xm);
      const y = c + (random() * 2 - 1) * (hh + 0.08);
      const accept = random();
      const d = browDensity(shape, sign * xm, y);
      if (accept > d * 0.95 + 0.03) continue;
      placed++;
      const a = clamp01((xm - brow.x0) / (brow.x1 - brow.x0));
      const v = hh > 0 ? (y - c) / hh : 0;
      const head = 1 - smoothstep(0.04, 0.22, a);
      const slope = (brow.centre(xm + 0.05) - brow.centre(xm - 0.05)) / 0.1;
      // Lower hairs rise laterally, upper ones lie down over them: a herringbone along the brow.
      const body = 0.75 - 0.55 * (v + 1) + slope * 0.8;
      const tail = -0.2 + slope * 0.6 - 0.1 * v;
      const along = body + (tail - body) * smoothstep(0.65, 1, a);
      let ang = head * (1.35 - 0.2 * v) + (1 - head) * along + 0.2 * flow(xm * 1.5, y * 1.5 + side * 10) + (random() - 0.5) * 0.3;
      const len = (head > 0.5 ? 0.2 + random() * 0.18 : 0.28 + random() * 0.27) * (1 - 0.3 * smoothstep(0.8, 1, a));
      const curve = -0.45 * (v + 0.6) * (1 - head) + (random() - 0.5) * 0.35;
      // Mirror into the face frame.
      if (sign < 0) ang = Math.PI - ang;
      const k = random();
      const colour: LinearRgb = k < 0.2 ? { r: 0.1, g: 0.07, b: 0.05 } : k < 0.28 ? { r: 0.2, g: 0.15, b: 0.11 } : shape.hair;
      const op = (0.45 + random() * 0.4) * (1 - 0.3 * head);
      hairStroke(img, f, sign * xm, y, ang, sign < 0 ? -curve : curve, len, hairRadius * (0.8 + random() * 0.5), op, colour, 4);
    }
    // A few fine strays around the brow.
    for (let k = 0; k < 14; k++) {
      const xm = brow.x0 + random() * (brow.x1 - brow.x0);
      const y = brow.centre(xm) + (random() < 0.5 ? -1 : 1) * (brow.half(xm) + 0.05 + random() * 0.25);
      let ang = 0.2 + (random() - 0.5) * 0.6;
      if (sign < 0) ang = Math.PI - ang;
      hairStroke(img, f, sign * xm, y, ang, 0, 0.2 + random() * 0.2, hairRadius * 0.7, 0.4, shape.hair, 2);
    }
  }
}

function paintLashes(img: FloatImage, o: Required<FaceImageOptions>, f: Frame, shape: Shape): void {
  const random = createRandom(o.seed, STREAM_LASHES);
  const eye = shape.eye;
  const lids: LidSample = { t: 0, base: 0, up: 0, lo: 0 };
  const radius = 0.0055 * f.p;
  for (let side = 0; side < 2; side++) {
    const sign = side === 0 ? -1 : 1;
    // Upper lashes grow in little clumps whose tips converge; denser and longer laterally.
    const clumps = 34;
    for (let c = 0; c < clumps; c++) {
      const tc = 0.05 + 0.95 * Math.sqrt((c + random()) / clumps);
      const leanC = 0.1 + 1.0 * tc * tc + (random() - 0.5) * 0.2; // radians off vertical, laterally
      const lenC = (0.12 + 0.17 * Math.sin(Math.PI * (0.15 + 0.7 * tc))) * (0.8 + 0.4 * random());
      const n = 2 + Math.floor(random() * 3);
      for (let k = 0; k < n; k++) {
        const t = Math.min(1, tc + (random() - 0.5) * 0.035);
        const xm = eye.mx + t * (eye.lx - eye.mx);
        lidsAt(eye, xm, lids);
        const y = lids.up + 0.005 + random() * 0.02;
        const lean = leanC + (k - (n - 1) / 2) * -0.12 + (random() - 0.5) * 0.08;
        let ang = Math.PI / 2 - lean;
        const len = lenC * (0.75 + 0.35 * random());
        let curve = 0.55 + random() * 0.35;
        if (sign < 0) {
          ang = Math.PI - ang;
          curve = -curve;
        }
        hairStroke(img, f, sign * xm, y, ang, curve, len, radius * (1 + random() * 0.4), 0.75 + random() * 0.2, shape.hair, 3);
      }
    }
    for (let k = 0; k < 40; k++) {
      const t = 0.25 + 0.72 * random();
      const xm = eye.mx + t * (eye.lx - eye.mx);
      lidsAt(eye, xm, lids);
      const y = lids.lo - 0.02;
      let ang = -Math.PI / 2 + 0.2 + 0.6 * t + (random() - 0.5) * 0.3;
      if (sign < 0) ang = Math.PI - ang;
      hairStroke(img, f, sign * xm, y, ang, 0, 0.05 + random() * 0.1, radius * 0.7, 0.3 + random() * 0.25, shape.hair, 2);
    }
  }
}

// ---------------------------------------------------------------------------------------------
// Output (soft marks are stamped with splat.ts; the image is encoded there too)

/** The layout for these options (cheap; no pixels). */
export function faceLayout(options: FaceImageOptions): FaceLayout {
  const o = resolveOptions(options);
  return layoutOf(o, makeFrame(o), buildShape(o.seed));
}

function layoutOf(o: Required<FaceImageOptions>, f: Frame, shape: Shape): FaceLayout {
  // The lowest point of each column where the stubble grows at half its density or more.
  const inHair = (xPx: number, yPx: number): boolean => {
    const dx = xPx - f.gx;
    const dy = yPx - f.gy;
    const x = (f.cos * dx + f.sin * dy) / f.p;
    const y = (f.sin * dx - f.cos * dy) / f.p;
    return Math.abs(x) < shape.w[yIndex(y)]! && hairWeight(shape, x, y) >= 0.5;
  };
  const hairlineY = (xPx: number): number => {
    // Scan up from well below the sideburns to well above the crown, then refine the last change.
    const yBottom = f.gy + 12 * f.p;
    const yTopScan = f.gy - (shape.yTop + 1) * f.p;
    const step = Math.max(0.5, f.p / 40);
    for (let y = yBottom; y > yTopScan; y -= step) {
      if (!inHair(xPx, y)) continue;
      let lo = y;
      let hi = y + step;
      for (let k = 0; k < 30; k++) {
        const mid = (lo + hi) / 2;
        if (inHair(xPx, mid)) lo = mid;
        else hi = mid;
      }
      return (lo + hi) / 2;
    }
    return -Infinity;
  };
  return {
    pxPerCm: o.pxPerCm,
    glabella: imagePoint(f.gx, f.gy),
    leftEye: toImage(f, -FACE_EYE_CORNER_X_CM, -FACE_EYE_CORNER_DROP_CM),
    rightEye: toImage(f, FACE_EYE_CORNER_X_CM, -FACE_EYE_CORNER_DROP_CM),
    hairlineY,
  };
}

/** Renders the front photo and returns it with its layout. */
export function renderFaceScene(options: FaceImageOptions): FaceScene {
  const o = resolveOptions(options);
  const f = makeFrame(o);
  const shape = buildShape(o.seed);
  const img = createFloatImage(o.widthPx, o.heightPx);
  const fields = coarseFields(o, f, shape);
  paintBase(img, o, f, shape, fields);
  paintMarks(img, o, f, shape);
  paintStubble(img, o, f, shape);
  paintBrows(img, o, f, shape);
  paintLashes(img, o, f, shape);
  const rgba = encodeSrgb8(img, createRandom(o.seed, STREAM_GRAIN), GRAIN_LEVELS);
  return { image: { rgba, widthPx: o.widthPx, heightPx: o.heightPx }, layout: layoutOf(o, f, shape) };
}
