/**
 * Templates: starting shapes placed from the landmarks and the scale, fully editable afterwards.
 *
 * Hairline styles (front photo) are drawn in the face frame of landmarks.ts: x in cm along the eye
 * line, y in cm above the glabella. The mid-frontal point sits on the midline at the chosen height
 * (7–10 cm, docs/domain.md §8), and the frontotemporal corners on the lines through the outer eye corners,
 * so the angles stay open. Each style closes the area behind the line, up the forehead.
 *
 * Treatment areas for Norwood II–VII and Ludwig I–III (top photo) are drawn in the top frame, in
 * units of the head itself: widths are fractions of the head's breadth between the marked sides of
 * the head, lengths along the midline fractions of the mid-frontal point–vertex distance, which
 * absorbs how much the photo foreshortens the curve of the head. A big head gets a big pattern,
 * and a wrong scale does not bend the shape.
 */
import { makeArea } from './areas.ts';
import type { Design, Irregularity, TreatmentArea } from './document/types.ts';
import { frontFrame, halfEyeSpanCm, headBreadth, toImage, topFrame, type FaceFrame, type HeadBreadth } from './landmarks.ts';
import type { ImagePoint } from './math/types.ts';

/** Hairline styles for a front photo. */
export type HairlineStyle = 'natural' | 'feathered' | 'straight' | 'widows-peak' | 'mature';

/** Balding and thinning patterns for a top photo. */
export type PatternTemplate = 'norwood-2' | 'norwood-3' | 'norwood-3v' | 'norwood-4' | 'norwood-5' | 'norwood-6' | 'norwood-7' | 'ludwig-1' | 'ludwig-2' | 'ludwig-3';

export const HAIRLINE_STYLES: readonly { id: HairlineStyle; label: string }[] = [
  { id: 'natural', label: 'Natural / soft' },
  { id: 'feathered', label: 'Broken / feathered' },
  { id: 'straight', label: 'Straight edge-up' },
  { id: 'widows-peak', label: "Widow's peak" },
  { id: 'mature', label: 'Receded / mature' },
];

export const PATTERN_TEMPLATES: readonly { id: PatternTemplate; label: string }[] = [
  { id: 'norwood-2', label: 'Norwood II' },
  { id: 'norwood-3', label: 'Norwood III' },
  { id: 'norwood-3v', label: 'Norwood III vertex' },
  { id: 'norwood-4', label: 'Norwood IV' },
  { id: 'norwood-5', label: 'Norwood V' },
  { id: 'norwood-6', label: 'Norwood VI' },
  { id: 'norwood-7', label: 'Norwood VII' },
  { id: 'ludwig-1', label: 'Ludwig I' },
  { id: 'ludwig-2', label: 'Ludwig II' },
  { id: 'ludwig-3', label: 'Ludwig III' },
];

/** Default mid-frontal height above the glabella per style, cm. */
export const STYLE_HEIGHT_CM: Readonly<Record<HairlineStyle, number>> = {
  natural: 8,
  feathered: 8,
  straight: 7.5,
  'widows-peak': 8,
  mature: 9.5,
};

/** What applying a template changes: areas to add, and for some styles the look of the line. */
export interface TemplateResult {
  readonly areas: readonly TreatmentArea[];
  readonly irregularity?: Partial<Omit<Irregularity, 'seed'>>;
  readonly transitionMm?: number;
}

/** Why a template cannot be placed: the landmark it needs, in words. */
export type TemplateProblem = 'needs-glabella' | 'needs-mid-frontal';

type Shape = readonly (readonly [number, number])[];

/**
 * The front line of each style from the image-left temple to the image-right one, as (x, y) with x
 * in units of the half eye span E and y in cm relative to the mid-frontal height H; the middle point
 * is the mid-frontal point (0, 0).
 */
function styleLine(style: HairlineStyle): Shape {
  switch (style) {
    case 'natural':
    case 'feathered':
      return [[-1.25, -4.2], [-1.12, -2.6], [-1, -1.6], [-0.62, -0.55], [0, 0], [0.62, -0.55], [1, -1.6], [1.12, -2.6], [1.25, -4.2]];
    case 'straight':
      return [[-1.12, -3.2], [-1.06, -1.2], [-1, -0.35], [-0.96, -0.2], [-0.5, -0.05], [0, 0], [0.5, -0.05], [0.96, -0.2], [1, -0.35], [1.06, -1.2], [1.12, -3.2]];
    case 'widows-peak':
      return [[-1.25, -4.2], [-1.1, -2.3], [-0.95, -0.6], [-0.5, 1], [-0.2, 0.85], [0, 0], [0.2, 0.85], [0.5, 1], [0.95, -0.6], [1.1, -2.3], [1.25, -4.2]];
    case 'mature':
      return [[-1.2, -4.6], [-1.02, -2.2], [-0.88, 0.9], [-0.58, 1.1], [-0.3, 0.2], [0, 0], [0.3, 0.2], [0.58, 1.1], [0.88, 0.9], [1.02, -2.2], [1.2, -4.6]];
  }
}

