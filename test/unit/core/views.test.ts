/** A design's views: the design each shows, edits made back, the operations on the list, migration and totals. */
import { describe, expect, it } from 'vitest';
import { areaCm2, makeArea } from '../../../src/core/areas.ts';
import { densityFieldOf, estimateDots } from '../../../src/core/dots/densityField.ts';
import { generateRankedPoints } from '../../../src/core/dots/rankedPoints.ts';
import { newDesign, NO_LANDMARKS } from '../../../src/core/document/defaults.ts';
import { DOCUMENT_VERSION, type Design } from '../../../src/core/document/types.ts';
import { readDesignDocument } from '../../../src/core/document/validate.ts';
import {
  addView,
  deleteView,
  documentOf,
  freshViewSeed,
  guessViewName,
  moveView,
  renameView,
  viewDesign,
  viewOf,
  viewTitle,
  withViewDesign,
} from '../../../src/core/document/views.ts';
import { imagePoint } from '../../../src/core/math/types.ts';
import { describeTotals, designTotals } from '../../../src/core/viewTotals.ts';
import { frontHairlineHeight } from '../../../src/core/crossView.ts';
import { guides, hairlineMeasures } from '../../../src/core/landmarks.ts';
import { viewsSheetTitle } from '../../../src/core/captions.ts';

/** A square area of `sideCm` at `pxPerCm`. */
function square(id: string, sideCm: number, pxPerCm: number, at = 100) {
  const s = sideCm * pxPerCm;
  return makeArea(id, [imagePoint(at, at), imagePoint(at + s, at), imagePoint(at + s, at + s), imagePoint(at, at + s)], 'crown');
}

const FRONT: Design = { ...newDesign({ kind: 'file', name: 'front.jpg', widthPx: 1200, heightPx: 1500 }, 11, 40), areas: [square('f1', 4, 40)], landmarks: { ...NO_LANDMARKS, glabella: imagePoint(600, 1000) } };
const TOP: Design = { ...newDesign({ kind: 'file', name: 'top.jpg', widthPx: 1600, heightPx: 1200 }, 22, 50), areas: [square('t1', 5, 50)] };

