/** The Mark hairline tool: click an outline edge to make it hairline, or plain edge again. */
import { hitEdge, hitRadiusPx } from '../hitTest.ts';
import { toggleHairlineEdge } from '../../state/actions.ts';
import type { ToolContext, ToolState } from '../ToolState.ts';

/** Waiting for edge clicks. */
export function markingHairline(ctx: ToolContext): ToolState {
  const { store } = ctx;
  return {
    id: 'hairline.idle',
    onPointerDown(input) {
      const { design, view } = store.getState();
      const edge = hitEdge(design, view, input.screen, hitRadiusPx(input.pointerType));
      if (edge) toggleHairlineEdge(store, edge.areaId, edge.edge);
      return undefined;
    },
  };
}
