/** Accepting a face reading in the store: what it sets, in how many undo steps, and what it keeps. */
import { describe, expect, it } from 'vitest';
import { newDesign } from '../../src/core/document/defaults.ts';
import type { FaceReading } from '../../src/core/face/faceReading.ts';
import { hairlineMeasures } from '../../src/core/landmarks.ts';
import { imagePoint } from '../../src/core/math/types.ts';
import { redo, setScaleFromPoints, undo } from '../../src/state/actions.ts';
import { acceptFaceReading, drawProposedHairline } from '../../src/state/faceActions.ts';
import { createAppStore } from '../../src/state/store.ts';

/** A front photo 1200 × 1500 px (assumed 50 px/cm) and a reading of it at 42 px/cm. */
function setUp(): { store: ReturnType<typeof createAppStore>; reading: FaceReading } {
  const store = createAppStore(newDesign({ kind: 'file', name: 'front.jpg', widthPx: 1200, heightPx: 1500 }, 5));
  const k = 42;
  const g = imagePoint(600, 1000);
  const reading: FaceReading = {
    scale: { pxPerCm: k, source: 'iris', uncertainty: 0.036, irises: 2 },
    landmarks: {
      glabella: g,
      leftEye: imagePoint(g.x - 4.5 * k, g.y + 0.8 * k),
      rightEye: imagePoint(g.x + 4.5 * k, g.y + 0.8 * k),
      leftBrowPeak: imagePoint(g.x - 2.8 * k, g.y - 1.0 * k),
      rightBrowPeak: imagePoint(g.x + 2.8 * k, g.y - 1.0 * k),
    },
    rollDeg: 0,
    proposal: { heightCm: 8.1, middleThirdCm: 8.1, clamped: null },
    warnings: [],
  };
  return { store, reading };
}

describe('acceptFaceReading', () => {
  it('sets the scale with its source and the five front landmarks in one undo step', () => {
    const { store, reading } = setUp();
    expect(store.getState().design.scale).toEqual({ pxPerCm: 50, source: 'assumed', uncertainty: 0 });
    acceptFaceReading(store, reading);
    const d = store.getState().design;
    expect(d.scale).toEqual({ pxPerCm: 42, source: 'iris', uncertainty: 0.036 });
    expect(d.landmarks).toMatchObject({ glabella: reading.landmarks.glabella, leftEye: reading.landmarks.leftEye, rightEye: reading.landmarks.rightEye, leftBrow: reading.landmarks.leftBrowPeak, rightBrow: reading.landmarks.rightBrowPeak });
    expect(store.getState().history.past).toHaveLength(1);
    expect(store.getState().notices.at(-1)?.text).toMatch(/^Set the scale \(42\.0 px\/cm\), the glabella, the eye corners and the brow peaks from the face\./);
    // The view had no side named: a face read makes it the front, in the same step.
    expect(store.getState().document.views[0]!.name).toBe('front');
    undo(store);
    expect(store.getState().design.scale.source).toBe('assumed');
    expect(store.getState().design.landmarks.leftBrow).toBeNull();
    expect(store.getState().document.views[0]!.name).toBe('other');
    redo(store);
    expect(store.getState().design.scale.pxPerCm).toBe(42);
  });

  it("keeps a ruler's scale, and refuses a scale that cannot be right, setting the landmarks all the same", () => {
    const { store, reading } = setUp();
    expect(setScaleFromPoints(store, imagePoint(100, 100), imagePoint(100, 550), 10)).toBeNull();
    acceptFaceReading(store, reading);
    expect(store.getState().design.scale).toEqual({ pxPerCm: 45, source: 'ruler', uncertainty: 0 });
    expect(store.getState().design.landmarks.glabella).toEqual(reading.landmarks.glabella);
    expect(store.getState().notices.at(-1)?.text).toContain('The scale you set with the ruler is kept.');
    const other = setUp();
    acceptFaceReading(other.store, { ...other.reading, scale: { pxPerCm: 0.5, source: 'iris', uncertainty: 0.04, irises: 2 } });
    expect(other.store.getState().design.scale.source).toBe('assumed');
    expect(other.store.getState().notices.at(-1)?.text).toContain('The eyes give 0.5 px/cm, which cannot be right for this photo: the scale is unchanged.');
  });
});

describe('drawProposedHairline', () => {
  it('places the hairline at the proposed height above the read glabella, as its own undo step', () => {
    const { store, reading } = setUp();
    acceptFaceReading(store, reading);
    expect(drawProposedHairline(store, reading, 'natural', 'Natural')).toBe(true);
    const d = store.getState().design;
    expect(d.areas).toHaveLength(1);
    expect(hairlineMeasures(d).heightCm).toBeCloseTo(8.1, 1);
    expect(store.getState().history.past).toHaveLength(2);
    expect(store.getState().notices.at(-1)?.text).toMatch(/^Hairline 8\.1 cm above the glabella \(one third of the face's height: 8\.1 cm\)\./);
  });

  it('says why there is nothing to draw without a proposal', () => {
    const { store, reading } = setUp();
    expect(drawProposedHairline(store, { ...reading, proposal: null }, 'natural', 'Natural')).toBe(false);
    expect(store.getState().design.areas).toHaveLength(0);
    expect(store.getState().notices.at(-1)?.text).toMatch(/^There is no proposed height without a scale/);
  });
});
