import { describe, expect, it } from 'vitest';
import {
  FACE_EYE_CORNER_DROP_CM,
  FACE_EYE_CORNER_X_CM,
  FACE_PUPIL_X_CM,
  FACE_PUPIL_Y_CM,
  faceLayout,
  renderFaceScene,
  type FaceImageOptions,
  type FaceLayout,
  type FaceScene,
} from '../../fixtures/faceImage.ts';

const SIZE = 800;
const SMALL: FaceImageOptions = { widthPx: SIZE, heightPx: SIZE, pxPerCm: SIZE / 22, seed: 7 };

/** Face-frame cm (from the glabella, x along the eye line to the image right, y up) → image px. */
function toImage(layout: FaceLayout, xCm: number, yCm: number): { x: number; y: number } {
  const { glabella, leftEye, rightEye, pxPerCm } = layout;
  const ex = rightEye.x - leftEye.x;
  const ey = rightEye.y - leftEye.y;
  const l = Math.hypot(ex, ey);
  const ux = ex / l;
  const uy = ey / l;
  // Up the forehead is square to the eye line, towards the top of the image.
  return { x: glabella.x + (ux * xCm + uy * yCm) * pxPerCm, y: glabella.y + (uy * xCm - ux * yCm) * pxPerCm };
}

/** Mean sRGB and luminance in a disc of radius rCm around a face-frame point. */
function sample(scene: FaceScene, xCm: number, yCm: number, rCm: number): { r: number; g: number; b: number; luma: number; n: number } {
  const { image, layout } = scene;
  const c = toImage(layout, xCm, yCm);
  const rPx = rCm * layout.pxPerCm;
  let r = 0;
  let g = 0;
  let b = 0;
  let n = 0;
  for (let y = Math.floor(c.y - rPx); y <= Math.ceil(c.y + rPx); y++) {
    for (let x = Math.floor(c.x - rPx); x <= Math.ceil(c.x + rPx); x++) {
      if ((x + 0.5 - c.x) ** 2 + (y + 0.5 - c.y) ** 2 > rPx * rPx) continue;
      if (x < 0 || y < 0 || x >= image.widthPx || y >= image.heightPx) continue;
      const i = (y * image.widthPx + x) * 4;
      r += image.rgba[i]!;
      g += image.rgba[i + 1]!;
      b += image.rgba[i + 2]!;
      n++;
    }
  }
  r /= n;
  g /= n;
  b /= n;
  return { r, g, b, luma: 0.3 * r + 0.59 * g + 0.11 * b, n };
}

const scene = renderFaceScene(SMALL);

