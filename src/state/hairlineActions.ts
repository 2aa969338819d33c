/**
 * Actions of the hairline toolkit: area kinds and mirror editing, landmarks, templates,
 * irregularity and the density brush. Every edit is one undo step (a brush stroke or a slider drag
 * is one gesture).
 */
import { AREA_KINDS } from '../core/document/defaults.ts';
import type { AreaKind, BrushPoint, Irregularity, TreatmentArea } from '../core/document/types.ts';
import { midline, type HeadBreadth } from '../core/landmarks.ts';
import type { ImagePoint } from '../core/math/types.ts';
import { symmetrize } from '../core/symmetry.ts';
import { ADULT_HEAD_BREADTH_CM, describeTemplateProblem, hairlineTemplate, patternTemplate, type HairlineStyle, type PatternTemplate, type TemplateResult } from '../core/templates.ts';
import { beginGesture, commit, endGesture, nextAreaId, notify, setView, updateGesture, withArea } from './actions.ts';
import type { AppStore, LandmarkId } from './store.ts';

/** Changes an area's kind (taking that kind's density factor and feather), factor or feather. */
export function setAreaProps(store: AppStore, areaId: string, patch: { kind?: AreaKind; densityFactor?: number; featherMm?: number }): void {
  const { design } = store.getState();
  commit(
    store,
    withArea(design, areaId, (a) => {
      const kindDefaults = patch.kind && patch.kind !== a.kind ? { densityFactor: AREA_KINDS[patch.kind].densityFactor, featherMm: AREA_KINDS[patch.kind].featherMm } : {};
      return { ...a, ...kindDefaults, ...patch };
    }),
  );
}

/** Turns mirror editing on (making the area symmetric about the midline) or off. */
export function setMirrored(store: AppStore, areaId: string, on: boolean): boolean {
  const { design } = store.getState();
  const area = design.areas.find((a) => a.id === areaId);
  if (!area || area.mirrored === on) return true;
  if (!on) {
    commit(store, withArea(design, areaId, (a) => ({ ...a, mirrored: false })));
    return true;
  }
  const sym = symmetrize(area, midline(design));
  if (typeof sym === 'string') {
    notify(
      store,
      'error',
      sym === 'does-not-cross-midline'
        ? 'Mirror editing needs an outline that crosses the midline. Mark the landmarks (or move the outline) so the midline runs through it.'
        : 'This outline crosses the midline more than twice, so it has no clear left and right half. Simplify it first.',
    );
    return false;
  }
  commit(store, withArea(design, areaId, () => sym));
  return true;
}

/** Places (or with null, removes) a landmark; the Landmarks tool then moves on to the next one. */
export function setLandmark(store: AppStore, id: LandmarkId, p: ImagePoint | null): void {
  const { design } = store.getState();
  commit(store, { ...design, landmarks: { ...design.landmarks, [id]: p } });
}

/** Adds a template's areas, replacing those it stands for; the look of the line comes with it. */
function applyTemplate(store: AppStore, result: TemplateResult, replaces: (a: TreatmentArea) => boolean, name: string, fit = ''): void {
  const { design } = store.getState();
  const kept = design.areas.filter((a) => !replaces(a));
  const replaced = design.areas.length - kept.length;
  commit(store, {
    ...design,
    areas: [...kept, ...result.areas],
    irregularity: { ...design.irregularity, ...result.irregularity },
    dots: result.transitionMm === undefined ? design.dots : { ...design.dots, transitionMm: result.transitionMm },
  });
  setView(store, { selection: { areaId: result.areas[0]!.id, pointIndex: null }, tool: 'select' });
  notify(store, 'info', `${name} placed${replaced > 0 ? `, in place of ${replaced} earlier area${replaced > 1 ? 's' : ''} (Undo brings ${replaced > 1 ? 'them' : 'it'} back)` : ''}.${fit} Drag its points to fit the client.`);
}

