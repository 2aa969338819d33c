/**
 * Drives the real Editor and store with synthetic pointer and key events, in Node, without a DOM:
 * the element is a bare EventTarget with the few methods the editor calls.
 */
import { Editor } from '../../src/editor/Editor.ts';
import { newDesign } from '../../src/core/document/defaults.ts';
import type { Design } from '../../src/core/document/types.ts';
import { createAppStore, type AppStore } from '../../src/state/store.ts';
import { setView } from '../../src/state/actions.ts';
import type { ViewState } from '../../src/state/store.ts';

class FakeElement extends EventTarget {
  getBoundingClientRect(): { left: number; top: number; width: number; height: number } {
    return { left: 0, top: 0, width: 1000, height: 800 };
  }
  setPointerCapture(): void {}
  focus(): void {}
}

/** Pointer options for synthetic events. */
export interface PointerOpts {
  readonly type?: 'mouse' | 'pen' | 'touch';
  readonly detail?: number;
  readonly id?: number;
  readonly pressure?: number;
  readonly button?: number;
}

/** TestEditor options. */
export interface TestEditorOpts {
  /** Clock handed to the editor; by default the TestEditor's own (`time`, moved with `tick`). */
  readonly now?: () => number;
  /**
   * How far the TestEditor's own clock moves on before every pointerdown. Default 10 s: presses are
   * far apart, so the editor's after-pen palm window never affects tests that do not look at time.
   * Pass 0 to drive the clock with `tick` alone.
   */
  readonly pressGapMs?: number;
}

/** A store and an editor with helpers for gestures; the view is 1 screen px per image px at the origin. */
export class TestEditor {
  readonly store: AppStore;
  readonly editor: Editor;
  private readonly element = new FakeElement();
  /** Any other focused element of the page. */
  private readonly elsewhere = new EventTarget();
  /** Milliseconds on the default clock the editor reads. */
  time = 0;
  private readonly pressGapMs: number;

  constructor(design?: Design, opts: TestEditorOpts = {}) {
    this.pressGapMs = opts.pressGapMs ?? 10_000;
    this.store = createAppStore(design ?? newDesign({ kind: 'demo', name: 'test', widthPx: 1000, heightPx: 800 }, 42, 50));
    setView(this.store, { zoom: 1, panX: 0, panY: 0 });
    this.editor = new Editor(this.element as unknown as HTMLElement, this.store, { now: opts.now ?? (() => this.time) });
  }

  private fire(type: string, x: number, y: number, o: PointerOpts = {}): void {
    const e = Object.assign(new Event(type, { cancelable: true }), {
      clientX: x,
      clientY: y,
      pointerId: o.id ?? 1,
      pointerType: o.type ?? 'mouse',
      button: o.button ?? 0,
      detail: o.detail ?? 1,
      pressure: o.pressure ?? 0.5,
      shiftKey: false,
      altKey: false,
    });
    this.element.dispatchEvent(e);
  }

  down(x: number, y: number, o?: PointerOpts): this {
    this.time += this.pressGapMs;
    this.fire('pointerdown', x, y, o);
    return this;
  }
  move(x: number, y: number, o?: PointerOpts): this {
    this.fire('pointermove', x, y, o);
    return this;
  }
  up(x: number, y: number, o?: PointerOpts): this {
    this.fire('pointerup', x, y, o);
    return this;
  }
  /** The browser gave up on the pointer (pointercancel). */
  cancel(x: number, y: number, o?: PointerOpts): this {
    this.fire('pointercancel', x, y, o);
    return this;
  }
  /** The element lost capture of the pointer (fires after every pointerup in a browser). */
  lostCapture(x: number, y: number, o?: PointerOpts): this {
    this.fire('lostpointercapture', x, y, o);
    return this;
  }
  /** Moves the default clock on. */
  tick(ms: number): this {
    this.time += ms;
    return this;
  }
  /** Two fingers (ids 11 and 12) go down at a0/b0, move in `steps` even steps to a1/b1, and stay down. */
  pinchTo(a0: [number, number], b0: [number, number], a1: [number, number], b1: [number, number], steps = 4): this {
    const a = { type: 'touch', id: 11 } as const;
    const b = { type: 'touch', id: 12 } as const;
    this.down(a0[0], a0[1], a).down(b0[0], b0[1], b);
    for (let i = 1; i <= steps; i++) {
      const f = i / steps;
      this.move(a0[0] + (a1[0] - a0[0]) * f, a0[1] + (a1[1] - a0[1]) * f, a);
      this.move(b0[0] + (b1[0] - b0[0]) * f, b0[1] + (b1[1] - b0[1]) * f, b);
    }
    return this;
  }
  click(x: number, y: number, o?: PointerOpts): this {
    return this.down(x, y, o).up(x, y, o);
  }
  drag(from: [number, number], to: [number, number], o?: PointerOpts): this {
    this.down(from[0], from[1], o);
    for (let i = 1; i <= 4; i++) this.move(from[0] + ((to[0] - from[0]) * i) / 4, from[1] + ((to[1] - from[1]) * i) / 4, o);
    return this.up(to[0], to[1], o);
  }
  /** A key pressed while something other than the canvas has the focus; true when the tool used it. */
  key(k: string): boolean {
    return this.pressKey(this.elsewhere, k, false);
  }
  /** A key pressed while the canvas has the focus; true when the tool used it (default prevented). */
  keyOnCanvas(k: string, o: { shift?: boolean } = {}): boolean {
    return this.pressKey(this.element, k, o.shift ?? false);
  }
  /** Dispatches a keydown on `target`; the page's handler (here: a listener on the target) offers it to the editor. */
  private pressKey(target: EventTarget, k: string, shift: boolean): boolean {
    const e = Object.assign(new Event('keydown', { cancelable: true }), { key: k, shiftKey: shift, ctrlKey: false, metaKey: false, altKey: false });
    const offer = (ev: Event): void => void this.editor.handleKeyEvent(ev as KeyboardEvent);
    target.addEventListener('keydown', offer);
    target.dispatchEvent(e);
    target.removeEventListener('keydown', offer);
    return e.defaultPrevented;
  }

  get design(): Design {
    return this.store.getState().design;
  }
  get view(): ViewState {
    return this.store.getState().view;
  }
  get steps(): number {
    return this.store.getState().history.past.length;
  }
}
