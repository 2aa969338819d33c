/**
 * The aftercare plan: in the Records step, a short summary and a button; the plan itself opens in
 * its own wide dialog, dated as the client will read it, where the clinic can edit, remove, add to
 * and restore its lines. The edits are part of the design (undo, save). "Print aftercare" prints
 * the plan alone (print stylesheet).
 */
import { ADDED_DAY_RANGE, addLine, buildAftercare, editLine, removeLine, type AftercareEdits, type AftercareLine } from '../core/aftercare.ts';
import { formatDate } from '../core/format.ts';
import { commit, notify } from '../state/actions.ts';
import type { AppStore } from '../state/store.ts';
import { button, fieldset, hint, labelledInput, select } from './controls.ts';

/** Longest line text the clinic can type, characters (the document keeps no more). */
const LINE_MAX = 500;

function setEdits(store: AppStore, aftercare: AftercareEdits): void {
  const { design } = store.getState();
  if (aftercare !== design.aftercare) commit(store, { ...design, aftercare });
}

/** The plan as a printable list element (also used by the print view). */
function lineItem(store: AppStore, line: AftercareLine): HTMLLIElement {
  const li = document.createElement('li');
  li.dataset.key = line.key;
  const head = document.createElement('strong');
  head.textContent = line.endDate ? `${line.title} (until ${formatDate(line.endDate)})` : line.title;
  const text = document.createElement('span');
  text.textContent = ` ${line.text}`;
  const body = document.createElement('p');
  body.append(head, text);
  if (line.edited || line.added) {
    const mark = document.createElement('em');
    mark.className = 'hint';
    mark.textContent = line.added ? ' (added by the clinic)' : ' (edited by the clinic)';
    body.append(mark);
  }
  const tools = document.createElement('div');
  tools.className = 'row no-print';
  const edit = button(tools, 'Edit', () => {
    const area = document.createElement('textarea');
    area.value = line.text;
    area.maxLength = LINE_MAX;
    area.rows = 3;
    area.setAttribute('aria-label', `Text of “${line.title}”`);
    const save = document.createElement('button');
    save.type = 'button';
    save.textContent = 'Save line';
    save.addEventListener('click', () => {
      const value = area.value.trim();
      if (value === '') {
        notify(store, 'error', 'A line needs some text; use Remove to drop it. The plan is unchanged.');
        return;
      }
      setEdits(store, editLine(store.getState().design.aftercare, line.key, value));
    });
    tools.replaceChildren(area, save);
    area.focus();
  });
  edit.setAttribute('aria-label', `Edit “${line.title}”${line.date ? ` on ${formatDate(line.date)}` : ''}`);
  const remove = button(tools, 'Remove', () => setEdits(store, removeLine(store.getState().design.aftercare, line.key)));
  remove.setAttribute('aria-label', `Remove “${line.title}”${line.date ? ` on ${formatDate(line.date)}` : ''}`);
  li.append(body, tools);
  return li;
}

