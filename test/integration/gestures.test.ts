import { describe, expect, it } from 'vitest';
import { TestEditor, type PointerOpts } from '../helpers/testEditor.ts';
import { setTool, setView, undo } from '../../src/state/actions.ts';
import { screenPoint } from '../../src/core/math/types.ts';
import { imageToScreen, MAX_ZOOM, MIN_ZOOM, screenToImage } from '../../src/editor/viewport.ts';
import { smoothOutline } from '../../src/core/areas.ts';

const F1: PointerOpts = { type: 'touch', id: 21 };
const F2: PointerOpts = { type: 'touch', id: 22 };
const F3: PointerOpts = { type: 'touch', id: 23 };
const PEN: PointerOpts = { type: 'pen', id: 5, pressure: 0.7 };

/** The draw tool's square (mouse), as in tools.test.ts: one area with a corner at (600,500); one step. */
function drawSquare(t: TestEditor): void {
  setTool(t.store, 'draw');
  t.click(200, 200).click(600, 200).click(600, 500).click(200, 500).click(201, 201);
  expect(t.design.areas).toHaveLength(1);
}

/** A point on the smooth outline halfway along control edge `edge` of the first area (view at 1:1 from the origin). */
function pointOnEdge(t: TestEditor, edge: number): { x: number; y: number } {
  const curve = smoothOutline(t.design.areas[0]!.points);
  const ks = curve.edgeOf.flatMap((e, k) => (e === edge ? [k] : []));
  return curve.points[ks[Math.floor(ks.length / 2)]!]!;
}

function camera(t: TestEditor): { zoom: number; panX: number; panY: number } {
  const { zoom, panX, panY } = t.view;
  return { zoom, panX, panY };
}

