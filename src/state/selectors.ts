/**
 * Questions the panels ask of the state, answered from its source values in one place.
 */
import { estimateDots, fieldInputs } from '../core/dots/densityField.ts';
import { sessionFractions } from '../core/sessions.ts';
import type { AppState } from './store.ts';

/** Whether the last undo step created the area: it is absent from the design before that step. */
export function isNewArea(s: AppState, areaId: string): boolean {
  const before = s.history.past.at(-1);
  const view = before?.document.views[before.viewIndex];
  return before !== undefined && before.viewIndex === s.viewIndex && view !== undefined && !view.areas.some((a) => a.id === areaId);
}

/** What the dot estimates depend on, to subscribe to: the field's inputs, Density and its ceiling. */
export function estimateInputs(s: AppState): readonly unknown[] {
  return [...fieldInputs(s.design), s.design.dots.densityPerCm2, s.design.maxDensityPerCm2];
}

/** Estimated dots per area and in total for the design as it is now (the renderer's field, counted). */
export function dotEstimates(s: AppState): { perArea: number[]; total: number } {
  return estimateDots(s.design);
}

/** Estimated dots placed in each session of the plan. */
export function sessionDotEstimates(s: AppState): number[] {
  const { total } = dotEstimates(s);
  return sessionFractions(s.design.sessions).map((f) => total * f);
}
