/**
 * The Scale and Areas fieldsets: the scale readout and calibration form; per-area kind, size and
 * estimated dots (live, from the density field's histogram); hairline height and width.
 */
import { areaCm2 } from '../core/areas.ts';
import { CALIBRATION_DISTANCE_RANGE, inRange } from '../core/document/limits.ts';
import { deleteArea, notify, setAreaCounted, setScaleFromPoints, setTool, setView } from '../state/actions.ts';
import { AREA_KIND_IDS, AREA_KINDS } from '../core/document/defaults.ts';
import { hairlineSentence } from '../core/captions.ts';
import { imageToScreen } from '../editor/viewport.ts';
import type { AppStore } from '../state/store.ts';
import { dotEstimates, estimateInputs, isNewArea } from '../state/selectors.ts';
import { byId, unfold } from './controls.ts';
import { isMeasured, type AreaKind, type DesignDocument, type Scale, type ScaleSource, type TreatmentArea } from '../core/document/types.ts';
import { viewTitle } from '../core/document/views.ts';
import { describeTotals, designTotals } from '../core/viewTotals.ts';
import { describeScaleSource } from '../core/captions.ts';

/** What the Scale step says about where the scale came from. */
const SOURCE_SENTENCES: Readonly<Record<ScaleSource, (s: Scale) => string>> = {
  assumed: () => 'Assumed from the size of the photo, not measured: densities and sizes are only as right as this guess. Set the scale before showing the client.',
  ruler: () => 'Measured: set from two points a known distance apart.',
  iris: (s) => `Read from the irises, taken as 11.7 mm across as in most adults (±${Math.max(1, Math.round(s.uncertainty * 100))} %). A ruler in the photo is more exact: Set scale replaces this.`,
  pupils: (s) => `Read from the distance between the pupils, taken as 63 mm as in most adults (±${Math.max(1, Math.round(s.uncertainty * 100))} %). A ruler in the photo is more exact: Set scale replaces this.`,
};

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
  const source = byId('scale-source');
  const canvasBadge = byId('scale-badge');
  const drawKindField = byId('draw-kind-field');
  const areasFold = byId<HTMLDetailsElement>('areas-fold');
  const hint = byId('calibrate-hint');
  const distance = byId<HTMLInputElement>('calibrate-distance');
  const apply = byId<HTMLButtonElement>('calibrate-apply');
  const list = byId('area-list');
  const total = byId('area-total');
  const measures = byId('hairline-measures');
  const drawKind = byId<HTMLSelectElement>('draw-kind');
  drawKind.replaceChildren(
    ...AREA_KIND_IDS.map((k) => {
      const o = document.createElement('option');
      o.value = k;
      o.textContent = AREA_KINDS[k].label;
      return o;
    }),
  );
  const onDrawKind = (): void => {
    setView(store, { drawKind: drawKind.value as AreaKind });
    setTool(store, 'draw');
  };
  drawKind.addEventListener('change', onDrawKind);

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
        badge.hidden = isMeasured(scale);
        source.textContent = SOURCE_SENTENCES[scale.source](scale);
        // Always in sight beside the photo: the scale and where it came from.
        canvasBadge.textContent = `Scale ${describeScaleSource(scale)}`;
        canvasBadge.classList.toggle('assumed', !isMeasured(scale));
      },
      { fireImmediately: true },
    ),
    // Hidden with the other things drawn over the photo.
    store.subscribe(
      (s) => s.view.showOverlay,
      (on) => (canvasBadge.hidden = !on),
      { fireImmediately: true },
    ),
    // The kind of new areas is a setting of the Draw area tool: shown while it is on.
    store.subscribe(
      (s) => s.view.tool,
      (tool) => (drawKindField.hidden = tool !== 'draw'),
      { fireImmediately: true },
    ),
    // The distance field opens on the photo beside the second point, ready to type into.
    store.subscribe(
      (s) => [s.view.tool, s.view.calibration, s.view.zoom, s.view.panX, s.view.panY] as const,
      ([tool, pts, zoom, panX, panY], previous) => {
        const open = tool === 'calibrate' && pts.length === 2;
        form.hidden = !open;
        apply.disabled = !open;
        if (!open) return;
        const a = imageToScreen({ zoom, panX, panY }, pts[0]!);
        const b = imageToScreen({ zoom, panX, panY }, pts[1]!);
        const stage = form.parentElement!;
        const right = b.x >= a.x;
        const x = b.x + (right ? 16 : -16 - form.offsetWidth);
        form.style.left = `${Math.max(8, Math.min(stage.clientWidth - form.offsetWidth - 8, x))}px`;
        form.style.top = `${Math.max(8, Math.min(stage.clientHeight - form.offsetHeight - 8, b.y + 16))}px`;
        if (previous?.[1] !== pts) {
          hint.textContent = `Type the real distance between the two points (${(Math.hypot(pts[1]!.x - pts[0]!.x, pts[1]!.y - pts[0]!.y)).toFixed(0)} px apart on the photo), then Apply scale.`;
          distance.focus();
          distance.select();
        }
      },
      { fireImmediately: true, equalityFn: (a, b) => a.every((v, i) => v === b[i]) },
    ),
    store.subscribe(
      (s) => [s.view.selection?.areaId, s.document.views, ...estimateInputs(s)],
      () => {
        const { design, view, document: doc } = store.getState();
        const several = doc.views.length > 1;
        const { areas } = design;
        const pxPerCm = design.scale.pxPerCm;
        const selectedId = view.selection?.areaId;
        const estimate = dotEstimates(store.getState());
        let sum = 0;
        list.replaceChildren(
          ...areas.map((a, i) => {
            const cm2 = measuredCm2(a, pxPerCm);
            if (a.kind !== 'exclusion') sum += cm2;
            const li = document.createElement('li');
            if (a.id === selectedId) li.classList.add('selected');
            const text = document.createElement('button');
            text.type = 'button';
            text.className = 'link';
            const dots = `about ${Math.round(estimate.perArea[i]!).toLocaleString('en')} dots`;
            text.textContent = `Area ${i + 1}, ${AREA_KINDS[a.kind].label.toLowerCase()}: ${cm2.toFixed(1)} cm²${a.kind === 'exclusion' ? ', kept clear' : `, ${dots}`}`;
            text.setAttribute('aria-pressed', String(a.id === selectedId));
            text.addEventListener('click', () => setView(store, { selection: { areaId: a.id, pointIndex: null } }));
            const del = document.createElement('button');
            del.type = 'button';
            del.textContent = 'Delete';
            del.setAttribute('aria-label', `Delete area ${i + 1}`);
            del.addEventListener('click', () => deleteArea(store, a.id));
            li.append(text, del);
            // With several views, the same skin can show twice: the practitioner counts it in one view.
            if (several && a.kind !== 'exclusion') {
              const count = document.createElement('label');
              count.className = 'check';
              const box = document.createElement('input');
              box.type = 'checkbox';
              box.checked = a.counted;
              box.setAttribute('aria-label', `Count area ${i + 1} in the totals`);
              box.addEventListener('change', () => setAreaCounted(store, a.id, box.checked));
              count.append(box, document.createTextNode(' Count in totals'));
              li.append(count);
            }
            return li;
          }),
        );
        const treated = `${sum.toFixed(1)} cm², about ${Math.round(estimate.total).toLocaleString('en')} dots`;
        const thisView = areas.length === 0 ? 'No areas yet. Choose Draw area and click around the treatment area, or open Templates and apply one.' : several ? `This view: ${treated}.` : `Treated ${treated} in all.`;
        total.textContent = several ? `${thisView} ${viewTotalsSentence(doc)}` : thisView;
      },
      { fireImmediately: true, equalityFn: (a, b) => a.every((v, i) => v === b[i]) },
    ),
    store.subscribe(
      (s) => [s.design.areas, s.design.landmarks, s.design.scale.pxPerCm] as const,
      () => {
        measures.textContent = hairlineSentence(store.getState().design) ?? '';
      },
      { fireImmediately: true, equalityFn: (a, b) => a.every((v, i) => v === b[i]) },
    ),
    // An area just drawn or placed from a template: the list opens on it, with its size and dots.
    store.subscribe(
      (s) => s.view.selection?.areaId ?? null,
      (id) => {
        if (id && isNewArea(store.getState(), id)) unfold(areasFold);
      },
    ),
    store.subscribe(
      (s) => s.view.drawKind,
      (k) => (drawKind.value = k),
      { fireImmediately: true },
    ),
  ];
  return () => {
    apply.removeEventListener('click', onApply);
    drawKind.removeEventListener('change', onDrawKind);
    distance.removeEventListener('keydown', onEnter);
    for (const d of disposers) d();
  };
}

/** Every view's counted area and dots, and the totals, in sentences (the design's totals are remembered per document). */
const totalsCache = new WeakMap<DesignDocument, string>();
function viewTotalsSentence(doc: DesignDocument): string {
  const hit = totalsCache.get(doc);
  if (hit) return hit;
  const t = designTotals(doc);
  const each = doc.views.map((v, i) => `${viewTitle(v)} ${t.views[i]!.cm2.toFixed(1)} cm², about ${Math.round(t.views[i]!.dots).toLocaleString('en')} dots`).join('; ');
  const sentence = `${each}. ${describeTotals(t)}`;
  totalsCache.set(doc, sentence);
  return sentence;
}
