/**
 * Drawing an area without a pointer: with the canvas focused, the arrow keys move a cursor over the
 * photo (1 mm, Shift 1 cm), Space places a point, Enter closes, Backspace removes the last point
 * and Escape cancels. Driven through the real Editor and store. The test design is 1000 × 800 px at
 * 50 px/cm (1 mm = 5 px) in a 1000 × 800 canvas at 1 screen px per image px.
 */
import { describe, expect, it } from 'vitest';
import { TestEditor } from '../helpers/testEditor.ts';
import { setTool, setView, undo } from '../../src/state/actions.ts';

function press(t: TestEditor, key: string, times = 1, shift = false): void {
  for (let i = 0; i < times; i++) expect(t.keyOnCanvas(key, { shift })).toBe(true);
}

describe('Draw area from the keyboard', () => {
  it('the cursor starts at the centre of the visible photo and moves 1 mm per arrow, 1 cm with Shift', () => {
    const t = new TestEditor();
    setTool(t.store, 'draw');
    expect(t.view.hover).toBeNull();
    press(t, 'ArrowRight');
    expect(t.view.hover).toEqual({ x: 505, y: 400 });
    press(t, 'ArrowUp', 2, true);
    expect(t.view.hover).toEqual({ x: 505, y: 300 });
    press(t, 'ArrowLeft', 3);
    press(t, 'ArrowDown', 1, true);
    expect(t.view.hover).toEqual({ x: 490, y: 350 });
    expect(t.view.draft).toEqual([]);
    expect(t.steps).toBe(0);
  });

  it('Space places points at the cursor and Enter closes them into one area, as one undo step, back to Select', () => {
    const t = new TestEditor();
    setTool(t.store, 'draw');
    press(t, 'ArrowUp', 4, true);
    press(t, 'ArrowLeft', 6, true);
    press(t, ' ');
    press(t, 'ArrowRight', 12, true);
    press(t, ' ');
    press(t, 'ArrowDown', 8, true);
    press(t, ' ');
    press(t, 'ArrowLeft', 12, true);
    press(t, ' ');
    expect(t.view.draft).toEqual([
      { x: 200, y: 200 },
      { x: 800, y: 200 },
      { x: 800, y: 600 },
      { x: 200, y: 600 },
    ]);
    press(t, 'Enter');
    expect(t.design.areas).toHaveLength(1);
    expect(t.design.areas[0]!.points).toEqual([
      { x: 200, y: 200 },
      { x: 800, y: 200 },
      { x: 800, y: 600 },
      { x: 200, y: 600 },
    ]);
    expect(t.steps).toBe(1);
    expect(t.view.tool).toBe('select');
    // The editor follows the switch: a press now selects rather than adding to a new outline.
    expect(t.editor.stateId).toBe('select.idle');
    expect(t.view.hover).toBeNull();
    expect(t.view.draft).toEqual([]);
    undo(t.store);
    expect(t.design.areas).toHaveLength(0);
  });

  it('Backspace removes the last point, Escape drops the outline and then hides the cursor; Enter needs 3 points', () => {
    const t = new TestEditor();
    setTool(t.store, 'draw');
    press(t, ' ');
    press(t, 'ArrowRight', 2, true);
    press(t, ' ');
    press(t, 'ArrowDown', 2, true);
    press(t, ' ');
    press(t, 'Backspace');
    expect(t.view.draft).toEqual([
      { x: 500, y: 400 },
      { x: 600, y: 400 },
    ]);
    press(t, 'Enter');
    expect(t.design.areas).toHaveLength(0);
    expect(t.store.getState().notices.at(-1)?.text).toMatch(/^An area needs at least 3 points\./);
    expect(t.view.draft).toHaveLength(2);
    press(t, 'Escape');
    expect(t.view.draft).toEqual([]);
    expect(t.view.hover).toEqual({ x: 600, y: 500 });
    press(t, 'Escape');
    expect(t.view.hover).toBeNull();
    // Nothing left to cancel: Escape goes on to the page.
    expect(t.keyOnCanvas('Escape')).toBe(false);
    expect(t.steps).toBe(0);
  });

  it('starts at the centre of the part of the photo on screen and stops at the photo edge', () => {
    const t = new TestEditor();
    // Zoomed in 2× on the right half: image x 600…1100 (the photo ends at 1000), y 0…400 visible.
    setView(t.store, { zoom: 2, panX: 600, panY: 0 });
    setTool(t.store, 'draw');
    press(t, ' ');
    expect(t.view.draft).toEqual([{ x: 800, y: 200 }]);
    press(t, 'ArrowRight', 5, true);
    press(t, 'ArrowUp', 5, true);
    expect(t.view.hover).toEqual({ x: 1000, y: 0 });
  });

  it('arrows and Space typed elsewhere in the page do not draw', () => {
    const t = new TestEditor();
    setTool(t.store, 'draw');
    expect(t.key('ArrowLeft')).toBe(false);
    expect(t.key(' ')).toBe(false);
    expect(t.view.hover).toBeNull();
    expect(t.view.draft).toEqual([]);
  });

  it('a click moves the cursor shown to the point placed, and leaving the tool hides it', () => {
    const t = new TestEditor();
    setTool(t.store, 'draw');
    press(t, 'ArrowLeft');
    t.click(300, 250);
    expect(t.view.hover).toEqual({ x: 300, y: 250 });
    press(t, 'ArrowRight', 1, true);
    press(t, ' ');
    expect(t.view.draft).toEqual([
      { x: 300, y: 250 },
      { x: 350, y: 250 },
    ]);
    setTool(t.store, 'select');
    expect(t.view.hover).toBeNull();
    expect(t.view.draft).toEqual([]);
  });

  it('the cursor step follows the photo scale', () => {
    const t = new TestEditor();
    t.store.setState({ design: { ...t.design, scale: { pxPerCm: 120, source: 'ruler', uncertainty: 0 } } });
    setTool(t.store, 'draw');
    press(t, 'ArrowRight');
    expect(t.view.hover!.x).toBeCloseTo(512, 9);
    press(t, 'ArrowRight', 1, true);
    expect(t.view.hover!.x).toBeCloseTo(632, 9);
  });
});
