/** Messages for the user: a list of dismissible notices, read out by screen readers. */
import { dismissNotice } from '../state/actions.ts';
import type { AppStore } from '../state/store.ts';

/** Keeps #notices in step with the store; info notices fade after a while, errors stay until dismissed. */
export function mountNotices(store: AppStore, host: HTMLElement): () => void {
  const timers = new Map<number, number>();
  const render = (): void => {
    const notices = store.getState().notices;
    host.replaceChildren(
      ...notices.map((n) => {
        const box = document.createElement('div');
        box.className = `notice ${n.kind}`;
        box.setAttribute('role', n.kind === 'error' ? 'alert' : 'status');
        const p = document.createElement('p');
        p.textContent = n.text;
        const close = document.createElement('button');
        close.type = 'button';
        close.textContent = 'Dismiss';
        close.setAttribute('aria-label', 'Dismiss message');
        close.addEventListener('click', () => dismissNotice(store, n.id));
        box.append(p, close);
        if (n.kind === 'info' && !timers.has(n.id)) timers.set(n.id, window.setTimeout(() => dismissNotice(store, n.id), 6000));
        return box;
      }),
    );
  };
  const unsubscribe = store.subscribe((s) => s.notices, render, { fireImmediately: true });
  return () => {
    unsubscribe();
    for (const t of timers.values()) clearTimeout(t);
  };
}