describe('Two-finger pinch and pan', () => {
  it('pinching out 2x about a point doubles the zoom and keeps the image point under the midpoint', () => {
    const t = new TestEditor(undefined, { pressGapMs: 0 });
    setView(t.store, { zoom: 1, panX: 10, panY: 20 });
    const mid = screenPoint(500, 400);
    const anchor = screenToImage(t.view, mid);
    expect(anchor).toMatchObject({ x: 510, y: 420 });
    t.pinchTo([400, 400], [600, 400], [300, 400], [700, 400]);
    expect(t.editor.pinching).toBe(true);
    expect(t.view.zoom).toBeCloseTo(2, 12);
    expect(t.view.panX).toBeCloseTo(510 - 500 / 2, 9);
    expect(t.view.panY).toBeCloseTo(420 - 400 / 2, 9);
    const after = screenToImage(t.view, mid);
    expect(after.x).toBeCloseTo(510, 9);
    expect(after.y).toBeCloseTo(420, 9);
    t.up(300, 400, { type: 'touch', id: 11 }).up(700, 400, { type: 'touch', id: 12 });
    expect(t.editor.pinching).toBe(false);
    expect(t.steps).toBe(0);
  });

  it('zooms and pans at once: the image point under the first midpoint follows the moving midpoint', () => {
    const t = new TestEditor(undefined, { pressGapMs: 0 });
    setView(t.store, { zoom: 0.5, panX: -100, panY: 40 });
    const anchor = screenToImage(t.view, screenPoint(500, 400));
    // Fingers 200 px apart about (500,400) end 300 px apart about (560,350): zoom ×1.5.
    t.pinchTo([400, 400], [600, 400], [410, 350], [710, 350], 5);
    expect(t.view.zoom).toBeCloseTo(0.75, 12);
    const s = imageToScreen(t.view, anchor);
    expect(s.x).toBeCloseTo(560, 9);
    expect(s.y).toBeCloseTo(350, 9);
  });

  it('two fingers moving together pan the view by the finger translation divided by the zoom', () => {
    const t = new TestEditor(undefined, { pressGapMs: 0 });
    setView(t.store, { zoom: 2, panX: 100, panY: 50 });
    t.pinchTo([300, 300], [500, 300], [360, 270], [560, 270]);
    expect(t.view.zoom).toBeCloseTo(2, 12);
    expect(t.view.panX).toBeCloseTo(100 - 60 / 2, 9);
    expect(t.view.panY).toBeCloseTo(50 + 30 / 2, 9);
  });

  it('clamps the zoom to the viewport limits and still keeps the midpoint anchored', () => {
    const t = new TestEditor(undefined, { pressGapMs: 0 });
    setView(t.store, { zoom: 8, panX: 0, panY: 0 });
    const anchor = screenToImage(t.view, screenPoint(500, 400));
    t.pinchTo([490, 400], [510, 400], [100, 400], [900, 400]);
    expect(t.view.zoom).toBe(MAX_ZOOM);
    const s = imageToScreen(t.view, anchor);
    expect(s.x).toBeCloseTo(500, 9);
    expect(s.y).toBeCloseTo(400, 9);
    t.up(100, 400, { type: 'touch', id: 11 }).up(900, 400, { type: 'touch', id: 12 });
    setView(t.store, { zoom: 0.05 });
    t.pinchTo([100, 400], [900, 400], [495, 400], [505, 400]);
    expect(t.view.zoom).toBe(MIN_ZOOM);
  });

  it('a second finger during a point drag cancels the drag: design exactly as before, no undo step', () => {
    const t = new TestEditor(undefined, { pressGapMs: 0 });
    drawSquare(t);
    const before = structuredClone(t.design);
    const beforeRef = t.design;
    const steps = t.steps;
    t.down(600, 500, F1).move(630, 530, F1).move(650, 560, F1);
    expect(t.editor.stateId).toBe('select.dragging_point');
    expect(t.design.areas[0]!.points[2]).toMatchObject({ x: 650, y: 560 });
    t.down(800, 300, F2);
    expect(t.editor.stateId).toBe('select.idle');
    expect(t.design).toEqual(before);
    expect(t.design).toBe(beforeRef);
    expect(t.steps).toBe(steps);
    expect(t.store.getState().history.gestureStart).toBeNull();
    // The two fingers now move the view, never the point.
    const cam = camera(t);
    t.move(600, 450, F1).move(850, 300, F2);
    expect(camera(t)).not.toEqual(cam);
    expect(t.design).toEqual(before);
    // Lifting one finger ends the pinch; the other finger does nothing until it is lifted and pressed again.
    t.up(850, 300, F2);
    expect(t.editor.pinching).toBe(false);
    const afterPinch = camera(t);
    t.move(500, 450, F1).move(300, 200, F1).up(300, 200, F1);
    expect(camera(t)).toEqual(afterPinch);
    expect(t.design).toEqual(before);
    expect(t.steps).toBe(steps);
    // A fresh press drags again.
    const corner = imageToScreen(t.view, t.design.areas[0]!.points[2]!);
    t.drag([corner.x, corner.y], [corner.x + 20, corner.y + 10], F1);
    expect(t.design.areas[0]!.points[2]!.x).toBeCloseTo(600 + 20 / t.view.zoom, 9);
    expect(t.steps).toBe(steps + 1);
  });

  it('a second finger during a brush stroke drops the stroke and leaves no undo step', () => {
    const t = new TestEditor(undefined, { pressGapMs: 0 });
    setTool(t.store, 'brush');
    const before = structuredClone(t.design);
    t.down(300, 300, F1).move(330, 300, F1).move(360, 310, F1).move(400, 320, F1);
    expect(t.editor.stateId).toBe('brush.painting');
    expect(t.design.brush).toHaveLength(1);
    t.down(500, 500, F2);
    expect(t.editor.stateId).toBe('brush.idle');
    expect(t.design).toEqual(before);
    expect(t.steps).toBe(0);
    t.move(450, 320, F1).move(520, 540, F2).up(520, 540, F2).move(470, 330, F1).up(470, 330, F1);
    expect(t.design).toEqual(before);
    expect(t.steps).toBe(0);
  });

  it('withdraws presses that act at once too: a draft point, an edge toggle', () => {
    const t = new TestEditor(undefined, { pressGapMs: 0 });
    setTool(t.store, 'draw');
    t.click(200, 200).click(600, 200).click(600, 500);
    const draft = t.view.draft;
    t.down(200, 500, F1);
    expect(t.view.draft).toHaveLength(4);
    t.down(700, 500, F2);
    expect(t.view.draft).toEqual(draft);
    t.up(700, 500, F2).up(200, 500, F1);
    expect(t.view.draft).toEqual(draft);

    t.key('Enter');
    setTool(t.store, 'hairline');
    const design = t.design;
    const steps = t.steps;
    const onEdge = pointOnEdge(t, 0);
    t.down(onEdge.x, onEdge.y, F1);
    expect(t.design.areas[0]!.hairlineEdges[0]).toBe(true);
    expect(t.steps).toBe(steps + 1);
    t.down(700, 500, F2);
    expect(t.design).toBe(design);
    expect(t.steps).toBe(steps);
  });

  it('a new finger joining the resting one pinches again', () => {
    const t = new TestEditor(undefined, { pressGapMs: 0 });
    t.pinchTo([400, 400], [600, 400], [300, 400], [700, 400]);
    t.up(700, 400, { type: 'touch', id: 12 });
    expect(t.view.zoom).toBeCloseTo(2, 12);
    t.down(500, 400, F3).move(900, 400, F3);
    expect(t.editor.pinching).toBe(true);
    expect(t.view.zoom).toBeCloseTo(6, 12);
  });
});