/** How far behind the mid-frontal point the area closes, cm. */
const CLOSE_BEHIND_CM = 5;

/** Places a hairline style on a front photo at `heightCm` above the glabella. */
export function hairlineTemplate(design: Design, style: HairlineStyle, id: string, heightCm = STYLE_HEIGHT_CM[style]): TemplateResult | TemplateProblem {
  const f = frontFrame(design);
  if (!f) return 'needs-glabella';
  const e = halfEyeSpanCm(design, f);
  const front = styleLine(style).map(([x, y]) => toImage(f, x * e, heightCm + y));
  const back = [
    toImage(f, 1.3 * e, heightCm + CLOSE_BEHIND_CM - 1),
    toImage(f, 0.45 * e, heightCm + CLOSE_BEHIND_CM),
    toImage(f, -0.45 * e, heightCm + CLOSE_BEHIND_CM),
    toImage(f, -1.3 * e, heightCm + CLOSE_BEHIND_CM - 1),
  ];
  const points = [...front, ...back];
  const area = { ...makeArea(id, points, 'hairline'), hairlineEdges: points.map((_, i) => i < front.length - 1) };
  if (style === 'feathered') return { areas: [area], irregularity: { microMm: 1.4, macroMm: 4, stray: 0.8 }, transitionMm: 11 };
  if (style === 'straight') return { areas: [area], irregularity: { microMm: 0.2, macroMm: 0.5, stray: 0 }, transitionMm: 3 };
  if (style === 'widows-peak') return { areas: [area], irregularity: { microMm: 0.5, macroMm: 2, stray: 0.2 }, transitionMm: 6 };
  if (style === 'mature') return { areas: [area], irregularity: { microMm: 0.8, macroMm: 3, stray: 0.4 }, transitionMm: 9 };
  return { areas: [area], irregularity: { microMm: 0.6, macroMm: 3, stray: 0.3 }, transitionMm: 8 };
}

/** Mid-frontal point to vertex on a top photo whose vertex is not marked, cm (projected). */
export const DEFAULT_VERTEX_DISTANCE_CM = 8;

/** Marked head breadths outside this range, cm, are no adult's: the scale or the side points are off. */
export const ADULT_HEAD_BREADTH_CM = { min: 12, max: 18 } as const;

/**
 * Where a pattern is drawn on a top photo: X across in half breadths of the head (the sides of the
 * head at ±1), Y back along the midline in mid-frontal point–vertex distances (the vertex at 1).
 */
interface HeadUnits {
  readonly frame: FaceFrame;
  readonly halfBreadthCm: number;
  readonly lengthCm: number;
}

/** Half an outline on the image-right side of the midline, in head units. */
type Half = readonly (readonly [number, number])[];

function atHead(h: HeadUnits, [x, y]: readonly [number, number]): ImagePoint {
  return toImage(h.frame, x * h.halfBreadthCm, y * h.lengthCm);
}

function mirrored(half: Half): [number, number][] {
  return half.map(([x, y]) => [-x, y]);
}

/** The restored hairline from the mid-frontal point to the right frontotemporal corner, head units. */
const HAIRLINE_RIGHT: Half = [
  [0, 0],
  [0.33, 0.02],
  [0.56, 0.1],
];

/**
 * A frontal area: the restored hairline, the temple line from its corner back to `temple`
 * (hairline edges), then `back`, the edge of the hair that remains, from the temple round to the
 * midline, where its last point lies. Symmetric about the midline.
 */
function frontalArea(h: HeadUnits, id: string, temple: Half, back: Half): TreatmentArea {
  const right = [...HAIRLINE_RIGHT, ...temple];
  const front = [...mirrored(right.slice(1)).reverse(), ...right];
  const rear = [...back, ...mirrored(back.slice(0, -1)).reverse()];
  const points = [...front, ...rear].map((p) => atHead(h, p));
  return { ...makeArea(id, points, 'hairline'), hairlineEdges: points.map((_, i) => i < front.length - 1) };
}

