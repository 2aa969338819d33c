/**
 * The Dots fieldset: Density, Transition zone and Placement of the finished design, each in its
 * unit (each session's Dot size and Dilution are in the Sessions fieldset).
 * A slider drag is one undo step; a typed value outside the range is refused with a sentence, and
 * stays in its field, marked, with the sentence below it, until it is fixed or the value changes.
 */
import { DENSITY_RANGE, PLACEMENT_RANGE, TRANSITION_RANGE, inRange, type Range } from '../core/document/limits.ts';
import type { DotParams } from '../core/document/types.ts';
import { spacingMmForDensity } from '../core/units.ts';
import { beginGesture, endGesture, notify, setDotParams } from '../state/actions.ts';
import type { AppStore } from '../state/store.ts';
import { byId, clearRefusal, refuseTyped } from './controls.ts';

type NumericKey = keyof DotParams;

const NAMES: Record<NumericKey, string> = { densityPerCm2: 'Density', transitionMm: 'Transition zone', placementPercent: 'Placement' };

/** Binds a range + number pair to one numeric dot parameter. */
function bindPair(store: AppStore, key: NumericKey, rangeId: string, range: Range): () => void {
  const slider = byId<HTMLInputElement>(rangeId);
  const number = byId<HTMLInputElement>(`${rangeId}-number`);
  for (const el of [slider, number]) {
    el.min = String(range.min);
    el.max = String(range.max);
    el.step = String(range.step);
  }
  slider.setAttribute('aria-valuetext', '');
  const onInput = (): void => {
    beginGesture(store);
    setDotParams(store, { [key]: Number(slider.value) } as Partial<DotParams>);
  };
  const onChange = (): void => endGesture(store);
  const onNumber = (): void => {
    const value = Number(number.value);
    if (number.value.trim() === '' || !inRange(value, range)) {
      const sentence = `${NAMES[key]} must be between ${range.min} and ${range.max} ${range.unit}; ${number.value.trim() === '' ? 'the field was empty' : `${number.value} is outside that`}. The design is unchanged.`;
      notify(store, 'error', sentence);
      refuseTyped(number, `${sentence} Still ${store.getState().design.dots[key]} ${range.unit}.`);
      return;
    }
    clearRefusal(number);
    setDotParams(store, { [key]: value } as Partial<DotParams>);
  };
  slider.addEventListener('input', onInput);
  slider.addEventListener('change', onChange);
  number.addEventListener('change', onNumber);
  const unsubscribe = store.subscribe(
    (s) => s.design.dots[key],
    (v) => {
      slider.value = String(v);
      if (document.activeElement !== number) {
        number.value = String(v);
        clearRefusal(number);
      }
      slider.setAttribute('aria-valuetext', `${v} ${range.unit}`);
    },
    { fireImmediately: true },
  );
  return () => {
    slider.removeEventListener('input', onInput);
    slider.removeEventListener('change', onChange);
    number.removeEventListener('change', onNumber);
    unsubscribe();
  };
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
