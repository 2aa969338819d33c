import { describe, expect, it } from 'vitest';
import { decode } from 'fast-png';
import { PngStreamEncoder } from '../../../src/io/pngStream.ts';

function noisyImage(w: number, h: number): Uint8Array {
  const rgba = new Uint8Array(w * h * 4);
  let s = 12345;
  for (let i = 0; i < w * h; i++) {
    s = (s * 1103515245 + 12345) >>> 0;
    rgba.set([(i % w) & 255, (s >>> 16) & 255, (i / w) & 255, 255], i * 4);
  }
  return rgba;
}

describe('streaming PNG encoder', () => {
  it('round-trips an image written in uneven bands, pixel for pixel', async () => {
    const w = 301;
    const h = 157;
    const rgba = noisyImage(w, h);
    const enc = new PngStreamEncoder(w, h);
    for (let y = 0; y < h; ) {
      const rows = Math.min(h - y, 1 + ((y * 7) % 40));
      await enc.writeRows(rgba.subarray(y * w * 4, (y + rows) * w * 4), rows);
      y += rows;
    }
    const png = decode(new Uint8Array(await (await enc.finish()).arrayBuffer()));
    expect([png.width, png.height, png.channels, png.depth]).toEqual([w, h, 3, 8]);
    for (let i = 0; i < w * h; i++) {
      for (let c = 0; c < 3; c++) {
        if (png.data[i * 3 + c] !== rgba[i * 4 + c]) throw new Error(`pixel ${i} channel ${c} differs`);
      }
    }
  });

  it('refuses to finish with rows missing, and refuses extra rows', async () => {
    const enc = new PngStreamEncoder(4, 4);
    await enc.writeRows(new Uint8Array(4 * 4 * 2), 2);
    await expect(enc.finish()).rejects.toThrow(/2 of 4 rows/);
    await expect(enc.writeRows(new Uint8Array(4 * 4 * 3), 3)).rejects.toThrow(/More rows/);
    await enc.abort();
  });
});
