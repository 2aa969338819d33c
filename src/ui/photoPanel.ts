/**
 * The Photo step: what photo is open (the demo or the client's, its size in pixels and, at the
 * current scale, in centimetres), a button to choose the client's, and how to take a photo that
 * measures well. The first-run welcome over the demo is mountWelcome.
 */
import type { AppStore } from '../state/store.ts';
import { button, fieldset, hint } from './controls.ts';

/** What the Photo step asks the app to do. */
export interface PhotoPanelActions {
  /** Opens the file chooser for a client photo. */
  readonly upload: () => void;
}

/** Tips for a photo the app can measure (domain practice: even light, the whole area, a ruler). */
const TIPS: readonly string[] = [
  'Even, diffuse light from the front; no flash glare on the scalp.',
  'The camera square to the area: straight down on the crown, level with the eyes for the hairline.',
  'Keep the whole treatment area in the frame, and a ruler or two marks a known distance apart on the skin for the scale.',
  'Shave or cut the remaining hair as short as on the day of treatment, so the stubble can be matched.',
];

/** Mounts the Photo fieldset into `panel`. */
export function mountPhotoPanel(panel: HTMLElement, store: AppStore, actions: PhotoPanelActions): () => void {
  const fs = fieldset(panel, 'Photo', 'photo-panel');
  const about = hint(fs);
  about.setAttribute('role', 'status');
  button(fs, 'Choose a client photo', actions.upload);
  const tips = fieldset(panel, 'A photo that measures well');
  const list = document.createElement('ul');
  list.className = 'tips';
  for (const tip of TIPS) {
    const li = document.createElement('li');
    li.textContent = tip;
    list.append(li);
  }
  tips.append(list);
  const unsubscribe = store.subscribe(
    (s) => [s.design.photo, s.design.scale.pxPerCm, s.design.scale.source] as const,
    ([photo, pxPerCm, source]) => {
      const size = `${photo.widthPx} × ${photo.heightPx} px (${((photo.widthPx * photo.heightPx) / 1e6).toFixed(1)} megapixels)`;
      const cm = `${(photo.widthPx / pxPerCm).toFixed(1)} × ${(photo.heightPx / pxPerCm).toFixed(1)} cm`;
      about.textContent =
        photo.kind === 'demo'
          ? `This is the demo: a generated scalp, nobody's photo, ${size}, showing ${cm}. Choose a client photo to begin a consultation.`
          : `${photo.name}: ${size}, showing ${cm} at ${source === 'ruler' ? 'the scale you set' : source === 'assumed' ? 'an assumed scale; set the scale next' : 'the scale read from the eyes'}.`;
    },
    { fireImmediately: true, equalityFn: (a, b) => a.every((v, i) => v === b[i]) },
  );
  return () => {
    unsubscribe();
    fs.remove();
    tips.remove();
  };
}

/**
 * The first-run welcome over the demo: says it is a demo and offers the two ways on. It leaves as
 * soon as the practitioner does anything (explores, uploads, picks a tool, edits), and never
 * shows over a client's photo.
 */
export function mountWelcome(store: AppStore, box: HTMLElement, upload: HTMLButtonElement, explore: HTMLButtonElement, actions: PhotoPanelActions): () => void {
  const state = store.getState();
  box.hidden = state.design.photo.kind !== 'demo' || state.history.past.length > 0;
  const close = (): void => {
    if (box.hidden) return;
    box.hidden = true;
    unsubscribe();
  };
  upload.addEventListener('click', () => {
    close();
    actions.upload();
  });
  explore.addEventListener('click', () => {
    close();
    document.getElementById('canvas-host')?.focus();
  });
  const host = document.getElementById('canvas-host');
  const onPress = (): void => close();
  const stop = store.subscribe(
    (s) => [s.design, s.view.tool, s.view.presenting, s.view.showOverlay] as const,
    () => close(),
    { equalityFn: (a, b) => a.every((v, i) => v === b[i]) },
  );
  host?.addEventListener('pointerdown', onPress);
  function unsubscribe(): void {
    stop();
    host?.removeEventListener('pointerdown', onPress);
  }
  if (box.hidden) unsubscribe();
  return close;
}
