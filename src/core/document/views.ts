/**
 * A design's views: the design as one view shows it (the shared plan with the view's own photo,
 * scale, landmarks, areas, brush and seed), an edit of that made back into the design, and the
 * operations on the list of views. Pure: the store keeps the design and which view is shown.
 */
import { readText } from './text.ts';
import { MAX_VIEWS, type Design, type DesignDocument, type DesignView, type ViewName } from './types.ts';

/** The sides of the head a view can show, in menu order. */
export const VIEW_NAMES: readonly ViewName[] = ['front', 'top', 'left', 'right', 'back', 'other'];

/** Each side's name in words. */
export const VIEW_WORDS: Readonly<Record<ViewName, string>> = {
  front: 'Front',
  top: 'Top',
  left: 'Left side',
  right: 'Right side',
  back: 'Back',
  other: 'Other view',
};

/** Longest label a view keeps, characters. */
export const VIEW_LABEL_MAX = 40;

/** A view's title: the practitioner's label, or the side it shows. */
export function viewTitle(view: DesignView): string {
  return view.label || VIEW_WORDS[view.name];
}

/** The design as view `index` shows it. */
export function viewDesign(doc: DesignDocument, index: number): Design {
  const v = doc.views[index];
  if (!v) throw new RangeError(`The design has no view ${index + 1}`);
  return {
    version: doc.version,
    client: doc.client,
    seed: v.seed,
    photo: v.photo,
    scale: v.scale,
    maxDensityPerCm2: doc.maxDensityPerCm2,
    dots: doc.dots,
    areas: v.areas,
    landmarks: v.landmarks,
    irregularity: doc.irregularity,
    brush: v.brush,
    sessions: doc.sessions,
    aftercare: doc.aftercare,
  };
}

/**
 * The design after an edit made through view `index` (`design` is what that view shows now): the
 * shared plan and the view's own parts each taken from it. Parts left as they were keep their
 * identity, so nothing that did not change looks changed.
 */
export function withViewDesign(doc: DesignDocument, index: number, design: Design): DesignDocument {
  const v = doc.views[index];
  if (!v) throw new RangeError(`The design has no view ${index + 1}`);
  const same = v.seed === design.seed && v.photo === design.photo && v.scale === design.scale && v.landmarks === design.landmarks && v.areas === design.areas && v.brush === design.brush;
  const view: DesignView = same ? v : { ...v, seed: design.seed, photo: design.photo, scale: design.scale, landmarks: design.landmarks, areas: design.areas, brush: design.brush };
  const views = same ? doc.views : doc.views.map((x, i) => (i === index ? view : x));
  const shared =
    doc.version === design.version &&
    doc.client === design.client &&
    doc.maxDensityPerCm2 === design.maxDensityPerCm2 &&
    doc.dots === design.dots &&
    doc.irregularity === design.irregularity &&
    doc.sessions === design.sessions &&
    doc.aftercare === design.aftercare;
  if (shared && same) return doc;
  return {
    version: design.version,
    client: design.client,
    maxDensityPerCm2: design.maxDensityPerCm2,
    dots: design.dots,
    irregularity: design.irregularity,
    sessions: design.sessions,
    aftercare: design.aftercare,
    views,
  };
}

/** A view holding a design's own parts. */
export function viewOf(design: Design, id: string, name: ViewName, label = ''): DesignView {
  return { id, name, label, seed: design.seed, photo: design.photo, scale: design.scale, landmarks: design.landmarks, areas: design.areas, brush: design.brush };
}

/** A design of one view, from that view's design. */
export function documentOf(design: Design, name: ViewName = guessViewName(design), label = ''): DesignDocument {
  return withViewDesign(
    { version: design.version, client: design.client, maxDensityPerCm2: design.maxDensityPerCm2, dots: design.dots, irregularity: design.irregularity, sessions: design.sessions, aftercare: design.aftercare, views: [viewOf(design, 'view-1', name, label)] },
    0,
    design,
  );
}

/** The side a view most likely shows, from its landmarks: the face's marks say front, the crown's say top. */
export function guessViewName(design: Pick<Design, 'landmarks'>): ViewName {
  const l = design.landmarks;
  if (l.glabella || l.leftEye || l.rightEye || l.leftBrow || l.rightBrow) return 'front';
  if (l.midFrontal || l.vertex || l.leftSide || l.rightSide) return 'top';
  return 'other';
}

/** An id no view of the design has. */
export function freshViewId(doc: DesignDocument): string {
  let n = doc.views.length + 1;
  while (doc.views.some((v) => v.id === `view-${n}`)) n++;
  return `view-${n}`;
}

/** A seed for a new view, different from every other view's (same design, same seeds). */
export function freshViewSeed(doc: DesignDocument): number {
  // A fixed odd step through the 32-bit seeds from the first view's: no two views share one.
  let seed = doc.views[0]?.seed ?? 1;
  do seed = (Math.imul(seed, 0x9e3779b1) + 0x7f4a7c15) >>> 0;
  while (doc.views.some((v) => v.seed === seed));
  return seed;
}

/** Why a view cannot be added, or null when it can. */
export function cannotAddView(doc: DesignDocument): string | null {
  return doc.views.length >= MAX_VIEWS ? `A design holds at most ${MAX_VIEWS} views; delete one to add another.` : null;
}

/** The design with `view` added after the others. */
export function addView(doc: DesignDocument, view: DesignView): DesignDocument {
  const problem = cannotAddView(doc);
  if (problem) throw new RangeError(problem);
  return { ...doc, views: [...doc.views, view] };
}

/** The design with view `index` named `name`, labelled `label` (trimmed, at most VIEW_LABEL_MAX characters). */
export function renameView(doc: DesignDocument, index: number, name: ViewName, label: string): DesignDocument {
  const v = doc.views[index];
  if (!v) return doc;
  const clean = readViewLabel(label);
  if (v.name === name && v.label === clean) return doc;
  return { ...doc, views: doc.views.map((x, i) => (i === index ? { ...x, name, label: clean } : x)) };
}

/** The design with view `from` moved to place `to`. */
export function moveView(doc: DesignDocument, from: number, to: number): DesignDocument {
  if (from === to || !doc.views[from] || to < 0 || to >= doc.views.length) return doc;
  const views = doc.views.slice();
  const [v] = views.splice(from, 1);
  views.splice(to, 0, v!);
  return { ...doc, views };
}

/** The design without view `index`; the last view stays (a design always has one). */
export function deleteView(doc: DesignDocument, index: number): DesignDocument {
  if (doc.views.length <= 1 || !doc.views[index]) return doc;
  return { ...doc, views: doc.views.filter((_, i) => i !== index) };
}

/** A view label: a string, control characters removed, trimmed, at most VIEW_LABEL_MAX characters; '' otherwise. */
export function readViewLabel(v: unknown): string {
  return readText(v, VIEW_LABEL_MAX);
}
