/**
 * Connects pointer, wheel and key events on the canvas to the current tool state. It knows
 * nothing of how tools work: it normalises input, asks the state, and switches to what it returns.
 *
 * Pointers: one pointer at a time drives the tool. Touch adds two things the editor handles itself:
 * two fingers pinch-zoom and pan the view (a press the first finger had started is withdrawn), and
 * palm rejection: while a pen is down every touch is ignored, and for a moment after the pen lifts a
 * single finger does not reach the tool (two fingers still pinch). Mouse input is never filtered.
 *
 * Keys arrive by one route: the page's key handler offers every key through `handleKeyEvent`
 * before its shortcuts, and the tool gets it with `onCanvas` set when the canvas has the focus (the
 * Draw area tool's keyboard cursor needs that and Shift).
 *
 * Tool switches: a handler never has its state swapped under it. A tool chosen while a handler
 * runs (Enter closing an outline returns to Select; the store says so) is entered once the handler
 * has returned, and what the handler returned is dropped; a tool chosen from outside (the toolbar)
 * is entered at once. Either way the old state is cancelled first (`restart`).
 *
 * Over 300 lines as one class: pointers, touches, pens, the pinch and palm rejection are one input
 * state (which pointer drives the tool, which fingers pinch), and split apart each part would have
 * to change the others' fields.
 */
import { screenPoint, type ScreenPoint } from '../core/math/types.ts';
import { setView } from '../state/actions.ts';
import type { AppStore, ToolId } from '../state/store.ts';
import type { KeyInput, ToolContext, ToolInput, ToolState } from './ToolState.ts';
import { calibrating } from './tools/calibrateTool.ts';
import { drawing } from './tools/drawTool.ts';
import { brushing } from './tools/brushTool.ts';
import { markingBare, markingPatch } from './tools/patchTool.ts';
import { markingHairline } from './tools/hairlineTool.ts';
import { placingLandmarks } from './tools/landmarksTool.ts';
import { selectIdle } from './tools/selectTool.ts';
import { PEN_PALM_GRACE_MS, pinchCamera, restorePress, snapshotPress, startPinch, type Pinch, type PressSnapshot } from './gestures.ts';
import { screenToImage, zoomAt } from './viewport.ts';

const ROOTS: Record<ToolId, (ctx: ToolContext) => ToolState> = {
  select: selectIdle,
  draw: drawing,
  calibrate: calibrating,
  hairline: markingHairline,
  landmarks: placingLandmarks,
  brush: brushing,
  patch: markingPatch,
  bare: markingBare,
};

/** Editor options. */
export interface EditorOptions {
  /** Clock in milliseconds for palm rejection; `performance.now` by default (tests inject one). */
  readonly now?: () => number;
}

/**
 * What a finger on the canvas is doing: driving the tool, one of the two pinching fingers, resting
 * (no tool input, may still join a pinch), or rejected as a palm (ignored until lifted).
 */
type TouchRole = 'tool' | 'pinch' | 'idle' | 'rejected';

interface TouchPointer {
  role: TouchRole;
  at: ScreenPoint;
}

/** The editor bound to one element and one store. */
export class Editor {
  private state: ToolState;
  private readonly ctx: ToolContext;
  private activePointer: number | null = null;
  private readonly disposers: (() => void)[] = [];
  private readonly now: () => number;
  /** Fingers down on the canvas, by pointer id. */
  private readonly touches = new Map<number, TouchPointer>();
  /** Pens down on the canvas. */
  private readonly pens = new Set<number>();
  /** When the last pen lifted, or null when no pen has been used. */
  private penLiftedAt: number | null = null;
  private pinch: { readonly a: number; readonly b: number; readonly start: Pinch } | null = null;
  /** The store as it was when the finger now driving the tool went down. */
  private press: PressSnapshot | null = null;
  /** True while a handler of the current state runs. */
  private handling = false;
  /** Whether the store's tool changed while a handler ran; it is entered when the handler returns. */
  private toolSwitched = false;

  constructor(
    private readonly element: HTMLElement,
    store: AppStore,
    options: EditorOptions = {},
  ) {
    this.now = options.now ?? (() => performance.now());
    this.ctx = {
      store,
      canvasSize: () => {
        const r = element.getBoundingClientRect();
        return { width: r.width, height: r.height };
      },
    };
    this.state = ROOTS[store.getState().view.tool](this.ctx);
    this.disposers.push(store.subscribe((st) => st.view.tool, () => this.toolChanged()));
    this.listen(element, 'pointerdown', (e) => this.pointerDown(e as PointerEvent));
    this.listen(element, 'pointermove', (e) => this.pointerMove(e as PointerEvent));
    this.listen(element, 'pointerup', (e) => this.pointerUp(e as PointerEvent));
    this.listen(element, 'pointercancel', (e) => this.lost(e as PointerEvent));
    this.listen(element, 'lostpointercapture', (e) => this.lost(e as PointerEvent));
    this.listen(element, 'wheel', (e) => this.wheel(e as WheelEvent), { passive: false });
  }

