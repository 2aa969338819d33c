/**
 * The error boundary: anything that fails unexpectedly (an exception in a handler, a rejected
 * promise nobody awaited) is shown in a banner with what went wrong, and the design on screen,
 * which lives in the store and is untouched by the failure, can be saved to a file at once.
 * Nothing is swallowed: the error still reaches the console.
 */
import type { AppStore } from '../state/store.ts';

/** Browser messages that are not failures of the app (ResizeObserver's loop notice). */
const BENIGN = [/ResizeObserver loop/];

/** Mounts the boundary; `saveDesign` saves the design file. */
export function mountErrorBoundary(store: AppStore, saveDesign: () => void): () => void {
  const banner = document.createElement('div');
  banner.className = 'error-boundary';
  banner.setAttribute('role', 'alert');
  banner.hidden = true;
  const text = document.createElement('p');
  const save = document.createElement('button');
  save.type = 'button';
  save.textContent = 'Save design';
  save.setAttribute('aria-label', 'Save design to a file now');
  save.addEventListener('click', saveDesign);
  const dismiss = document.createElement('button');
  dismiss.type = 'button';
  dismiss.textContent = 'Dismiss';
  dismiss.setAttribute('aria-label', 'Dismiss the error');
  dismiss.addEventListener('click', () => (banner.hidden = true));
  banner.append(text, save, dismiss);
  document.body.append(banner);
  let count = 0;

  const show = (what: unknown): void => {
    const message = what instanceof Error ? what.message : typeof what === 'string' ? what : 'an unknown error';
    if (BENIGN.some((re) => re.test(message))) return;
    count++;
    const { design } = store.getState();
    text.textContent = `Something went wrong: ${message}. Your design (${design.areas.length} area${design.areas.length === 1 ? '' : 's'}, ${design.sessions.length} session${design.sessions.length === 1 ? '' : 's'}) is still here and undo still works; save it to a file to be safe, then carry on or reload.${count > 1 ? ` (${count} errors so far.)` : ''}`;
    banner.hidden = false;
    document.body.dataset.errors = String(count);
  };
  const onError = (e: ErrorEvent): void => show(e.error ?? e.message);
  const onRejection = (e: PromiseRejectionEvent): void => {
    // An abandoned piece of work (a cancelled export, a superseded point set) is not a failure.
    if (e.reason instanceof DOMException && e.reason.name === 'AbortError') return;
    show(e.reason);
  };
  window.addEventListener('error', onError);
  window.addEventListener('unhandledrejection', onRejection);
  return () => {
    window.removeEventListener('error', onError);
    window.removeEventListener('unhandledrejection', onRejection);
    banner.remove();
  };
}
