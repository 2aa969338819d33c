import { describe, expect, it } from 'vitest';
import { TestEditor } from '../helpers/testEditor.ts';
import { beginGesture, endGesture, redo, setDotParams, setScaleFromPoints, setTool, setView, undo } from '../../src/state/actions.ts';
import { imagePoint } from '../../src/core/math/types.ts';
import { smoothOutline } from '../../src/core/areas.ts';

/** A point on the smooth outline halfway along control edge `edge` of the first area. */
function pointOnEdge(t: TestEditor, edge: number): { x: number; y: number } {
  const curve = smoothOutline(t.design.areas[0]!.points);
  const ks = curve.edgeOf.flatMap((e, k) => (e === edge ? [k] : []));
  return curve.points[ks[Math.floor(ks.length / 2)]!]!;
}

function drawSquare(t: TestEditor, close: 'click' | 'enter' = 'click'): void {
  setTool(t.store, 'draw');
  t.click(200, 200).click(600, 200).click(600, 500).click(200, 500);
  if (close === 'click') t.click(201, 201);
  else t.key('Enter');
}

describe('Draw area tool', () => {
  it('closes by clicking the first point: one area, one undo step, back to Select', () => {
    const t = new TestEditor();
    drawSquare(t);
    expect(t.design.areas).toHaveLength(1);
    expect(t.design.areas[0]!.points).toHaveLength(4);
    expect(t.steps).toBe(1);
    expect(t.store.getState().view.tool).toBe('select');
    // The bottom edge (600,500)→(200,500) faces the face and is hairline by default.
    expect(t.design.areas[0]!.hairlineEdges).toEqual([false, false, true, false]);
  });

  it('closes with Enter, and undo/redo remove and restore the area', () => {
    const t = new TestEditor();
    drawSquare(t, 'enter');
    expect(t.design.areas).toHaveLength(1);
    expect(undo(t.store)).toBe(true);
    expect(t.design.areas).toHaveLength(0);
    expect(redo(t.store)).toBe(true);
    expect(t.design.areas).toHaveLength(1);
  });

  it('Backspace removes the last point and Escape drops the draft without a history step', () => {
    const t = new TestEditor();
    setTool(t.store, 'draw');
    t.click(100, 100).click(300, 100).click(300, 300);
    expect(t.key('Backspace')).toBe(true);
    expect(t.store.getState().view.draft).toHaveLength(2);
    expect(t.key('Escape')).toBe(true);
    expect(t.store.getState().view.draft).toHaveLength(0);
    expect(t.design.areas).toHaveLength(0);
    expect(t.steps).toBe(0);
  });

  it('refuses a self-crossing outline with a sentence and keeps the design as it was', () => {
    const t = new TestEditor();
    drawSquare(t);
    const before = t.design;
    setTool(t.store, 'draw');
    t.click(700, 100).click(900, 300).click(900, 100).click(700, 300);
    t.key('Enter');
    expect(t.design).toBe(before);
    const notice = t.store.getState().notices.at(-1);
    expect(notice?.kind).toBe('error');
    expect(notice?.text).toMatch(/crosses itself/);
    expect(t.store.getState().view.draft).toHaveLength(4);
  });
});

