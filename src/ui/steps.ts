/**
 * The side panel as the steps of a consultation: Photo → Scale → Design → Plan → Show → Records.
 * One step's controls show at a time, under a row of tabs (the WAI-ARIA tabs pattern: arrow keys,
 * Home and End move between tabs and open them). The step is view state, so a tool opens its own
 * step (state/actions.ts TOOL_STEP) and the panel follows.
 */
import { setStep } from '../state/actions.ts';
import type { AppStore, StepId } from '../state/store.ts';

/** The steps in order, with the sentence that says what each is for. */
export const STEPS: readonly { readonly id: StepId; readonly label: string; readonly purpose: string }[] = [
  { id: 'photo', label: 'Photo', purpose: "The client's photo: what is open, and how to take one that measures well." },
  { id: 'scale', label: 'Scale', purpose: 'How many pixels make a centimetre, so densities and sizes are true.' },
  { id: 'design', label: 'Design', purpose: 'Areas, hairline, templates, density and the brush.' },
  { id: 'plan', label: 'Plan', purpose: 'The sessions: dates, shares of the density, dilutions and needles.' },
  { id: 'show', label: 'Show', purpose: 'What the client sees: each session, fresh or healed, years on, side by side.' },
  { id: 'records', label: 'Records', purpose: 'Client name, design files, the library, the PDF record, the calendar and aftercare.' },
];

/** The element of each step's page, by step. */
export type StepPages = Readonly<Record<StepId, HTMLElement>>;

/** Builds the tabs into `tablist` and shows the page of the store's step. */
export function mountSteps(store: AppStore, tablist: HTMLElement, pages: StepPages): () => void {
  const tabs = new Map<StepId, HTMLButtonElement>();
  STEPS.forEach((step, i) => {
    const tab = document.createElement('button');
    tab.type = 'button';
    tab.id = `tab-${step.id}`;
    tab.setAttribute('role', 'tab');
    tab.setAttribute('aria-controls', pages[step.id].id);
    tab.title = step.purpose;
    const number = document.createElement('span');
    number.className = 'step-number';
    number.setAttribute('aria-hidden', 'true');
    number.textContent = String(i + 1);
    tab.append(number, step.label);
    tab.addEventListener('click', () => setStep(store, step.id));
    tabs.set(step.id, tab);
    tablist.append(tab);
    // Each page opens with its step's name and what it is for.
    const heading = document.createElement('h2');
    heading.className = 'step-title';
    heading.textContent = `${i + 1}. ${step.label}`;
    const purpose = document.createElement('p');
    purpose.className = 'hint step-purpose';
    purpose.textContent = step.purpose;
    pages[step.id].prepend(heading, purpose);
  });
  tablist.addEventListener('keydown', (e) => {
    const order = STEPS.map((s) => s.id);
    const at = order.indexOf(store.getState().view.step);
    const next =
      e.key === 'ArrowRight' || e.key === 'ArrowDown'
        ? order[(at + 1) % order.length]
        : e.key === 'ArrowLeft' || e.key === 'ArrowUp'
          ? order[(at - 1 + order.length) % order.length]
          : e.key === 'Home'
            ? order[0]
            : e.key === 'End'
              ? order[order.length - 1]
              : undefined;
    if (!next) return;
    e.preventDefault();
    setStep(store, next);
    tabs.get(next)!.focus();
  });
  const show = (step: StepId): void => {
    for (const { id } of STEPS) {
      const selected = id === step;
      const tab = tabs.get(id)!;
      tab.setAttribute('aria-selected', String(selected));
      tab.tabIndex = selected ? 0 : -1;
      pages[id].hidden = !selected;
    }
  };
  const unsubscribe = store.subscribe((s) => s.view.step, show, { fireImmediately: true });
  return () => {
    unsubscribe();
    tablist.replaceChildren();
  };
}