describe('a design of several views', () => {
  it('shows each view with the shared plan, and takes an edit back into that view alone', () => {
    const doc = addView(documentOf(FRONT, 'front'), viewOf(TOP, 'view-2', 'top'));
    expect(viewDesign(doc, 0)).toEqual(FRONT);
    expect(viewDesign(doc, 1)).toEqual({ ...TOP, client: FRONT.client, dots: FRONT.dots, sessions: FRONT.sessions, irregularity: FRONT.irregularity, aftercare: FRONT.aftercare, maxDensityPerCm2: FRONT.maxDensityPerCm2 });
    // An area drawn on the top view and Density changed from it: the area stays on the top view, Density is shared.
    const top = viewDesign(doc, 1);
    const edited = withViewDesign(doc, 1, { ...top, areas: [...top.areas, square('t2', 2, 50, 600)], dots: { ...top.dots, densityPerCm2: 70 } });
    expect(edited.views[1]!.areas.map((a) => a.id)).toEqual(['t1', 't2']);
    expect(edited.views[0]).toBe(doc.views[0]);
    expect(viewDesign(edited, 0).dots.densityPerCm2).toBe(70);
    // Nothing changed, nothing new.
    expect(withViewDesign(doc, 1, viewDesign(doc, 1))).toBe(doc);
  });

  it('gives each view its own seed, so adding a view moves no dot in another', () => {
    const one = documentOf(FRONT, 'front');
    const pointsOf = (d: Design) => generateRankedPoints({ seed: d.seed, widthCm: d.photo.widthPx / d.scale.pxPerCm, heightCm: d.photo.heightPx / d.scale.pxPerCm, maxDensityPerCm2: 40 });
    const before = pointsOf(viewDesign(one, 0));
    const seed = freshViewSeed(one);
    expect(seed).not.toBe(FRONT.seed);
    const two = addView(one, viewOf({ ...TOP, seed }, 'view-2', 'top'));
    const after = pointsOf(viewDesign(two, 0));
    expect(after.count).toBe(before.count);
    expect(Array.from(after.xCm)).toEqual(Array.from(before.xCm));
    expect(Array.from(after.yCm)).toEqual(Array.from(before.yCm));
    // A third view's seed differs from both.
    expect([FRONT.seed, seed]).not.toContain(freshViewSeed(two));
  });

  it('renames, reorders and deletes views, keeping at least one', () => {
    let doc = addView(addView(documentOf(FRONT, 'front'), viewOf(TOP, 'view-2', 'top')), viewOf(TOP, 'view-3', 'back'));
    doc = renameView(doc, 2, 'other', '  Crown,\u0007close  ');
    expect(doc.views[2]).toMatchObject({ name: 'other', label: 'Crown, close' });
    expect(viewTitle(doc.views[2]!)).toBe('Crown, close');
    expect(viewTitle(doc.views[1]!)).toBe('Top');
    expect(renameView(doc, 2, 'other', 'Crown, close')).toBe(doc);
    doc = moveView(doc, 2, 0);
    expect(doc.views.map((v) => v.id)).toEqual(['view-3', 'view-1', 'view-2']);
    expect(moveView(doc, 0, 3)).toBe(doc);
    doc = deleteView(deleteView(doc, 0), 0);
    expect(doc.views.map((v) => v.id)).toEqual(['view-2']);
    expect(deleteView(doc, 0)).toBe(doc);
  });

  it('opens a version-2 (one photo) design as one view that looks exactly as before, named by its landmarks', () => {
    const { placementPercent: _p, ...v2dots } = FRONT.dots;
    const v2 = JSON.parse(JSON.stringify({ ...FRONT, version: 2, dots: v2dots }));
    const doc = readDesignDocument(v2);
    expect(doc.version).toBe(DOCUMENT_VERSION);
    expect(doc.views).toHaveLength(1);
    expect(doc.views[0]).toMatchObject({ id: 'view-1', name: 'front', label: '' });
    expect(viewDesign(doc, 0)).toEqual({ ...FRONT, dots: { ...FRONT.dots, placementPercent: 100 } });
    expect(guessViewName({ landmarks: { ...NO_LANDMARKS, vertex: imagePoint(1, 1) } })).toBe('top');
    expect(guessViewName({ landmarks: NO_LANDMARKS })).toBe('other');
  });
});

describe('designTotals', () => {
  it("adds up each view's counted areas and dots, and leaves out an area another view counts", () => {
    const doc = addView(documentOf(FRONT, 'front'), viewOf(TOP, 'view-2', 'top'));
    const t = designTotals(doc);
    expect(t.views.map((v) => v.cm2)).toEqual([areaCm2(FRONT.areas[0]!.points, 40), areaCm2(TOP.areas[0]!.points, 50)]);
    expect(t.cm2).toBeCloseTo(t.views[0]!.cm2 + t.views[1]!.cm2, 9);
    const dots = [estimateDots(viewDesign(doc, 0)).total, estimateDots(viewDesign(doc, 1)).total];
    expect(t.views.map((v) => v.dots)).toEqual(dots);
    expect(t.dots).toBeCloseTo(dots[0]! + dots[1]!, 6);
    // 90 dots/cm² inside, less across the crowns' 6 mm soft edges: 72 on average over these small squares.
    expect(t.dots / t.cm2).toBeGreaterThan(60);
    expect(t.dots / t.cm2).toBeLessThan(90);
    expect(describeTotals(t)).toMatch(/^All 2 views: \d+\.\d cm², about [\d,]+ dots \(where two views show the same skin, it is counted twice: untick Count in totals on one of them\)\.$/);
    // The top view's area is the front's skin seen again: counted there only.
    const top = viewDesign(doc, 1);
    const once = designTotals(withViewDesign(doc, 1, { ...top, areas: [{ ...top.areas[0]!, counted: false }] }));
    expect(once.views[1]).toEqual({ cm2: 0, dots: 0, leftOut: 1 });
    expect(once.cm2).toBeCloseTo(t.views[0]!.cm2, 9);
    expect(describeTotals(once)).toMatch(/\(1 area left out as counted in another view\)\.$/);
  });

  it("keeps every view's density field: the totals build none again on a change of Density, and the view on screen keeps its own", () => {
    const doc = addView(documentOf(FRONT, 'front'), viewOf(TOP, 'view-2', 'top'));
    const front = densityFieldOf(viewDesign(doc, 0));
    const before = designTotals(doc);
    expect(densityFieldOf(viewDesign(doc, 0))).toBe(front);
    const top = densityFieldOf(viewDesign(doc, 1));
    const density = doc.dots.densityPerCm2;
    const denser = withViewDesign(doc, 0, { ...viewDesign(doc, 0), dots: { ...doc.dots, densityPerCm2: density + 20 } });
    const after = designTotals(denser);
    expect(densityFieldOf(viewDesign(denser, 0))).toBe(front);
    expect(densityFieldOf(viewDesign(denser, 1))).toBe(top);
    // The estimates follow the new density from the kept fields (inside the squares, where the ceiling is not reached).
    expect(after.dots / before.dots).toBeGreaterThan(1.1);
    expect(after.dots / before.dots).toBeLessThan((density + 20) / density + 1e-9);
    // An edit of an outline builds that view's field again, and leaves the other's.
    const moved = withViewDesign(denser, 1, { ...viewDesign(denser, 1), areas: [square('t1', 6, 50)] });
    designTotals(moved);
    expect(densityFieldOf(viewDesign(moved, 1))).not.toBe(top);
    expect(densityFieldOf(viewDesign(moved, 0))).toBe(front);
  });
});