/** An oval on the midline centred `y` back, with half axes `rx` (half breadths) and `ry`, 16 points. */
function oval(h: HeadUnits, id: string, kind: 'crown' | 'thinning', y: number, rx: number, ry: number): TreatmentArea {
  // Trigonometry here only places control points once; the points are then stored in the design.
  const points = Array.from({ length: 16 }, (_, i) => atHead(h, [rx * Math.cos((Math.PI * i) / 8), y + ry * Math.sin((Math.PI * i) / 8)]));
  return makeArea(id, points, kind);
}

/**
 * Each stage's outlines in head units (the right halves of the frontal areas). What is bald at each
 * Hamilton–Norwood stage, seen from above:
 * - II: the temples recede in small triangles, the front of the hairline barely;
 * - III: deep temple recessions; III vertex adds a small bald crown;
 * - IV: the front is bald well back and the crown larger, with a band of hair between them;
 * - V: both larger, the band between them narrow;
 * - VI: the band is gone, one bald region from the hairline to behind the crown;
 * - VII: only a narrow horseshoe of hair remains round the sides and back.
 * Ludwig thinning keeps the frontal hairline: the oval starts a centimetre or two behind it and
 * widens with the stage.
 */
function patternAreas(h: HeadUnits, pattern: PatternTemplate, nextId: () => string): TreatmentArea[] {
  const front = (temple: Half, back: Half): TreatmentArea => frontalArea(h, nextId(), temple, back);
  const crown = (y: number, rx: number, ry: number): TreatmentArea => oval(h, nextId(), 'crown', y, rx, ry);
  const thinning = (y: number, rx: number, ry: number): TreatmentArea => oval(h, nextId(), 'thinning', y, rx, ry);
  const stageIII = (): TreatmentArea => front([[0.62, 0.42]], [[0.46, 0.44], [0.24, 0.25], [0, 0.2]]);
  switch (pattern) {
    case 'norwood-2':
      return [front([[0.6, 0.3]], [[0.42, 0.27], [0.2, 0.12], [0, 0.1]])];
    case 'norwood-3':
      return [stageIII()];
    case 'norwood-3v':
      return [stageIII(), crown(1, 0.24, 0.22)];
    case 'norwood-4':
      return [front([[0.64, 0.5]], [[0.52, 0.6], [0.28, 0.56], [0, 0.52]]), crown(1.02, 0.34, 0.3)];
    case 'norwood-5':
      return [front([[0.66, 0.52]], [[0.6, 0.68], [0.34, 0.7], [0, 0.68]]), crown(1.12, 0.5, 0.36)];
    case 'norwood-6':
      return [front([[0.64, 0.5]], [[0.68, 0.95], [0.55, 1.3], [0.3, 1.5], [0, 1.56]])];
    case 'norwood-7':
      return [front([[0.74, 0.5]], [[0.84, 0.95], [0.74, 1.42], [0.44, 1.72], [0, 1.8]])];
    case 'ludwig-1':
      return [thinning(0.55, 0.26, 0.34)];
    case 'ludwig-2':
      return [thinning(0.6, 0.42, 0.46)];
    case 'ludwig-3':
      return [thinning(0.68, 0.6, 0.52)];
  }
}

/** A pattern placed on a top photo, with the head breadth it was fitted to. */
export interface PatternResult extends TemplateResult {
  readonly breadth: HeadBreadth;
}

/**
 * Places a Norwood or Ludwig starting area on a top photo, fitted to the head: widths follow the
 * head's breadth between the sides of the head (an average head's when they are not marked),
 * lengths the mid-frontal point–vertex distance, so the shape follows the head as photographed.
 */
export function patternTemplate(design: Design, pattern: PatternTemplate, nextId: () => string): PatternResult | TemplateProblem {
  const frame = topFrame(design);
  if (!frame) return 'needs-mid-frontal';
  const { midFrontal, vertex } = design.landmarks;
  const lengthCm = vertex && midFrontal ? Math.hypot(vertex.x - midFrontal.x, vertex.y - midFrontal.y) / frame.pxPerCm : DEFAULT_VERTEX_DISTANCE_CM;
  const breadth = headBreadth(design, frame);
  return { areas: patternAreas({ frame, halfBreadthCm: breadth.cm / 2, lengthCm }, pattern, nextId), breadth };
}

/** A plain sentence for a template problem. */
export function describeTemplateProblem(problem: TemplateProblem): string {
  return problem === 'needs-glabella'
    ? 'Mark the glabella (between the eyebrows) first, with Landmarks; the outer eye corners help too.'
    : 'Mark the mid-frontal point (the middle of the front hairline) first, with Landmarks; the vertex sets the direction.';
}
