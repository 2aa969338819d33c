import { describe, expect, it } from 'vitest';
import { smoothOutline } from '../../../src/core/areas.ts';
import { fitPxPerCm, scalpLayout, toHeadUnit, type ScalpLayout } from '../../../src/core/demo/scalpLayout.ts';
import { newDesign, NO_LANDMARKS } from '../../../src/core/document/defaults.ts';
import type { Design, Landmarks, TreatmentArea } from '../../../src/core/document/types.ts';
import { guides, headBreadth, midline, mirrorPoint, topFrame, toFrame } from '../../../src/core/landmarks.ts';
import { fillPolygon } from '../../../src/core/math/raster.ts';
import { imagePoint, type ImagePoint } from '../../../src/core/math/types.ts';
import { DEFAULT_VERTEX_DISTANCE_CM, patternTemplate, PATTERN_TEMPLATES, type PatternResult, type PatternTemplate } from '../../../src/core/templates.ts';

const W = 2000;
const H = 1500;
const PX_PER_CM = fitPxPerCm(W, H);
/** Masks are compared at a quarter of the photo's resolution. */
const CELL = 4;
const NORWOOD: readonly PatternTemplate[] = ['norwood-2', 'norwood-3', 'norwood-3v', 'norwood-4', 'norwood-5', 'norwood-6', 'norwood-7'];

/** The generated top photo's design with its four top landmarks, at `scaleError` times the true scale. */
function fixtureDesign(seed: number, landmarks: Partial<Landmarks> | 'all', scaleError = 1): { design: Design; layout: ScalpLayout } {
  const layout = scalpLayout({ widthPx: W, heightPx: H, pxPerCm: PX_PER_CM, seed });
  const base = newDesign({ kind: 'demo', name: 'top', widthPx: W, heightPx: H }, seed, PX_PER_CM * scaleError);
  const all = { midFrontal: layout.hairlineApex, vertex: layout.vertex, leftSide: layout.leftSide, rightSide: layout.rightSide };
  return { design: { ...base, landmarks: { ...NO_LANDMARKS, ...(landmarks === 'all' ? all : landmarks) } }, layout };
}

function place(design: Design, pattern: PatternTemplate): PatternResult {
  let k = 0;
  const r = patternTemplate(design, pattern, () => `t${k++}`);
  if (typeof r === 'string') throw new Error(r);
  return r;
}

function mask(outlines: readonly (readonly ImagePoint[])[]): Uint8Array {
  const m = new Uint8Array((W / CELL) * (H / CELL));
  for (const o of outlines) fillPolygon(m, W / CELL, H / CELL, smoothOutline(o).points.map((p) => ({ x: p.x / CELL, y: p.y / CELL })));
  return m;
}

/** Intersection over union of two masks. */
function iou(a: Uint8Array, b: Uint8Array): number {
  let inter = 0;
  let union = 0;
  for (let i = 0; i < a.length; i++) {
    if (a[i] && b[i]) inter++;
    if (a[i] || b[i]) union++;
  }
  return inter / union;
}

/** Share of mask `inner` that `outer` covers. */
function covered(inner: Uint8Array, outer: Uint8Array): number {
  let n = 0;
  let inside = 0;
  for (let i = 0; i < inner.length; i++) {
    if (!inner[i]) continue;
    n++;
    if (outer[i]) inside++;
  }
  return inside / n;
}

const areasMask = (r: PatternResult): Uint8Array => mask(r.areas.map((a) => a.points));

