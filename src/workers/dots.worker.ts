/**
 * Ranked point generation off the main thread. The worker keeps the tile cache between requests,
 * so only the first request for a seed pays for building the tile; results go back as transferred
 * buffers (no copy).
 */
/// <reference lib="webworker" />
import { expose, transfer } from 'comlink';
import { generateDotData } from '../core/dots/dotData.ts';
import type { RankedPointsOptions } from '../core/dots/rankedPoints.ts';

/** Packed dot data (FLOATS_PER_DOT floats a dot) and how long it took, ms. */
export interface GeneratedDots {
  readonly data: Float32Array;
  readonly ms: number;
}

const api = {
  generate(options: RankedPointsOptions): GeneratedDots {
    const started = performance.now();
    const data = generateDotData(options);
    return transfer({ data, ms: performance.now() - started }, [data.buffer]);
  },
};

/** What the dots worker offers. */
export type DotsApi = typeof api;

expose(api);
