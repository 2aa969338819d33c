/**
 * The typed, abortable bridge to the dots worker. The latest request wins: a new request supersedes
 * the one waiting, whose promise rejects with an AbortError; an aborted request whose answer is
 * still being computed is thrown away when it arrives. If the browser cannot start the worker, the
 * bridge generates on the main thread instead, with the same code and so the same dots.
 */
import { generateDotData } from '../core/dots/dotData.ts';
import type { RankedPointsOptions } from '../core/dots/rankedPoints.ts';
import type { DotsReply, DotsRequest } from './dots.worker.ts';

/** Packed dot data and how long the worker took. */
export interface GeneratedDots {
  readonly data: Float32Array;
  readonly ms: number;
}

interface Pending {
  readonly id: number;
  readonly resolve: (d: GeneratedDots) => void;
  readonly reject: (e: unknown) => void;
}

function abortError(): DOMException {
  return new DOMException('Superseded by a newer request', 'AbortError');
}

/** Owns one worker for ranked point generation. */
export class DotsBridge {
  private worker: Worker | null = null;
  private seq = 0;
  private pending: Pending | null = null;
  /** Requests answered by the worker (tests read it). */
  generatedInWorker = 0;

  constructor(private readonly createWorker: () => Worker = () => new Worker(new URL('./dots.worker.ts', import.meta.url), { type: 'module' })) {}

  private ensureWorker(): Worker | null {
    if (this.worker) return this.worker;
    try {
      this.worker = this.createWorker();
    } catch {
      return null;
    }
    this.worker.onmessage = (e: MessageEvent<DotsReply>) => {
      const p = this.pending;
      if (!p || p.id !== e.data.id) return; // A superseded request's answer: drop it.
      this.pending = null;
      if (e.data.ok) {
        this.generatedInWorker++;
        p.resolve({ data: e.data.data, ms: e.data.ms });
      } else p.reject(new Error(e.data.message));
    };
    this.worker.onerror = (e) => {
      const p = this.pending;
      this.pending = null;
      this.worker?.terminate();
      this.worker = null;
      p?.reject(new Error(e.message || 'The dots worker stopped.'));
    };
    return this.worker;
  }

  /** Generates dot data off the main thread; rejects with AbortError if superseded or aborted. */
  request(options: RankedPointsOptions, signal?: AbortSignal): Promise<GeneratedDots> {
    this.pending?.reject(abortError());
    this.pending = null;
    if (signal?.aborted) return Promise.reject(abortError());
    const worker = this.ensureWorker();
    if (!worker) {
      const started = performance.now();
      const data = generateDotData(options);
      return Promise.resolve({ data, ms: performance.now() - started });
    }
    const id = ++this.seq;
    return new Promise<GeneratedDots>((resolve, reject) => {
      this.pending = { id, resolve, reject };
      signal?.addEventListener(
        'abort',
        () => {
          if (this.pending?.id !== id) return;
          this.pending = null;
          reject(abortError());
        },
        { once: true },
      );
      const message: DotsRequest = { id, options };
      worker.postMessage(message);
    });
  }

  /** Stops the worker; a waiting request rejects with AbortError. */
  destroy(): void {
    this.pending?.reject(abortError());
    this.pending = null;
    this.worker?.terminate();
    this.worker = null;
  }
}
