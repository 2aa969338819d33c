/**
 * The hairline toolkit's fieldsets: landmarks and guides, templates, hairline irregularity, the
 * selected area (kind, density factor, soft edge, mirror editing with its left/right readout) and
 * the density brush. Built in code from the controls in controls.ts.
 */
import { AREA_KIND_IDS, AREA_KINDS } from '../core/document/defaults.ts';
import type { AreaKind } from '../core/document/types.ts';
import {
  BRUSH_RADIUS_RANGE,
  BRUSH_STRENGTH_RANGE,
  DENSITY_FACTOR_RANGE,
  FEATHER_RANGE,
  MACRO_IRREGULARITY_RANGE,
  MICRO_IRREGULARITY_RANGE,
  STRAY_RANGE,
  type Range,
} from '../core/document/limits.ts';
import { asymmetry, photoView } from '../core/landmarks.ts';
import { HAIRLINE_STYLES, PATTERN_TEMPLATES, STYLE_HEIGHT_CM, type HairlineStyle, type PatternTemplate } from '../core/templates.ts';
import { notify, setTool, setView } from '../state/actions.ts';
import { isNewArea } from '../state/selectors.ts';
import { clearBrush } from '../state/brushActions.ts';
import { setLandmark } from '../state/landmarkActions.ts';
import { reseedIrregularity, setAreaProps, setIrregularity, setMirrored } from '../state/outlineActions.ts';
import { applyHairlineTemplate, applyPatternTemplate } from '../state/templateActions.ts';
import type { AppState, AppStore, BrushSettings, LandmarkId } from '../state/store.ts';
import { button, checkbox, DESIGN_SECTIONS, foldingFieldset, hint, select, slider, unfold } from './controls.ts';

const LANDMARKS: readonly { id: LandmarkId; label: string; short: string }[] = [
  { id: 'glabella', label: 'Glabella (between the eyebrows)', short: 'glabella' },
  { id: 'leftEye', label: 'Outer eye corner, image left', short: 'left eye corner' },
  { id: 'rightEye', label: 'Outer eye corner, image right', short: 'right eye corner' },
  { id: 'leftBrow', label: 'Brow peak, image left (front photo)', short: 'left brow peak' },
  { id: 'rightBrow', label: 'Brow peak, image right (front photo)', short: 'right brow peak' },
  { id: 'midFrontal', label: 'Mid-frontal point (top photo)', short: 'mid-frontal point' },
  { id: 'vertex', label: 'Vertex, crown centre (top photo)', short: 'vertex' },
  { id: 'leftSide', label: 'Side of the head, image left (top photo)', short: 'left side of the head' },
  { id: 'rightSide', label: 'Side of the head, image right (top photo)', short: 'right side of the head' },
];

const HEIGHT_RANGE: Range = { min: 5, max: 12, step: 0.1, unit: 'cm' };

function selectedArea(s: AppState) {
  const id = s.view.selection?.areaId;
  return id ? (s.design.areas.find((a) => a.id === id) ?? null) : null;
}

