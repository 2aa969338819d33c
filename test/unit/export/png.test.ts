import { describe, expect, it } from 'vitest';
import { multiplyInto, tileRects } from '../../../src/export/png.ts';

describe('export tiles', () => {
  it('cover a 6000 x 4000 photo exactly with 4096 tiles, none larger', () => {
    const rects = tileRects(6000, 4000, 4096);
    expect(rects).toHaveLength(2);
    expect(rects.reduce((s, r) => s + r.w * r.h, 0)).toBe(6000 * 4000);
    expect(Math.max(...rects.map((r) => Math.max(r.w, r.h)))).toBeLessThanOrEqual(4096);
  });

  it('cover a 2000 x 1500 photo with 1024 tiles in a 2 x 2 grid', () => {
    expect(tileRects(2000, 1500, 1024)).toEqual([
      { x: 0, y: 0, w: 1024, h: 1024 },
      { x: 1024, y: 0, w: 976, h: 1024 },
      { x: 0, y: 1024, w: 1024, h: 476 },
      { x: 1024, y: 1024, w: 976, h: 476 },
    ]);
  });
});

describe('multiply composite', () => {
  it('is photo x factor / 255, rounded, and opaque', () => {
    const photo = new Uint8ClampedArray([200, 100, 50, 255, 10, 20, 30, 255]);
    multiplyInto(photo, new Uint8Array([255, 255, 255, 255, 128, 64, 0, 255]));
    expect(Array.from(photo)).toEqual([200, 100, 50, 255, 5, 5, 0, 255]);
  });
});
