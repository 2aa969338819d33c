/**
 * What the dots layer draws from, kept in step with the design: the ranked point set (made off the
 * main thread when a generator is given, one request at a time, a newer one cancelling an older) and
 * the density field (marked stale on an edit and rebuilt once, just before the next draw).
 *
 * Recent point sets are kept, within a budget, so that going back to a view of the design shows its
 * dots at once instead of making them again.
 */
import { densityFieldOf } from '../core/dots/densityField.ts';
import { generateDotData } from '../core/dots/dotData.ts';
import type { RankedPointsOptions } from '../core/dots/rankedPoints.ts';
import type { Design } from '../core/document/types.ts';
import type { DotsLayer } from './DotsLayer.ts';

/** Produces packed dot data (FLOATS_PER_DOT floats a dot) for ranked point options; rejects with AbortError when superseded. */
export type PointsGenerator = (options: RankedPointsOptions, signal: AbortSignal) => Promise<{ readonly data: Float32Array }>;

/** Generation on the calling thread, the same code the worker runs. */
export const generateHere: PointsGenerator = async (options) => ({ data: generateDotData(options) });

/** Key of everything the ranked point set depends on. */
export function pointsKey(d: Design): string {
  return `${d.seed}|${d.photo.widthPx}x${d.photo.heightPx}|${d.scale.pxPerCm}|${d.maxDensityPerCm2}`;
}

/** Floats of point data kept for views not on screen (96 MB): every view of a design at 250 000 dots each, fewer at more. */
export const KEPT_POINT_FLOATS = 24_000_000;

/** Counts that tests read: a slider move must add neither. */
export interface SourceCounts {
  regenerations: number;
  fieldBuilds: number;
}

export class DotSources {
  private pointsFor = '';
  private pointsAbort: AbortController | null = null;
  private pointsReady: Promise<void> = Promise.resolve();
  private fieldDirty = true;
  private stopped = false;
  /** Point data made for recent keys, the most recent last. */
  private readonly kept = new Map<string, Float32Array>();

  constructor(
    private readonly dots: DotsLayer,
    private readonly generate: PointsGenerator,
    private readonly counts: SourceCounts,
    /** Called when new points arrive, so that they get drawn. */
    private readonly onPoints: () => void,
  ) {}

  /** Asks for the point set of `design` unless it is the one asked for last. */
  syncPoints(design: Design): void {
    const key = pointsKey(design);
    if (key === this.pointsFor) return;
    this.pointsFor = key;
    this.pointsAbort?.abort();
    const abort = new AbortController();
    this.pointsAbort = abort;
    const known = this.kept.get(key);
    if (known) {
      this.keep(key, known);
      this.dots.setPoints(known);
      this.pointsReady = Promise.resolve();
      this.onPoints();
      return;
    }
    const options: RankedPointsOptions = {
      seed: design.seed,
      widthCm: design.photo.widthPx / design.scale.pxPerCm,
      heightCm: design.photo.heightPx / design.scale.pxPerCm,
      maxDensityPerCm2: design.maxDensityPerCm2,
    };
    this.pointsReady = this.generate(options, abort.signal).then(
      ({ data }) => {
        if (abort.signal.aborted || this.stopped) return;
        this.keep(key, data);
        this.dots.setPoints(data);
        this.counts.regenerations++;
        this.onPoints();
      },
      (error: unknown) => {
        if (error instanceof DOMException && error.name === 'AbortError') return;
        throw error;
      },
    );
  }

  /** Keeps `data` as the most recent set, dropping the oldest beyond the budget (never the one just made). */
  private keep(key: string, data: Float32Array): void {
    this.kept.delete(key);
    this.kept.set(key, data);
    let floats = 0;
    for (const d of this.kept.values()) floats += d.length;
    for (const [k, d] of this.kept) {
      if (floats <= KEPT_POINT_FLOATS || k === key) break;
      this.kept.delete(k);
      floats -= d.length;
    }
  }

  /** Resolves when the latest requested point set is on the layer. */
  whenPointsReady(): Promise<void> {
    return this.pointsReady;
  }

  /** Marks the field stale (an outline, the brush, the scale or the photo changed). */
  invalidateField(): void {
    this.fieldDirty = true;
  }

  /** Rebuilds the field if stale: at most once per frame or export tile however fast a drag goes. */
  flushField(design: Design): void {
    if (!this.fieldDirty) return;
    this.fieldDirty = false;
    // The same build the dot estimates count (core memoises it): the renderer only reads the design.
    this.dots.setField(densityFieldOf(design));
    this.counts.fieldBuilds++;
  }

  /** Drops any request in flight. */
  stop(): void {
    this.stopped = true;
    this.pointsAbort?.abort();
  }
}
