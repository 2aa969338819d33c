/**
 * Small builders for labelled controls made in code: a fieldset, a slider with its number field
 * (both named, with the unit in the accessible name), a select, a checkbox and a button. Each
 * returns its element and a disposer for the store subscription it makes.
 */
import { inRange, type Range } from '../core/document/limits.ts';
import { beginGesture, endGesture, notify } from '../state/actions.ts';
import type { AppState, AppStore } from '../state/store.ts';

let uid = 0;
const nextId = (prefix: string): string => `${prefix}-${++uid}`;

/** A fieldset with a legend, appended to `parent`. */
export function fieldset(parent: HTMLElement, legend: string, id?: string): HTMLFieldSetElement {
  const fs = document.createElement('fieldset');
  if (id) fs.id = id;
  const lg = document.createElement('legend');
  lg.textContent = legend;
  fs.append(lg);
  parent.append(fs);
  return fs;
}

/** The folding sections of the Design step, an accordion with one open at a time (index.html's Areas and measurements is one of them). */
export const DESIGN_SECTIONS = 'design-sections';

/**
 * A fieldset that folds away under its name (a details element): a step's occasional controls stay
 * one click away without making the step tall. The fieldset keeps its legend (hidden on screen, as
 * the summary shows it) so it is still a group with that name. Folds of one `group` form an
 * accordion: opening one closes the others (the details elements share a name).
 */
export function foldingFieldset(
  parent: HTMLElement,
  legend: string,
  options: { readonly id?: string; readonly group?: string } = {},
): { fieldset: HTMLFieldSetElement; details: HTMLDetailsElement } {
  const { id, group } = options;
  const details = document.createElement('details');
  details.className = 'fold';
  if (group) details.name = group;
  const summary = document.createElement('summary');
  summary.textContent = legend;
  details.append(summary);
  parent.append(details);
  const fs = fieldset(details, legend, id);
  fs.querySelector('legend')!.className = 'visually-hidden';
  return { fieldset: fs, details };
}

/** Opens a fold for the tool that needs it and brings it into the panel's view. */
export function unfold(details: HTMLDetailsElement): void {
  if (!details.open) details.open = true;
  details.scrollIntoView({ block: 'nearest' });
}

/** An element of index.html by its id; a missing one is a build mistake, said at once. */
export function byId<T extends HTMLElement>(id: string): T {
  const el = document.getElementById(id);
  if (!el) throw new Error(`Missing #${id} in index.html`);
  return el as T;
}

/** A hint paragraph. */
export function hint(parent: HTMLElement, text = ''): HTMLParagraphElement {
  const p = document.createElement('p');
  p.className = 'hint';
  p.textContent = text;
  parent.append(p);
  return p;
}

/** What a slider and its number field are bound to. */
export interface SliderBinding {
  /** The value's name in sentences, e.g. "Density". */
  readonly name: string;
  readonly range: Range;
  readonly read: (s: AppState) => number | null;
  /** Writes a value (one undo step per drag when `undoable`). */
  readonly write: (value: number) => void;
  /** Whether a drag is one undo step (design values) or no step at all (view values). */
  readonly undoable: boolean;
  /** The value as announced with its unit (the slider's aria-valuetext); "value unit" by default. */
  readonly valueText?: (value: number) => string;
  /** What a refused typed value leaves unchanged, as a sentence; "Nothing was changed." by default. */
  readonly unchanged?: string;
}

export interface SliderOptions extends Omit<SliderBinding, 'name'> {
  readonly label: string;
  /** Unit as spoken, for the accessible name of the number field (e.g. "millimetres"). */
  readonly unitWords: string;
}

/**
 * Marks a typed value as refused: the field keeps what was typed (so it can be read and fixed), is
 * marked invalid, and the sentence saying why sits right below its row (and is its description).
 */
export function refuseTyped(number: HTMLInputElement, sentence: string): void {
  const row = number.closest('.pair') ?? number;
  let message = row.nextElementSibling as HTMLElement | null;
  if (!message?.classList.contains('field-error')) {
    message = document.createElement('p');
    message.className = 'field-error';
    message.id = nextId('field-error');
    row.after(message);
  }
  message.textContent = sentence;
  number.setAttribute('aria-invalid', 'true');
  number.setAttribute('aria-describedby', message.id);
}

/** Clears a refusal once the field holds an accepted value again. */
export function clearRefusal(number: HTMLInputElement): void {
  if (number.getAttribute('aria-invalid') !== 'true') return;
  number.removeAttribute('aria-invalid');
  const id = number.getAttribute('aria-describedby');
  number.removeAttribute('aria-describedby');
  if (id) document.getElementById(id)?.remove();
}

