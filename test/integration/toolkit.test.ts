import { describe, expect, it } from 'vitest';
import { TestEditor } from '../helpers/testEditor.ts';
import { setTool, setView, undo, redo } from '../../src/state/actions.ts';
import { reseedIrregularity, setAreaProps, setIrregularity, setMirrored } from '../../src/state/outlineActions.ts';
import { applyHairlineTemplate, applyPatternTemplate } from '../../src/state/templateActions.ts';
import { imagePoint } from '../../src/core/math/types.ts';
import { hairlineMeasures, midline, mirrorPoint } from '../../src/core/landmarks.ts';
import { partnerIndex } from '../../src/core/symmetry.ts';
import { smoothOutline } from '../../src/core/areas.ts';

/** Test photo: 1000 × 800 px at 50 px/cm (20 × 16 cm); the view is 1 screen px per image px. */
function withLandmarks(t: TestEditor): void {
  setTool(t.store, 'landmarks');
  // Glabella, then the two outer eye corners, in the order the tool asks for them.
  t.click(500, 700).click(270, 720, { type: 'pen' }).click(730, 720, { type: 'touch' });
}

describe('Landmarks tool', () => {
  it('places the glabella and eye corners in order, each click one undo step', () => {
    const t = new TestEditor();
    withLandmarks(t);
    const { landmarks } = t.design;
    expect(landmarks.glabella).toEqual(imagePoint(500, 700));
    expect(landmarks.leftEye).toEqual(imagePoint(270, 720));
    expect(landmarks.rightEye).toEqual(imagePoint(730, 720));
    expect(t.steps).toBe(3);
    expect(t.store.getState().view.landmark).toBe('rightEye');
  });

  it('drags a placed landmark as one step, and Escape removes the chosen one', () => {
    const t = new TestEditor();
    withLandmarks(t);
    t.drag([500, 700], [510, 690], { type: 'touch' });
    expect(t.design.landmarks.glabella).toEqual(imagePoint(510, 690));
    expect(t.steps).toBe(4);
    expect(t.store.getState().view.landmark).toBe('glabella');
    expect(t.key('Escape')).toBe(true);
    expect(t.design.landmarks.glabella).toBeNull();
    undo(t.store);
    expect(t.design.landmarks.glabella).toEqual(imagePoint(510, 690));
  });
});

describe('Landmarks on a top photo', () => {
  it('asks for the mid-frontal point, the vertex and the two sides of the head, and fits a pattern to the breadth between them', () => {
    const t = new TestEditor();
    setView(t.store, { landmark: 'midFrontal' });
    setTool(t.store, 'landmarks');
    // 20 × 16 cm at 50 px/cm: a head 15 cm across, its sides at x = 125 and 875.
    t.click(500, 700).click(500, 300).click(125, 330).click(875, 330);
    expect(t.design.landmarks).toMatchObject({ midFrontal: imagePoint(500, 700), vertex: imagePoint(500, 300), leftSide: imagePoint(125, 330), rightSide: imagePoint(875, 330) });
    expect(t.steps).toBe(4);
    expect(applyPatternTemplate(t.store, 'norwood-6', 'Norwood VI')).toBe(true);
    expect(t.store.getState().notices.at(-1)?.text).toBe("Norwood VI area placed. It fits the head's breadth, 15.0 cm between the sides. Drag its points to fit the client.");
    // The widest point of the Norwood VI area is 0.68 of the half breadth out on each side.
    const xs = t.design.areas[0]!.points.map((p) => p.x);
    expect(Math.max(...xs) - Math.min(...xs)).toBeCloseTo(0.68 * 750, 6);
    // Sides 5 cm apart are no adult head: the sentence asks to check the scale and the points.
    setTool(t.store, 'landmarks');
    t.drag([125, 330], [375, 330]).drag([875, 330], [625, 330]);
    applyPatternTemplate(t.store, 'norwood-6', 'Norwood VI');
    expect(t.store.getState().notices.at(-1)?.text).toMatch(/The sides of the head are 5\.0 cm apart at this scale, outside the 12–18 cm of adult heads: check the scale and the side points\./);
    // Without the sides, an average head, and a sentence saying how to fit this one.
    setTool(t.store, 'landmarks');
    t.key('Escape');
    setView(t.store, { landmark: 'leftSide' });
    t.key('Escape');
    expect(t.design.landmarks.leftSide).toBeNull();
    expect(t.design.landmarks.rightSide).toBeNull();
    applyPatternTemplate(t.store, 'norwood-6', 'Norwood VI');
    expect(t.store.getState().notices.at(-1)?.text).toMatch(/It fits an average head, 15\.0 cm across: mark the two sides of the head \(Landmarks, S\) to fit this one\./);
  });
});

