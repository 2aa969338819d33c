/**
 * The Sessions fieldset: the plan as a table (date, share of the final density, dilution, needle,
 * estimated dots), with one session chosen for editing below it: its Date, Share, Dilution and
 * Dot size. A one-session plan is edited exactly like the single set of dot parameters it replaces.
 */
import { healedDotDiameterMm, NEEDLES, needleById, pigmentStrength } from '../core/appearance.ts';
import { DILUTION_RANGE, SESSION_SHARE_RANGE } from '../core/document/limits.ts';
import type { NeedleId, Session } from '../core/document/types.ts';
import { estimateInputs, sessionDotEstimates } from '../state/selectors.ts';
import { sharePercents } from '../core/sessions.ts';
import { notify, setView } from '../state/actions.ts';
import { addSession, removeLastSession, sessionOrderProblems, setSession } from '../state/sessionActions.ts';
import type { AppState, AppStore } from '../state/store.ts';
import { button, fieldset, hint, labelledInput, select, slider } from './controls.ts';
import { formatDate, formatShortDate } from '../core/format.ts';

/** The session being edited, 0-based, clamped to the plan. */
function editIndex(s: AppState): number {
  return Math.max(0, Math.min(s.design.sessions.length - 1, s.view.editSession - 1));
}

function editing(s: AppState): Session {
  return s.design.sessions[editIndex(s)]!;
}

/** Mounts the Sessions fieldset into `panel`. */
export function mountSessionsPanel(panel: HTMLElement, store: AppStore): () => void {
  const fs = fieldset(panel, 'Sessions', 'sessions-panel');
  const table = document.createElement('table');
  table.className = 'plan';
  const caption = document.createElement('caption');
  caption.textContent = 'Session plan (Dots: estimated dots placed)';
  const head = document.createElement('thead');
  const headRow = document.createElement('tr');
  for (const h of ['Session', 'Date', 'Share', 'Dilution', 'Needle', 'Dots']) {
    const th = document.createElement('th');
    th.scope = 'col';
    th.textContent = h;
    headRow.append(th);
  }
  head.append(headRow);
  const body = document.createElement('tbody');
  table.append(caption, head, body);
  fs.append(table);
  const order = hint(fs);
  order.setAttribute('role', 'status');

  const row = document.createElement('div');
  row.className = 'row';
  fs.append(row);
  button(row, 'Add session', () => addSession(store));
  button(row, 'Remove last session', () => removeLastSession(store));

  const editor = fieldset(fs, 'Session 1');
  editor.className = 'session-editor';
  const legend = editor.querySelector('legend')!;

  const date = labelledInput(editor, 'Date', 'date', 'session-date');
  date.addEventListener('change', () => {
    const s = store.getState();
    if (date.value !== '' && !/^\d{4}-\d{2}-\d{2}$/.test(date.value)) {
      notify(store, 'error', `"${date.value}" is not a date. The plan is unchanged.`);
      date.value = editing(s).date ?? '';
      return;
    }
    setSession(store, editIndex(s), { date: date.value === '' ? null : date.value });
  });

  const share = slider(editor, store, {
    label: 'Share of the final density (%)',
    range: SESSION_SHARE_RANGE,
    unitWords: 'percent',
    read: (s) => editing(s).sharePercent,
    write: (v) => setSession(store, editIndex(store.getState()), { sharePercent: v }),
    undoable: true,
  });
  const dilution = slider(editor, store, {
    label: 'Dilution (water:pigment)',
    range: DILUTION_RANGE,
    unitWords: 'parts water per part pigment',
    valueText: (v) => `${v}:1, ${v} parts water per part pigment`,
    read: (s) => editing(s).dilutionWaterParts,
    write: (v) => setSession(store, editIndex(store.getState()), { dilutionWaterParts: v }),
    undoable: true,
  });
  const dilutionHint = hint(editor);
  const needle = select<NeedleId>(editor, 'Dot size (needle)', NEEDLES);
  needle.addEventListener('change', () => setSession(store, editIndex(store.getState()), { needle: needle.value as NeedleId }));
  const sizeHint = hint(editor);

  const rows = (s: AppState): void => {
    const estimates = sessionDotEstimates(s);
    const percents = sharePercents(s.design.sessions);
    const focused = document.activeElement instanceof HTMLElement && body.contains(document.activeElement) ? document.activeElement.dataset.session : undefined;
    body.replaceChildren(
      ...s.design.sessions.map((session, i) => {
        const tr = document.createElement('tr');
        const th = document.createElement('th');
        th.scope = 'row';
        const pick = document.createElement('button');
        pick.type = 'button';
        pick.className = 'link';
        pick.textContent = `S${i + 1}`;
        pick.dataset.session = String(i + 1);
        pick.setAttribute('aria-pressed', String(i === editIndex(s)));
        pick.setAttribute('aria-label', `Edit session ${i + 1}`);
        pick.addEventListener('click', () => setView(store, { editSession: i + 1 }));
        th.append(pick);
        tr.classList.toggle('selected', i === editIndex(s));
        const cells = [
          session.date ? formatShortDate(session.date) : 'not set',
          `${percents[i]} %`,
          `${session.dilutionWaterParts}:1`,
          needleById(session.needle).label.replace(' mm', ''),
          Math.round(estimates[i]!).toLocaleString('en'),
        ];
        tr.append(th, ...cells.map((text) => Object.assign(document.createElement('td'), { textContent: text })));
        if (session.date) tr.children[1]!.setAttribute('title', formatDate(session.date));
        return tr;
      }),
    );
    if (focused) body.querySelector<HTMLButtonElement>(`button[data-session="${focused}"]`)?.focus();
    const problems = sessionOrderProblems(s.design.sessions);
    order.textContent = problems.join(' ');
  };

  const unsubscribers = [
    store.subscribe((s) => [s.design.sessions, s.view.editSession, ...estimateInputs(s)], () => rows(store.getState()), {
      fireImmediately: true,
      equalityFn: (a, b) => a.every((v, i) => v === b[i]),
    }),
    store.subscribe(
      (s) => [editIndex(s), editing(s)] as const,
      ([i, session]) => {
        legend.textContent = `Session ${i + 1}`;
        if (document.activeElement !== date) date.value = session.date ?? '';
        needle.value = session.needle;
        dilutionHint.textContent = `${session.dilutionWaterParts}:1, pigment at ${Math.round(pigmentStrength(session.dilutionWaterParts) * 100)} % of neat strength.`;
        sizeHint.textContent = `Healed dot about ${healedDotDiameterMm(session.needle).toFixed(2)} mm across.`;
      },
      { fireImmediately: true, equalityFn: (a, b) => a[0] === b[0] && a[1] === b[1] },
    ),
  ];
  return () => {
    share.dispose();
    dilution.dispose();
    for (const u of unsubscribers) u();
    fs.remove();
  };
}
