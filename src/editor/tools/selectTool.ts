/**
 * The Select tool: drag control points, double-click an edge to insert a point, Delete removes the
 * selected point, drag empty space to pan. A drag is one undo step; Escape puts the point back.
 */
import { imagePoint } from '../../core/math/types.ts';
import { imageToScreen, panBy } from '../viewport.ts';
import { hitEdge, hitPoint, hitRadiusPx } from '../hitTest.ts';
import { beginGesture, cancelGesture, deleteAreaPoint, finishPointDrag, insertAreaPoint, moveAreaPoint, setView } from '../../state/actions.ts';
import type { ToolContext, ToolInput, ToolState } from '../ToolState.ts';
import type { ViewState } from '../../state/store.ts';

/** Idle: waiting for a press. */
export function selectIdle(ctx: ToolContext): ToolState {
  const { store } = ctx;
  return {
    id: 'select.idle',
    onPointerDown(input: ToolInput) {
      const { design, view } = store.getState();
      const radius = hitRadiusPx(input.pointerType);
      if (view.compare.on && hitDivider(design.photo.widthPx, view, input.screen.x, radius)) return draggingDivider(ctx);
      const point = hitPoint(design, view, input.screen, radius);
      if (point) {
        setView(store, { selection: { areaId: point.areaId, pointIndex: point.index } });
        return draggingPoint(ctx, point.areaId, point.index);
      }
      const edge = hitEdge(design, view, input.screen, radius);
      if (edge && input.detail >= 2) {
        insertAreaPoint(store, edge.areaId, edge.edge, input.image);
        return draggingPoint(ctx, edge.areaId, edge.edge + 1);
      }
      if (edge) {
        setView(store, { selection: { areaId: edge.areaId, pointIndex: null } });
        return undefined;
      }
      setView(store, { selection: null });
      return panning(ctx, input);
    },
    onKey(key) {
      const { view, design } = store.getState();
      const sel = view.selection;
      if ((key === 'Delete' || key === 'Backspace') && sel && sel.pointIndex !== null) {
        deleteAreaPoint(store, sel.areaId, sel.pointIndex);
        return selectIdle(ctx);
      }
      if ((key === '[' || key === ']') && design.areas.length > 0) {
        const area = design.areas.find((a) => a.id === sel?.areaId) ?? design.areas[0]!;
        const n = area.points.length;
        const current = sel?.areaId === area.id && sel.pointIndex !== null ? sel.pointIndex : key === ']' ? -1 : 0;
        setView(store, { selection: { areaId: area.id, pointIndex: (current + (key === ']' ? 1 : -1) + n) % n } });
        return selectIdle(ctx);
      }
      const step = NUDGE[key];
      if (step && sel && sel.pointIndex !== null) {
        const p = design.areas.find((a) => a.id === sel.areaId)?.points[sel.pointIndex];
        if (!p) return undefined;
        beginGesture(store);
        moveAreaPoint(store, sel.areaId, sel.pointIndex, imagePoint(p.x + step[0] / view.zoom, p.y + step[1] / view.zoom));
        finishPointDrag(store, sel.areaId);
        return selectIdle(ctx);
      }
      return undefined;
    },
  };
}

/** Arrow keys move the selected point by two screen pixels (Shift is not needed: hold the key to repeat). */
const NUDGE: Record<string, readonly [number, number]> = { ArrowLeft: [-2, 0], ArrowRight: [2, 0], ArrowUp: [0, -2], ArrowDown: [0, 2] };

/** Dragging one control point. */
function draggingPoint(ctx: ToolContext, areaId: string, index: number): ToolState {
  const { store } = ctx;
  beginGesture(store);
  return {
    id: 'select.dragging_point',
    onPointerMove(input) {
      moveAreaPoint(store, areaId, index, input.image);
    },
    onPointerUp() {
      finishPointDrag(store, areaId);
      return selectIdle(ctx);
    },
    onKey(key) {
      if (key !== 'Escape') return undefined;
      cancelGesture(store);
      return selectIdle(ctx);
    },
    onCancel() {
      cancelGesture(store);
    },
  };
}

/** Whether a screen x is on the before/after divider (within the pointer's reach). */
function hitDivider(photoWidthPx: number, view: ViewState, screenX: number, radius: number): boolean {
  const x = imageToScreen(view, imagePoint(view.compare.split * photoWidthPx, 0)).x;
  return Math.abs(screenX - x) <= Math.max(radius, 12);
}

/** Dragging the before/after divider (view state: no undo step). */
function draggingDivider(ctx: ToolContext): ToolState {
  const { store } = ctx;
  return {
    id: 'select.dragging_divider',
    onPointerMove(input) {
      const { design, view } = store.getState();
      const split = Math.min(1, Math.max(0, input.image.x / design.photo.widthPx));
      setView(store, { compare: { ...view.compare, split } });
    },
    onPointerUp() {
      return selectIdle(ctx);
    },
  };
}

/** Dragging the view. */
function panning(ctx: ToolContext, start: ToolInput): ToolState {
  const { store } = ctx;
  let last = start.screen;
  return {
    id: 'select.panning',
    onPointerMove(input) {
      const view = store.getState().view;
      const cam = panBy(view, input.screen.x - last.x, input.screen.y - last.y);
      last = input.screen;
      setView(store, cam);
    },
    onPointerUp() {
      return selectIdle(ctx);
    },
  };
}
