/**
 * Reading a design from outside (a file, storage): validate every field, migrate older versions,
 * clamp numbers into their ranges, and refuse what cannot be repaired with a typed error.
 */
import { NEEDLES } from '../appearance.ts';
import type { Design, NeedleId, TreatmentArea } from './types.ts';
import { DOCUMENT_VERSION } from './types.ts';
import { DENSITY_RANGE, DILUTION_RANGE, SCALE_RANGE, TRANSITION_RANGE, type Range } from './limits.ts';
import { imagePoint } from '../math/types.ts';
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

function readArea(v: unknown, index: number): TreatmentArea {
  if (!isRecord(v) || !Array.isArray(v.points)) throw new DesignFormatError(`Area ${index + 1} in the design file has no outline.`);
  const points = v.points.map((p) => {
    if (!isRecord(p)) throw new DesignFormatError(`Area ${index + 1} has a point that is not a point.`);
    return imagePoint(num(p.x, 'point x'), num(p.y, 'point y'));
  });
  const flags = Array.isArray(v.hairlineEdges) && v.hairlineEdges.length === points.length ? v.hairlineEdges.map((f) => f === true) : defaultHairlineEdges(points);
  return { id: typeof v.id === 'string' && v.id ? v.id : `area-${index + 1}`, points, hairlineEdges: flags };
}

/** Validates and migrates unknown data into a Design, or throws DesignFormatError. */
export function readDesign(data: unknown): Design {
  if (!isRecord(data)) throw new DesignFormatError('This is not a design file.');
  const version = num(data.version, 'version');
  if (version > DOCUMENT_VERSION) throw new DesignFormatError('This design was saved by a newer version of the app; please update the app to open it.');
  if (!isRecord(data.photo) || !isRecord(data.scale) || !isRecord(data.dots)) throw new DesignFormatError('The design file is incomplete.');
  const needle = data.dots.needle;
  if (!NEEDLES.some((n) => n.id === needle)) throw new DesignFormatError('The design file names an unknown needle.');
  const photo = data.photo;
  const widthPx = num(photo.widthPx, 'photo width');
  const heightPx = num(photo.heightPx, 'photo height');
  if (widthPx < 1 || heightPx < 1) throw new DesignFormatError('The design file has an empty photo size.');
  return {
    version: DOCUMENT_VERSION,
    seed: num(data.seed, 'seed') >>> 0,
    photo: { kind: photo.kind === 'file' ? 'file' : 'demo', name: typeof photo.name === 'string' ? photo.name : 'photo', widthPx, heightPx },
    scale: { pxPerCm: clampTo(num(data.scale.pxPerCm, 'scale'), SCALE_RANGE), calibrated: data.scale.calibrated === true },
    maxDensityPerCm2: Math.max(DENSITY_RANGE.max, num(data.maxDensityPerCm2, 'maximum density')),
    dots: {
      densityPerCm2: clampTo(num(data.dots.densityPerCm2, 'density'), DENSITY_RANGE),
      needle: needle as NeedleId,
      dilutionWaterParts: clampTo(num(data.dots.dilutionWaterParts, 'dilution'), DILUTION_RANGE),
      transitionMm: clampTo(num(data.dots.transitionMm, 'transition zone'), TRANSITION_RANGE),
    },
    areas: Array.isArray(data.areas) ? data.areas.map(readArea) : [],
  };
}