describe('renderFaceScene', () => {
  it('has the requested size and opaque pixels', () => {
    expect(scene.image.widthPx).toBe(SIZE);
    expect(scene.image.heightPx).toBe(SIZE);
    expect(scene.image.rgba.length).toBe(SIZE * SIZE * 4);
    for (let i = 3; i < scene.image.rgba.length; i += 4 * 991) expect(scene.image.rgba[i]).toBe(255);
  });

  it('gives the same bytes for the same seed and different bytes for another', () => {
    const tiny: FaceImageOptions = { widthPx: 300, heightPx: 300, pxPerCm: 300 / 22, seed: 7 };
    const first = renderFaceScene(tiny).image.rgba;
    const again = renderFaceScene(tiny).image.rgba;
    expect(Buffer.from(again).equals(Buffer.from(first))).toBe(true);
    const other = renderFaceScene({ ...tiny, seed: 8 }).image.rgba;
    let differing = 0;
    for (let i = 0; i < other.length; i++) if (other[i] !== first[i]) differing++;
    expect(differing / other.length).toBeGreaterThan(0.5);
  });

  it('puts the landmarks inside the image at the stated distances (within 1 mm)', () => {
    const { glabella, leftEye, rightEye, pxPerCm } = scene.layout;
    expect(pxPerCm).toBe(SMALL.pxPerCm);
    for (const p of [glabella, leftEye, rightEye]) {
      expect(p.x).toBeGreaterThan(0);
      expect(p.x).toBeLessThan(SIZE);
      expect(p.y).toBeGreaterThan(0);
      expect(p.y).toBeLessThan(SIZE);
    }
    // Horizontally centred, a third of the height above the bottom.
    expect(glabella.x).toBeCloseTo(SIZE / 2, 6);
    expect(glabella.y).toBeCloseTo((SIZE * 2) / 3, 6);
    for (const [eye, side] of [[leftEye, -1], [rightEye, 1]] as const) {
      expect(Math.abs((eye.x - glabella.x) / pxPerCm - side * FACE_EYE_CORNER_X_CM)).toBeLessThan(0.1);
      expect(Math.abs((eye.y - glabella.y) / pxPerCm - FACE_EYE_CORNER_DROP_CM)).toBeLessThan(0.1);
    }
  });

  it('shows at least 11 cm above the glabella at 2000 px over 22 cm', () => {
    const layout = faceLayout({ widthPx: 2000, heightPx: 2000, pxPerCm: 2000 / 22, seed: 1 });
    expect(layout.glabella.y / layout.pxPerCm).toBeGreaterThan(11);
  });

  it('paints skin of a plausible colour at the glabella and a lighter forehead above it', () => {
    const glabella = sample(scene, 0, 0, 0.15);
    expect(glabella.luma).toBeGreaterThan(110);
    expect(glabella.luma).toBeLessThan(215);
    expect(glabella.r).toBeGreaterThan(glabella.g);
    expect(glabella.g).toBeGreaterThan(glabella.b);
    const forehead = sample(scene, 0, 4, 0.4);
    expect(forehead.luma).toBeGreaterThan(140);
    expect(forehead.luma).toBeLessThan(230);
    expect(forehead.r - forehead.b).toBeGreaterThan(30);
    // The forehead is curved: the temples are darker than its middle.
    for (const side of [-1, 1]) expect(sample(scene, side * 5.3, 3, 0.3).luma).toBeLessThan(forehead.luma - 15);
    // The backdrop is a neutral grey clearly apart from the skin.
    const corner = sample(scene, -10.5, 13.5, 0.3);
    expect(Math.abs(corner.r - corner.b)).toBeLessThan(15);
    expect(forehead.luma - corner.luma).toBeGreaterThan(60);
  });

  it('draws eyebrows darker than the forehead skin', () => {
    const forehead = sample(scene, 0, 3, 0.3);
    for (const side of [-1, 1]) {
      for (const x of [2, 3, 4]) {
        const brow = sample(scene, side * x, 0.5, 0.1);
        expect(brow.luma).toBeLessThan(forehead.luma * 0.75);
      }
    }
    // And only there: the skin between the brows is not.
    expect(sample(scene, 0, 0.3, 0.12).luma).toBeGreaterThan(forehead.luma * 0.75);
  });

  it('draws dark pupils inside lighter irises and whites', () => {
    for (const side of [-1, 1]) {
      const pupil = sample(scene, side * FACE_PUPIL_X_CM, FACE_PUPIL_Y_CM, 0.08);
      expect(pupil.luma).toBeLessThan(45);
      // The white of the eye towards the outer corner is light, and lighter than the pupil by far.
      const white = sample(scene, side * 4.05, -0.82, 0.05);
      expect(white.luma - pupil.luma).toBeGreaterThan(40);
    }
  });

  it('grows stubble at the sides above the hair edge, darker and greyer than the forehead skin', () => {
    const { layout } = scene;
    const forehead = sample(scene, 0, 5, 0.4);
    const saturation = (c: { r: number; b: number }): number => (c.r - c.b) / c.r;
    expect(forehead.luma).toBeGreaterThan(140);
    for (const side of [-1, 1]) {
      const xCm = side * 5.2;
      const edgeY = layout.hairlineY(layout.glabella.x + xCm * layout.pxPerCm);
      const edgeCm = (layout.glabella.y - edgeY) / layout.pxPerCm;
      expect(edgeCm).toBeGreaterThan(5.5);
      expect(edgeCm).toBeLessThan(9.5);
      const stubble = sample(scene, xCm, edgeCm + 1.2, 0.3);
      expect(stubble.luma).toBeLessThan(forehead.luma * 0.85);
      // Greyer than the bald skin just below the edge (similarly shaded, no hair), and darker.
      const bald = sample(scene, xCm, edgeCm - 1, 0.2);
      expect(saturation(stubble)).toBeLessThan(saturation(bald) - 0.03);
      expect(stubble.luma).toBeLessThan(bald.luma * 0.92);
    }
    // The middle is bald all the way up.
    expect(layout.hairlineY(layout.glabella.x)).toBe(-Infinity);
    expect(layout.hairlineY(layout.glabella.x + 2 * layout.pxPerCm)).toBe(-Infinity);
  });

  it('rolls the face around the glabella by tiltDeg', () => {
    const tilted = renderFaceScene({ ...SMALL, tiltDeg: 5 });
    const { glabella, leftEye, rightEye, pxPerCm } = tilted.layout;
    expect(glabella.x).toBeCloseTo(scene.layout.glabella.x, 6);
    expect(glabella.y).toBeCloseTo(scene.layout.glabella.y, 6);
    const angle = (Math.atan2(rightEye.y - leftEye.y, rightEye.x - leftEye.x) * 180) / Math.PI;
    expect(Math.abs(angle - 5)).toBeLessThan(0.2);
    expect(Math.hypot(rightEye.x - leftEye.x, rightEye.y - leftEye.y) / pxPerCm).toBeCloseTo(2 * FACE_EYE_CORNER_X_CM, 2);
    // The picture turns with the landmarks: pupils and brows are where the tilted frame says.
    for (const side of [-1, 1]) {
      expect(sample(tilted, side * FACE_PUPIL_X_CM, FACE_PUPIL_Y_CM, 0.08).luma).toBeLessThan(45);
      expect(sample(tilted, side * 3, 0.5, 0.1).luma).toBeLessThan(sample(tilted, 0, 3, 0.3).luma * 0.75);
    }
    // Down the image: the right eye (image right) is lower than the left for a positive tilt.
    expect(rightEye.y).toBeGreaterThan(leftEye.y);
  });

  it('rejects nonsense options', () => {
    expect(() => renderFaceScene({ ...SMALL, widthPx: 0 })).toThrow(RangeError);
    expect(() => renderFaceScene({ ...SMALL, pxPerCm: -1 })).toThrow(RangeError);
    expect(() => renderFaceScene({ ...SMALL, tiltDeg: 90 })).toThrow(RangeError);
  });
});
