/**
 * The Set scale tool: click two points a known distance apart on the photo; the panel then asks
 * for the distance in cm. A third click starts a new pair. Escape clears the points.
 */
import { setView } from '../../state/actions.ts';
import type { ToolContext, ToolState } from '../ToolState.ts';

/** Collecting the two ruler points. */
export function calibrating(ctx: ToolContext): ToolState {
  const { store } = ctx;
  return {
    id: 'calibrate.picking',
    onPointerDown(input) {
      const pts = store.getState().view.calibration;
      setView(store, { calibration: pts.length >= 2 ? [input.image] : [...pts, input.image] });
      return undefined;
    },
    onKey(key) {
      if (key !== 'Escape' || store.getState().view.calibration.length === 0) return undefined;
      setView(store, { calibration: [] });
      return calibrating(ctx);
    },
  };
}
