/**
 * Drives the real Editor and store with synthetic pointer and key events, in Node, without a DOM:
 * the element is a bare EventTarget with the few methods the editor calls.
 */
import { Editor } from '../../src/editor/Editor.ts';
import { newDesign } from '../../src/core/document/defaults.ts';
import type { Design } from '../../src/core/document/types.ts';
import { createAppStore, type AppStore } from '../../src/state/store.ts';
import { setView } from '../../src/state/actions.ts';

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
}

/** A store and an editor with helpers for gestures; the view is 1 screen px per image px at the origin. */
export class TestEditor {
  readonly store: AppStore;
  readonly editor: Editor;
  private readonly element = new FakeElement();

  constructor(design?: Design) {
    this.store = createAppStore(design ?? newDesign({ kind: 'demo', name: 'test', widthPx: 1000, heightPx: 800 }, 42, 50));
    setView(this.store, { zoom: 1, panX: 0, panY: 0 });
    this.editor = new Editor(this.element as unknown as HTMLElement, this.store);
  }

  private fire(type: string, x: number, y: number, o: PointerOpts = {}): void {
    const e = Object.assign(new Event(type, { cancelable: true }), {
      clientX: x,
      clientY: y,
      pointerId: o.id ?? 1,
      pointerType: o.type ?? 'mouse',
      button: 0,
      detail: o.detail ?? 1,
      pressure: o.pressure ?? 0.5,
      shiftKey: false,
      altKey: false,
    });
    this.element.dispatchEvent(e);
  }

  down(x: number, y: number, o?: PointerOpts): this {
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
  click(x: number, y: number, o?: PointerOpts): this {
    return this.down(x, y, o).up(x, y, o);
  }
  drag(from: [number, number], to: [number, number], o?: PointerOpts): this {
    this.down(from[0], from[1], o);
    for (let i = 1; i <= 4; i++) this.move(from[0] + ((to[0] - from[0]) * i) / 4, from[1] + ((to[1] - from[1]) * i) / 4, o);
    return this.up(to[0], to[1], o);
  }
  key(k: string): boolean {
    return this.editor.handleKey(k);
  }

  get design(): Design {
    return this.store.getState().design;
  }
  get steps(): number {
    return this.store.getState().history.past.length;
  }
}
