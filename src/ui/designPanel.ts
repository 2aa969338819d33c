/** The Scale and Areas fieldsets: the scale readout and calibration form, and per-area measurements. */
import { areaCm2 } from '../core/areas.ts';
import { CALIBRATION_DISTANCE_RANGE, inRange } from '../core/document/limits.ts';
import { deleteArea, notify, setScaleFromPoints, setView } from '../state/actions.ts';
import type { AppStore } from '../state/store.ts';
import type { TreatmentArea } from '../core/document/types.ts';

function byId<T extends HTMLElement>(id: string): T {
  const el = document.getElementById(id);
  if (!el) throw new Error(`Missing #${id} in index.html`);
  return el as T;
}

const areaCache = new WeakMap<TreatmentArea, { pxPerCm: number; cm2: number }>();

/** Area of an outline in cm², remembered per (immutable) area so a Density drag does not re-measure it. */
function measuredCm2(area: TreatmentArea, pxPerCm: number): number {
  const hit = areaCache.get(area);
  if (hit && hit.pxPerCm === pxPerCm) return hit.cm2;
  const cm2 = areaCm2(area.points, pxPerCm);
  areaCache.set(area, { pxPerCm, cm2 });
  return cm2;
}

/** Mounts the Scale and Areas fieldsets. */
export function mountDesignPanel(store: AppStore): () => void {
  const readout = byId('scale-readout');
  const badge = byId('uncalibrated');
  const form = byId('calibrate-form');
  const hint = byId('calibrate-hint');
  const distance = byId<HTMLInputElement>('calibrate-distance');
  const apply = byId<HTMLButtonElement>('calibrate-apply');
  const list = byId('area-list');
  const total = byId('area-total');

  const onApply = (): void => {
    const pts = store.getState().view.calibration;
    const cm = Number(distance.value);
    if (pts.length < 2) {
      notify(store, 'error', 'Click two points on the photo first, then type the distance between them.');
      return;
    }
    if (!inRange(cm, CALIBRATION_DISTANCE_RANGE)) {
      notify(store, 'error', `Distance must be between ${CALIBRATION_DISTANCE_RANGE.min} and ${CALIBRATION_DISTANCE_RANGE.max} cm. The scale is unchanged.`);
      return;
    }
    const problem = setScaleFromPoints(store, pts[0]!, pts[1]!, cm);
    if (problem) notify(store, 'error', problem);
    else notify(store, 'info', `Scale set: ${store.getState().design.scale.pxPerCm.toFixed(1)} pixels per cm.`);
  };
  apply.addEventListener('click', onApply);
  const onEnter = (e: KeyboardEvent): void => {
    if (e.key === 'Enter') onApply();
  };
  distance.addEventListener('keydown', onEnter);

  const disposers = [
    store.subscribe(
      (s) => s.design.scale,
      (scale) => {
        readout.textContent = `${scale.pxPerCm.toFixed(1)} px/cm`;
        badge.hidden = scale.calibrated;
      },
      { fireImmediately: true },
    ),
    store.subscribe(
      (s) => [s.view.tool, s.view.calibration.length] as const,
      ([tool, n]) => {
        form.hidden = tool !== 'calibrate';
        hint.textContent = n < 2 ? `Click ${n === 0 ? 'two points' : 'the second point'} on the photo a known distance apart.` : 'Type the real distance between the two points, then Apply scale.';
        apply.disabled = n < 2;
      },
      { fireImmediately: true, equalityFn: (a, b) => a[0] === b[0] && a[1] === b[1] },
    ),
    store.subscribe(
      (s) => [s.design.areas, s.design.scale.pxPerCm, s.design.dots.densityPerCm2] as const,
      ([areas, pxPerCm, density]) => {
        let sum = 0;
        list.replaceChildren(
          ...areas.map((a, i) => {
            const cm2 = measuredCm2(a, pxPerCm);
            sum += cm2;
            const li = document.createElement('li');
            const text = document.createElement('span');
            text.textContent = `Area ${i + 1}: ${cm2.toFixed(1)} cm², about ${Math.round(cm2 * density).toLocaleString('en')} dots at full density`;
            const select = document.createElement('button');
            select.type = 'button';
            select.textContent = 'Delete';
            select.setAttribute('aria-label', `Delete area ${i + 1}`);
            select.addEventListener('click', () => deleteArea(store, a.id));
            li.append(text, select);
            li.addEventListener('focusin', () => setView(store, { selection: { areaId: a.id, pointIndex: null } }));
            return li;
          }),
        );
        total.textContent = areas.length === 0 ? 'No areas yet. Choose Draw area and click around the treatment area.' : `Total ${sum.toFixed(1)} cm².`;
      },
      { fireImmediately: true, equalityFn: (a, b) => a[0] === b[0] && a[1] === b[1] && a[2] === b[2] },
    ),
  ];
  return () => {
    apply.removeEventListener('click', onApply);
    distance.removeEventListener('keydown', onEnter);
    for (const d of disposers) d();
  };
}
