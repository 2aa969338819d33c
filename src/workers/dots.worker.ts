/**
 * Ranked point generation off the main thread. The worker keeps the tile cache between requests,
 * so only the first request for a seed pays for building the tile; results go back as transferred
 * buffers (no copy).
 */
/// <reference lib="webworker" />
import { generateDotData } from '../core/dots/dotData.ts';
import type { RankedPointsOptions } from '../core/dots/rankedPoints.ts';

/** A request: generate the dot data for these options. */
export interface DotsRequest {
  readonly id: number;
  readonly options: RankedPointsOptions;
}

/** The reply: packed dot data (FLOATS_PER_DOT floats a dot) or a reason. */
export type DotsReply =
  | { readonly id: number; readonly ok: true; readonly data: Float32Array; readonly ms: number }
  | { readonly id: number; readonly ok: false; readonly message: string };

self.onmessage = (event: MessageEvent<DotsRequest>) => {
  const { id, options } = event.data;
  const started = performance.now();
  try {
    const data = generateDotData(options);
    const reply: DotsReply = { id, ok: true, data, ms: performance.now() - started };
    (self as unknown as Worker).postMessage(reply, [data.buffer]);
  } catch (error) {
    const reply: DotsReply = { id, ok: false, message: error instanceof Error ? error.message : String(error) };
    (self as unknown as Worker).postMessage(reply);
  }
};
