/** The main-thread side of the streaming PNG encoder worker: one PNG per bridge. */
import { transfer } from 'comlink';
import { WorkerBridge } from './bridge.ts';
import type { EncoderApi } from './pngEncoder.worker.ts';

/** One PNG being encoded in a worker. */
export class PngEncoderBridge {
  private readonly bridge = new WorkerBridge<EncoderApi>(
    () => new Worker(new URL('./pngEncoder.worker.ts', import.meta.url), { type: 'module' }),
    (message) => this.fail(new Error(message)),
  );
  private readonly result: Promise<Blob>;
  private settle: { resolve: (b: Blob) => void; reject: (e: unknown) => void } | null = null;

  constructor(
    width: number,
    height: number,
    private readonly onRows: (rowsEncoded: number) => void,
  ) {
    this.result = new Promise<Blob>((resolve, reject) => {
      this.settle = { resolve, reject };
    });
    this.result.catch(() => undefined);
    this.call((api) => api.begin(width, height));
  }

  /** Calls the worker unless the PNG is settled; a failure settles it. */
  private call<T>(fn: (api: NonNullable<ReturnType<WorkerBridge<EncoderApi>['api']>>) => Promise<T>): Promise<T | undefined> {
    if (!this.settle) return Promise.resolve(undefined);
    const api = this.bridge.api();
    if (!api) {
      this.fail(new Error('The image encoder could not start in this browser.'));
      return Promise.resolve(undefined);
    }
    return fn(api).catch((error: unknown) => {
      this.fail(error instanceof Error ? error : new Error(String(error)));
      return undefined;
    });
  }

  private fail(error: Error): void {
    this.settle?.reject(error);
    this.settle = null;
    this.bridge.terminate();
  }

  /** Sends `rows` rows of RGBA; the buffer is transferred and unusable afterwards. */
  rows(rgba: Uint8ClampedArray, rows: number): void {
    const buffer = rgba.buffer as ArrayBuffer;
    void this.call((api) => api.rows(transfer(buffer, [buffer]), rows)).then((encoded) => {
      if (encoded !== undefined && this.settle) this.onRows(encoded);
    });
  }

  /** Asks for the finished PNG. */
  finish(): Promise<Blob> {
    void this.call((api) => api.end()).then((png) => {
      if (!png || !this.settle) return;
      this.settle.resolve(png);
      this.settle = null;
      this.bridge.terminate();
    });
    return this.result;
  }

  /** Stops encoding; finish() rejects with AbortError. */
  abort(): void {
    this.fail(new DOMException('Export cancelled', 'AbortError'));
  }
}
