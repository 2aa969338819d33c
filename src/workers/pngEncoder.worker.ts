/**
 * Encodes the export PNG off the main thread as a stream: the main thread sends the composite a
 * band of rows at a time (buffers transferred, not copied) and gets the rows encoded so far after
 * each band and, at the end, the PNG blob. Memory here is one band plus the compressed output.
 */
/// <reference lib="webworker" />
import { expose } from 'comlink';
import { PngStreamEncoder } from '../io/pngStream.ts';

let encoder: PngStreamEncoder | null = null;
/** Bands are encoded in the order they were sent, one after another. */
let queue: Promise<unknown> = Promise.resolve();

function started(): PngStreamEncoder {
  if (!encoder) throw new Error('The encoder was not started');
  return encoder;
}

const api = {
  begin(width: number, height: number): void {
    encoder = new PngStreamEncoder(width, height);
    queue = Promise.resolve();
  },
  /** Encodes `rows` rows of RGBA; resolves with the number of rows encoded so far. */
  rows(rgba: ArrayBuffer, rows: number): Promise<number> {
    const done = queue.then(async () => {
      const e = started();
      await e.writeRows(new Uint8Array(rgba), rows);
      return e.rows;
    });
    queue = done;
    return done;
  },
  /** The finished PNG, after every band sent before. */
  end(): Promise<Blob> {
    const done = queue.then(() => started().finish());
    queue = done;
    return done;
  },
};

/** What the encoder worker offers. */
export type EncoderApi = typeof api;

expose(api);
