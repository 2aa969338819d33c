/**
 * The view strip over the photo: a thumbnail of each view of the design with its treated areas
 * drawn on it, the one on screen marked, and Add view. A click (or Enter) shows that view at once;
 * its full photo follows as it is decoded (app/viewPhotos.ts).
 */
import { smoothOutline } from '../core/areas.ts';
import { MAX_VIEWS, type DesignView } from '../core/document/types.ts';
import { viewTitle } from '../core/document/views.ts';
import { showView } from '../state/viewActions.ts';
import type { AppStore, KeptPhoto } from '../state/store.ts';

/** Height of a thumbnail in the strip, CSS px. */
const THUMB_HEIGHT = 56;

/** The area fill and outline on a thumbnail, as the editor draws areas. */
const AREA_FILL = 'rgb(40 200 255 / 28%)';
const AREA_LINE = 'rgb(120 220 255 / 90%)';

/** A view's thumbnail with its areas, as a canvas `THUMB_HEIGHT` tall. */
function drawThumbnail(canvas: HTMLCanvasElement, view: DesignView, kept: KeptPhoto | undefined): void {
  const { widthPx, heightPx } = view.photo;
  const ratio = window.devicePixelRatio || 1;
  const h = THUMB_HEIGHT;
  const w = Math.max(24, Math.round((h * widthPx) / heightPx));
  canvas.width = Math.round(w * ratio);
  canvas.height = Math.round(h * ratio);
  canvas.style.width = `${w}px`;
  canvas.style.height = `${h}px`;
  const ctx = canvas.getContext('2d');
  if (!ctx) return;
  ctx.setTransform(ratio, 0, 0, ratio, 0, 0);
  ctx.fillStyle = '#3a3f45';
  ctx.fillRect(0, 0, w, h);
  if (kept?.thumbnail) ctx.drawImage(kept.thumbnail, 0, 0, w, h);
  const k = w / widthPx;
  ctx.lineWidth = 1;
  for (const area of view.areas) {
    const curve = smoothOutline(area.points).points;
    if (curve.length < 3) continue;
    ctx.beginPath();
    curve.forEach((p, i) => (i === 0 ? ctx.moveTo(p.x * k, p.y * k) : ctx.lineTo(p.x * k, p.y * k)));
    ctx.closePath();
    ctx.fillStyle = area.kind === 'exclusion' ? 'rgb(255 120 90 / 30%)' : AREA_FILL;
    ctx.fill();
    ctx.strokeStyle = area.kind === 'exclusion' ? 'rgb(255 140 110 / 90%)' : AREA_LINE;
    ctx.stroke();
  }
}

/** What the strip asks the app to do. */
export interface ViewStripActions {
  /** Chooses a photo and adds it as a new view. */
  readonly addView: () => void;
}

/** Mounts the strip into `stage`; returns the unmount. */
export function mountViewStrip(stage: HTMLElement, store: AppStore, actions: ViewStripActions): () => void {
  const nav = document.createElement('nav');
  nav.className = 'view-strip';
  nav.setAttribute('aria-label', 'Views of the head');
  const list = document.createElement('ol');
  const add = document.createElement('button');
  add.type = 'button';
  add.className = 'view-add';
  add.textContent = '+ Add view';
  add.addEventListener('click', actions.addView);
  nav.append(list, add);
  stage.append(nav);
  const canvases = new Map<string, HTMLCanvasElement>();
  const drawn = new WeakMap<HTMLCanvasElement, { view: DesignView; kept: KeptPhoto | undefined }>();
  const unsubscribe = store.subscribe(
    (s) => [s.document.views, s.viewIndex, s.photos] as const,
    ([views, viewIndex, photos]) => {
      list.replaceChildren(
        ...views.map((view, i) => {
          const li = document.createElement('li');
          const b = document.createElement('button');
          b.type = 'button';
          b.className = 'view-thumb';
          const current = i === viewIndex;
          b.setAttribute('aria-pressed', String(current));
          if (current) b.setAttribute('aria-current', 'true');
          const areas = view.areas.filter((a) => a.kind !== 'exclusion').length;
          b.setAttribute('aria-label', `View ${i + 1} of ${views.length}: ${viewTitle(view)}, ${areas === 0 ? 'no areas' : `${areas} area${areas === 1 ? '' : 's'}`}`);
          let canvas = canvases.get(view.id);
          if (!canvas) {
            canvas = document.createElement('canvas');
            canvas.setAttribute('aria-hidden', 'true');
            canvases.set(view.id, canvas);
          }
          const kept = photos.get(view.id);
          const last = drawn.get(canvas);
          if (!last || last.view !== view || last.kept !== kept) {
            drawThumbnail(canvas, view, kept);
            drawn.set(canvas, { view, kept });
          }
          const title = document.createElement('span');
          title.textContent = `${i + 1}. ${viewTitle(view)}`;
          b.append(canvas, title);
          b.addEventListener('click', () => showView(store, i));
          li.append(b);
          return li;
        }),
      );
      for (const id of [...canvases.keys()]) if (!views.some((v) => v.id === id)) canvases.delete(id);
      add.disabled = views.length >= MAX_VIEWS;
      add.title = add.disabled ? `A design holds at most ${MAX_VIEWS} views; delete one to add another.` : 'Add another photo of the head (front, top, sides, back) to this design';
    },
    { fireImmediately: true, equalityFn: (a, b) => a.every((v, i) => v === b[i]) },
  );
  return () => {
    unsubscribe();
    nav.remove();
  };
}
