/** The squares the irises are looked for in: placed from the mesh's eye corners, level with the eye line, and mapped both ways. */
import { describe, expect, it } from 'vitest';
import { boxBounds, boxTransform, EYE_BOX_WIDTHS, eyeBoxes, fromBox } from '../../../src/core/face/eyeBox.ts';

/** A mesh with only the four eye corners placed: eyes 3 cm wide, their inner corners 3 cm apart, at `k` px/cm, rolled `rollDeg` around (500, 400). */
function mesh(k: number, rollDeg: number, mirrored = false): [number, number][] {
  const a = (rollDeg * Math.PI) / 180;
  const at = (xCm: number): [number, number] => [500 + Math.cos(a) * xCm * k, 400 + Math.sin(a) * xCm * k];
  const m: [number, number][] = Array.from({ length: 468 }, () => [500, 400]);
  const s = mirrored ? -1 : 1;
  m[33] = at(-4.5 * s);
  m[133] = at(-1.5 * s);
  m[263] = at(4.5 * s);
  m[362] = at(1.5 * s);
  return m;
}

describe('eyeBoxes', () => {
  it('centres a square 2.3 eye widths across on each eye, level with the eye line, the photo-left eye first', () => {
    const [left, right] = eyeBoxes(mesh(40, 10));
    const a = (10 * Math.PI) / 180;
    expect(left.cx).toBeCloseTo(500 - 3 * 40 * Math.cos(a), 6);
    expect(left.cy).toBeCloseTo(400 - 3 * 40 * Math.sin(a), 6);
    expect(right.cx).toBeCloseTo(500 + 3 * 40 * Math.cos(a), 6);
    for (const b of [left, right]) {
      expect(b.side).toBeCloseTo(EYE_BOX_WIDTHS * 3 * 40, 6);
      expect((b.angle * 180) / Math.PI).toBeCloseTo(10, 6);
    }
    // The subject's left eye (mesh 263, 362) is the one the model sees mirrored.
    expect([left.mirrored, right.mirrored]).toEqual([false, true]);
    // A mirrored selfie puts the subject's left eye on the photo's left.
    expect(eyeBoxes(mesh(40, 0, true)).map((b) => b.mirrored)).toEqual([true, false]);
  });

  it('maps photo points to the level square and back', () => {
    const [box] = eyeBoxes(mesh(55, -17));
    const size = 300;
    const [a, b, c, d, e, f] = boxTransform(box, size);
    // The eye's centre is the square's centre, and its outer corner lies level with it, to the left.
    expect(a * box.cx + c * box.cy + e).toBeCloseTo(size / 2, 6);
    expect(b * box.cx + d * box.cy + f).toBeCloseTo(size / 2, 6);
    const corner = mesh(55, -17)[33]!;
    const cornerInBox = [a * corner[0] + c * corner[1] + e, b * corner[0] + d * corner[1] + f];
    expect(cornerInBox[1]).toBeCloseTo(size / 2, 6);
    expect(cornerInBox[0]).toBeCloseTo(size / 2 - (1.5 * 55 * size) / box.side, 6);
    for (const [x, y] of [
      [0, 0],
      [17.5, 280],
      [300, 133],
    ] as const) {
      const p = fromBox(box, size, x, y);
      expect(a * p.x + c * p.y + e).toBeCloseTo(x, 6);
      expect(b * p.x + d * p.y + f).toBeCloseTo(y, 6);
    }
  });

  it('bounds the turned square in whole pixels inside the photo, and gives nothing for a square off the photo', () => {
    const [box] = eyeBoxes(mesh(40, 45));
    const r = boxBounds(box, 2000, 2000)!;
    const half = (box.side / 2) * Math.SQRT2;
    expect(r.x0).toBe(Math.floor(box.cx - half));
    expect(r.w).toBe(Math.ceil(box.cx + half) - r.x0);
    const clipped = boxBounds(box, Math.round(box.cx), 2000)!;
    expect(clipped.x0 + clipped.w).toBe(Math.round(box.cx));
    expect(boxBounds({ ...box, cx: -1000 }, 2000, 2000)).toBeNull();
  });
});
