/** Reading a face from a mesh placed at a known scale, roll and turn. */
import { describe, expect, it } from 'vitest';
import { chooseFace, describeFaceScale, facePlace, describeProposal, readFace, type FaceObservation, type IrisObservation } from '../../../src/core/face/faceReading.ts';

interface Pose {
  /** px per cm. */
  readonly k: number;
  /** Roll, degrees clockwise on screen. */
  readonly rollDeg?: number;
  readonly yawDeg?: number;
  /** Glabella to subnasale, cm. */
  readonly thirdCm?: number;
  /** Iris diameters, mm (image-left, image-right); null for a failed fit. */
  readonly irisMm?: readonly [number | null, number | null];
  /** Swap the model's left and right (a mirrored selfie). */
  readonly mirrored?: boolean;
}

const G = { x: 500, y: 420 };

/** A 468-point mesh with the points the reading uses placed in a face frame (cm from the glabella, x to the image right, y up). */
function observe(p: Pose): FaceObservation {
  const a = ((p.rollDeg ?? 0) * Math.PI) / 180;
  const at = (xCm: number, yCm: number): [number, number] => [G.x + (Math.cos(a) * xCm + Math.sin(a) * yCm) * p.k, G.y + (Math.sin(a) * xCm - Math.cos(a) * yCm) * p.k];
  const mesh: [number, number][] = Array.from({ length: 468 }, () => at(0, 0));
  const side = p.mirrored ? -1 : 1;
  mesh[9] = at(0, 0.3);
  mesh[8] = at(0, -0.3);
  mesh[130] = at(-4.5 * side, -0.8);
  mesh[359] = at(4.5 * side, -0.8);
  mesh[2] = at(0, -(p.thirdCm ?? 8));
  const brow = (s: number, i: number): [number, number] => at(s * (1.2 + i * 0.8), 0.4 + (i === 2 ? 0.6 : 0.3 * Math.min(i, 4 - i)));
  [70, 63, 105, 66, 107].forEach((m, i) => (mesh[m] = brow(-side, 4 - i)));
  [300, 293, 334, 296, 336].forEach((m, i) => (mesh[m] = brow(side, 4 - i)));
  const iris = (s: number, mm: number | null): IrisObservation => {
    const [x, y] = at(s * 3.1, -0.74);
    return { x, y, radiusPx: 0.55 * p.k, fit: mm === null ? null : { x, y, radiusPx: (mm / 20) * p.k, points: 40, rmsPx: 0.3, contrast: 0.2, sides: 0.05 } };
  };
  const [l, r] = p.irisMm ?? [11.7, 11.7];
  return { score: 0.98, box: { x: 0, y: 0, w: 1000, h: 1000 }, mesh, irises: [iris(-1, l), iris(1, r)], yawDeg: p.yawDeg ?? 0 };
}

