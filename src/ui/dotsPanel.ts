/**
 * The Dots fieldset: Density, Transition zone and Placement of the finished design, each in its
 * unit (each session's Dot size and Dilution are in the Sessions fieldset).
 * A slider drag is one undo step; a typed value outside the range is refused with a sentence, and
 * stays in its field, marked, with the sentence below it, until it is fixed or the value changes.
 */
import { DENSITY_RANGE, PLACEMENT_RANGE, TRANSITION_RANGE, type Range } from '../core/document/limits.ts';
import type { DotParams } from '../core/document/types.ts';
import { spacingMmForDensity } from '../core/units.ts';
import { setDotParams } from '../state/actions.ts';
import type { AppStore } from '../state/store.ts';
import { bindSlider, byId } from './controls.ts';

type NumericKey = keyof DotParams;

const NAMES: Record<NumericKey, string> = { densityPerCm2: 'Density', transitionMm: 'Transition zone', placementPercent: 'Placement' };

/** Binds the slider `rangeId` and its number field (`rangeId`-number) in index.html to one dot parameter. */
function bindPair(store: AppStore, key: NumericKey, rangeId: string, range: Range): () => void {
  return bindSlider(store, byId<HTMLInputElement>(rangeId), byId<HTMLInputElement>(`${rangeId}-number`), {
    name: NAMES[key],
    range,
    read: (s) => s.design.dots[key],
    write: (value) => setDotParams(store, { [key]: value } as Partial<DotParams>),
    undoable: true,
    unchanged: 'The design is unchanged.',
  });
}

/** Mounts the Dots fieldset. */
export function mountDotsPanel(store: AppStore): () => void {
  const spacing = byId('density-spacing');
  const placement = byId('placement-hint');
  const disposers = [
    bindPair(store, 'densityPerCm2', 'density', DENSITY_RANGE),
    bindPair(store, 'transitionMm', 'transition', TRANSITION_RANGE),
    bindPair(store, 'placementPercent', 'placement', PLACEMENT_RANGE),
    store.subscribe(
      (s) => s.design.dots.placementPercent,
      (p) => {
        placement.textContent =
          p === 0 ? 'Even: every dot in its ideal place.' : p >= 100 ? 'Natural: as uneven as hand-placed work measures in photos.' : `${p} % of the way to natural hand placement.`;
      },
      { fireImmediately: true },
    ),
    store.subscribe(
      (s) => s.design.dots.densityPerCm2,
      (density) => {
        spacing.textContent = `About ${spacingMmForDensity(density).toFixed(2)} mm between dots.`;
      },
      { fireImmediately: true },
    ),
  ];
  return () => {
    for (const d of disposers) d();
  };
}
