/**
 * The client library dialog: every design kept on this device, newest first, searchable by client
 * or title, several per client; open one, or delete one after a confirmation.
 */
import { formatDate } from '../core/format.ts';
import type { LibraryEntry } from '../io/library.ts';
import { labelledInput } from './controls.ts';

/** What the dialog needs from the library and the app. */
export interface LibraryDialogHooks {
  readonly list: (query: string) => Promise<readonly LibraryEntry[]>;
  readonly open: (entry: LibraryEntry) => Promise<void>;
  readonly remove: (entry: LibraryEntry) => Promise<void>;
  /** Asks the user to confirm; window.confirm by default. */
  readonly confirm?: (question: string) => boolean;
}

/** Creates the dialog and returns a function that shows it. */
export function mountLibraryDialog(hooks: LibraryDialogHooks): { show: () => Promise<void>; dispose: () => void } {
  const dialog = document.createElement('dialog');
  dialog.id = 'library-dialog';
  dialog.setAttribute('aria-labelledby', 'library-title');
  const title = document.createElement('h2');
  title.id = 'library-title';
  title.textContent = 'Client library';
  const note = document.createElement('p');
  note.className = 'hint';
  note.textContent = 'Designs saved on this device only. Nothing here leaves it.';
  dialog.append(title, note);
  const search = labelledInput(dialog, 'Search clients and designs', 'search', 'library-search');
  const status = document.createElement('p');
  status.className = 'hint';
  status.setAttribute('role', 'status');
  const list = document.createElement('ul');
  list.className = 'library-list';
  const close = document.createElement('button');
  close.type = 'button';
  close.textContent = 'Close';
  close.addEventListener('click', () => dialog.close());
  dialog.append(status, list, close);
  document.body.append(dialog);
  const urls: string[] = [];
  const confirm = hooks.confirm ?? ((q: string) => window.confirm(q));

  const refresh = async (): Promise<void> => {
    const entries = await hooks.list(search.value);
    for (const u of urls.splice(0)) URL.revokeObjectURL(u);
    list.replaceChildren(
      ...entries.map((e) => {
        const li = document.createElement('li');
        if (e.thumbnail) {
          const img = document.createElement('img');
          const url = URL.createObjectURL(e.thumbnail);
          urls.push(url);
          img.src = url;
          img.alt = '';
          li.append(img);
        }
        const text = document.createElement('div');
        const who = document.createElement('strong');
        who.textContent = e.client;
        const what = document.createElement('span');
        what.textContent = ` ${e.title}, saved ${formatDate(e.updatedAt.slice(0, 10))} ${e.updatedAt.slice(11, 16)} UTC`;
        text.append(who, what);
        const open = document.createElement('button');
        open.type = 'button';
        open.textContent = 'Open';
        open.setAttribute('aria-label', `Open ${e.title} for ${e.client}`);
        open.addEventListener('click', () => {
          dialog.close();
          void hooks.open(e);
        });
        const del = document.createElement('button');
        del.type = 'button';
        del.textContent = 'Delete';
        del.setAttribute('aria-label', `Delete ${e.title} for ${e.client}`);
        del.addEventListener('click', () => {
          if (!confirm(`Delete "${e.title}" for ${e.client} from this device? This cannot be undone.`)) return;
          void hooks.remove(e).then(refresh);
        });
        li.append(text, open, del);
        return li;
      }),
    );
    status.textContent = entries.length === 0 ? (search.value.trim() ? 'No design matches that search.' : 'No designs kept yet: use Save to library.') : `${entries.length} design${entries.length === 1 ? '' : 's'}.`;
  };
  search.addEventListener('input', () => void refresh());

  return {
    show: async () => {
      await refresh();
      if (!dialog.open) dialog.showModal();
      search.focus();
    },
    dispose: () => {
      for (const u of urls.splice(0)) URL.revokeObjectURL(u);
      dialog.remove();
    },
  };
}
