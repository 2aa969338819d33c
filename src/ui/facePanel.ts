/**
 * Read the face (the Scale step): on a front photo, the app finds the eyes, reads the scale from
 * the irises and proposes a hairline from the face's thirds, all on this device. The reading is
 * shown with its numbers before anything changes; "Use this reading" sets the scale and the
 * landmarks in one undo step, and "Draw the proposed hairline" places the hairline in another.
 */
import { chooseFace, describeFaceScale, describeProposal, facePlace, facesBySize, readFace, type FaceObservation, type FaceReading } from '../core/face/faceReading.ts';
import { drawProposedHairline, acceptFaceReading } from '../state/faceActions.ts';
import type { AppStore } from '../state/store.ts';
import { button, fieldset, hint, select } from './controls.ts';

/** Reads every face in the photo on screen (the app runs the model off the main thread). */
export type FaceReader = () => Promise<FaceObservation[]>;

/** Mounts the fieldset into `page`. */
export function mountFacePanel(page: HTMLElement, store: AppStore, readFaces: FaceReader): () => void {
  const fs = fieldset(page, 'Read the face', 'face-reading');
  hint(
    fs,
    "On a front photo, finds the eyes and reads the scale from the irises, which are about 11.7 mm across in adults, then proposes a hairline one third of the face above the glabella. It runs on this device: the photo is not sent anywhere. A ruler in the photo is still the most exact.",
  );
  let reading: FaceReading | null = null;
  let asked = 0;
  const read = button(fs, 'Read the face', () => void run());
  const status = hint(fs);
  status.setAttribute('role', 'status');
  // Several faces: which one is the client's (the largest first); options come with each reading.
  const which = select(fs, 'Face to read', []);
  const whichField = which.parentElement!;
  whichField.hidden = true;
  const found = document.createElement('ul');
  found.className = 'face-reading';
  fs.append(found);
  let faces: FaceObservation[] = [];
  const choose = (index: number): void => {
    const chosen = chooseFace(faces, index);
    if ('problem' in chosen) show(null, chosen.problem);
    else show(readFace(chosen.face), chosen.note || 'Read. Check the numbers below, then use them or ignore them.');
  };
  which.addEventListener('change', () => choose(Number(which.value)));
  const accept = button(fs, 'Use this reading', () => {
    if (reading) acceptFaceReading(store, reading);
  });
  const draw = button(fs, 'Draw the proposed hairline', () => {
    if (reading) drawProposedHairline(store, reading, 'natural', 'Natural');
  });

  const show = (r: FaceReading | null, note: string): void => {
    reading = r;
    accept.hidden = r === null;
    draw.hidden = !r?.proposal;
    const lines: string[] = [];
    if (r) {
      lines.push(r.scale ? `Scale: ${describeFaceScale(r.scale)}.` : 'Scale: not read.');
      const tilt = Math.abs(r.rollDeg) >= 1 ? `; the head is tilted ${Math.abs(r.rollDeg).toFixed(0)}° ${r.rollDeg > 0 ? 'clockwise' : 'anticlockwise'}` : '';
      lines.push(`Landmarks: the glabella, both eye corners and both brow peaks${tilt}.`);
      if (r.proposal) lines.push(describeProposal(r.proposal));
      lines.push(...r.warnings);
    }
    found.replaceChildren(
      ...lines.map((text) => {
        const li = document.createElement('li');
        li.textContent = text;
        return li;
      }),
    );
    status.textContent = note;
  };

  async function run(): Promise<void> {
    const ticket = ++asked;
    read.disabled = true;
    whichField.hidden = true;
    show(null, 'Reading the face… The first time, the face model (about 5 MB, kept on this device) is loaded too.');
    try {
      faces = facesBySize(await readFaces());
      if (ticket !== asked) return;
      const width = store.getState().design.photo.widthPx;
      which.replaceChildren(
        ...faces.map((f, i) => {
          const option = document.createElement('option');
          option.value = String(i);
          option.textContent = `Face ${i + 1}, ${facePlace(f, width)}${i === 0 ? ', the largest' : ''}`;
          return option;
        }),
      );
      whichField.hidden = faces.length < 2;
      choose(0);
    } catch (error) {
      if (ticket === asked) show(null, `The face could not be read: ${error instanceof Error ? error.message : String(error)} Set the scale with a ruler instead.`);
    } finally {
      if (ticket === asked) read.disabled = false;
    }
  }

  show(null, '');
  // A new photo makes an old reading meaningless.
  const unsubscribe = store.subscribe(
    (s) => s.photo,
    () => {
      asked++;
      faces = [];
      whichField.hidden = true;
      read.disabled = false;
      show(null, '');
    },
  );
  return () => {
    asked++;
    unsubscribe();
  };
}
