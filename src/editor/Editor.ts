/**
 * Connects pointer, wheel and key events on the canvas to the current tool state. It knows
 * nothing of how tools work: it normalises input, asks the state, and switches to what it returns.
 */
import { screenPoint } from '../core/math/types.ts';
import { setView } from '../state/actions.ts';
import type { AppStore, ToolId } from '../state/store.ts';
import type { ToolContext, ToolInput, ToolState } from './ToolState.ts';
import { calibrating } from './tools/calibrateTool.ts';
import { drawing } from './tools/drawTool.ts';
import { brushing } from './tools/brushTool.ts';
import { markingHairline } from './tools/hairlineTool.ts';
import { placingLandmarks } from './tools/landmarksTool.ts';
import { selectIdle } from './tools/selectTool.ts';
import { screenToImage, zoomAt } from './viewport.ts';

const ROOTS: Record<ToolId, (ctx: ToolContext) => ToolState> = {
  select: selectIdle,
  draw: drawing,
  calibrate: calibrating,
  hairline: markingHairline,
  landmarks: placingLandmarks,
  brush: brushing,
};

/** The editor bound to one element and one store. */
export class Editor {
  private state: ToolState;
  private readonly ctx: ToolContext;
  private activePointer: number | null = null;
  private readonly disposers: (() => void)[] = [];

  constructor(
    private readonly element: HTMLElement,
    store: AppStore,
  ) {
    this.ctx = { store };
    this.state = ROOTS[store.getState().view.tool](this.ctx);
    this.disposers.push(
      store.subscribe(
        (s) => s.view.tool,
        (tool) => {
          this.state.onCancel?.();
          this.state = ROOTS[tool](this.ctx);
          this.activePointer = null;
        },
      ),
    );
    this.listen(element, 'pointerdown', (e) => this.pointerDown(e as PointerEvent));
    this.listen(element, 'pointermove', (e) => this.pointerMove(e as PointerEvent));
    this.listen(element, 'pointerup', (e) => this.pointerUp(e as PointerEvent));
    this.listen(element, 'pointercancel', () => this.lost());
    this.listen(element, 'lostpointercapture', () => this.lost());
    this.listen(element, 'wheel', (e) => this.wheel(e as WheelEvent), { passive: false });
  }

  /** Current state id (tests read it). */
  get stateId(): string {
    return this.state.id;
  }

  private listen(target: EventTarget, type: string, fn: (e: Event) => void, opts?: AddEventListenerOptions): void {
    target.addEventListener(type, fn, opts);
    this.disposers.push(() => target.removeEventListener(type, fn, opts));
  }

  private input(e: PointerEvent | MouseEvent): ToolInput {
    const rect = this.element.getBoundingClientRect();
    const screen = screenPoint(e.clientX - rect.left, e.clientY - rect.top);
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

  private pointerDown(e: PointerEvent): void {
    if (e.button !== 0 || this.activePointer !== null) return;
    this.activePointer = e.pointerId;
    try {
      this.element.setPointerCapture(e.pointerId);
    } catch {
      // Synthetic events in tests have no active pointer to capture; input still works.
    }
    this.element.focus({ preventScroll: true });
    this.go(this.state.onPointerDown?.(this.input(e)));
    e.preventDefault();
  }

  private pointerMove(e: PointerEvent): void {
    if (this.activePointer !== null && e.pointerId !== this.activePointer) return;
    this.go(this.state.onPointerMove?.(this.input(e)));
  }

  private pointerUp(e: PointerEvent): void {
    if (e.pointerId !== this.activePointer) return;
    this.activePointer = null;
    this.go(this.state.onPointerUp?.(this.input(e)));
  }

  private lost(): void {
    if (this.activePointer === null) return;
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

  /** Offers a key to the current tool; true when the tool used it. */
  handleKey(key: string): boolean {
    const next = this.state.onKey?.(key);
    if (!next) return false;
    this.state = next;
    return true;
  }

  /** Removes every listener. */
  destroy(): void {
    this.state.onCancel?.();
    for (const d of this.disposers) d();
  }
}
