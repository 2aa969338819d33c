/**
 * Plane geometry on closed polygons given as flat point lists. Pure and allocation-light: the
 * density field and the editor's hit tests run these on every edit.
 */

/** Anything with x and y, in one coordinate space. */
export interface XY {
  readonly x: number;
  readonly y: number;
}

/** Signed area (shoelace); positive for counter-clockwise in a y-up frame, clockwise on screen. */
export function signedArea(points: readonly XY[]): number {
  let sum = 0;
  for (let i = 0, n = points.length; i < n; i++) {
    const a = points[i]!;
    const b = points[(i + 1) % n]!;
    sum += a.x * b.y - b.x * a.y;
  }
  return sum / 2;
}

/** Unsigned polygon area in the points' units squared. */
export function polygonArea(points: readonly XY[]): number {
  return Math.abs(signedArea(points));
}

/** Distance from (x, y) to the segment a–b. */
export function distanceToSegment(x: number, y: number, a: XY, b: XY): number {
  const dx = b.x - a.x;
  const dy = b.y - a.y;
  const len2 = dx * dx + dy * dy;
  let t = len2 > 0 ? ((x - a.x) * dx + (y - a.y) * dy) / len2 : 0;
  t = t < 0 ? 0 : t > 1 ? 1 : t;
  return Math.hypot(x - (a.x + t * dx), y - (a.y + t * dy));
}

function orient(a: XY, b: XY, c: XY): number {
  return (b.x - a.x) * (c.y - a.y) - (b.y - a.y) * (c.x - a.x);
}

/** True when the closed segments p1–p2 and q1–q2 properly cross or touch (collinear overlaps included). */
export function segmentsIntersect(p1: XY, p2: XY, q1: XY, q2: XY): boolean {
  const d1 = orient(q1, q2, p1);
  const d2 = orient(q1, q2, p2);
  const d3 = orient(p1, p2, q1);
  const d4 = orient(p1, p2, q2);
  if (((d1 > 0 && d2 < 0) || (d1 < 0 && d2 > 0)) && ((d3 > 0 && d4 < 0) || (d3 < 0 && d4 > 0))) return true;
  const onSeg = (a: XY, b: XY, c: XY): boolean =>
    Math.min(a.x, b.x) <= c.x && c.x <= Math.max(a.x, b.x) && Math.min(a.y, b.y) <= c.y && c.y <= Math.max(a.y, b.y);
  if (d1 === 0 && onSeg(q1, q2, p1)) return true;
  if (d2 === 0 && onSeg(q1, q2, p2)) return true;
  if (d3 === 0 && onSeg(p1, p2, q1)) return true;
  if (d4 === 0 && onSeg(p1, p2, q2)) return true;
  return false;
}

/**
 * Whether a closed polyline crosses itself. Adjacent edges share a vertex and are skipped.
 * O(n²), fine for outlines of a few hundred sampled edges.
 */
export function isSelfIntersecting(points: readonly XY[]): boolean {
  const n = points.length;
  if (n < 4) return false;
  for (let i = 0; i < n; i++) {
    const a1 = points[i]!;
    const a2 = points[(i + 1) % n]!;
    for (let j = i + 2; j < n; j++) {
      if (i === 0 && j === n - 1) continue;
      if (segmentsIntersect(a1, a2, points[j]!, points[(j + 1) % n]!)) return true;
    }
  }
  return false;
}

/** Axis-aligned bounds of a point list. */
export function bounds(points: readonly XY[]): { minX: number; minY: number; maxX: number; maxY: number } {
  let minX = Infinity;
  let minY = Infinity;
  let maxX = -Infinity;
  let maxY = -Infinity;
  for (const p of points) {
    if (p.x < minX) minX = p.x;
    if (p.y < minY) minY = p.y;
    if (p.x > maxX) maxX = p.x;
    if (p.y > maxY) maxY = p.y;
  }
  return { minX, minY, maxX, maxY };
}
