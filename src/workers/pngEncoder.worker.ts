/**
 * Encodes the export PNG off the main thread as a stream: the main thread sends the composite a
 * band of rows at a time (buffers transferred, not copied) and gets progress and, at the end, the
 * PNG blob. Memory here is one band plus the compressed output.
 */
/// <reference lib="webworker" />
import { PngStreamEncoder } from '../io/pngStream.ts';

/** Messages to the encoder. */
export type EncoderRequest =
  | { readonly type: 'begin'; readonly width: number; readonly height: number }
  | { readonly type: 'rows'; readonly rgba: ArrayBuffer; readonly rows: number }
  | { readonly type: 'end' };

/** Messages from the encoder. */
export type EncoderReply =
  | { readonly type: 'progress'; readonly rows: number }
  | { readonly type: 'done'; readonly png: Blob }
  | { readonly type: 'error'; readonly message: string };

let encoder: PngStreamEncoder | null = null;
let queue: Promise<void> = Promise.resolve();

const post = (reply: EncoderReply): void => (self as unknown as Worker).postMessage(reply);

self.onmessage = (event: MessageEvent<EncoderRequest>) => {
  const msg = event.data;
  queue = queue
    .then(async () => {
      if (msg.type === 'begin') encoder = new PngStreamEncoder(msg.width, msg.height);
      else if (!encoder) throw new Error('The encoder was not started');
      else if (msg.type === 'rows') {
        await encoder.writeRows(new Uint8Array(msg.rgba), msg.rows);
        post({ type: 'progress', rows: encoder.rows });
      } else post({ type: 'done', png: await encoder.finish() });
    })
    .catch((error: unknown) => post({ type: 'error', message: error instanceof Error ? error.message : String(error) }));
};
