import { describe, expect, it } from 'vitest';
import { areaCm2, makeArea } from '../../../src/core/areas.ts';
import { newDesign, NO_LANDMARKS } from '../../../src/core/document/defaults.ts';
import type { Design, TreatmentArea } from '../../../src/core/document/types.ts';
import { asymmetry, frontFrame, guides, hairlineMeasures, midline, mirrorPoint, photoView, sideOf, toFrame, toImage } from '../../../src/core/landmarks.ts';
import { imagePoint } from '../../../src/core/math/types.ts';
import { deleteMirrored, insertMirrored, isOnAxis, moveMirrored, partnerIndex, symmetrize, toggleMirroredEdge } from '../../../src/core/symmetry.ts';
import { HAIRLINE_STYLES, hairlineTemplate, patternTemplate, type PatternTemplate } from '../../../src/core/templates.ts';

const PX_PER_CM = 100;

/** A 30 × 20 cm front photo with the glabella low in the middle and the eyes tilted by about 4°. */
function front(): Design {
  const base = newDesign({ kind: 'file', name: 'front.jpg', widthPx: 3000, heightPx: 2000 }, 3, PX_PER_CM);
  return {
    ...base,
    landmarks: { ...NO_LANDMARKS, glabella: imagePoint(1500, 1700), leftEye: imagePoint(1040, 1770), rightEye: imagePoint(1960, 1706) },
  };
}

function top(): Design {
  const base = newDesign({ kind: 'file', name: 'top.jpg', widthPx: 3000, heightPx: 3000 }, 3, PX_PER_CM);
  return { ...base, landmarks: { ...NO_LANDMARKS, midFrontal: imagePoint(1500, 2600), vertex: imagePoint(1500, 1300) } };
}

function expectMirrorInvariant(area: TreatmentArea, d: Design): void {
  const line = midline(d);
  const n = area.points.length;
  for (let i = 0; i < n; i++) {
    const m = mirrorPoint(area.points[i]!, line);
    const partner = area.points[partnerIndex(i, n)]!;
    expect(Math.hypot(m.x - partner.x, m.y - partner.y)).toBeLessThan(1e-6);
    if (isOnAxis(i, n)) expect(Math.abs(sideOf(area.points[i]!, line))).toBeLessThan(1e-6);
    expect(area.hairlineEdges[i]).toBe(area.hairlineEdges[n - 1 - i]);
  }
}

describe('landmarks, frames and guides', () => {
  it('frames the face on the eye line and draws the height guides at 7, 8 and 10 cm', () => {
    const d = front();
    const f = frontFrame(d)!;
    const p = toImage(f, 2, 3);
    const back = toFrame(f, p);
    expect(back.x).toBeCloseTo(2, 9);
    expect(back.y).toBeCloseTo(3, 9);
    const heights = guides(d).filter((g) => g.id.startsWith('height-'));
    expect(heights.map((g) => g.id)).toEqual(['height-7', 'height-8', 'height-10']);
    for (const [g, h] of heights.map((g, i) => [g, [7, 8, 10][i]!] as const)) {
      expect(toFrame(f, g.a).y).toBeCloseTo(h, 9);
      expect(toFrame(f, g.b).y).toBeCloseTo(h, 9);
    }
    // The eye-corner lines pass through the marked corners, square to the eye line.
    const left = guides(d).find((g) => g.id === 'eye-left')!;
    expect(toFrame(f, left.a).x).toBeCloseTo(toFrame(f, d.landmarks.leftEye!).x, 9);
    expect(toFrame(f, left.b).x).toBeCloseTo(toFrame(f, d.landmarks.leftEye!).x, 9);
    expect(guides({ ...d, landmarks: NO_LANDMARKS })).toEqual([]);
  });

  it('measures areas as the analytic area within 0.5 %', () => {
    const square = [];
    for (let k = 0; k < 40; k++) square.push(imagePoint(100 + k * 10, 100));
    for (let k = 0; k < 40; k++) square.push(imagePoint(500, 100 + k * 10));
    for (let k = 0; k < 40; k++) square.push(imagePoint(500 - k * 10, 500));
    for (let k = 0; k < 40; k++) square.push(imagePoint(100, 500 - k * 10));
    expect(Math.abs(areaCm2(square, PX_PER_CM) / 16 - 1)).toBeLessThan(0.005);
    const circle = Array.from({ length: 32 }, (_, i) => imagePoint(800 + 250 * Math.cos((i * Math.PI) / 16), 800 + 250 * Math.sin((i * Math.PI) / 16)));
    expect(Math.abs(areaCm2(circle, PX_PER_CM) / (Math.PI * 2.5 * 2.5) - 1)).toBeLessThan(0.005);
  });
});