describe('Select tool', () => {
  it('drags a point as one undo step', () => {
    const t = new TestEditor();
    drawSquare(t);
    t.drag([600, 500], [650, 560]);
    expect(t.design.areas[0]!.points[2]).toMatchObject({ x: 650, y: 560 });
    expect(t.steps).toBe(2);
    undo(t.store);
    expect(t.design.areas[0]!.points[2]).toMatchObject({ x: 600, y: 500 });
  });

  it('Escape during a drag puts the point back and adds no step', () => {
    const t = new TestEditor();
    drawSquare(t);
    t.down(600, 500).move(620, 520).move(700, 600);
    expect(t.design.areas[0]!.points[2]).toMatchObject({ x: 700, y: 600 });
    expect(t.key('Escape')).toBe(true);
    t.up(700, 600);
    expect(t.design.areas[0]!.points[2]).toMatchObject({ x: 600, y: 500 });
    expect(t.steps).toBe(1);
  });

  it('refuses a drag that makes the outline cross itself', () => {
    const t = new TestEditor();
    drawSquare(t);
    const before = t.design;
    t.drag([600, 500], [100, 350]);
    expect(t.design).toBe(before);
    expect(t.store.getState().notices.at(-1)?.text).toMatch(/crosses itself/);
    expect(t.steps).toBe(1);
  });

  it('inserts a point with a double-click on an edge and deletes the selected point', () => {
    const t = new TestEditor();
    drawSquare(t);
    const onEdge = pointOnEdge(t, 0);
    t.down(onEdge.x, onEdge.y, { detail: 2 }).up(onEdge.x, onEdge.y, { detail: 2 });
    const pts = t.design.areas[0]!.points;
    expect(pts).toHaveLength(5);
    expect(pts[1]!.x).toBeCloseTo(onEdge.x, 6);
    expect(t.design.areas[0]!.hairlineEdges).toEqual([false, false, false, true, false]);
    expect(t.key('Delete')).toBe(true);
    expect(t.design.areas[0]!.points).toHaveLength(4);
  });

  it('gives a finger a larger reach than a mouse', () => {
    const t = new TestEditor();
    drawSquare(t);
    t.drag([612, 512], [640, 540], { type: 'mouse' });
    expect(t.design.areas[0]!.points[2]).toMatchObject({ x: 600, y: 500 });
    // The mouse missed and panned the view instead; put the view back before the finger tries.
    expect(t.store.getState().view.panX).toBe(-28);
    setView(t.store, { panX: 0, panY: 0 });
    t.drag([612, 512], [640, 540], { type: 'touch' });
    expect(t.design.areas[0]!.points[2]).toMatchObject({ x: 640, y: 540 });
  });
});

describe('Mark hairline tool', () => {
  it('toggles an edge, one step each', () => {
    const t = new TestEditor();
    drawSquare(t);
    setTool(t.store, 'hairline');
    const p = pointOnEdge(t, 0);
    t.click(p.x, p.y);
    expect(t.design.areas[0]!.hairlineEdges[0]).toBe(true);
    t.click(p.x, p.y);
    expect(t.design.areas[0]!.hairlineEdges[0]).toBe(false);
    expect(t.steps).toBe(3);
  });
});

describe('Set scale', () => {
  it('collects two points and sets pixels per cm from the typed distance', () => {
    const t = new TestEditor();
    setTool(t.store, 'calibrate');
    t.click(100, 100).click(400, 500);
    const [a, b] = t.store.getState().view.calibration;
    expect(setScaleFromPoints(t.store, a!, b!, 5)).toBeNull();
    expect(t.design.scale).toEqual({ pxPerCm: 100, source: 'ruler', uncertainty: 0 });
  });

  it('refuses a zero distance and points on top of each other, leaving the scale alone', () => {
    const t = new TestEditor();
    const before = t.design.scale;
    expect(setScaleFromPoints(t.store, imagePoint(0, 0), imagePoint(100, 0), 0)).toMatch(/centimetres/);
    expect(setScaleFromPoints(t.store, imagePoint(0, 0), imagePoint(1, 1), 3)).toMatch(/too close/);
    expect(t.design.scale).toBe(before);
  });
});

describe('Slider gestures', () => {
  it('a drag across many values is one undo step', () => {
    const t = new TestEditor();
    beginGesture(t.store);
    for (let d = 91; d <= 120; d++) setDotParams(t.store, { densityPerCm2: d });
    endGesture(t.store);
    expect(t.design.dots.densityPerCm2).toBe(120);
    expect(t.steps).toBe(1);
    undo(t.store);
    expect(t.design.dots.densityPerCm2).toBe(90);
  });
});

describe('Keyboard editing', () => {
  it('[ and ] pick points, arrows move the picked point one step each, Delete removes it', () => {
    const t = new TestEditor();
    drawSquare(t);
    expect(t.key(']')).toBe(true);
    expect(t.store.getState().view.selection).toEqual({ areaId: 'area-1', pointIndex: 0 });
    expect(t.key('[')).toBe(true);
    expect(t.store.getState().view.selection?.pointIndex).toBe(3);
    t.key('ArrowRight');
    t.key('ArrowDown');
    expect(t.design.areas[0]!.points[3]).toMatchObject({ x: 202, y: 502 });
    expect(t.steps).toBe(3);
    undo(t.store);
    expect(t.design.areas[0]!.points[3]).toMatchObject({ x: 202, y: 500 });
    t.key('Delete');
    expect(t.design.areas[0]!.points).toHaveLength(3);
  });
});
