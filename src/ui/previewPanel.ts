/**
 * The Preview fieldset: which moment of the plan the canvas (and the export) shows. Before, after
 * session k or session k alone; fresh, settling or healed; and years after healing, with the
 * touch-up window marked. View state only: none of it is in the design or its undo history.
 */
import { MAX_YEARS, TOUCH_UP_YEARS, type HealingStage } from '../core/appearance.ts';
import type { Range } from '../core/document/limits.ts';
import { shownSession, type ShowState } from '../core/dots/dotLook.ts';
import { describeShow } from '../core/captions.ts';
import { setView } from '../state/actions.ts';
import type { AppState, AppStore } from '../state/store.ts';
import { checkbox, fieldset, hint, select, slider } from './controls.ts';

const YEARS_RANGE: Range = { min: 0, max: MAX_YEARS, step: 0.5, unit: 'years' };

/** Healing stages with the words the client hears. */
export const STAGES: readonly { id: HealingStage; label: string }[] = [
  { id: 'fresh', label: 'Fresh (days 0–3)' },
  { id: 'settling', label: 'Settling (about a week)' },
  { id: 'healed', label: 'Healed (4 weeks on)' },
];

/** Words about the touch-up window for a number of years after healing. */
export function touchUpNote(years: number): string {
  if (years < TOUCH_UP_YEARS.from) return `Touch-ups are usually advised after ${TOUCH_UP_YEARS.from}–${TOUCH_UP_YEARS.to} years.`;
  if (years <= TOUCH_UP_YEARS.to) return `Touch-up due: clinics usually advise one between ${TOUCH_UP_YEARS.from} and ${TOUCH_UP_YEARS.to} years.`;
  return `Past the usual touch-up time (${TOUCH_UP_YEARS.from}–${TOUCH_UP_YEARS.to} years): this is how it looks without one.`;
}

function setShow(store: AppStore, patch: Partial<ShowState>): void {
  setView(store, { show: { ...store.getState().view.show, ...patch } });
}

/** Options of the Show select for a plan of n sessions. */
function showOptions(n: number): { id: string; label: string }[] {
  return [{ id: '0', label: 'Before' }, ...Array.from({ length: n }, (_, i) => ({ id: String(i + 1), label: `After session ${i + 1}` }))];
}

/** Mounts the Preview fieldset into `panel`. */
export function mountPreviewPanel(panel: HTMLElement, store: AppStore): () => void {
  const fs = fieldset(panel, 'Preview', 'preview-panel');
  const session = select(fs, 'Show', showOptions(store.getState().design.sessions.length));
  session.addEventListener('change', () => setShow(store, { session: Number(session.value) }));
  const alone = checkbox(fs, "Only this session's dots");
  alone.addEventListener('change', () => setShow(store, { alone: alone.checked }));
  const stage = select<HealingStage>(fs, 'Healing', STAGES);
  stage.addEventListener('change', () => setShow(store, { stage: stage.value as HealingStage }));
  const years = slider(fs, store, {
    label: 'Years after healing',
    range: YEARS_RANGE,
    unitWords: 'years',
    read: (s: AppState) => (s.view.show.stage === 'healed' ? s.view.show.years : null),
    write: (v) => setShow(store, { years: v }),
    undoable: false,
  });
  const ticks = document.createElement('div');
  ticks.className = 'touch-up-band';
  ticks.setAttribute('aria-hidden', 'true');
  // The range input takes the row's width less the number field (86 px) and the gap (8 px).
  ticks.style.left = `calc((100% - 94px) * ${TOUCH_UP_YEARS.from / MAX_YEARS})`;
  ticks.style.width = `calc((100% - 94px) * ${(TOUCH_UP_YEARS.to - TOUCH_UP_YEARS.from) / MAX_YEARS})`;
  years.element.querySelector('.pair')?.prepend(ticks);
  const note = hint(fs);
  // The outline, handles, landmarks and guides drawn over the photo can be hidden to look at the dots alone.
  const overlay = checkbox(fs, 'Outlines, handles and guides over the photo');
  overlay.addEventListener('change', () => setView(store, { showOverlay: overlay.checked }));
  const status = hint(fs);
  status.id = 'show-status';
  status.setAttribute('role', 'status');

  const unsubscribers = [
    store.subscribe(
      (s) => s.view.showOverlay,
      (on) => (overlay.checked = on),
      { fireImmediately: true },
    ),
    store.subscribe(
      (s) => s.design.sessions.length,
      (n) => {
        session.replaceChildren(
          ...showOptions(n).map((o) => Object.assign(document.createElement('option'), { value: o.id, textContent: o.label })),
        );
        session.value = String(shownSession(store.getState().design, store.getState().view.show));
      },
    ),
    store.subscribe(
      (s) => [s.view.show, s.design.sessions] as const,
      ([show]) => {
        const design = store.getState().design;
        session.value = String(shownSession(design, show));
        alone.checked = show.alone;
        alone.disabled = shownSession(design, show) === 0;
        stage.value = show.stage;
        stage.disabled = shownSession(design, show) === 0;
        note.textContent = show.stage === 'healed' ? touchUpNote(show.years) : 'Years apply to healed work.';
        status.textContent = `Showing: ${describeShow(design, show)}.`;
      },
      { fireImmediately: true, equalityFn: (a, b) => a[0] === b[0] && a[1] === b[1] },
    ),
  ];
  return () => {
    years.dispose();
    for (const u of unsubscribers) u();
    fs.remove();
  };
}
