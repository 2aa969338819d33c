/**
 * The one way the app talks to its workers: a worker started on first use and called through
 * comlink, whose typed proxies replace hand-written message protocols (ids, reply unions, transfer
 * lists). comlink does not notice a worker that dies, so the bridge does: on an error event the
 * worker is dropped and `onCrash` tells the caller, whose waiting calls would otherwise hang.
 */
import { wrap, type Remote } from 'comlink';

export class WorkerBridge<Api> {
  private worker: Worker | null = null;
  private remote: Remote<Api> | null = null;

  constructor(
    private readonly createWorker: () => Worker,
    private readonly onCrash: (message: string) => void,
  ) {}

  /** The worker's API, starting the worker if needed; null when the browser cannot start one. */
  api(): Remote<Api> | null {
    if (this.remote) return this.remote;
    try {
      this.worker = this.createWorker();
    } catch {
      return null;
    }
    this.worker.addEventListener('error', (e) => {
      this.terminate();
      this.onCrash(e.message || 'A background task stopped.');
    });
    this.remote = wrap<Api>(this.worker);
    return this.remote;
  }

  /** The running worker's API, or null when none is running (never starts one). */
  running(): Remote<Api> | null {
    return this.remote;
  }

  /** Stops the worker; the next api() call starts a new one. */
  terminate(): void {
    this.worker?.terminate();
    this.worker = null;
    this.remote = null;
  }
}
