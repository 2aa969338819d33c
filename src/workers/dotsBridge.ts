/**
 * The abortable bridge to the dots worker. The latest request wins: a new request supersedes the
 * one waiting, whose promise rejects with an AbortError; an answer that arrives for a superseded or
 * aborted request is thrown away (the worker is kept, and with it the tile cache). If the browser
 * cannot start the worker, the bridge generates on the main thread instead, with the same code and
 * so the same dots.
 */
import { generateDotData } from '../core/dots/dotData.ts';
import type { RankedPointsOptions } from '../core/dots/rankedPoints.ts';
import { WorkerBridge } from './bridge.ts';
import type { DotsApi, GeneratedDots } from './dots.worker.ts';

export type { GeneratedDots } from './dots.worker.ts';

interface Pending {
  readonly id: number;
  readonly reject: (e: unknown) => void;
}

function abortError(): DOMException {
  return new DOMException('Superseded by a newer request', 'AbortError');
}

/** Owns one worker for ranked point generation. */
export class DotsBridge {
  private readonly bridge: WorkerBridge<DotsApi>;
  private seq = 0;
  private pending: Pending | null = null;
  /** Requests answered by the worker (tests read it). */
  generatedInWorker = 0;

  constructor(createWorker: () => Worker = () => new Worker(new URL('./dots.worker.ts', import.meta.url), { type: 'module' })) {
    this.bridge = new WorkerBridge<DotsApi>(createWorker, (message) => this.settleWaiting()?.(new Error(message)));
  }

  /** Takes the pending request `id` off the books and returns its reject, or null if it is no longer the one waiting. */
  private settle(id: number): ((e: unknown) => void) | null {
    if (this.pending?.id !== id) return null;
    const { reject } = this.pending;
    this.pending = null;
    return reject;
  }

  private settleWaiting(): ((e: unknown) => void) | null {
    return this.pending ? this.settle(this.pending.id) : null;
  }

  /** Generates dot data off the main thread; rejects with AbortError if superseded or aborted. */
  request(options: RankedPointsOptions, signal?: AbortSignal): Promise<GeneratedDots> {
    this.settleWaiting()?.(abortError());
    if (signal?.aborted) return Promise.reject(abortError());
    const api = this.bridge.api();
    if (!api) {
      const started = performance.now();
      const data = generateDotData(options);
      return Promise.resolve({ data, ms: performance.now() - started });
    }
    const id = ++this.seq;
    return new Promise<GeneratedDots>((resolve, reject) => {
      this.pending = { id, reject };
      signal?.addEventListener('abort', () => this.settle(id)?.(abortError()), { once: true });
      api.generate(options).then(
        (dots) => {
          if (!this.settle(id)) return; // A superseded request's answer: drop it.
          this.generatedInWorker++;
          resolve(dots);
        },
        (error: unknown) => this.settle(id)?.(error),
      );
    });
  }

  /** Stops the worker; a waiting request rejects with AbortError. */
  destroy(): void {
    this.settleWaiting()?.(abortError());
    this.bridge.terminate();
  }
}