describe('the view a photo shows, from its landmarks', () => {
  const base = newDesign({ kind: 'file', name: 'p', widthPx: 1000, heightPx: 800 }, 1, 40);
  const at = (marks: Partial<Design['landmarks']>): string => photoView({ ...base, landmarks: { ...NO_LANDMARKS, ...marks } });
  it('is front with the glabella or an eye corner, top with the mid-frontal point or vertex, unknown with none or both', () => {
    expect(at({})).toBe('unknown');
    expect(at({ glabella: imagePoint(500, 600) })).toBe('front');
    expect(at({ leftEye: imagePoint(400, 650) })).toBe('front');
    expect(at({ midFrontal: imagePoint(500, 700) })).toBe('top');
    expect(at({ vertex: imagePoint(500, 200) })).toBe('top');
    expect(at({ glabella: imagePoint(500, 600), vertex: imagePoint(500, 200) })).toBe('unknown');
  });
});

describe('hairline templates', () => {
  for (const { id } of HAIRLINE_STYLES) {
    it(`places the ${id} hairline with its mid-frontal point at the requested height within 1 mm`, () => {
      const d = front();
      for (const height of [7, 8.5, 10]) {
        const t = hairlineTemplate(d, id, 'a', height);
        if (typeof t === 'string') throw new Error(t);
        const placed = { ...d, areas: t.areas };
        const m = hairlineMeasures(placed);
        expect(Math.abs(m.heightCm! - height)).toBeLessThan(0.1);
        // Wider than the eye corners, narrower than the head.
        expect(m.widthCm!).toBeGreaterThan(9);
        expect(m.widthCm!).toBeLessThan(14);
        // Symmetric about the midline to within a millimetre as placed.
        expect(asymmetry(placed, t.areas[0]!).maxMm).toBeLessThan(1);
      }
    });
  }

  it('states no height above the glabella once a top landmark is marked too (the view is then unknown)', () => {
    const d = front();
    const t = hairlineTemplate(d, 'natural', 'a', 8);
    if (typeof t === 'string') throw new Error(t);
    const mixed = { ...d, areas: t.areas, landmarks: { ...d.landmarks, vertex: imagePoint(500, 100) } };
    expect(hairlineMeasures({ ...d, areas: t.areas }).heightCm).not.toBeNull();
    expect(hairlineMeasures(mixed).heightCm).toBeNull();
    expect(hairlineMeasures(mixed).widthCm).toBeGreaterThan(9);
  });

  it('puts the natural frontotemporal corners on the lines through the outer eye corners', () => {
    const d = front();
    const t = hairlineTemplate(d, 'natural', 'a');
    if (typeof t === 'string') throw new Error(t);
    const f = frontFrame(d)!;
    const xs = t.areas[0]!.points.map((p) => toFrame(f, p).x);
    // The template is symmetric about the midline through the glabella, so each corner sits on the
    // mean of the two eye-corner lines; here the eyes are within 0.3 mm of symmetric.
    for (const eye of [d.landmarks.leftEye!, d.landmarks.rightEye!]) {
      const eyeX = toFrame(f, eye).x;
      expect(Math.min(...xs.map((x) => Math.abs(x - eyeX)))).toBeLessThan(0.05);
    }
  });

  it('asks for the landmark it needs', () => {
    const d = { ...front(), landmarks: NO_LANDMARKS };
    expect(hairlineTemplate(d, 'natural', 'a')).toBe('needs-glabella');
    let k = 0;
    expect(patternTemplate(d, 'norwood-3', () => `t${k++}`)).toBe('needs-mid-frontal');
  });

  it('places every Norwood and Ludwig pattern on a top photo, growing with the stage', () => {
    const d = top();
    let k = 0;
    const total = (id: PatternTemplate): number => {
      const t = patternTemplate(d, id, () => `t${k++}`);
      if (typeof t === 'string') throw new Error(t);
      return t.areas.reduce((s, a) => s + areaCm2(a.points, PX_PER_CM), 0);
    };
    const norwood = ['norwood-2', 'norwood-3', 'norwood-4', 'norwood-5', 'norwood-6', 'norwood-7'] as const;
    const areas = norwood.map(total);
    for (let i = 1; i < areas.length; i++) expect(areas[i]!).toBeGreaterThan(areas[i - 1]!);
    expect(areas[0]!).toBeGreaterThan(10);
    expect(areas[areas.length - 1]!).toBeLessThan(300);
    const ludwig = (['ludwig-1', 'ludwig-2', 'ludwig-3'] as const).map(total);
    expect(ludwig[0]!).toBeLessThan(ludwig[1]!);
    expect(ludwig[1]!).toBeLessThan(ludwig[2]!);
    // Ludwig areas are thinning areas at reduced density; Norwood III vertex adds a crown.
    const l = patternTemplate(d, 'ludwig-2', () => 'l');
    const v = patternTemplate(d, 'norwood-3v', () => `v${k++}`);
    if (typeof l === 'string' || typeof v === 'string') throw new Error('template');
    expect(l.areas[0]!.kind).toBe('thinning');
    expect(l.areas[0]!.densityFactor).toBeLessThan(1);
    expect(v.areas.map((a) => a.kind)).toEqual(['hairline', 'crown']);
    // The restored hairline passes through the mid-frontal point.
    const front = v.areas[0]!.points[3]!;
    expect(Math.hypot(front.x - 1500, front.y - 2600)).toBeLessThan(1e-6);
  });
});