describe('Palm rejection', () => {
  it('while a pen is down a finger does nothing and the pen stroke carries on', () => {
    const t = new TestEditor(undefined, { pressGapMs: 0 });
    setTool(t.store, 'brush');
    const cam = camera(t);
    t.down(300, 300, PEN).move(340, 300, PEN);
    const painted = structuredClone(t.design);
    // A palm, then a second contact that would otherwise pinch.
    t.down(700, 500, F1).move(720, 520, F1).down(760, 560, F2).move(900, 700, F2).move(600, 400, F1);
    expect(t.design).toEqual(painted);
    expect(camera(t)).toEqual(cam);
    expect(t.editor.pinching).toBe(false);
    t.up(900, 700, F2).lostCapture(900, 700, F2);
    expect(t.editor.stateId).toBe('brush.painting');
    t.move(380, 300, PEN).move(420, 300, PEN).up(420, 300, PEN);
    expect(t.design.brush).toHaveLength(1);
    const pts = t.design.brush[0]!.points;
    expect(pts.map((p) => p.x)).toEqual([300, 340, 380, 420]);
    expect(pts.every((p) => p.pressure === 0.7)).toBe(true);
    expect(t.steps).toBe(1);
    expect(camera(t)).toEqual(cam);
    // The palm still resting after the pen lifted stays ignored.
    t.tick(5000).move(100, 100, F1).up(100, 100, F1);
    expect(t.steps).toBe(1);
    expect(camera(t)).toEqual(cam);
  });

  it('a pen drag of a point is not disturbed by a finger', () => {
    const t = new TestEditor(undefined, { pressGapMs: 0 });
    drawSquare(t);
    t.down(600, 500, PEN).move(620, 520, PEN);
    t.down(610, 505, F1).move(100, 100, F1);
    t.move(650, 560, PEN).up(650, 560, PEN);
    t.up(100, 100, F1);
    expect(t.design.areas[0]!.points[2]).toMatchObject({ x: 650, y: 560 });
    expect(t.steps).toBe(2);
    undo(t.store);
    expect(t.design.areas[0]!.points[2]).toMatchObject({ x: 600, y: 500 });
  });

  it('a pen landing while a finger drags takes the finger back and draws', () => {
    const t = new TestEditor(undefined, { pressGapMs: 0 });
    setTool(t.store, 'brush');
    t.down(700, 500, F1).move(740, 500, F1);
    expect(t.design.brush).toHaveLength(1);
    t.down(300, 300, PEN).move(340, 300, PEN).up(340, 300, PEN);
    t.move(800, 500, F1).up(800, 500, F1);
    expect(t.design.brush).toHaveLength(1);
    expect(t.design.brush[0]!.points.map((p) => p.x)).toEqual([300, 340]);
    expect(t.steps).toBe(1);
  });

  it('a finger within 1.5 s after the pen lifts is ignored; after 1.5 s it works', () => {
    const t = new TestEditor(undefined, { pressGapMs: 0 });
    drawSquare(t);
    t.click(900, 700, PEN);
    const before = t.design;
    const cam = camera(t);
    t.tick(1000).drag([600, 500], [650, 560], F1);
    expect(t.design).toBe(before);
    expect(camera(t)).toEqual(cam);
    t.tick(499).drag([600, 500], [650, 560], F1);
    expect(t.design).toBe(before);
    expect(camera(t)).toEqual(cam);
    t.tick(1).drag([600, 500], [650, 560], F1);
    expect(t.design.areas[0]!.points[2]).toMatchObject({ x: 650, y: 560 });
  });

  it('the 1.5 s count starts when the pen lifts, not when it lands', () => {
    const t = new TestEditor(undefined, { pressGapMs: 0 });
    drawSquare(t);
    t.down(900, 700, PEN).tick(3000).up(900, 700, PEN).tick(1000);
    t.drag([600, 500], [650, 560], F1);
    expect(t.design.areas[0]!.points[2]).toMatchObject({ x: 600, y: 500 });
    t.tick(600).drag([600, 500], [650, 560], F1);
    expect(t.design.areas[0]!.points[2]).toMatchObject({ x: 650, y: 560 });
  });

  it('two fingers still pinch right after the pen lifts', () => {
    const t = new TestEditor(undefined, { pressGapMs: 0 });
    t.click(900, 700, PEN).tick(100);
    t.pinchTo([400, 400], [600, 400], [300, 400], [700, 400]);
    expect(t.view.zoom).toBeCloseTo(2, 12);
    expect(t.steps).toBe(0);
  });

  it('uses the injected clock', () => {
    let clock = 0;
    const t = new TestEditor(undefined, { now: () => clock, pressGapMs: 0 });
    drawSquare(t);
    t.click(900, 700, PEN);
    clock = 1499;
    t.drag([600, 500], [650, 560], F1);
    expect(t.design.areas[0]!.points[2]).toMatchObject({ x: 600, y: 500 });
    clock = 1500;
    t.drag([600, 500], [650, 560], F1);
    expect(t.design.areas[0]!.points[2]).toMatchObject({ x: 650, y: 560 });
  });
});

