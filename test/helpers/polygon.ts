/** Geometry the tests measure with. */
import type { XY } from '../../src/core/math/polygon.ts';

/** Even-odd point-in-polygon test. */
export function containsPoint(points: readonly XY[], x: number, y: number): boolean {
  let inside = false;
  for (let i = 0, n = points.length, j = n - 1; i < n; j = i++) {
    const a = points[i]!;
    const b = points[j]!;
    if (a.y > y !== b.y > y && x < ((b.x - a.x) * (y - a.y)) / (b.y - a.y) + a.x) inside = !inside;
  }
  return inside;
}

