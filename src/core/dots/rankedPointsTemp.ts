/** Temporary stand-in (white noise) until the ranked blue-noise generator lands. */
import { createRandom } from '../random.ts';

export interface RankedPoints {
  readonly count: number;
  readonly xCm: Float32Array;
  readonly yCm: Float32Array;
  readonly rank: Float32Array;
  readonly jitter: Uint8Array;
}
export interface RankedPointsOptions {
  readonly seed: number;
  readonly widthCm: number;
  readonly heightCm: number;
  readonly maxDensityPerCm2: number;
}
export function generateRankedPoints(o: RankedPointsOptions): RankedPoints {
  const n = Math.round(o.widthCm * o.heightCm * o.maxDensityPerCm2);
  const r = createRandom(o.seed, 5);
  const xCm = new Float32Array(n);
  const yCm = new Float32Array(n);
  const rank = new Float32Array(n);
  const jitter = new Uint8Array(n);
  for (let i = 0; i < n; i++) {
    xCm[i] = r() * o.widthCm;
    yCm[i] = r() * o.heightCm;
    rank[i] = r();
    jitter[i] = Math.floor(r() * 256);
  }
  return { count: n, xCm, yCm, rank, jitter };
}
