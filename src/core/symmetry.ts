/**
 * Mirror editing. A mirrored area of n control points keeps points[(n - i) % n] the mirror image of
 * points[i] about the midline; points 0 and n/2 lie on it. The first half, points 0..n/2, is the
 * "half" that every edit goes through: edit it, then rebuild the whole outline from it.
 */
import type { TreatmentArea } from './document/types.ts';
import { mirrorPoint, sideOf, type Line } from './landmarks.ts';
import { imagePoint, type ImagePoint } from './math/types.ts';

/** Why an area cannot be made symmetric. */
export type SymmetryProblem = 'does-not-cross-midline' | 'crosses-midline-often';

/** Points this close to the midline count as on it, image px. */
const AXIS_EPSILON_PX = 0.5;

/** The index of point i's mirror partner in a mirrored outline of n points. */
export function partnerIndex(i: number, n: number): number {
  return (n - i) % n;
}

/** Whether point i of a mirrored outline of n points sits on the midline. */
export function isOnAxis(i: number, n: number): boolean {
  return i === 0 || i * 2 === n;
}

/** Foot of the perpendicular from p onto the line. */
export function projectOnto(p: { x: number; y: number }, line: Line): ImagePoint {
  const along = (p.x - line.origin.x) * line.dir.x + (p.y - line.origin.y) * line.dir.y;
  return imagePoint(line.origin.x + along * line.dir.x, line.origin.y + along * line.dir.y);
}

/**
 * Builds the whole outline from a half (axis point, side points…, axis point) and its edge flags
 * (flags[k] for the edge half[k] → half[k + 1]).
 */
export function fromHalf(area: TreatmentArea, half: readonly ImagePoint[], halfFlags: readonly boolean[], line: Line): TreatmentArea {
  const h = half.length;
  const a = projectOnto(half[0]!, line);
  const b = projectOnto(half[h - 1]!, line);
  const side = half.slice(1, h - 1);
  const points = [a, ...side, b, ...side.slice().reverse().map((p) => mirrorPoint(p, line))];
  const n = points.length;
  const flags = points.map((_, i) => (i < h - 1 ? halfFlags[i] === true : halfFlags[n - 1 - i] === true));
  return { ...area, points, hairlineEdges: flags, mirrored: true };
}

/** The half of a mirrored area (points 0..n/2) and its edge flags. */
export function halfOf(area: TreatmentArea): { half: ImagePoint[]; flags: boolean[] } {
  const h = area.points.length / 2 + 1;
  return { half: area.points.slice(0, h), flags: area.hairlineEdges.slice(0, h - 1) };
}

/**
 * Makes an area symmetric about the line: the side holding more of the outline is kept, cut where
 * the outline crosses the line, and mirrored onto the other side. The outline must cross the
 * midline exactly twice.
 */
export function symmetrize(area: TreatmentArea, line: Line): TreatmentArea | SymmetryProblem {
  const pts = area.points;
  const n = pts.length;
  const sides = pts.map((p) => sideOf(p, line));
  const crossings: number[] = [];
  for (let i = 0; i < n; i++) {
    const a = sides[i]!;
    const b = sides[(i + 1) % n]!;
    if ((a < 0 && b >= 0) || (a >= 0 && b < 0)) crossings.push(i);
  }
  if (crossings.length < 2) return 'does-not-cross-midline';
  if (crossings.length > 2) return 'crosses-midline-often';
  // Keep the side with the longer run of points.
  const [c0, c1] = crossings as [number, number];
  const runA = c1 - c0; // points c0+1 .. c1
  const runB = n - runA; // points c1+1 .. c0 (wrapping)
  const [from, count] = runA >= runB ? [c0, runA] : [c1, runB];
  const cut = (i: number): ImagePoint => {
    const a = pts[i]!;
    const b = pts[(i + 1) % n]!;
    const t = sides[i]! / (sides[i]! - sides[(i + 1) % n]!);
    return imagePoint(a.x + t * (b.x - a.x), a.y + t * (b.y - a.y));
  };
  const side: ImagePoint[] = [];
  const sideFlags: boolean[] = [area.hairlineEdges[from] === true];
  for (let k = 1; k <= count; k++) {
    const i = (from + k) % n;
    side.push(pts[i]!);
    sideFlags.push(area.hairlineEdges[i] === true);
  }
  const to = (from + count) % n;
  // A control point on the midline itself (or within half a pixel) becomes the axis point: keep
  // it once, not again as a side point.
  while (side.length > 0 && Math.abs(sideOf(side[0]!, line)) < AXIS_EPSILON_PX) {
    side.shift();
    sideFlags.splice(0, 1);
  }
  while (side.length > 0 && Math.abs(sideOf(side[side.length - 1]!, line)) < AXIS_EPSILON_PX) {
    side.pop();
    sideFlags.splice(sideFlags.length - 1, 1);
  }
  if (side.length === 0) return 'does-not-cross-midline';
  const half = [cut(from), ...side, cut(to)];
  return fromHalf(area, half, sideFlags, line);
}

/** Moves point i of a mirrored area; its partner follows, and an axis point stays on the axis. */
export function moveMirrored(area: TreatmentArea, i: number, p: ImagePoint, line: Line): TreatmentArea {
  const n = area.points.length;
  const points = area.points.slice();
  if (isOnAxis(i, n)) {
    points[i] = projectOnto(p, line);
  } else {
    points[i] = p;
    points[partnerIndex(i, n)] = mirrorPoint(p, line);
  }
  return { ...area, points };
}

/** Inserts a point on edge `edge` of a mirrored area, and its mirror on the partner edge. */
export function insertMirrored(area: TreatmentArea, edge: number, p: ImagePoint, line: Line): { area: TreatmentArea; index: number } {
  const n = area.points.length;
  const { half, flags } = halfOf(area);
  const inHalf = edge < n / 2;
  const e = inHalf ? edge : n - 1 - edge;
  half.splice(e + 1, 0, inHalf ? p : mirrorPoint(p, line));
  flags.splice(e + 1, 0, flags[e] ?? false);
  const next = fromHalf(area, half, flags, line);
  const m = next.points.length;
  return { area: next, index: inHalf ? e + 1 : partnerIndex(e + 1, m) };
}

/** Deletes a point of a mirrored area and its partner; axis points cannot be deleted (null). */
export function deleteMirrored(area: TreatmentArea, i: number, line: Line): TreatmentArea | null {
  const n = area.points.length;
  if (isOnAxis(i, n)) return null;
  const { half, flags } = halfOf(area);
  const k = i < n / 2 ? i : n - i;
  if (half.length <= 3) return null;
  half.splice(k, 1);
  flags.splice(k, 1);
  return fromHalf(area, half, flags, line);
}

/** Toggles the hairline flag of an edge of a mirrored area and of its partner edge. */
export function toggleMirroredEdge(area: TreatmentArea, edge: number): TreatmentArea {
  const n = area.points.length;
  const value = !area.hairlineEdges[edge];
  const partner = n - 1 - edge;
  return { ...area, hairlineEdges: area.hairlineEdges.map((f, i) => (i === edge || i === partner ? value : f)) };
}
