/** Hit tests in screen space, so tolerances are in CSS pixels whatever the zoom. */
import { smoothOutline } from '../core/areas.ts';
import type { Design } from '../core/document/types.ts';
import { distanceToSegment } from '../core/math/polygon.ts';
import type { ImagePoint, ScreenPoint } from '../core/math/types.ts';
import { imageToScreen, type Camera } from './viewport.ts';

/** Pointer kinds and the reach of a handle for each: a fingertip needs more room than a pen. */
export function hitRadiusPx(pointerType: string): number {
  return pointerType === 'touch' ? 22 : pointerType === 'pen' ? 12 : 9;
}

/** A control point under the pointer. */
export interface PointHit {
  readonly areaId: string;
  readonly index: number;
}

/** An outline edge under the pointer; `edge` is the control edge (points[edge] → points[edge+1]). */
export interface EdgeHit {
  readonly areaId: string;
  readonly edge: number;
}

/** Nearest control point within `radius` screen px, topmost area first. */
export function hitPoint(design: Design, cam: Camera, p: ScreenPoint, radius: number): PointHit | null {
  let best: PointHit | null = null;
  let bestD = radius;
  for (let a = design.areas.length - 1; a >= 0; a--) {
    const area = design.areas[a]!;
    area.points.forEach((q, index) => {
      const s = imageToScreen(cam, q);
      const d = Math.hypot(s.x - p.x, s.y - p.y);
      if (d <= bestD) {
        bestD = d;
        best = { areaId: area.id, index };
      }
    });
  }
  return best;
}

/** Nearest smooth-outline edge within `radius` screen px. */
export function hitEdge(design: Design, cam: Camera, p: ScreenPoint, radius: number): EdgeHit | null {
  let best: EdgeHit | null = null;
  let bestD = radius;
  for (const area of design.areas) {
    const curve = smoothOutline(area.points);
    const pts = curve.points.map((q) => imageToScreen(cam, q as ImagePoint));
    for (let k = 0, n = pts.length; k < n; k++) {
      const d = distanceToSegment(p.x, p.y, pts[k]!, pts[(k + 1) % n]!);
      if (d <= bestD) {
        bestD = d;
        best = { areaId: area.id, edge: curve.edgeOf[k]! };
      }
    }
  }
  return best;
}
