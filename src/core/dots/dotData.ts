/**
 * Packing ranked points for the GPU: one interleaved Float32Array, FLOATS_PER_DOT floats per dot
 * (x cm, y cm, rank, jitter 0..1, hand-placement offset x and y in cm), 24 bytes a dot.
 */
import { placementOffsets } from './placement.ts';
import { generateRankedPoints, type RankedPoints, type RankedPointsOptions } from './rankedPoints.ts';

/** Floats per dot in the packed data. */
export const FLOATS_PER_DOT = 6;

/** Interleaves ranked points and their hand-placement offsets into the data the GPU draws. */
export function packDots(points: RankedPoints, options: Pick<RankedPointsOptions, 'seed' | 'maxDensityPerCm2'>): Float32Array {
  const offsets = placementOffsets(points, options.seed, options.maxDensityPerCm2);
  const out = new Float32Array(points.count * FLOATS_PER_DOT);
  for (let i = 0; i < points.count; i++) {
    const o = i * FLOATS_PER_DOT;
    out[o] = points.xCm[i]!;
    out[o + 1] = points.yCm[i]!;
    out[o + 2] = points.rank[i]!;
    out[o + 3] = points.jitter[i]! / 255;
    out[o + 4] = offsets[2 * i]!;
    out[o + 5] = offsets[2 * i + 1]!;
  }
  return out;
}

/** Ranked points for these options, packed for the GPU: what the worker, its fallback and tests all call. */
export function generateDotData(options: RankedPointsOptions): Float32Array {
  return packDots(generateRankedPoints(options), options);
}
