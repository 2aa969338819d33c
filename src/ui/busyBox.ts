/**
 * The progress box over the photo: a long job's text and bar from the store, and its Cancel when the
 * job can be cancelled.
 */
import type { AppStore } from '../state/store.ts';

/** Binds the box, its text, its bar and its Cancel button to the store's progress. */
export function mountBusyBox(store: AppStore, box: HTMLElement, text: HTMLElement, bar: HTMLProgressElement, cancel: HTMLButtonElement): () => void {
  const onCancel = (): void => store.getState().progress?.cancel?.();
  cancel.addEventListener('click', onCancel);
  const unsubscribe = store.subscribe(
    (s) => s.progress,
    (progress) => {
      box.hidden = progress === null;
      text.textContent = progress?.text ?? '';
      bar.value = progress?.fraction ?? 0;
      cancel.hidden = !progress?.cancel;
    },
    { fireImmediately: true },
  );
  return () => {
    cancel.removeEventListener('click', onCancel);
    unsubscribe();
  };
}