describe('mirror editing', () => {
  /** A lopsided outline around the midline x = 1500 of the front photo. */
  function lopsided(): TreatmentArea {
    const pts = [imagePoint(1100, 1000), imagePoint(1480, 820), imagePoint(1900, 950), imagePoint(1950, 1300), imagePoint(1500, 1450), imagePoint(1000, 1250)];
    return { ...makeArea('a', pts), hairlineEdges: [false, false, false, true, true, false] };
  }

  it('makes an outline symmetric from its larger side, with hairline flags mirrored', () => {
    const d = front();
    const before = lopsided();
    expect(asymmetry(d, before).maxMm).toBeGreaterThan(5);
    const sym = symmetrize(before, midline(d));
    if (typeof sym === 'string') throw new Error(sym);
    expect(sym.mirrored).toBe(true);
    expectMirrorInvariant(sym, d);
    const a = asymmetry(d, sym);
    expect(a.maxMm).toBeLessThan(0.5);
    expect(Math.abs(a.leftCm2 - a.rightCm2) / a.leftCm2).toBeLessThan(0.005);
    expect(sym.hairlineEdges.some(Boolean)).toBe(true);
  });

  it('moves, inserts and deletes on one side and the other side follows', () => {
    const d = front();
    const line = midline(d);
    const sym = symmetrize(lopsided(), line) as TreatmentArea;
    const n = sym.points.length;
    const moved = moveMirrored(sym, 1, imagePoint(sym.points[1]!.x + 40, sym.points[1]!.y - 25), line);
    expectMirrorInvariant(moved, d);
    expect(moved.points[partnerIndex(1, n)]).not.toEqual(sym.points[partnerIndex(1, n)]);
    // An axis point dragged sideways stays on the axis.
    const axis = moveMirrored(sym, 0, imagePoint(sym.points[0]!.x + 80, sym.points[0]!.y), line);
    expectMirrorInvariant(axis, d);
    const { area: inserted, index } = insertMirrored(sym, n - 2, imagePoint(1300, 1400), line);
    expect(inserted.points.length).toBe(n + 2);
    expect(inserted.points[index]).toEqual(imagePoint(1300, 1400));
    expectMirrorInvariant(inserted, d);
    const deleted = deleteMirrored(inserted, index, line)!;
    expect(deleted.points.length).toBe(n);
    expectMirrorInvariant(deleted, d);
    expect(deleteMirrored(sym, 0, line)).toBeNull();
    const toggled = toggleMirroredEdge(sym, 1);
    expect(toggled.hairlineEdges[1]).toBe(!sym.hairlineEdges[1]);
    expectMirrorInvariant(toggled, d);
  });

  it('keeps a control point that lies on the midline once, as the axis point', () => {
    const d = front();
    const t = hairlineTemplate(d, 'natural', 'a');
    if (typeof t === 'string') throw new Error(t);
    const sym = symmetrize(t.areas[0]!, midline(d));
    if (typeof sym === 'string') throw new Error(sym);
    const pts = sym.points;
    for (let i = 0; i < pts.length; i++) {
      const q = pts[(i + 1) % pts.length]!;
      expect(Math.hypot(pts[i]!.x - q.x, pts[i]!.y - q.y)).toBeGreaterThan(1);
    }
    expectMirrorInvariant(sym, d);
    // The mid-frontal control point is still where the template put it.
    expect(Math.abs(hairlineMeasures({ ...d, areas: [sym] }).heightCm! - 8)).toBeLessThan(0.1);
  });

  it('refuses an outline that does not cross the midline', () => {
    const d = front();
    const side = makeArea('s', [imagePoint(100, 100), imagePoint(400, 100), imagePoint(300, 400)]);
    expect(symmetrize(side, midline(d))).toBe('does-not-cross-midline');
  });
});
