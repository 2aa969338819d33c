/**
 * Connects pointer, wheel and key events on the canvas to the current tool state. It knows
 * nothing of how tools work: it normalises input, asks the state, and switches to what it returns.
 *
 * Pointers: one pointer at a time drives the tool. Touch adds two things the editor handles itself:
 * two fingers pinch-zoom and pan the view (a press the first finger had started is withdrawn), and
 * palm rejection: while a pen is down every touch is ignored, and for a moment after the pen lifts a
 * single finger does not reach the tool (two fingers still pinch). Mouse input is never filtered.
 *
 * Keys: a key pressed while the canvas has the focus goes to the tool with its modifiers and
 * `onCanvas` set (the Draw area tool's keyboard cursor needs both); the page's own key handler
 * offers other keys through `handleKey`.
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

/** A key offered from outside the canvas (the page's shortcut handler): no modifiers. */
const OFF_CANVAS: KeyInput = { shiftKey: false, onCanvas: false };

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
    this.disposers.push(
      store.subscribe(
        (s) => s.view.tool,
        (tool) => {
          this.state.onCancel?.();
          this.state = ROOTS[tool](this.ctx);
          this.activePointer = null;
          this.press = null;
          for (const t of this.touches.values()) if (t.role === 'tool') t.role = 'idle';
        },
      ),
    );
    this.listen(element, 'pointerdown', (e) => this.pointerDown(e as PointerEvent));
    this.listen(element, 'pointermove', (e) => this.pointerMove(e as PointerEvent));
    this.listen(element, 'pointerup', (e) => this.pointerUp(e as PointerEvent));
    this.listen(element, 'pointercancel', (e) => this.lost(e as PointerEvent));
    this.listen(element, 'lostpointercapture', (e) => this.lost(e as PointerEvent));
    this.listen(element, 'wheel', (e) => this.wheel(e as WheelEvent), { passive: false });
    this.listen(element, 'keydown', (e) => this.keyDown(e as KeyboardEvent));
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

  private go(next: ToolState | void | undefined): void {
    if (next) this.state = next;
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
    this.go(this.state.onPointerDown?.(this.input(e)));
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
    this.activePointer = null;
    this.state.onCancel?.();
    this.state = ROOTS[this.ctx.store.getState().view.tool](this.ctx);
    if (this.press) restorePress(this.ctx.store, this.press);
    this.press = null;
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
    this.go(this.state.onPointerMove?.(this.input(e)));
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
    this.go(this.state.onPointerUp?.(this.input(e)));
  }

  private lost(e: PointerEvent): void {
    // A finger the browser or OS gives up on (often a palm) is taken back like one a pinch took over.
    if (e.pointerId === this.activePointer && this.touches.get(e.pointerId)?.role === 'tool') this.withdrawTouch();
    this.release(e.pointerId);
    if (this.activePointer === null || e.pointerId !== this.activePointer) return;
    this.activePointer = null;
    this.state.onCancel?.();
    this.state = ROOTS[this.ctx.store.getState().view.tool](this.ctx);
  }

  private wheel(e: WheelEvent): void {
    e.preventDefault();
    const rect = this.element.getBoundingClientRect();
    const factor = Math.exp(-e.deltaY * (e.deltaMode === 1 ? 0.05 : 0.0015));
    const view = this.ctx.store.getState().view;
    setView(this.ctx.store, zoomAt(view, factor, screenPoint(e.clientX - rect.left, e.clientY - rect.top)));
  }

  /** A key pressed on the focused canvas: the tool gets it first; a used key goes no further. */
  private keyDown(e: KeyboardEvent): void {
    if (e.defaultPrevented || e.ctrlKey || e.metaKey || e.altKey) return;
    if (this.handleKey(e.key, { shiftKey: e.shiftKey, onCanvas: true })) e.preventDefault();
  }

  /** Offers a key to the current tool; true when the tool used it. */
  handleKey(key: string, input: KeyInput = OFF_CANVAS): boolean {
    const before = this.state;
    const next = this.state.onKey?.(key, input);
    if (!next) return false;
    // A key that switched tools (Enter closing an outline returns to Select) already has the new tool's state.
    if (this.state === before) this.state = next;
    return true;
  }

  /** Removes every listener. */
  destroy(): void {
    this.state.onCancel?.();
    for (const d of this.disposers) d();
  }
}
