/**
 * Treatment-area geometry: the smooth outline, its checks and its measurements, shared by the
 * editor (hit tests, refusal messages), the density field and the measurements panel.
 */
import type { AreaKind, TreatmentArea } from './document/types.ts';
import { AREA_KINDS } from './document/defaults.ts';
import type { ImagePoint } from './math/types.ts';
import { isSelfIntersecting, polygonArea, signedArea, type XY } from './math/polygon.ts';
import { sampleClosedSpline, type SampledCurve } from './math/spline.ts';
import { px2ToCm2 } from './units.ts';

/** Why an outline cannot be used. */
export type OutlineProblem = 'too-few-points' | 'self-crossing' | 'too-small';

/** The fewest control points a closed area may have. */
export const MIN_AREA_POINTS = 3;

/** Smallest area accepted, cm² (a scar-camouflage patch can be small, a dot cannot). */
export const MIN_AREA_CM2 = 0.05;

/** The smooth closed curve drawn through an area's control points. */
export function smoothOutline(points: readonly XY[]): SampledCurve {
  return sampleClosedSpline(points, 6, 6);
}

/** Checks an outline (control points) and returns the first problem, or null when it is usable. */
export function checkOutline(points: readonly XY[], pxPerCm: number): OutlineProblem | null {
  if (points.length < MIN_AREA_POINTS) return 'too-few-points';
  const curve = smoothOutline(points).points;
  if (isSelfIntersecting(points) || isSelfIntersecting(curve)) return 'self-crossing';
  if (px2ToCm2(polygonArea(curve), pxPerCm) < MIN_AREA_CM2) return 'too-small';
  return null;
}

/** Area of a treatment area's smooth outline, cm². */
export function areaCm2(points: readonly XY[], pxPerCm: number): number {
  return px2ToCm2(polygonArea(smoothOutline(points).points), pxPerCm);
}

/**
 * Default hairline edges for a new outline: the edges facing down the photo (towards the face on a
 * front or top view, where the forehead is at the bottom). The user can toggle any edge afterwards.
 */
export function defaultHairlineEdges(points: readonly XY[]): boolean[] {
  const n = points.length;
  // On screen (y down) a positive shoelace sum means clockwise; the outward normal of edge a→b is then (dy, -dx).
  const clockwise = signedArea(points) > 0;
  const flags = points.map((a, i) => {
    const b = points[(i + 1) % n]!;
    const dx = b.x - a.x;
    const dy = b.y - a.y;
    const len = Math.hypot(dx, dy) || 1;
    const normalY = (clockwise ? -dx : dx) / len;
    return normalY > 0.45;
  });
  if (!flags.some(Boolean) && n > 0) {
    // No edge faces down (e.g. a thin sliver): take the lowest edge so the area still has a hairline.
    let lowest = 0;
    for (let i = 0; i < n; i++) {
      const y = (points[i]!.y + points[(i + 1) % n]!.y) / 2;
      const best = (points[lowest]!.y + points[(lowest + 1) % n]!.y) / 2;
      if (y > best) lowest = i;
    }
    flags[lowest] = true;
  }
  return flags;
}

/** Makes a new treatment area of a kind from control points, with that kind's defaults. */
export function makeArea(id: string, points: readonly ImagePoint[], kind: AreaKind = 'hairline'): TreatmentArea {
  const info = AREA_KINDS[kind];
  return {
    id,
    points: points.slice(),
    hairlineEdges: info.hairline ? defaultHairlineEdges(points) : points.map(() => false),
    kind,
    densityFactor: info.densityFactor,
    featherMm: info.featherMm,
    mirrored: false,
    counted: true,
  };
}