/** A range slider and a number field made under `parent` and bound to one value. */
export function slider(parent: HTMLElement, store: AppStore, o: SliderOptions): { element: HTMLDivElement; dispose: () => void } {
  const div = document.createElement('div');
  div.className = 'field';
  const id = nextId('slider');
  const label = document.createElement('label');
  label.htmlFor = id;
  label.textContent = o.label;
  const row = document.createElement('div');
  row.className = 'pair';
  const range = document.createElement('input');
  range.type = 'range';
  range.id = id;
  const number = document.createElement('input');
  number.type = 'number';
  number.setAttribute('aria-label', `${o.label} in ${o.unitWords}`);
  row.append(range, number);
  div.append(label, row);
  parent.append(div);
  return { element: div, dispose: bindSlider(store, range, number, { ...o, name: o.label }) };
}

/**
 * Binds a range slider and a number field to one value: the slider writes as it moves, the field
 * when a value is typed; out-of-range typing is refused plainly and stays in the field, marked.
 * Both follow the store. Returns the unbinding.
 */
export function bindSlider(store: AppStore, range: HTMLInputElement, number: HTMLInputElement, o: SliderBinding): () => void {
  for (const el of [range, number]) {
    el.min = String(o.range.min);
    el.max = String(o.range.max);
    el.step = String(o.range.step);
  }
  const withUnit = (v: number | string): string => `${v} ${o.range.unit}`.trim();
  const onInput = (): void => {
    if (o.undoable) beginGesture(store);
    o.write(Number(range.value));
  };
  const onChange = (): void => {
    if (o.undoable) endGesture(store);
  };
  const onNumber = (): void => {
    const value = Number(number.value);
    if (number.value.trim() === '' || !inRange(value, o.range)) {
      const why = number.value.trim() === '' ? 'the field was empty' : `${number.value} is outside that`;
      const sentence = `${o.name} must be between ${o.range.min} and ${withUnit(o.range.max)}; ${why}. ${o.unchanged ?? 'Nothing was changed.'}`;
      notify(store, 'error', sentence);
      const now = o.read(store.getState());
      refuseTyped(number, `${sentence} Still ${now === null ? 'unset' : withUnit(now)}.`);
      return;
    }
    clearRefusal(number);
    o.write(value);
  };
  range.addEventListener('input', onInput);
  range.addEventListener('change', onChange);
  number.addEventListener('change', onNumber);
  const unsubscribe = store.subscribe(
    (s) => o.read(s),
    (v) => {
      const disabled = v === null;
      range.disabled = disabled;
      number.disabled = disabled;
      if (v === null) return;
      range.value = String(v);
      if (document.activeElement !== number) {
        number.value = String(Math.round(v * 1000) / 1000);
        clearRefusal(number);
      }
      range.setAttribute('aria-valuetext', o.valueText ? o.valueText(v) : withUnit(Math.round(v * 100) / 100));
    },
    { fireImmediately: true },
  );
  return () => {
    range.removeEventListener('input', onInput);
    range.removeEventListener('change', onChange);
    number.removeEventListener('change', onNumber);
    unsubscribe();
  };
}

/** A labelled select. */
export function select<T extends string>(parent: HTMLElement, label: string, options: readonly { id: T; label: string }[]): HTMLSelectElement {
  const div = document.createElement('div');
  div.className = 'field';
  const id = nextId('select');
  const lab = document.createElement('label');
  lab.htmlFor = id;
  lab.textContent = label;
  const sel = document.createElement('select');
  sel.id = id;
  sel.replaceChildren(
    ...options.map((opt) => {
      const el = document.createElement('option');
      el.value = opt.id;
      el.textContent = opt.label;
      return el;
    }),
  );
  div.append(lab, sel);
  parent.append(div);
  return sel;
}

/** A labelled checkbox. */
export function checkbox(parent: HTMLElement, label: string): HTMLInputElement {
  const lab = document.createElement('label');
  lab.className = 'check';
  const box = document.createElement('input');
  box.type = 'checkbox';
  lab.append(box, document.createTextNode(` ${label}`));
  parent.append(lab);
  return box;
}

/** A button. */
export function button(parent: HTMLElement, label: string, onClick: () => void, accessibleName?: string): HTMLButtonElement {
  const b = document.createElement('button');
  b.type = 'button';
  b.textContent = label;
  if (accessibleName) b.setAttribute('aria-label', accessibleName);
  b.addEventListener('click', onClick);
  parent.append(b);
  return b;
}

/** A labelled input of `type` in a field div: the label names it for assistive technology. */
export function labelledInput(parent: HTMLElement, label: string, type: string, id: string): HTMLInputElement {
  const div = document.createElement('div');
  div.className = 'field';
  const lab = document.createElement('label');
  lab.htmlFor = id;
  lab.textContent = label;
  const input = document.createElement('input');
  input.type = type;
  input.id = id;
  div.append(lab, input);
  parent.append(div);
  return input;
}