describe('Templates and mirror editing through the store', () => {
  it('places a natural hairline 8 cm above the glabella; undo removes it', () => {
    const t = new TestEditor();
    withLandmarks(t);
    // At 50 px/cm, 8 cm above y = 700 is y = 300: inside the photo.
    expect(applyHairlineTemplate(t.store, 'natural', 'Natural', 8)).toBe(true);
    expect(t.design.areas).toHaveLength(1);
    expect(Math.abs(hairlineMeasures(t.design).heightCm! - 8)).toBeLessThan(0.1);
    expect(t.design.dots.transitionMm).toBe(8);
    undo(t.store);
    expect(t.design.areas).toHaveLength(0);
  });

  it('refuses a template without landmarks, with a sentence, and changes nothing', () => {
    const t = new TestEditor();
    const before = t.design;
    expect(applyHairlineTemplate(t.store, 'natural', 'Natural')).toBe(false);
    expect(applyPatternTemplate(t.store, 'norwood-3', 'Norwood III')).toBe(false);
    expect(t.design).toBe(before);
    expect(t.store.getState().notices.at(-1)?.text).toMatch(/Mark the/);
  });

  it('mirror editing: dragging a point with the mouse moves its partner; one undo step', () => {
    const t = new TestEditor();
    withLandmarks(t);
    applyHairlineTemplate(t.store, 'natural', 'Natural', 8);
    const id = t.design.areas[0]!.id;
    expect(setMirrored(t.store, id, true)).toBe(true);
    const area = t.design.areas[0]!;
    const n = area.points.length;
    const p = area.points[2]!;
    const steps = t.steps;
    setTool(t.store, 'select');
    t.drag([p.x, p.y], [p.x - 20, p.y + 10]);
    const moved = t.design.areas[0]!;
    expect(moved.points[2]).toEqual(imagePoint(p.x - 20, p.y + 10));
    const expected = mirrorPoint(moved.points[2]!, midline(t.design));
    const partner = moved.points[partnerIndex(2, n)]!;
    expect(Math.hypot(partner.x - expected.x, partner.y - expected.y)).toBeLessThan(1e-6);
    expect(t.steps).toBe(steps + 1);
    // Escape during a drag puts both sides back.
    const q = moved.points[2]!;
    t.down(q.x, q.y).move(q.x + 30, q.y);
    t.key('Escape');
    expect(t.design.areas[0]).toEqual(moved);
  });

  it('mirror editing with the Select tool: double-click inserts a pair, Delete removes the pair, touch drags', () => {
    const t = new TestEditor();
    withLandmarks(t);
    applyHairlineTemplate(t.store, 'natural', 'Natural', 8);
    const before = t.design.areas[0]!;
    const n = before.points.length;
    setTool(t.store, 'select');
    // Double-click halfway along the smooth outline between control points 2 and 3.
    const a = before.points[2]!;
    const b = before.points[3]!;
    const curve = smoothOutline(before.points);
    const ks = curve.edgeOf.flatMap((e, k) => (e === 2 ? [k] : []));
    const mid = curve.points[ks[Math.floor(ks.length / 2)]!]!;
    expect(Math.hypot(mid.x - (a.x + b.x) / 2, mid.y - (a.y + b.y) / 2)).toBeLessThan(40);
    t.down(mid.x, mid.y, { detail: 2 }).up(mid.x, mid.y, { detail: 2 });
    const inserted = t.design.areas[0]!;
    expect(inserted.points.length).toBe(n + 2);
    const sel = t.store.getState().view.selection!;
    const line = midline(t.design);
    const m = mirrorPoint(inserted.points[sel.pointIndex!]!, line);
    const partner = inserted.points[partnerIndex(sel.pointIndex!, n + 2)]!;
    expect(Math.hypot(m.x - partner.x, m.y - partner.y)).toBeLessThan(1e-6);
    expect(t.key('Delete')).toBe(true);
    expect(t.design.areas[0]!.points.length).toBe(n);
    // A finger drags a point on the other side; its partner follows.
    const q = t.design.areas[0]!.points[n - 3]!;
    t.drag([q.x, q.y], [q.x + 12, q.y - 6], { type: 'touch' });
    const after = t.design.areas[0]!;
    const pm = mirrorPoint(after.points[n - 3]!, line);
    expect(Math.hypot(pm.x - after.points[3]!.x, pm.y - after.points[3]!.y)).toBeLessThan(1e-6);
    expect(after.points[n - 3]).toEqual(imagePoint(q.x + 12, q.y - 6));
    undo(t.store);
    undo(t.store);
    undo(t.store);
    expect(t.design.areas[0]).toEqual(before);
  });

  it('changes an area kind with its defaults, and reseeds the irregularity only', () => {
    const t = new TestEditor();
    withLandmarks(t);
    applyHairlineTemplate(t.store, 'natural', 'Natural', 8);
    const id = t.design.areas[0]!.id;
    setAreaProps(t.store, id, { kind: 'thinning' });
    expect(t.design.areas[0]).toMatchObject({ kind: 'thinning', densityFactor: 0.5, featherMm: 8 });
    setIrregularity(t.store, { macroMm: 5 });
    const seed = t.design.irregularity.seed;
    const points = t.design.areas[0]!.points;
    reseedIrregularity(t.store);
    expect(t.design.irregularity.seed).not.toBe(seed);
    expect(t.design.irregularity.macroMm).toBe(5);
    expect(t.design.areas[0]!.points).toBe(points);
    expect(t.design.seed).toBe(42);
  });
});