  /** Current state id (tests read it). */
  get stateId(): string {
    return this.state.id;
  }

  /** Whether two fingers are pinching the view (tests read it). */
  get pinching(): boolean {
    return this.pinch !== null;
  }

  private listen(target: EventTarget, type: string, fn: (e: Event) => void, opts?: AddEventListenerOptions): void {
    target.addEventListener(type, fn, opts);
    this.disposers.push(() => target.removeEventListener(type, fn, opts));
  }

  private screen(e: PointerEvent | MouseEvent): ScreenPoint {
    const rect = this.element.getBoundingClientRect();
    return screenPoint(e.clientX - rect.left, e.clientY - rect.top);
  }

  private input(e: PointerEvent | MouseEvent): ToolInput {
    const screen = this.screen(e);
    return {
      screen,
      image: screenToImage(this.ctx.store.getState().view, screen),
      pointerType: 'pointerType' in e ? e.pointerType : 'mouse',
      button: e.button,
      shiftKey: e.shiftKey,
      altKey: e.altKey,
      detail: e.detail,
      pressure: 'pressure' in e && typeof e.pressure === 'number' ? e.pressure : 0.5,
    };
  }

  /** Runs a handler of the current state and moves to the state it returns, or to a tool it chose. */
  private dispatch(handler: () => ToolState | void | undefined): ToolState | void | undefined {
    this.handling = true;
    let next: ToolState | void | undefined;
    try {
      next = handler();
    } finally {
      this.handling = false;
    }
    const switched = this.toolSwitched;
    this.toolSwitched = false;
    // The handler's state leaves by a tool switch, not by its own transition: it is cancelled.
    if (switched) this.restart();
    else if (next) this.state = next;
    return next;
  }

  /** The store's tool changed: from outside, the state in progress is cancelled and the tool entered; from inside a handler, it waits for the handler to return. */
  private toolChanged(): void {
    if (this.handling) this.toolSwitched = true;
    else this.restart();
  }

  /** Cancels the state in progress and enters the store's tool at its first state; no press carries over. */
  private restart(): void {
    this.state.onCancel?.();
    this.state = ROOTS[this.ctx.store.getState().view.tool](this.ctx);
    this.activePointer = null;
    this.press = null;
    for (const t of this.touches.values()) if (t.role === 'tool') t.role = 'idle';
  }

  private capture(pointerId: number): void {
    try {
      this.element.setPointerCapture(pointerId);
    } catch {
      // Synthetic events in tests have no active pointer to capture; input still works.
    }
  }

  private pointerDown(e: PointerEvent): void {
    if (e.pointerType === 'touch') {
      this.touchDown(e);
      return;
    }
    if (e.pointerType === 'pen') {
      this.pens.add(e.pointerId);
      this.rejectTouches();
    } else if (this.pinch) {
      return;
    }
    if (e.button !== 0 || this.activePointer !== null) return;
    this.begin(e);
  }

  /** Hands a press to the tool. */
  private begin(e: PointerEvent): void {
    this.activePointer = e.pointerId;
    this.capture(e.pointerId);
    this.element.focus({ preventScroll: true });
    const input = this.input(e);
    this.dispatch(() => this.state.onPointerDown?.(input));
    e.preventDefault();
  }

  private touchDown(e: PointerEvent): void {
    e.preventDefault();
    const at = this.screen(e);
    if (this.pens.size > 0) {
      this.touches.set(e.pointerId, { role: 'rejected', at });
      return;
    }
    this.capture(e.pointerId);
    const partner = [...this.touches].find(([, t]) => t.role === 'tool' || t.role === 'idle');
    const otherPointerBusy = this.activePointer !== null && this.touches.get(this.activePointer)?.role !== 'tool';
    if (partner && !this.pinch && !otherPointerBusy) {
      const [partnerId, first] = partner;
      if (first.role === 'tool') this.withdrawTouch();
      first.role = 'pinch';
      this.touches.set(e.pointerId, { role: 'pinch', at });
      this.pinch = { a: partnerId, b: e.pointerId, start: startPinch(this.ctx.store.getState().view, first.at, at) };
      return;
    }
    const toTool = !partner && !this.pinch && this.activePointer === null && e.button === 0 && !this.inPalmGrace();
    this.touches.set(e.pointerId, { role: toTool ? 'tool' : 'idle', at });
    if (!toTool) return;
    this.press = snapshotPress(this.ctx.store);
    this.begin(e);
  }