/** Mounts the toolkit fieldsets into the settings panel. */
export function mountHairlinePanel(panel: HTMLElement, store: AppStore): () => void {
  const disposers: (() => void)[] = [];

  // Selected area.
  // The area's own settings, a fold of their own that opens when an existing area is picked (a
  // properties panel) and steps aside when none is. An area just drawn or placed is selected too,
  // but then the list of areas opens, with its size and dots (designPanel).
  const { fieldset: arBox, details: arFold } = foldingFieldset(panel, 'Selected area', { group: DESIGN_SECTIONS });
  let shownAreaId: string | null = null;
  // The fold's name says which area it is ("Selected area 2"); its kind shows in the Area kind menu.
  const arName = arFold.querySelector('summary')!;
  const ar = document.createElement('div');
  arBox.append(ar);
  const kind = select(
    ar,
    'Area kind',
    AREA_KIND_IDS.map((id) => ({ id, label: AREA_KINDS[id].label })),
  );
  kind.addEventListener('change', () => {
    const a = selectedArea(store.getState());
    if (a) setAreaProps(store, a.id, { kind: kind.value as AreaKind });
  });
  // A slider for one number of the selected area.
  const areaSlider = (label: string, key: 'densityFactor' | 'featherMm', range: Range, unitWords: string): (() => void) =>
    slider(ar, store, {
      label,
      range,
      unitWords,
      read: (s) => selectedArea(s)?.[key] ?? null,
      write: (v) => {
        const a = selectedArea(store.getState());
        if (a) setAreaProps(store, a.id, { [key]: v });
      },
      undoable: true,
    }).dispose;
  disposers.push(areaSlider('Density factor (× design density)', 'densityFactor', DENSITY_FACTOR_RANGE, 'times the design density'), areaSlider('Soft edge (mm)', 'featherMm', FEATHER_RANGE, 'millimetres'));
  const mirror = checkbox(ar, 'Mirror editing about the midline');
  mirror.addEventListener('change', () => {
    const a = selectedArea(store.getState());
    if (!a) return;
    if (!setMirrored(store, a.id, mirror.checked)) mirror.checked = false;
  });
  const symReadout = hint(ar);
  symReadout.setAttribute('role', 'status');
  disposers.push(
    store.subscribe(
      (s) => [selectedArea(s), s.design.landmarks, s.design.scale.pxPerCm] as const,
      ([area]) => {
        const design = store.getState().design;
        const controls = ar.querySelectorAll<HTMLInputElement | HTMLSelectElement>('select, input[type=checkbox]');
        controls.forEach((c) => (c.disabled = !area));
        ar.hidden = !area;
        // Nothing selected: the fold steps aside (the Areas list says how to select one).
        arFold.hidden = !area;
        if (area && area.id !== shownAreaId && !isNewArea(store.getState(), area.id)) unfold(arFold);
        shownAreaId = area?.id ?? null;
        if (!area) {
          symReadout.textContent = '';
          return;
        }
        arName.textContent = `Selected area ${design.areas.indexOf(area) + 1}`;
        kind.value = area.kind;
        mirror.checked = area.mirrored;
        const a = asymmetry(design, area);
        const diff = Math.abs(a.leftCm2 - a.rightCm2) / Math.max(1e-9, (a.leftCm2 + a.rightCm2) / 2);
        symReadout.textContent = `Left ${a.leftCm2.toFixed(1)} cm², right ${a.rightCm2.toFixed(1)} cm² (${(diff * 100).toFixed(0)} % apart); mirror image off by up to ${a.maxMm.toFixed(1)} mm (mean ${a.meanMm.toFixed(1)} mm).`;
      },
      { fireImmediately: true, equalityFn: (x, y) => x[0] === y[0] && x[1] === y[1] && x[2] === y[2] },
    ),
  );

  // Landmarks and guides.
  const { fieldset: lm, details: lmFold } = foldingFieldset(panel, 'Landmarks and guides', { group: DESIGN_SECTIONS });
  const which = select(lm, 'Landmark to place', LANDMARKS);
  which.addEventListener('change', () => {
    setView(store, { landmark: which.value as LandmarkId });
    setTool(store, 'landmarks');
  });
  const lmButtons = document.createElement('div');
  lmButtons.className = 'row';
  lm.append(lmButtons);
  button(lmButtons, 'Place landmarks', () => setTool(store, 'landmarks'));
  button(lmButtons, 'Remove landmark', () => setLandmark(store, store.getState().view.landmark, null), 'Remove the chosen landmark');
  const guidesBox = checkbox(lm, 'Show guides');
  guidesBox.addEventListener('change', () => setView(store, { showGuides: guidesBox.checked }));
  const lmStatus = hint(lm);
  disposers.push(
    store.subscribe(
      (s) => [s.view.landmark, s.view.showGuides, s.design.landmarks] as const,
      ([landmark, show, marks]) => {
        which.value = landmark;
        guidesBox.checked = show;
        const placed = LANDMARKS.filter((l) => marks[l.id]).map((l) => l.short);
        lmStatus.textContent = placed.length ? `Placed: ${placed.join(', ')}.` : 'None placed. Front photo: glabella and outer eye corners. Top photo: mid-frontal point, vertex and the sides of the head.';
      },
      { fireImmediately: true, equalityFn: (a, b) => a[0] === b[0] && a[1] === b[1] && a[2] === b[2] },
    ),
  );

  // Templates.
  const { fieldset: tpBox } = foldingFieldset(panel, 'Templates', { group: DESIGN_SECTIONS });
  // Hairline styles fit a front photo, patterns a top photo: each shows on its own kind of photo.
  const viewNote = hint(tpBox);
  const tp = document.createElement('div');
  const tpTop = document.createElement('div');
  tpBox.append(tp, tpTop);
  const style = select(tp, 'Hairline style (front photo)', HAIRLINE_STYLES);
  let heightCm = STYLE_HEIGHT_CM.natural;
  const height = slider(tp, store, {
    label: 'Hairline height above glabella (cm)',
    range: HEIGHT_RANGE,
    unitWords: 'centimetres',
    read: () => heightCm,
    write: (v) => {
      heightCm = v;
      height.element.querySelectorAll('input').forEach((el) => (el.value = String(v)));
    },
    undoable: false,
  });
  disposers.push(height.dispose);
  style.addEventListener('change', () => height.element.querySelectorAll('input').forEach((el) => (el.value = String((heightCm = STYLE_HEIGHT_CM[style.value as HairlineStyle])))));
  button(tp, 'Apply hairline', () => {
    const s = HAIRLINE_STYLES.find((x) => x.id === style.value)!;
    applyHairlineTemplate(store, s.id, s.label, heightCm);
  });
  const pattern = select(tpTop, 'Pattern (top photo)', PATTERN_TEMPLATES);
  button(tpTop, 'Apply pattern', () => {
    const p = PATTERN_TEMPLATES.find((x) => x.id === pattern.value)!;
    applyPatternTemplate(store, p.id as PatternTemplate, p.label);
  });
  disposers.push(
    store.subscribe(
      (s) => photoView(s.design),
      (view) => {
        tp.hidden = view === 'top';
        tpTop.hidden = view === 'front';
        viewNote.textContent =
          view === 'front'
            ? 'A front photo (glabella marked): hairline styles.'
            : view === 'top'
              ? 'A top photo (mid-frontal point marked): balding patterns.'
              : 'Hairline styles are for a front photo, patterns for a top photo. Mark the landmarks (glabella and eye corners, or mid-frontal point, vertex and sides of the head) and only the right ones stay.';
      },
      { fireImmediately: true },
    ),
  );
  hint(tpBox, 'Replaces the areas (a pattern keeps exclusion zones); Undo restores them.');

  // Irregularity.
  const { fieldset: ir } = foldingFieldset(panel, 'Hairline irregularity', { group: DESIGN_SECTIONS });
  const irregularSlider = (label: string, key: 'macroMm' | 'microMm' | 'stray', range: Range, unitWords: string) =>
    disposers.push(slider(ir, store, { label, range, unitWords, read: (s) => s.design.irregularity[key], write: (v) => setIrregularity(store, { [key]: v }), undoable: true }).dispose);
  irregularSlider('Macro waves (mm)', 'macroMm', MACRO_IRREGULARITY_RANGE, 'millimetres');
  irregularSlider('Micro waves (mm)', 'microMm', MICRO_IRREGULARITY_RANGE, 'millimetres');
  irregularSlider('Stray dots ahead of the line (0 none, 1 many)', 'stray', STRAY_RANGE, 'from 0 to 1');
  button(ir, 'Reseed', () => reseedIrregularity(store), 'Reseed: try another natural variation');

  // Density brush.
  const { fieldset: br, details: brFold } = foldingFieldset(panel, 'Density brush', { group: DESIGN_SECTIONS });
  const mode = select<BrushSettings['mode']>(br, 'Brush mode', [
    { id: 'raise', label: 'Raise density' },
    { id: 'lower', label: 'Lower density' },
    { id: 'erase', label: 'Erase brush strokes' },
  ]);
  mode.addEventListener('change', () => {
    setView(store, { brush: { ...store.getState().view.brush, mode: mode.value as BrushSettings['mode'] } });
    setTool(store, 'brush');
  });
  const brushSlider = (label: string, key: 'radiusMm' | 'strength', range: Range, unitWords: string) =>
    disposers.push(
      slider(br, store, {
        label,
        range,
        unitWords,
        read: (s) => s.view.brush[key],
        write: (v) => setView(store, { brush: { ...store.getState().view.brush, [key]: v } }),
        undoable: false,
      }).dispose,
    );
  brushSlider('Brush size, radius (mm)', 'radiusMm', BRUSH_RADIUS_RANGE, 'millimetres');
  brushSlider('Brush strength (0 to 1)', 'strength', BRUSH_STRENGTH_RANGE, 'change at the centre, 0 to 1');
  const brButtons = document.createElement('div');
  brButtons.className = 'row';
  br.append(brButtons);
  button(brButtons, 'Paint', () => setTool(store, 'brush'), 'Paint with the density brush');
  button(brButtons, 'Clear strokes', () => {
    if (store.getState().design.brush.length === 0) notify(store, 'info', 'There are no brush strokes to clear.');
    clearBrush(store);
  });
  const brStatus = hint(br);
  disposers.push(
    store.subscribe(
      (s) => [s.view.brush.mode, s.design.brush.length] as const,
      ([m, n]) => {
        mode.value = m;
        brStatus.textContent = n === 0 ? 'No strokes yet. A pen presses harder for more.' : `${n} stroke${n > 1 ? 's' : ''}. Each stroke is one undo step.`;
      },
      { fireImmediately: true, equalityFn: (a, b) => a[0] === b[0] && a[1] === b[1] },
    ),
  );

  // A tool's settings unfold with the tool.
  disposers.push(
    store.subscribe(
      (s) => s.view.tool,
      (tool) => {
        if (tool === 'landmarks') unfold(lmFold);
        if (tool === 'brush') unfold(brFold);
      },
      { fireImmediately: true },
    ),
  );

  return () => {
    for (const d of disposers) d();
  };
}
