/**
 * Smooth closed outlines through control points: a centripetal Catmull–Rom spline, which passes
 * through every point, never overshoots into loops at uneven spacing, and needs no extra handles.
 * The drawn outline, the density field and the measurements all use this one curve.
 */
import type { XY } from './polygon.ts';

/** A sampled closed curve; `edgeOf[k]` is the control edge (points[i] → points[i+1]) sample k lies on. */
export interface SampledCurve {
  readonly points: readonly XY[];
  readonly edgeOf: readonly number[];
}

const ALPHA = 0.5;

function knot(t: number, a: XY, b: XY): number {
  const d = Math.hypot(b.x - a.x, b.y - a.y);
  return t + Math.max(Math.pow(d, ALPHA), 1e-6);
}

function interpolate(p0: XY, p1: XY, p2: XY, p3: XY, u: number): XY {
  const t0 = 0;
  const t1 = knot(t0, p0, p1);
  const t2 = knot(t1, p1, p2);
  const t3 = knot(t2, p2, p3);
  const t = t1 + (t2 - t1) * u;
  const mix = (a: XY, b: XY, ta: number, tb: number): XY => {
    const wa = (tb - t) / (tb - ta);
    const wb = (t - ta) / (tb - ta);
    return { x: a.x * wa + b.x * wb, y: a.y * wa + b.y * wb };
  };
  const a1 = mix(p0, p1, t0, t1);
  const a2 = mix(p1, p2, t1, t2);
  const a3 = mix(p2, p3, t2, t3);
  const b1 = mix(a1, a2, t0, t2);
  const b2 = mix(a2, a3, t1, t3);
  return mix(b1, b2, t1, t2);
}

/**
 * Samples the closed spline through `points`; each control edge gets enough samples that no chord
 * is longer than `maxStep` (in the points' units), at least `minPerEdge`.
 */
export function sampleClosedSpline(points: readonly XY[], maxStep = 6, minPerEdge = 4): SampledCurve {
  const n = points.length;
  if (n < 3) return { points: points.slice(), edgeOf: points.map((_, i) => i) };
  const out: XY[] = [];
  const edgeOf: number[] = [];
  for (let i = 0; i < n; i++) {
    const p0 = points[(i - 1 + n) % n]!;
    const p1 = points[i]!;
    const p2 = points[(i + 1) % n]!;
    const p3 = points[(i + 2) % n]!;
    const steps = Math.max(minPerEdge, Math.ceil(Math.hypot(p2.x - p1.x, p2.y - p1.y) / maxStep));
    for (let s = 0; s < steps; s++) {
      out.push(s === 0 ? { x: p1.x, y: p1.y } : interpolate(p0, p1, p2, p3, s / steps));
      edgeOf.push(i);
    }
  }
  return { points: out, edgeOf };
}