/** Mounts the Aftercare plan summary into `panel` and its dialog into the page. */
export function mountAftercarePanel(panel: HTMLElement, store: AppStore): () => void {
  const summaryBox = fieldset(panel, 'Aftercare plan');
  const summary = hint(summaryBox);
  summary.setAttribute('role', 'status');
  const dialog = document.createElement('dialog');
  dialog.id = 'aftercare-dialog';
  dialog.setAttribute('aria-labelledby', 'aftercare-title');
  document.body.append(dialog);
  // Not modal: the app's notices (a refused line, say) stay readable and dismissable beside it.
  const openButton = button(summaryBox, 'Open aftercare plan', () => {
    if (!dialog.open) dialog.show();
    heading.focus();
  });
  openButton.setAttribute('aria-haspopup', 'dialog');
  dialog.addEventListener('keydown', (e) => {
    if (e.key !== 'Escape') return;
    e.preventDefault();
    e.stopPropagation();
    dialog.close();
  });
  dialog.addEventListener('close', () => openButton.focus());

  const heading = document.createElement('h2');
  heading.id = 'aftercare-title';
  heading.tabIndex = -1;
  heading.textContent = 'Aftercare plan';
  const client = document.createElement('p');
  client.className = 'aftercare-client';
  const fs = document.createElement('div');
  fs.id = 'aftercare-panel';
  dialog.append(heading, client, fs);
  hint(fs, 'Dates follow the session plan. Edit, remove or add lines for this client; the changes are saved with the design.').classList.add('no-print');
  const list = document.createElement('div');
  list.className = 'aftercare-list';
  list.id = 'aftercare-list';
  fs.append(list);

  const add = fieldset(fs, 'Add a line');
  add.className = 'no-print';
  const session = select(add, 'For session', []);
  const day = Object.assign(labelledInput(add, 'Days after that session', 'number', 'aftercare-add-day'), { min: String(ADDED_DAY_RANGE.min), max: String(ADDED_DAY_RANGE.max), step: '1', value: '1' });
  const title = Object.assign(labelledInput(add, 'Title', 'text', 'aftercare-add-title'), { maxLength: 80 });
  const text = Object.assign(labelledInput(add, 'Text', 'text', 'aftercare-add-text'), { maxLength: LINE_MAX });
  button(add, 'Add line', () => {
    const days = Number(day.value);
    if (day.value.trim() === '' || !Number.isInteger(days) || days < ADDED_DAY_RANGE.min || days > ADDED_DAY_RANGE.max) {
      notify(store, 'error', `Days after the session must be a whole number from ${ADDED_DAY_RANGE.min} to ${ADDED_DAY_RANGE.max}; ${day.value || 'nothing'} is not. The plan is unchanged.`);
      return;
    }
    if (title.value.trim() === '' || text.value.trim() === '') {
      notify(store, 'error', 'A new line needs a title and a text. The plan is unchanged.');
      return;
    }
    const s = session.value === '' ? null : Number(session.value);
    setEdits(store, addLine(store.getState().design.aftercare, { session: s, day: days, title: title.value.trim(), text: text.value.trim() }));
    title.value = '';
    text.value = '';
  });

  const row = document.createElement('div');
  row.className = 'row no-print';
  fs.append(row);
  const restore = button(row, 'Restore removed lines', () => {
    const edits = store.getState().design.aftercare;
    setEdits(store, { ...edits, removed: [] });
  });
  button(row, 'Print aftercare', () => {
    document.body.classList.add('print-aftercare');
    window.print();
    document.body.classList.remove('print-aftercare');
  });
  const close = button(dialog, 'Close', () => dialog.close());
  close.classList.add('no-print');

  const render = (): void => {
    const { design } = store.getState();
    const lines = buildAftercare(design.sessions, design.aftercare);
    const groups = new Map<string, AftercareLine[]>();
    for (const l of lines) {
      const key = l.date ?? '';
      groups.set(key, [...(groups.get(key) ?? []), l]);
    }
    list.replaceChildren(
      ...[...groups].map(([date, items]) => {
        const section = document.createElement('section');
        const h = document.createElement('h2');
        h.textContent = date ? formatDate(date) : 'At any time';
        const ul = document.createElement('ul');
        ul.append(...items.map((l) => lineItem(store, l)));
        section.append(h, ul);
        return section;
      }),
    );
    session.replaceChildren(
      ...design.sessions.map((s, i) => Object.assign(document.createElement('option'), { value: String(i + 1), textContent: `Session ${i + 1}${s.date ? ` (${formatDate(s.date)})` : ''}` })),
      Object.assign(document.createElement('option'), { value: '', textContent: 'No date (general advice)' }),
    );
    restore.disabled = design.aftercare.removed.length === 0;
    client.textContent = design.client ? `For ${design.client}` : '';
    const dated = lines.filter((l) => l.date).map((l) => l.date!).sort();
    summary.textContent =
      lines.length === 0
        ? 'No aftercare lines.'
        : `${lines.length} lines${dated.length > 0 ? `, dated ${formatDate(dated[0]!)} to ${formatDate(dated[dated.length - 1]!)}` : ''}${design.aftercare.removed.length > 0 ? `; ${design.aftercare.removed.length} removed` : ''}. Open the plan to read it as the client will, and to edit it.`;
  };
  const unsubscribe = store.subscribe((s) => [s.design.sessions, s.design.aftercare, s.design.client] as const, render, {
    fireImmediately: true,
    equalityFn: (a, b) => a[0] === b[0] && a[1] === b[1] && a[2] === b[2],
  });
  return () => {
    unsubscribe();
    summaryBox.remove();
    dialog.remove();
  };
}