  private inPalmGrace(): boolean {
    return this.penLiftedAt !== null && this.now() - this.penLiftedAt < PEN_PALM_GRACE_MS;
  }

  /** A pen landed: whatever fingers were doing is dropped, and they stay ignored until lifted. */
  private rejectTouches(): void {
    if (this.activePointer !== null && this.touches.get(this.activePointer)?.role === 'tool') this.withdrawTouch();
    this.pinch = null;
    for (const t of this.touches.values()) t.role = 'rejected';
  }

  /** Takes back the tool press of the finger driving the tool, as if it had never touched. */
  private withdrawTouch(): void {
    const press = this.press;
    this.restart();
    if (press) restorePress(this.ctx.store, press);
  }

  private pointerMove(e: PointerEvent): void {
    if (e.pointerType === 'touch') {
      const t = this.touches.get(e.pointerId);
      if (!t) return;
      t.at = this.screen(e);
      if (t.role === 'pinch') this.movePinch();
      if (t.role !== 'tool') return;
    }
    if (this.activePointer !== null && e.pointerId !== this.activePointer) return;
    const input = this.input(e);
    this.dispatch(() => this.state.onPointerMove?.(input));
  }

  private movePinch(): void {
    if (!this.pinch) return;
    const a = this.touches.get(this.pinch.a);
    const b = this.touches.get(this.pinch.b);
    if (a && b) setView(this.ctx.store, pinchCamera(this.pinch.start, a.at, b.at));
  }

  /** One pinching finger lifted: the other rests until it is lifted too (or a new finger joins it). */
  private endPinch(): void {
    if (!this.pinch) return;
    for (const id of [this.pinch.a, this.pinch.b]) {
      const t = this.touches.get(id);
      if (t) t.role = 'idle';
    }
    this.pinch = null;
  }

  /** Forgets a lifted (or cancelled) pen or finger; true when it was the finger driving the tool. */
  private release(pointerId: number): boolean {
    if (this.pens.delete(pointerId)) this.penLiftedAt = this.now();
    const t = this.touches.get(pointerId);
    if (!t) return false;
    this.touches.delete(pointerId);
    if (t.role === 'pinch') this.endPinch();
    if (t.role !== 'tool') return false;
    this.press = null;
    return true;
  }

  private pointerUp(e: PointerEvent): void {
    if (!this.release(e.pointerId) && e.pointerType === 'touch') return;
    if (e.pointerId !== this.activePointer) return;
    this.activePointer = null;
    const input = this.input(e);
    this.dispatch(() => this.state.onPointerUp?.(input));
  }

  private lost(e: PointerEvent): void {
    // A finger the browser or OS gives up on (often a palm) is taken back like one a pinch took over.
    if (e.pointerId === this.activePointer && this.touches.get(e.pointerId)?.role === 'tool') this.withdrawTouch();
    this.release(e.pointerId);
    if (this.activePointer === null || e.pointerId !== this.activePointer) return;
    this.restart();
  }

  private wheel(e: WheelEvent): void {
    e.preventDefault();
    const rect = this.element.getBoundingClientRect();
    const factor = Math.exp(-e.deltaY * (e.deltaMode === 1 ? 0.05 : 0.0015));
    const view = this.ctx.store.getState().view;
    setView(this.ctx.store, zoomAt(view, factor, screenPoint(e.clientX - rect.left, e.clientY - rect.top)));
  }

  /**
   * Offers a key event to the current tool, as the page's key handler receives it; true when the
   * tool used it (its default is then prevented). Keys with Ctrl, Cmd or Alt are never the tool's.
   */
  handleKeyEvent(e: KeyboardEvent): boolean {
    if (e.defaultPrevented || e.ctrlKey || e.metaKey || e.altKey) return false;
    const input: KeyInput = { shiftKey: e.shiftKey, onCanvas: this.owns(e.target) };
    if (!this.dispatch(() => this.state.onKey?.(e.key, input))) return false;
    e.preventDefault();
    return true;
  }

  /** Whether `target` is the canvas's element or inside it. */
  private owns(target: EventTarget | null): boolean {
    return target === this.element || (typeof Node !== 'undefined' && target instanceof Node && this.element.contains(target));
  }

  /** Removes every listener. */
  destroy(): void {
    this.state.onCancel?.();
    for (const d of this.disposers) d();
  }
}
