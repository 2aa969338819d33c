/**
 * Templates as actions: a hairline style on a front photo, a balding pattern on a top photo, each
 * replacing the areas it stands for in one undo step, with a sentence when it cannot be placed.
 */
import type { TreatmentArea } from '../core/document/types.ts';
import { midline, type HeadBreadth } from '../core/landmarks.ts';
import { symmetrize } from '../core/symmetry.ts';
import { ADULT_HEAD_BREADTH_CM, describeTemplateProblem, hairlineTemplate, patternTemplate, type HairlineStyle, type PatternTemplate, type TemplateResult } from '../core/templates.ts';
import { commit, nextAreaId, notify, setView } from './actions.ts';
import type { AppStore } from './store.ts';


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
