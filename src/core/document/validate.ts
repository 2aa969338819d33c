/**
 * Reading a design from outside (a file, storage): validate every field, migrate older versions,
 * clamp numbers into their ranges, and refuse what cannot be repaired with a typed error.
 *
 * Version 1 (areas without kinds; no landmarks, irregularity or brush) migrates to version 2 with
 * every area a hairline/full area at factor 1, no landmarks, default irregularity seeded from the
 * design seed, and no brush strokes, and its dots' needle and dilution become a single session.
 * Versions 1 and 2 have no Placement: they open with the default (natural, as real work measures).
 * Versions 1 to 3 have no sides of the head among the landmarks: they open unmarked.
 * Versions 1 to 4 have no brow peaks among the landmarks: they open unmarked.
 * Versions 1 to 4 say only whether the scale was calibrated: calibrated becomes a ruler's scale.
 * Versions 1 to 5 hold one photo: they open as a design of one view (named from its landmarks),
 *   every area counted in the totals.
 */
import { NEEDLES } from '../appearance.ts';
import type { AreaKind, BrushStroke, Design, DesignDocument, DesignView, Irregularity, Landmarks, NeedleId, ScaleSource, Session, TreatmentArea, ViewName } from './types.ts';
import { MAX_VIEWS } from './types.ts';
import { documentOf, readViewLabel, VIEW_NAMES } from './views.ts';
import { readText } from './text.ts';

const SCALE_SOURCES: readonly ScaleSource[] = ['assumed', 'ruler', 'iris', 'pupils'];
import { MAX_SESSIONS } from '../sessions.ts';
import { readAftercareEdits } from '../aftercare.ts';
import { DOCUMENT_VERSION } from './types.ts';
import {
  BRUSH_RADIUS_RANGE,
  BRUSH_STRENGTH_RANGE,
  DENSITY_FACTOR_RANGE,
  DENSITY_RANGE,
  DILUTION_RANGE,
  FEATHER_RANGE,
  MACRO_IRREGULARITY_RANGE,
  MICRO_IRREGULARITY_RANGE,
  MAX_DENSITY_PER_CM2,
  MAX_PHOTO_PIXELS,
  minPxPerCmFor,
  PLACEMENT_RANGE,
  SCALE_RANGE,
  SESSION_SHARE_RANGE,
  STRAY_RANGE,
  TRANSITION_RANGE,
  type Range,
} from './limits.ts';
import { AREA_KIND_IDS, AREA_KINDS, DEFAULT_DILUTION, DEFAULT_DOT_PARAMS, DEFAULT_NEEDLE, defaultIrregularity, NO_LANDMARKS } from './defaults.ts';
import { imagePoint, type ImagePoint } from '../math/types.ts';
import { defaultHairlineEdges } from '../areas.ts';

