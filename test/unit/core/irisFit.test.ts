/** The iris fit: on drawn eyes of known size, with lids, noise and off-grid centres, and on the generated face. */
import { describe, expect, it } from 'vitest';
import { fitIris, type RgbaImage } from '../../../src/core/face/irisFit.ts';
import { createRandom } from '../../../src/core/random.ts';
import { FACE_IRIS_RADIUS_CM, FACE_PUPIL_X_CM, FACE_PUPIL_Y_CM, renderFaceScene } from '../../fixtures/faceImage.ts';

/**
 * An eye: white sclera, an iris of radius `r` (a darker limbal ring, fibres of noise), a pupil, and
 * skin-coloured lids covering everything beyond `lid` × r above and below the centre. Each pixel is
 * the mean of 4 × 4 sub-samples, as a camera blurs an edge across a pixel.
 */
function drawEye(size: number, cx: number, cy: number, r: number, lid: number, seed: number): RgbaImage {
  const random = createRandom(seed);
  const rgba = new Uint8ClampedArray(size * size * 4);
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      let sum = 0;
      for (let sy = 0; sy < 4; sy++) {
        for (let sx = 0; sx < 4; sx++) {
          const px = x + (sx + 0.5) / 4;
          const py = y + (sy + 0.5) / 4;
          const d = Math.hypot(px - cx, py - cy);
          let v = 0.85;
          if (d < r) v = d > 0.88 * r ? 0.22 : d < 0.35 * r ? 0.05 : 0.38;
          if (Math.abs(py - cy) > lid * r) v = 0.62;
          sum += v;
        }
      }
      const v = Math.max(0, Math.min(1, sum / 16 + (random() - 0.5) * 0.04));
      const i = (y * size + x) * 4;
      rgba[i] = v * 255;
      rgba[i + 1] = v * 235;
      rgba[i + 2] = v * 220;
      rgba[i + 3] = 255;
    }
  }
  return { rgba, widthPx: size, heightPx: size };
}

describe('fitIris', () => {
  it('finds the drawn radius within 2 % from a guess 15 % off, at three sizes, with the lids covering the top and bottom', () => {
    for (const [r, seed] of [
      [12, 1],
      [30, 2],
      [70, 3],
    ] as const) {
      const size = Math.ceil(r * 4);
      const cx = size / 2 + 0.37;
      const cy = size / 2 - 0.21;
      const img = drawEye(size, cx, cy, r, 0.75, seed);
      for (const guess of [0.85 * r, 1.15 * r]) {
        const fit = fitIris(img, cx + 0.1 * r, cy - 0.05 * r, guess);
        expect(fit, `r ${r}, guess ${guess}`).not.toBeNull();
        expect(Math.abs(fit!.radiusPx / r - 1)).toBeLessThan(0.02);
        expect(Math.hypot(fit!.x - cx, fit!.y - cy)).toBeLessThan(0.05 * r);
        expect(fit!.points).toBeGreaterThanOrEqual(10);
      }
    }
  });

  it('measures an iris half hidden by the glare of glasses within 3 %, or gives up; never a wrong size', () => {
    const [size, cx, cy, r] = [160, 80.3, 79.6, 30];
    for (const [from, to, seed] of [
      [0.2, 1.6, 5],
      [-0.3, 1.6, 6],
      [-1.6, -0.5, 7],
      [-1.6, -0.7, 8],
      [0.5, 1.6, 9],
      [0.8, 1.6, 10],
    ] as const) {
      const img = drawEye(size, cx, cy, r, 0.75, seed);
      const rgba = img.rgba as Uint8ClampedArray;
      // A bright sheet of reflected light across the eye, between `from` and `to` radii of the centre.
      for (let y = 0; y < size; y++) {
        for (let x = Math.max(0, Math.round(cx + from * r)); x < Math.min(size, Math.round(cx + to * r)); x++) {
          const i = (y * size + x) * 4;
          for (let c = 0; c < 3; c++) rgba[i + c] = Math.min(255, rgba[i + c]! * 0.3 + 0.7 * 250);
        }
      }
      const fit = fitIris(img, cx + 2, cy - 1, 0.9 * r);
      if (fit) expect(Math.abs(fit.radiusPx / r - 1), `glare ${from}–${to}`).toBeLessThan(0.03);
    }
  });

  it('finds nothing on a closed eye (skin only) and on a guess too small to search', () => {
    const closed = drawEye(120, 60, 60, 30, 0, 4);
    expect(fitIris(closed, 60, 60, 30)).toBeNull();
    expect(fitIris(closed, 60, 60, 0.5)).toBeNull();
  });

  it("finds no iris on the generated face with its eyes shut, from guesses where the model would put one", () => {
    const pxPerCm = 40;
    const scene = renderFaceScene({ widthPx: 700, heightPx: 900, pxPerCm, seed: 11, eyesClosed: true });
    const img = { rgba: scene.image.rgba, widthPx: scene.image.widthPx, heightPx: scene.image.heightPx };
    const truth = FACE_IRIS_RADIUS_CM * pxPerCm;
    for (const side of [-1, 1]) {
      for (const [ox, oy, k] of [
        [0, 0, 1],
        [0.3, 0.1, 0.8],
        [-0.4, 0, 1.2],
        [0, 0.3, 0.6],
      ] as const) {
        const cx = scene.layout.glabella.x + side * FACE_PUPIL_X_CM * pxPerCm + ox * truth;
        const cy = scene.layout.glabella.y - FACE_PUPIL_Y_CM * pxPerCm + oy * truth;
        expect(fitIris(img, cx, cy, k * truth), `side ${side}, guess ${ox}, ${oy}, ${k}`).toBeNull();
      }
    }
  });

  it("measures the generated face's irises at their true 11.7 mm within 3 %", () => {
    const pxPerCm = 40;
    const scene = renderFaceScene({ widthPx: 700, heightPx: 900, pxPerCm, seed: 11 });
    const { glabella } = scene.layout;
    const truth = FACE_IRIS_RADIUS_CM * pxPerCm;
    for (const side of [-1, 1]) {
      const cx = glabella.x + side * FACE_PUPIL_X_CM * pxPerCm;
      const cy = glabella.y - FACE_PUPIL_Y_CM * pxPerCm;
      const img = { rgba: scene.image.rgba, widthPx: scene.image.widthPx, heightPx: scene.image.heightPx };
      // From the true centre, and from one half a radius off as a face model may put it.
      for (const [ox, oy] of [
        [0, 0],
        [0.5 * side * truth, -0.1 * truth],
      ] as const) {
        const fit = fitIris(img, cx + ox, cy + oy, 0.9 * truth);
        expect(fit, `side ${side}, off ${ox}`).not.toBeNull();
        expect(Math.abs(fit!.radiusPx / truth - 1)).toBeLessThan(0.03);
        expect(Math.hypot(fit!.x - cx, fit!.y - cy)).toBeLessThan(0.1 * truth);
      }
    }
  });
});