describe('patterns fitted to the head on a top photo', () => {
  // The generated scalp is a Norwood VI head: its bald top, the truth, is the fixture's treatment outline.
  it.each([20261124, 7, 99])('on the Norwood VI scalp (seed %i), Norwood VI fits the bald top best of all the stages', (seed) => {
    const { design, layout } = fixtureDesign(seed, 'all');
    const truth = mask([layout.treatmentOutline]);
    const fits = NORWOOD.map((p) => iou(areasMask(place(design, p)), truth));
    expect(fits[5]!).toBeGreaterThan(0.88);
    expect(Math.max(...fits)).toBe(fits[5]);
    // The stages before it leave a bridge or the sides bare; VII covers the whole of VI's bald top.
    expect(fits[4]!).toBeLessThan(0.84);
    expect(covered(truth, areasMask(place(design, 'norwood-7')))).toBeGreaterThan(0.97);
  });

  it('keeps its fit when the photo is scaled wrongly, because widths come from the sides of the head', () => {
    for (const error of [0.75, 1.3]) {
      const marked = fixtureDesign(20261124, 'all', error);
      const truth = mask([marked.layout.treatmentOutline]);
      expect(iou(areasMask(place(marked.design, 'norwood-6')), truth)).toBeGreaterThan(0.88);
      // Without the sides the pattern takes an average head in centimetres, and the wrong scale shows.
      const { leftSide: _l, rightSide: _r, ...unmarked } = { ...marked.design.landmarks };
      const assumed = place({ ...marked.design, landmarks: { ...NO_LANDMARKS, ...unmarked } }, 'norwood-6');
      expect(assumed.breadth.marked).toBe(false);
      expect(iou(areasMask(assumed), truth)).toBeLessThan(0.8);
    }
  });

  it('keeps Norwood VII on the head, with a fringe of hair left round the sides and back', () => {
    const { design, layout } = fixtureDesign(20261124, 'all');
    const uv: [number, number] = [0, 0];
    let outer = 0;
    for (const p of smoothOutline(place(design, 'norwood-7').areas[0]!.points).points) {
      toHeadUnit(layout.head, p.x, p.y, uv);
      outer = Math.max(outer, Math.hypot(uv[0], uv[1]));
    }
    // The rim is at 1: the outline stays inside it, a centimetre or more in from the edge.
    expect(outer).toBeLessThan(0.9);
    expect(outer).toBeGreaterThan(0.75);
  });

  it('scales its widths with the marked breadth of the head and its lengths with the vertex', () => {
    const base = newDesign({ kind: 'file', name: 'top.jpg', widthPx: 3000, heightPx: 3000 }, 3, 100);
    const at = (breadthCm: number, vertexCm: number): Design => ({
      ...base,
      landmarks: { ...NO_LANDMARKS, midFrontal: imagePoint(1500, 2600), vertex: imagePoint(1500, 2600 - vertexCm * 100), leftSide: imagePoint(1500 - breadthCm * 50, 1800), rightSide: imagePoint(1500 + breadthCm * 50, 1800) },
    });
    const extent = (d: Design, p: PatternTemplate): { width: number; length: number } => {
      const f = topFrame(d)!;
      const pts = place(d, p).areas.flatMap((a) => a.points.map((q) => toFrame(f, q)));
      return { width: Math.max(...pts.map((q) => q.x)) - Math.min(...pts.map((q) => q.x)), length: Math.max(...pts.map((q) => q.y)) - Math.min(...pts.map((q) => q.y)) };
    };
    for (const p of ['norwood-3', 'norwood-7', 'ludwig-2'] as const) {
      const small = extent(at(13, 8), p);
      const big = extent(at(17, 8), p);
      expect(big.width / small.width).toBeCloseTo(17 / 13, 6);
      expect(big.length).toBeCloseTo(small.length, 6);
      const long = extent(at(13, 10), p);
      expect(long.length / small.length).toBeCloseTo(10 / 8, 6);
      expect(long.width).toBeCloseTo(small.width, 6);
    }
    expect(headBreadth(at(16.2, 8), topFrame(at(16.2, 8))!)).toEqual({ cm: expect.closeTo(16.2, 9), marked: true });
    // One side alone gives the breadth by the midline; none gives the average head and the default length.
    const one = { ...at(16, 8), landmarks: { ...at(16, 8).landmarks, rightSide: null } };
    expect(headBreadth(one, topFrame(one)!).cm).toBeCloseTo(16, 9);
    const bare = { ...base, landmarks: { ...NO_LANDMARKS, midFrontal: imagePoint(1500, 2600) } };
    expect(extent(bare, 'norwood-7').length).toBeCloseTo(extent(at(15, DEFAULT_VERTEX_DISTANCE_CM), 'norwood-7').length, 6);
    expect(extent(bare, 'norwood-7').width).toBeCloseTo(extent(at(15, 8), 'norwood-7').width, 6);
  });

  it('draws each stage as its shape: recessions, a bridge that narrows, one region, and Ludwig behind the hairline', () => {
    const { design } = fixtureDesign(20261124, 'all');
    const f = topFrame(design)!;
    /** The nearest and farthest points of an area on the midline, cm back from the mid-frontal point. */
    const onMidline = (a: TreatmentArea): { front: number; back: number } => {
      const ys: number[] = [];
      const pts = smoothOutline(a.points).points.map((p) => toFrame(f, p));
      for (let i = 0; i < pts.length; i++) {
        const p = pts[i]!;
        const q = pts[(i + 1) % pts.length]!;
        if ((p.x <= 0 && q.x > 0) || (p.x > 0 && q.x <= 0)) ys.push(p.y + ((q.y - p.y) * p.x) / (p.x - q.x));
      }
      return { front: Math.min(...ys), back: Math.max(...ys) };
    };
    const kinds = (p: PatternTemplate): string[] => place(design, p).areas.map((a) => a.kind);
    expect(kinds('norwood-3v')).toEqual(['hairline', 'crown']);
    expect(kinds('norwood-6')).toEqual(['hairline']);
    expect(kinds('ludwig-1')).toEqual(['thinning']);
    // The bridge of hair between the frontal area and the crown: wide at IV, narrow at V, gone at VI.
    const bridge = (p: PatternTemplate): number => {
      const [front, crown] = place(design, p).areas;
      return onMidline(crown!).front - onMidline(front!).back;
    };
    expect(bridge('norwood-4')).toBeGreaterThan(1.2);
    expect(bridge('norwood-5')).toBeGreaterThan(0.3);
    expect(bridge('norwood-5')).toBeLessThan(bridge('norwood-4') / 2);
    // II and III recede at the temples: the area runs deeper there than on the midline.
    for (const p of ['norwood-2', 'norwood-3'] as const) {
      const a = place(design, p).areas[0]!;
      const depth = Math.max(...a.points.map((q) => toFrame(f, q).y));
      expect(depth).toBeGreaterThan(2 * onMidline(a).back);
    }
    // Ludwig keeps the frontal hairline: the thinning starts at least a centimetre behind it.
    for (const p of ['ludwig-1', 'ludwig-2', 'ludwig-3'] as const) expect(onMidline(place(design, p).areas[0]!).front).toBeGreaterThan(1);
    // Every area is its own mirror image about the midline.
    const line = midline(design);
    for (const { id } of PATTERN_TEMPLATES) {
      for (const a of place(design, id).areas) {
        const pts = a.points;
        for (const p of pts) {
          const m = mirrorPoint(p, line);
          expect(Math.min(...pts.map((q) => Math.hypot(q.x - m.x, q.y - m.y)))).toBeLessThan(1e-6);
        }
      }
    }
  });

  it('shows the head breadth between the marked sides as a guide', () => {
    const { design } = fixtureDesign(20261124, 'all');
    const g = guides(design).find((x) => x.id === 'breadth');
    expect(g?.label).toMatch(/^Head breadth 15\.\d cm$/);
    const { leftSide: _l, ...rest } = design.landmarks;
    expect(guides({ ...design, landmarks: { ...NO_LANDMARKS, ...rest } }).some((x) => x.id === 'breadth')).toBe(false);
  });
});
