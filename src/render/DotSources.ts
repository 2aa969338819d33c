/**
 * What the dots layer draws from, kept in step with the design: the ranked point set (made off the
 * main thread when a generator is given, one request at a time, a newer one cancelling an older) and
 * the density field (marked stale on an edit and rebuilt once, just before the next draw).
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
    const options: RankedPointsOptions = {
      seed: design.seed,
      widthCm: design.photo.widthPx / design.scale.pxPerCm,
      heightCm: design.photo.heightPx / design.scale.pxPerCm,
      maxDensityPerCm2: design.maxDensityPerCm2,
    };
    this.pointsReady = this.generate(options, abort.signal).then(
      ({ data }) => {
        if (abort.signal.aborted || this.stopped) return;
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
