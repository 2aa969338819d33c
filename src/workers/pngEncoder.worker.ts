/**
 * Encodes RGBA pixels to PNG off the main thread: the pixel buffer is transferred in, the PNG
 * blob comes back. OffscreenCanvas does the encoding natively.
 */
/// <reference lib="webworker" />

/** Request: pixels to encode. */
export interface EncodeRequest {
  readonly width: number;
  readonly height: number;
  readonly rgba: ArrayBuffer;
}

/** Reply: a PNG or a reason. */
export type EncodeReply = { readonly ok: true; readonly png: Blob } | { readonly ok: false; readonly message: string };

self.onmessage = async (event: MessageEvent<EncodeRequest>) => {
  const { width, height, rgba } = event.data;
  try {
    const canvas = new OffscreenCanvas(width, height);
    const ctx = canvas.getContext('2d');
    if (!ctx) throw new Error('No 2D context in the worker');
    ctx.putImageData(new ImageData(new Uint8ClampedArray(rgba), width, height), 0, 0);
    const png = await canvas.convertToBlob({ type: 'image/png' });
    (self as unknown as Worker).postMessage({ ok: true, png } satisfies EncodeReply);
  } catch (error) {
    (self as unknown as Worker).postMessage({ ok: false, message: error instanceof Error ? error.message : String(error) } satisfies EncodeReply);
  }
};