describe('readFace', () => {
  it('reads the scale from both irises at their true size, ±4 %, and in proportion at half and one and a half times the size', () => {
    const reading = readFace(observe({ k: 40 }));
    expect(reading.scale?.source).toBe('iris');
    expect(reading.scale?.irises).toBe(2);
    expect(reading.scale!.pxPerCm).toBeCloseTo(40, 6);
    expect(reading.scale!.uncertainty).toBeGreaterThan(0.035);
    expect(reading.scale!.uncertainty).toBeLessThan(0.045);
    expect(describeFaceScale(reading.scale!)).toBe('40.0 px/cm from both irises (±4 %)');
    for (const f of [0.5, 1.5]) expect(readFace(observe({ k: 40 * f })).scale!.pxPerCm / reading.scale!.pxPerCm).toBeCloseTo(f, 9);
    expect(reading.warnings).toEqual([]);
  });

  it('puts the eye corners by image side, the glabella, the brow peaks, and the roll', () => {
    for (const mirrored of [false, true]) {
      const r = readFace(observe({ k: 40, rollDeg: 10, mirrored }));
      expect(r.rollDeg).toBeCloseTo(10, 9);
      expect(r.landmarks.glabella).toEqual({ x: G.x, y: G.y });
      expect(r.landmarks.leftEye.x).toBeLessThan(G.x - 150);
      expect(r.landmarks.rightEye.x).toBeGreaterThan(G.x + 150);
      // Each peak is the brow point 1.0 cm above the glabella's level, 2.8 cm out along the eye line.
      const a = (10 * Math.PI) / 180;
      for (const [peak, s] of [
        [r.landmarks.leftBrowPeak, -1],
        [r.landmarks.rightBrowPeak, 1],
      ] as const) {
        expect(peak.x).toBeCloseTo(G.x + (Math.cos(a) * s * 2.8 + Math.sin(a) * 1.0) * 40, 6);
        expect(peak.y).toBeCloseTo(G.y + (Math.sin(a) * s * 2.8 - Math.cos(a) * 1.0) * 40, 6);
      }
    }
  });

  it('proposes the hairline one third of the face above the glabella, held within 7–10 cm, and says so', () => {
    const r = readFace(observe({ k: 40, thirdCm: 8.1, rollDeg: -6 }));
    expect(r.proposal).toEqual({ heightCm: expect.closeTo(8.1, 9), middleThirdCm: expect.closeTo(8.1, 9), clamped: null });
    expect(describeProposal(r.proposal!)).toBe("Hairline 8.1 cm above the glabella (one third of the face's height: 8.1 cm).");
    const low = readFace(observe({ k: 40, thirdCm: 6.2 })).proposal!;
    expect(low).toMatchObject({ heightCm: 7, clamped: 'low' });
    expect(describeProposal(low)).toContain('one third of the face\'s height is 6.2 cm, below the usual 7–10 cm');
    expect(readFace(observe({ k: 40, thirdCm: 11 })).proposal).toMatchObject({ heightCm: 10, clamped: 'high' });
  });

  it('uses the wider, more frontal iris when the head is turned, and reads no scale when it is turned too far', () => {
    const turned = readFace(observe({ k: 40, yawDeg: 20, irisMm: [11.7, 11.7 * Math.cos((20 * Math.PI) / 180)] }));
    expect(turned.scale?.irises).toBe(1);
    expect(turned.scale!.pxPerCm).toBeCloseTo(40, 6);
    expect(turned.warnings.join(' ')).toContain('turned 20°');
    const away = readFace(observe({ k: 40, yawDeg: -35 }));
    expect(away.scale).toBeNull();
    expect(away.proposal).toBeNull();
    expect(away.warnings[0]).toMatch(/^The head is turned 35° from the camera/);
  });

  it('keeps the clearer iris when the two fits disagree, and says so', () => {
    const r = readFace(observe({ k: 40, irisMm: [11.7, 8.2] }));
    expect(r.scale?.irises).toBe(1);
    expect(r.scale!.pxPerCm).toBeCloseTo(40, 6);
    expect(r.warnings).toEqual(['The two irises did not measure alike: the clearer one was used.']);
    // Within 8 % they are averaged.
    expect(readFace(observe({ k: 40, irisMm: [11.7, 11.7 * 1.06] })).scale!.pxPerCm).toBeCloseTo(40 * 1.03, 6);
  });

  it("doubts a scale that puts the outer eye corners implausibly far apart or close, as irises seen through glasses would", () => {
    // The corners are 9 cm apart in this mesh; irises that look 25 % smaller (a short-sighted
    // person's glasses) read a scale that spreads them to 12 cm.
    const minified = readFace(observe({ k: 40, irisMm: [11.7 * 0.75, 11.7 * 0.75] }));
    expect(minified.scale!.pxPerCm).toBeCloseTo(30, 6);
    expect(minified.warnings).toEqual(["At this scale the outer corners of the eyes are 12.0 cm apart, where adults' are about 8–10 cm: glasses (which make the eyes look larger or smaller) or a wrong fit may have misled the reading. Check the scale with a ruler."]);
    expect(readFace(observe({ k: 40, irisMm: [11.7 * 1.3, 11.7 * 1.3] })).warnings[0]).toMatch(/^At this scale the outer corners of the eyes are 6\.9 cm apart/);
    // Irises 10 % small put the corners 10.0 cm apart: within the band, no doubt raised.
    expect(readFace(observe({ k: 40, irisMm: [11.7 * 0.9, 11.7 * 0.9] })).warnings).toEqual([]);
  });

  it('falls back to the pupils (±6 %) when no iris edge was found, and to nothing when the pupils are missing too', () => {
    const pupils = readFace(observe({ k: 40, irisMm: [null, null] }));
    expect(pupils.scale?.source).toBe('pupils');
    // The pupils are 6.2 cm apart in this mesh: 248 px over the 6.3 cm adult mean.
    expect(pupils.scale!.pxPerCm).toBeCloseTo(248 / 6.3, 6);
    expect(describeFaceScale(pupils.scale!)).toBe('39.4 px/cm from the distance between the pupils (±6 %)');
    expect(pupils.warnings[0]).toContain('irises could not be seen');
    const blind = readFace({ ...observe({ k: 40 }), irises: [null, null] });
    expect(blind.scale).toBeNull();
    expect(blind.warnings[0]).toContain('set the scale with a ruler');
  });
});

describe('chooseFace', () => {
  it('says there is no face, reads the largest of several, and refuses one too small to measure', () => {
    expect(chooseFace([])).toEqual({ problem: expect.stringMatching(/^No face was found in this photo\. A top, side or back view/) });
    const big = { ...observe({ k: 40 }), box: { x: 0, y: 0, w: 600, h: 700 } };
    const small = { ...observe({ k: 20 }), box: { x: 700, y: 0, w: 200, h: 240 } };
    const chosen = chooseFace([small, big]);
    expect('face' in chosen && chosen.face).toBe(big);
    expect('note' in chosen && chosen.note).toBe("2 faces were found: choose which one is the client's.");
    const second = chooseFace([small, big], 1);
    expect('face' in second && second.face).toBe(small);
    expect(facePlace(big, 1000)).toBe('on the left');
    expect(facePlace(small, 1000)).toBe('on the right');
    // Eye corners 9 cm apart at 12 px/cm: 108 px.
    expect(chooseFace([observe({ k: 12 })])).toEqual({ problem: expect.stringContaining('too small in this photo to read (its eyes span 108 px') });
  });
});