/** A design that cannot be read; `reason` is a plain sentence. */
export class DesignFormatError extends Error {
  override readonly name = 'DesignFormatError';
  constructor(readonly reason: string) {
    super(reason);
  }
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function num(v: unknown, what: string): number {
  if (typeof v !== 'number' || !Number.isFinite(v)) throw new DesignFormatError(`The design file has no valid ${what}.`);
  return v;
}

function clampTo(v: number, r: Range): number {
  return Math.min(r.max, Math.max(r.min, v));
}

/** A number in a range, or the fallback when missing (version 1 files) or not a number. */
function optionalIn(v: unknown, range: Range, fallback: number): number {
  return typeof v === 'number' && Number.isFinite(v) ? clampTo(v, range) : fallback;
}

function readArea(v: unknown, index: number): TreatmentArea {
  if (!isRecord(v) || !Array.isArray(v.points)) throw new DesignFormatError(`Area ${index + 1} in the design file has no outline.`);
  const points = v.points.map((p) => {
    if (!isRecord(p)) throw new DesignFormatError(`Area ${index + 1} has a point that is not a point.`);
    return imagePoint(num(p.x, 'point x'), num(p.y, 'point y'));
  });
  const kind: AreaKind = AREA_KIND_IDS.includes(v.kind as AreaKind) ? (v.kind as AreaKind) : 'hairline';
  const info = AREA_KINDS[kind];
  const flags = Array.isArray(v.hairlineEdges) && v.hairlineEdges.length === points.length ? v.hairlineEdges.map((f) => f === true) : defaultHairlineEdges(points);
  return {
    id: typeof v.id === 'string' && v.id ? v.id : `area-${index + 1}`,
    points,
    hairlineEdges: flags,
    kind,
    densityFactor: optionalIn(v.densityFactor, DENSITY_FACTOR_RANGE, info.densityFactor),
    featherMm: optionalIn(v.featherMm, FEATHER_RANGE, info.featherMm),
    mirrored: v.mirrored === true && points.length % 2 === 0,
    counted: v.counted !== false,
  };
}

function readPoint(v: unknown): ImagePoint | null {
  if (!isRecord(v) || typeof v.x !== 'number' || typeof v.y !== 'number' || !Number.isFinite(v.x) || !Number.isFinite(v.y)) return null;
  return imagePoint(v.x, v.y);
}

function readLandmarks(v: unknown): Landmarks {
  if (!isRecord(v)) return NO_LANDMARKS;
  return { glabella: readPoint(v.glabella), leftEye: readPoint(v.leftEye), rightEye: readPoint(v.rightEye), midFrontal: readPoint(v.midFrontal), vertex: readPoint(v.vertex), leftSide: readPoint(v.leftSide), rightSide: readPoint(v.rightSide), leftBrow: readPoint(v.leftBrow), rightBrow: readPoint(v.rightBrow) };
}

function readIrregularity(v: unknown, seed: number): Irregularity {
  const d = defaultIrregularity(seed);
  if (!isRecord(v)) return d;
  return {
    macroMm: optionalIn(v.macroMm, MACRO_IRREGULARITY_RANGE, d.macroMm),
    microMm: optionalIn(v.microMm, MICRO_IRREGULARITY_RANGE, d.microMm),
    stray: optionalIn(v.stray, STRAY_RANGE, d.stray),
    seed: typeof v.seed === 'number' && Number.isFinite(v.seed) ? v.seed >>> 0 : d.seed,
  };
}

/** Brush strokes; a stroke without any valid point is dropped, as it changes nothing. */
function readBrush(v: unknown): BrushStroke[] {
  if (!Array.isArray(v)) return [];
  const strokes: BrushStroke[] = [];
  for (const stroke of v) {
    if (!isRecord(stroke) || !Array.isArray(stroke.points)) continue;
    const mode = stroke.mode === 'lower' || stroke.mode === 'erase' ? stroke.mode : 'raise';
    const points = stroke.points.flatMap((p) => {
      const q = readPoint(p);
      if (!q) return [];
      const pressure = isRecord(p) && typeof p.pressure === 'number' && Number.isFinite(p.pressure) ? Math.min(1, Math.max(0, p.pressure)) : 1;
      return [{ x: q.x, y: q.y, pressure }];
    });
    if (points.length === 0) continue;
    strokes.push({
      mode,
      radiusMm: optionalIn(stroke.radiusMm, BRUSH_RADIUS_RANGE, 5),
      strength: optionalIn(stroke.strength, BRUSH_STRENGTH_RANGE, 0.3),
      points,
    });
  }
  return strokes;
}

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** A real calendar date as YYYY-MM-DD, or null. */
function readDate(v: unknown): string | null {
  if (typeof v !== 'string') return null;
  const m = DATE.exec(v);
  if (!m) return null;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return d.toISOString().slice(0, 10) === v ? v : null;
}

/** The needle and dilution a version-1 design kept with its dots; later ones keep them per session. */
interface LegacyDots {
  readonly needle: NeedleId;
  readonly dilutionWaterParts: number;
}

function readLegacyDots(dots: Record<string, unknown>): LegacyDots {
  const needle = NEEDLES.some((n) => n.id === dots.needle) ? (dots.needle as NeedleId) : DEFAULT_NEEDLE;
  return { needle, dilutionWaterParts: optionalIn(dots.dilutionWaterParts, DILUTION_RANGE, DEFAULT_DILUTION) };
}

/**
 * The session plan. A file without one (version 1) becomes a single session with the design's own
 * dilution and needle, so it looks exactly as it did.
 */
function readSessions(v: unknown, dots: LegacyDots): Session[] {
  const single: Session[] = [{ date: null, sharePercent: 100, dilutionWaterParts: dots.dilutionWaterParts, needle: dots.needle }];
  if (!Array.isArray(v)) return single;
  const sessions = v.slice(0, MAX_SESSIONS).flatMap((x): Session[] => {
    if (!isRecord(x)) return [];
    return [
      {
        date: readDate(x.date),
        sharePercent: optionalIn(x.sharePercent, SESSION_SHARE_RANGE, 100 / Math.max(1, v.length)),
        dilutionWaterParts: optionalIn(x.dilutionWaterParts, DILUTION_RANGE, dots.dilutionWaterParts),
        needle: NEEDLES.some((n) => n.id === x.needle) ? (x.needle as NeedleId) : dots.needle,
      },
    ];
  });
  return sessions.length > 0 ? sessions : single;
}

/** The photo scale, refused when it would spread the photo over more than the dots can cover. */
function readScale(scale: Record<string, unknown>, widthPx: number, heightPx: number, maxDensityPerCm2: number): Design['scale'] {
  const pxPerCm = clampTo(num(scale.pxPerCm, 'scale'), SCALE_RANGE);
  const min = minPxPerCmFor(widthPx, heightPx, maxDensityPerCm2);
  if (pxPerCm < min) throw new DesignFormatError(`The design's scale (${pxPerCm.toFixed(2)} px/cm) makes its photo ${(widthPx / pxPerCm).toFixed(0)} × ${(heightPx / pxPerCm).toFixed(0)} cm, far larger than a head: the file is damaged.`);
  const source: ScaleSource = SCALE_SOURCES.includes(scale.source as ScaleSource) ? (scale.source as ScaleSource) : scale.calibrated === true ? 'ruler' : 'assumed';
  const eyes = source === 'iris' || source === 'pupils';
  const uncertainty = eyes && typeof scale.uncertainty === 'number' && scale.uncertainty >= 0 && scale.uncertainty < 0.5 ? scale.uncertainty : 0;
  return { pxPerCm, source, uncertainty };
}

/** Longest client name kept, characters. */
export const CLIENT_NAME_MAX = 120;

/** A client name: a string, trimmed, control characters removed, at most CLIENT_NAME_MAX long; '' otherwise. */
export function readClientName(v: unknown): string {
  return readText(v, CLIENT_NAME_MAX);
}

/** The plan every view shares, read from a design's top level. */
function readShared(data: Record<string, unknown>): Omit<DesignDocument, 'views'> {
  const dotsData = data.dots;
  if (!isRecord(dotsData)) throw new DesignFormatError('The design file is incomplete.');
  if (dotsData.needle !== undefined && !NEEDLES.some((n) => n.id === dotsData.needle)) throw new DesignFormatError('The design file names an unknown needle.');
  // The ranked point set is built for this density: between the Density slider's top and the app's ceiling.
  const maxDensityPerCm2 = Math.min(MAX_DENSITY_PER_CM2, Math.max(DENSITY_RANGE.max, num(data.maxDensityPerCm2, 'maximum density')));
  const legacy = readLegacyDots(dotsData);
  // Irregularity noise was seeded from the design's seed before it had its own.
  const seed = typeof data.seed === 'number' && Number.isFinite(data.seed) ? data.seed >>> 0 : 1;
  return {
    version: DOCUMENT_VERSION,
    client: readClientName(data.client),
    maxDensityPerCm2,
    dots: {
      densityPerCm2: clampTo(num(dotsData.densityPerCm2, 'density'), DENSITY_RANGE),
      transitionMm: clampTo(num(dotsData.transitionMm, 'transition zone'), TRANSITION_RANGE),
      placementPercent: optionalIn(dotsData.placementPercent, PLACEMENT_RANGE, DEFAULT_DOT_PARAMS.placementPercent),
    },
    irregularity: readIrregularity(data.irregularity, seed),
    sessions: readSessions(data.sessions, legacy),
    aftercare: readAftercareEdits(data.aftercare),
  };
}

/** One view's own parts (photo, scale, landmarks, areas, brush, seed), from a view or a version 1–5 design. */
function readViewParts(data: Record<string, unknown>, maxDensityPerCm2: number, where: string): Omit<DesignView, 'id' | 'name' | 'label'> {
  if (!isRecord(data.photo) || !isRecord(data.scale)) throw new DesignFormatError(`The design file is incomplete${where}.`);
  const photo = data.photo;
  const widthPx = num(photo.widthPx, 'photo width');
  const heightPx = num(photo.heightPx, 'photo height');
  if (widthPx < 1 || heightPx < 1) throw new DesignFormatError(`The design file has an empty photo size${where}.`);
  if (widthPx * heightPx > MAX_PHOTO_PIXELS) {
    throw new DesignFormatError(`The design file says its photo${where} is ${widthPx} × ${heightPx} pixels, more than the ${(MAX_PHOTO_PIXELS / 1e6).toFixed(1)} megapixels a photo may have.`);
  }
  return {
    seed: num(data.seed, 'seed') >>> 0,
    photo: { kind: photo.kind === 'file' ? 'file' : 'demo', name: typeof photo.name === 'string' ? photo.name : 'photo', widthPx, heightPx },
    scale: readScale(data.scale, widthPx, heightPx, maxDensityPerCm2),
    areas: Array.isArray(data.areas) ? data.areas.map(readArea) : [],
    landmarks: readLandmarks(data.landmarks),
    brush: readBrush(data.brush),
  };
}

/** The views of a version-6 design: one to MAX_VIEWS, each id unique. */
function readViews(v: unknown, maxDensityPerCm2: number): DesignView[] {
  if (!Array.isArray(v) || v.length === 0) throw new DesignFormatError('The design file has no view of the head.');
  if (v.length > MAX_VIEWS) throw new DesignFormatError(`The design file holds ${v.length} views; a design holds at most ${MAX_VIEWS}.`);
  const ids = new Set<string>();
  return v.map((x, i): DesignView => {
    if (!isRecord(x)) throw new DesignFormatError(`View ${i + 1} of the design file is not a view.`);
    const wanted = typeof x.id === 'string' && x.id && x.id.length <= 40 ? x.id : `view-${i + 1}`;
    let id = wanted;
    for (let k = 2; ids.has(id); k++) id = `${wanted}-${k}`;
    ids.add(id);
    const name: ViewName = VIEW_NAMES.includes(x.name as ViewName) ? (x.name as ViewName) : 'other';
    return { id, name, label: readViewLabel(x.label), ...readViewParts(x, maxDensityPerCm2, ` (view ${i + 1})`) };
  });
}

/** Validates and migrates unknown data into a design, or throws DesignFormatError. */
export function readDesignDocument(data: unknown): DesignDocument {
  if (!isRecord(data)) throw new DesignFormatError('This is not a design file.');
  const version = num(data.version, 'version');
  if (version > DOCUMENT_VERSION) throw new DesignFormatError('This design was saved by a newer version of the app; please update the app to open it.');
  const shared = readShared(data);
  if (version >= 6) return { ...shared, views: readViews(data.views, shared.maxDensityPerCm2) };
  // One photo, its parts at the top level: a design of one view that looks exactly as it did.
  const parts = readViewParts(data, shared.maxDensityPerCm2, '');
  const design: Design = { ...shared, ...parts };
  return documentOf(design);
}
