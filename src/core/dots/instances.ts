/**
 * Packing ranked points for the GPU: one interleaved Float32Array, 4 floats per dot
 * (x cm, y cm, rank, jitter 0..1), 16 bytes a dot.
 */
import { generateRankedPoints, type RankedPoints, type RankedPointsOptions } from './rankedPoints.ts';

/** Interleaves ranked points into instance data. */
export function packInstances(points: RankedPoints): Float32Array {
  const out = new Float32Array(points.count * 4);
  for (let i = 0; i < points.count; i++) {
    const o = i * 4;
    out[o] = points.xCm[i]!;
    out[o + 1] = points.yCm[i]!;
    out[o + 2] = points.rank[i]!;
    out[o + 3] = points.jitter[i]! / 255;
  }
  return out;
}

/** Ranked points for these options, packed for the GPU: what the worker, its fallback and tests all call. */
export function generateInstances(options: RankedPointsOptions): Float32Array {
  return packInstances(generateRankedPoints(options));
}
