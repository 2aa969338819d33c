/**
 * Questions the panels ask of the state, answered from its source values in one place.
 */
import type { AppState } from './store.ts';

/** Whether the last undo step created the area: it is absent from the design before that step. */
export function isNewArea(s: AppState, areaId: string): boolean {
  const before = s.history.past.at(-1);
  return before !== undefined && !before.areas.some((a) => a.id === areaId);
}