/** Places a hairline style on a front photo, replacing the hairline areas; a sentence when it cannot. */
export function applyHairlineTemplate(store: AppStore, style: HairlineStyle, label: string, heightCm?: number): boolean {
  const { design } = store.getState();
  const result = hairlineTemplate(design, style, nextAreaId(design), heightCm);
  if (typeof result === 'string') {
    notify(store, 'error', describeTemplateProblem(result));
    return false;
  }
  // A hairline style starts with mirror editing on: it is placed symmetric about the midline.
  const line = midline(design);
  const areas = result.areas.map((a) => {
    const sym = symmetrize(a, line);
    return typeof sym === 'string' ? a : sym;
  });
  applyTemplate(store, { ...result, areas }, (a) => a.kind === 'hairline', `${label} hairline`);
  return true;
}

/** Places a Norwood or Ludwig starting area on a top photo, replacing all but exclusion zones. */
export function applyPatternTemplate(store: AppStore, pattern: PatternTemplate, label: string): boolean {
  const { design } = store.getState();
  let next = 0;
  const ids = new Set(design.areas.map((a) => a.id));
  const nextId = (): string => {
    let id: string;
    do id = `area-${design.areas.length + ++next}`;
    while (ids.has(id));
    ids.add(id);
    return id;
  };
  const result = patternTemplate(design, pattern, nextId);
  if (typeof result === 'string') {
    notify(store, 'error', describeTemplateProblem(result));
    return false;
  }
  applyTemplate(store, result, (a) => a.kind !== 'exclusion', `${label} area`, breadthSentence(result.breadth));
  return true;
}

/** What head a pattern was fitted to, in a sentence: the marked breadth, or why to mark it. */
function breadthSentence({ cm, marked }: HeadBreadth): string {
  const across = `${cm.toFixed(1)} cm`;
  if (!marked) return ` It fits an average head, ${across} across: mark the two sides of the head (Landmarks, S) to fit this one.`;
  if (cm < ADULT_HEAD_BREADTH_CM.min || cm > ADULT_HEAD_BREADTH_CM.max) {
    return ` The sides of the head are ${across} apart at this scale, outside the ${ADULT_HEAD_BREADTH_CM.min}–${ADULT_HEAD_BREADTH_CM.max} cm of adult heads: check the scale and the side points.`;
  }
  return ` It fits the head's breadth, ${across} between the sides.`;
}

/** Changes the irregularity (inside a gesture for slider drags). */
export function setIrregularity(store: AppStore, patch: Partial<Irregularity>): void {
  const { design } = store.getState();
  commit(store, { ...design, irregularity: { ...design.irregularity, ...patch } });
}

/** A new natural variation of the same irregularity: only the noise seed changes. */
export function reseedIrregularity(store: AppStore): void {
  const { design } = store.getState();
  const seed = (Math.imul(design.irregularity.seed ^ 0x9e3779b9, 0x85ebca6b) + 0x6b43a9b5) >>> 0;
  setIrregularity(store, { seed });
}

/** Starts a brush stroke at a point, with the current brush settings (one undo step per stroke). */
export function beginStroke(store: AppStore, p: BrushPoint): void {
  beginGesture(store);
  const { design, view } = store.getState();
  const { mode, radiusMm, strength } = view.brush;
  updateGesture(store, { ...design, brush: [...design.brush, { mode, radiusMm, strength, points: [p] }] });
}

/** Extends the stroke being painted. */
export function extendStroke(store: AppStore, p: BrushPoint): void {
  const { design } = store.getState();
  const last = design.brush[design.brush.length - 1];
  if (!last) return;
  updateGesture(store, { ...design, brush: [...design.brush.slice(0, -1), { ...last, points: [...last.points, p] }] });
}

/** Ends the stroke: one undo step. */
export function endStroke(store: AppStore): void {
  endGesture(store);
}

/** Removes every brush stroke (one step). */
export function clearBrush(store: AppStore): void {
  const { design } = store.getState();
  if (design.brush.length > 0) commit(store, { ...design, brush: [] });
}
