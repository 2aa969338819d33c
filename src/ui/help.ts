/** The Help dialog: every command with its shortcut, the keys inside tools, and touch and pen gestures. */
import { COMMANDS, TOOL_KEYS } from './commands.ts';

/** Fills the help table and returns a function that opens the dialog. */
export function mountHelp(dialog: HTMLDialogElement, table: HTMLTableElement): () => void {
  const row = (keys: string, action: string): HTMLTableRowElement => {
    const tr = document.createElement('tr');
    const th = document.createElement('th');
    th.scope = 'row';
    const kbd = document.createElement('kbd');
    kbd.textContent = keys;
    th.append(kbd);
    const td = document.createElement('td');
    td.textContent = action;
    tr.append(th, td);
    return tr;
  };
  table.replaceChildren(...COMMANDS.map((c) => row(c.shortcut, c.label)), ...TOOL_KEYS.map((k) => row(k.keys, k.action)));
  return () => {
    if (!dialog.open) dialog.showModal();
  };
}
