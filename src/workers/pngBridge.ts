/** The main-thread side of the streaming PNG encoder worker. */
import type { EncoderReply, EncoderRequest } from './pngEncoder.worker.ts';

/** One PNG being encoded in a worker. */
export class PngEncoderBridge {
  private readonly worker = new Worker(new URL('./pngEncoder.worker.ts', import.meta.url), { type: 'module' });
  private readonly result: Promise<Blob>;
  private settle: { resolve: (b: Blob) => void; reject: (e: unknown) => void } | null = null;

  constructor(
    width: number,
    height: number,
    onRows: (rowsEncoded: number) => void,
  ) {
    this.result = new Promise<Blob>((resolve, reject) => {
      this.settle = { resolve, reject };
    });
    this.result.catch(() => undefined);
    this.worker.onmessage = (e: MessageEvent<EncoderReply>) => {
      const m = e.data;
      if (m.type === 'progress') onRows(m.rows);
      else if (m.type === 'done') this.done(m.png);
      else this.fail(new Error(m.message));
    };
    this.worker.onerror = (e) => this.fail(new Error(e.message || 'The image encoder stopped.'));
    this.send({ type: 'begin', width, height });
  }

  private send(m: EncoderRequest, transfer: Transferable[] = []): void {
    this.worker.postMessage(m, transfer);
  }

  private done(png: Blob): void {
    this.settle?.resolve(png);
    this.settle = null;
    this.worker.terminate();
  }

  private fail(error: Error): void {
    this.settle?.reject(error);
    this.settle = null;
    this.worker.terminate();
  }

  /** Sends `rows` rows of RGBA; the buffer is transferred and unusable afterwards. */
  rows(rgba: Uint8ClampedArray, rows: number): void {
    const buffer = rgba.buffer as ArrayBuffer;
    this.send({ type: 'rows', rgba: buffer, rows }, [buffer]);
  }

  /** Asks for the finished PNG. */
  finish(): Promise<Blob> {
    this.send({ type: 'end' });
    return this.result;
  }

  /** Stops encoding; finish() rejects with AbortError. */
  abort(): void {
    this.fail(new DOMException('Export cancelled', 'AbortError'));
  }
}