describe('the front view guides the top view', () => {
  it("shows the front view's hairline height on the top view, through its mid-frontal point across the midline", () => {
    const k = 40;
    const g = imagePoint(600, 1000);
    // A hairline area on the front view, its hairline edge drawn 8 cm above the glabella (its smooth outline dips below that).
    const hairline = makeArea('h', [imagePoint(400, g.y - 8 * k), imagePoint(800, g.y - 8 * k), imagePoint(800, 100), imagePoint(400, 100)]);
    const front: Design = { ...FRONT, areas: [{ ...hairline, hairlineEdges: [true, false, false, false] }], landmarks: { ...NO_LANDMARKS, glabella: g, leftEye: imagePoint(g.x - 4.5 * k, g.y + 0.8 * k), rightEye: imagePoint(g.x + 4.5 * k, g.y + 0.8 * k) } };
    const m = imagePoint(800, 900);
    const top: Design = { ...TOP, landmarks: { ...NO_LANDMARKS, midFrontal: m, vertex: imagePoint(800, 300) } };
    const doc = addView(documentOf(front, 'front'), viewOf(top, 'view-2', 'top'));
    const height = frontHairlineHeight(doc, 1);
    expect(height).toBeCloseTo(hairlineMeasures(front).heightCm!, 9);
    expect(height).toBeGreaterThan(6);
    expect(height).toBeLessThan(8);
    // Not on the front view itself, and not without a front view.
    expect(frontHairlineHeight(doc, 0)).toBeNull();
    expect(frontHairlineHeight(documentOf(top, 'top'), 0)).toBeNull();
    const guide = guides(viewDesign(doc, 1), height).find((x) => x.id === 'front-hairline')!;
    expect(guide.label).toBe(`Front view's hairline, ${height!.toFixed(1)} cm above the glabella`);
    // Across the midline (vertical here) through M, 4 cm either side.
    expect(guide.a.y).toBeCloseTo(m.y, 6);
    expect(guide.b.y).toBeCloseTo(m.y, 6);
    expect(Math.abs(guide.b.x - guide.a.x)).toBeCloseTo(8 * 50, 6);
    expect((guide.a.x + guide.b.x) / 2).toBeCloseTo(m.x, 6);
    expect(guides(viewDesign(doc, 1)).some((x) => x.id === 'front-hairline')).toBe(false);
  });
});

describe('viewsSheetTitle', () => {
  it('says how many views, which session and the date', () => {
    const day = new Date(2026, 11, 4, 12);
    expect(viewsSheetTitle(2, 0, 3, day)).toBe('SMP design, 2 views before treatment. 4 Dec 2026');
    expect(viewsSheetTitle(3, 2, 3, day)).toBe('SMP design, 3 views after session 2 of 3 (healed). 4 Dec 2026');
  });
});