describe('Density brush tool', () => {
  it('paints one stroke per press with pen pressure; mouse and touch at full pressure', () => {
    const t = new TestEditor();
    setTool(t.store, 'brush');
    setView(t.store, { brush: { mode: 'lower', radiusMm: 4, strength: 0.6 } });
    t.down(300, 300, { type: 'pen', pressure: 0.4 }).move(340, 300, { type: 'pen', pressure: 0.6 }).move(380, 300, { type: 'pen', pressure: 0.8 }).up(400, 300, { type: 'pen', pressure: 0.8 });
    expect(t.design.brush).toHaveLength(1);
    const stroke = t.design.brush[0]!;
    expect(stroke).toMatchObject({ mode: 'lower', radiusMm: 4, strength: 0.6 });
    expect(stroke.points.map((p) => p.pressure)).toEqual([0.4, 0.6, 0.8, 0.8]);
    expect(stroke.points[0]).toMatchObject({ x: 300, y: 300 });
    expect(t.steps).toBe(1);
    t.drag([300, 400], [500, 400], { type: 'mouse', pressure: 0.5 });
    expect(t.design.brush).toHaveLength(2);
    expect(t.design.brush[1]!.points.every((p) => p.pressure === 1)).toBe(true);
    expect(t.steps).toBe(2);
    undo(t.store);
    expect(t.design.brush).toHaveLength(1);
    redo(t.store);
    expect(t.design.brush).toHaveLength(2);
  });

  it('skips pointer positions closer than a quarter of the radius, and Escape drops the stroke', () => {
    const t = new TestEditor();
    setTool(t.store, 'brush');
    setView(t.store, { brush: { mode: 'raise', radiusMm: 8, strength: 0.3 } });
    // 8 mm at 50 px/cm = 40 px radius: steps under 10 px are skipped.
    t.down(100, 100, { type: 'touch' });
    for (let x = 102; x <= 140; x += 2) t.move(x, 100, { type: 'touch' });
    expect(t.design.brush[0]!.points.length).toBeLessThanOrEqual(5);
    expect(t.key('Escape')).toBe(true);
    expect(t.design.brush).toHaveLength(0);
    expect(t.steps).toBe(0);
    // The outline follows the pointer while hovering.
    t.move(250, 260);
    expect(t.store.getState().view.hover).toEqual(imagePoint(250, 260));
  });
});
