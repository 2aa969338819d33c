/**
 * The Client and records fieldset: the client's name, saving and opening design files, the
 * private library on this device, the PDF record and the calendar, and whether exported PNGs carry
 * a caption band.
 */
import { setClient, setView } from '../state/actions.ts';
import type { AppStore } from '../state/store.ts';
import { button, checkbox, fieldset, labelledInput, select } from './controls.ts';
import { CLIENT_NAME_MAX } from '../core/document/validate.ts';
import { DESIGN_FILE_EXTENSION } from '../io/designFile.ts';

/** What the fieldset asks the app to do. */
export interface RecordActions {
  readonly saveDesign: () => void;
  readonly openDesign: (file: File) => void;
  readonly saveToLibrary: () => void;
  readonly showLibrary: () => void;
  readonly exportPdf: () => void;
  readonly exportCalendar: () => void;
}


/** Mounts the fieldset into `panel`. */
export function mountRecordPanel(panel: HTMLElement, store: AppStore, actions: RecordActions): () => void {
  const fs = fieldset(panel, 'Client and records', 'record-panel');
  const name = labelledInput(fs, 'Client name', 'text', 'client-name');
  name.autocomplete = 'off';
  name.maxLength = CLIENT_NAME_MAX;
  name.addEventListener('change', () => setClient(store, name.value));

  const files = document.createElement('div');
  files.className = 'row';
  fs.append(files);
  const picker = document.createElement('input');
  picker.type = 'file';
  picker.accept = `${DESIGN_FILE_EXTENSION},application/zip`;
  picker.hidden = true;
  picker.addEventListener('change', () => {
    const f = picker.files?.[0];
    picker.value = '';
    if (f) actions.openDesign(f);
  });
  fs.append(picker);
  button(files, 'Save design', actions.saveDesign).setAttribute('aria-keyshortcuts', 'Control+S');
  button(files, 'Open design', () => picker.click());
  button(files, 'Save to library', actions.saveToLibrary);
  button(files, 'Library', actions.showLibrary, 'Client library');

  const paper = select<'a4' | 'letter'>(fs, 'Paper', [
    { id: 'a4', label: 'A4 (210 × 297 mm)' },
    { id: 'letter', label: 'US Letter (8.5 × 11 in)' },
  ]);
  paper.addEventListener('change', () => setView(store, { paper: paper.value as 'a4' | 'letter' }));
  const exports = document.createElement('div');
  exports.className = 'row';
  fs.append(exports);
  button(exports, 'Export PDF', actions.exportPdf);
  button(exports, 'Export calendar', actions.exportCalendar);
  const captions = checkbox(fs, 'Caption band on exported PNGs');
  captions.addEventListener('change', () => setView(store, { captions: captions.checked }));

  const unsubscribers = [
    store.subscribe(
      (s) => s.design.client,
      (v) => {
        if (document.activeElement !== name) name.value = v;
      },
      { fireImmediately: true },
    ),
    store.subscribe(
      (s) => [s.view.captions, s.view.paper] as const,
      ([c, p]) => {
        captions.checked = c;
        paper.value = p;
      },
      { fireImmediately: true, equalityFn: (a, b) => a[0] === b[0] && a[1] === b[1] },
    ),
  ];
  return () => {
    for (const u of unsubscribers) u();
    fs.remove();
  };
}