describe('Mouse and lost pointers', () => {
  it('the mouse drags points as before, even right after a pen', () => {
    const t = new TestEditor(undefined, { pressGapMs: 0 });
    drawSquare(t);
    t.click(900, 700, PEN);
    t.drag([600, 500], [650, 560]).lostCapture(650, 560);
    expect(t.design.areas[0]!.points[2]).toMatchObject({ x: 650, y: 560 });
    expect(t.steps).toBe(2);
  });

  it('a cancelled finger drag puts the point back; another pointer being cancelled does not', () => {
    const t = new TestEditor(undefined, { pressGapMs: 0 });
    drawSquare(t);
    const before = t.design;
    t.down(600, 500, F1).move(650, 560, F1).cancel(650, 560, F1);
    expect(t.design).toBe(before);
    expect(t.editor.stateId).toBe('select.idle');
    t.down(600, 500).move(620, 520);
    t.cancel(0, 0, { type: 'touch', id: 99 }).lostCapture(0, 0, { type: 'pen', id: 98 });
    t.move(650, 560).up(650, 560);
    expect(t.design.areas[0]!.points[2]).toMatchObject({ x: 650, y: 560 });
  });
});

describe('tool switches', () => {
  it('a handler that chooses another tool finishes first: the patch is kept and Select takes the next press', () => {
    const t = new TestEditor();
    setTool(t.store, 'patch');
    t.down(100, 100).move(200, 180);
    expect(t.editor.stateId).toBe('patch.dragging');
    t.up(300, 260);
    expect(t.view.tool).toBe('select');
    expect(t.editor.stateId).toBe('select.idle');
    expect(t.view.patch).toEqual({ x0: 100, y0: 100, x1: 300, y1: 260 });
    drawSquare(t);
    t.down(600, 500);
    expect(t.editor.stateId).toBe('select.dragging_point');
  });

  it('a tool chosen from the toolbar mid-press cancels the press: the dragged point goes back and the drag does not resume', () => {
    const t = new TestEditor();
    drawSquare(t);
    setTool(t.store, 'select');
    const before = t.design;
    t.down(600, 500).move(650, 560);
    setTool(t.store, 'brush');
    expect(t.design).toBe(before);
    expect(t.editor.stateId).toBe('brush.idle');
    t.move(700, 600).up(700, 600);
    expect(t.design.areas[0]!.points[2]).toMatchObject({ x: 600, y: 500 });
  });
});
