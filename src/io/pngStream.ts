/**
 * A streaming PNG encoder: rows go in a band at a time, are filtered (Sub) and deflated through the
 * platform's CompressionStream, and come out as IDAT chunks, so a 24–48 MP export never needs the
 * whole image, filtered and compressed, in memory at once. Output is 8-bit RGB (exports are opaque).
 */
import { crc32 } from './crc32.ts';

const SIGNATURE = Uint8Array.of(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a);

function chunk(type: string, data: Uint8Array): Uint8Array<ArrayBuffer> {
  const out = new Uint8Array(12 + data.length);
  const view = new DataView(out.buffer);
  view.setUint32(0, data.length);
  for (let i = 0; i < 4; i++) out[4 + i] = type.charCodeAt(i);
  out.set(data, 8);
  view.setUint32(8 + data.length, crc32(out, 4, 8 + data.length));
  return out;
}

/** Encodes one PNG from RGBA rows supplied top to bottom. */
export class PngStreamEncoder {
  private readonly writer: WritableStreamDefaultWriter<BufferSource>;
  private readonly collected: Promise<Uint8Array<ArrayBuffer>[]>;
  private rowsWritten = 0;

  constructor(
    readonly width: number,
    readonly height: number,
  ) {
    if (!(width >= 1 && height >= 1 && width <= 65535 && height <= 65535)) throw new RangeError(`Cannot encode a ${width} x ${height} PNG`);
    const deflate = new CompressionStream('deflate');
    this.writer = deflate.writable.getWriter();
    this.collected = (async () => {
      const parts: Uint8Array<ArrayBuffer>[] = [];
      const reader = deflate.readable.getReader();
      for (;;) {
        const { done, value } = await reader.read();
        if (done) return parts;
        parts.push(chunk('IDAT', value));
      }
    })();
    // An aborted stream rejects the reader; finish() still sees the rejection, nobody else needs to.
    this.collected.catch(() => undefined);
  }

  /** Rows encoded so far. */
  get rows(): number {
    return this.rowsWritten;
  }

  /** Adds `rows` rows of RGBA (width x rows x 4 bytes), Sub-filtered to RGB. */
  async writeRows(rgba: Uint8Array | Uint8ClampedArray, rows: number): Promise<void> {
    if (this.rowsWritten + rows > this.height) throw new RangeError('More rows than the image has');
    const w = this.width;
    const stride = 1 + w * 3;
    const out = new Uint8Array(stride * rows);
    for (let y = 0; y < rows; y++) {
      const o = y * stride;
      const s = y * w * 4;
      out[o] = 1; // Sub: each byte minus the byte one pixel to its left.
      out[o + 1] = rgba[s]!;
      out[o + 2] = rgba[s + 1]!;
      out[o + 3] = rgba[s + 2]!;
      for (let x = 1; x < w; x++) {
        const p = s + x * 4;
        const q = o + 1 + x * 3;
        out[q] = rgba[p]! - rgba[p - 4]!;
        out[q + 1] = rgba[p + 1]! - rgba[p - 3]!;
        out[q + 2] = rgba[p + 2]! - rgba[p - 2]!;
      }
    }
    this.rowsWritten += rows;
    await this.writer.write(out);
  }

  /** Finishes the stream and returns the PNG. */
  async finish(): Promise<Blob> {
    if (this.rowsWritten !== this.height) throw new Error(`Only ${this.rowsWritten} of ${this.height} rows were written`);
    await this.writer.close();
    const idat = await this.collected;
    const ihdr = new Uint8Array(13);
    const view = new DataView(ihdr.buffer);
    view.setUint32(0, this.width);
    view.setUint32(4, this.height);
    ihdr.set([8, 2, 0, 0, 0], 8); // 8-bit, truecolour RGB, deflate, adaptive filtering, no interlace.
    return new Blob([SIGNATURE, chunk('IHDR', ihdr), ...idat, chunk('IEND', new Uint8Array(0))], { type: 'image/png' });
  }

  /** Abandons the stream. */
  async abort(): Promise<void> {
    await this.writer.abort().catch(() => undefined);
  }
}
