/**
 * Templates: starting shapes placed from the landmarks and the scale, fully editable afterwards.
 *
 * Hairline styles (front photo) are drawn in the face frame of landmarks.ts: x in cm along the eye
 * line, y in cm above the glabella. The mid-frontal point sits on the midline at the chosen height
 * (7–10 cm, DOMAIN.md), and the frontotemporal corners on the lines through the outer eye corners,
 * so the angles stay open. Each style closes the area behind the line, up the forehead.
 *
 * Treatment areas for Norwood II–VII and Ludwig I–III (top photo) are drawn in the top frame: x
 * across the head, y back from the mid-frontal point towards the vertex. Widths are those of an
 * adult head seen from above, in cm (so they follow the photo's scale); lengths along the midline
 * are fractions of the marked mid-frontal point–vertex distance, which absorbs how much the
 * photo foreshortens the curve of the head.
 */
import { makeArea } from './areas.ts';
import type { Design, Irregularity, TreatmentArea } from './document/types.ts';
import { frontFrame, halfEyeSpanCm, toImage, topFrame, type FaceFrame } from './landmarks.ts';
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

/** An ellipse of n control points in frame coordinates, cm. */
function ellipse(f: FaceFrame, cx: number, cy: number, rx: number, ry: number, n = 16): ImagePoint[] {
  // Trigonometry here only places control points once; the points are then stored in the design.
  return Array.from({ length: n }, (_, i) => toImage(f, cx + rx * Math.cos((2 * Math.PI * i) / n), cy + ry * Math.sin((2 * Math.PI * i) / n)));
}

/** Mid-frontal point to vertex in a top photo when the vertex is not marked, cm (projected). */
export const DEFAULT_VERTEX_DISTANCE_CM = 9;

/**
 * A frontal area for a Norwood stage: the restored hairline across the front (hairline edges) with
 * its temple corners `templeY` back, and behind it the bald region reaching `depthY` back and
 * `halfWidthCm` to each side. Lengths along the midline (…Y) are fractions of the mid-frontal
 * point–vertex distance D, so the shape follows the head as photographed; widths are cm.
 */
function frontalArea(f: FaceFrame, d: number, id: string, templeY: number, depthY: number, halfWidthCm: number): TreatmentArea {
  const front: [number, number][] = [
    [-4.2, templeY * d],
    [-3.9, 0.07 * d],
    [-2.7, 0.012 * d],
    [0, 0],
    [2.7, 0.012 * d],
    [3.9, 0.07 * d],
    [4.2, templeY * d],
  ];
  const back: [number, number][] = [
    [halfWidthCm, depthY * d * 0.8],
    [halfWidthCm * 0.55, depthY * d],
    [-halfWidthCm * 0.55, depthY * d],
    [-halfWidthCm, depthY * d * 0.8],
  ];
  const points = [...front, ...back].map(([x, y]) => toImage(f, x, y));
  return { ...makeArea(id, points, 'hairline'), hairlineEdges: points.map((_, i) => i < front.length - 1) };
}

/** Places a Norwood or Ludwig starting area on a top photo. */
export function patternTemplate(design: Design, pattern: PatternTemplate, nextId: () => string): TemplateResult | TemplateProblem {
  const f = topFrame(design);
  if (!f) return 'needs-mid-frontal';
  const { midFrontal, vertex } = design.landmarks;
  const d = vertex && midFrontal ? Math.hypot(vertex.x - midFrontal.x, vertex.y - midFrontal.y) / f.pxPerCm : DEFAULT_VERTEX_DISTANCE_CM;
  const crown = (cy: number, r: number): TreatmentArea => makeArea(nextId(), ellipse(f, 0, cy * d, r, r * 1.1), 'crown');
  const thinning = (cy: number, rx: number, ry: number): TreatmentArea => makeArea(nextId(), ellipse(f, 0, cy * d, rx, ry * d), 'thinning');
  const front = (templeY: number, depthY: number, halfWidthCm: number): TreatmentArea => frontalArea(f, d, nextId(), templeY, depthY, halfWidthCm);
  switch (pattern) {
    case 'norwood-2':
      return { areas: [front(0.22, 0.3, 3.4)] };
    case 'norwood-3':
      return { areas: [front(0.3, 0.42, 3.8)] };
    case 'norwood-3v':
      return { areas: [front(0.3, 0.42, 3.8), crown(1, 1.8)] };
    case 'norwood-4':
      return { areas: [front(0.36, 0.5, 4), crown(1.02, 2.6)] };
    case 'norwood-5':
      return { areas: [front(0.42, 0.68, 4.3), crown(1.02, 3.2)] };
    case 'norwood-6':
      return { areas: [front(0.45, 1.3, 4.8)] };
    case 'norwood-7':
      return { areas: [front(0.5, 1.45, 5.3)] };
    // Ludwig thinning keeps the frontal hairline: the ovals begin about a sixth of D behind it.
    case 'ludwig-1':
      return { areas: [thinning(0.58, 2, 0.3)] };
    case 'ludwig-2':
      return { areas: [thinning(0.62, 3, 0.4)] };
    case 'ludwig-3':
      return { areas: [thinning(0.68, 4, 0.5)] };
  }
}

/** A plain sentence for a template problem. */
export function describeTemplateProblem(problem: TemplateProblem): string {
  return problem === 'needs-glabella'
    ? 'Mark the glabella (between the eyebrows) first, with Landmarks; the outer eye corners help too.'
    : 'Mark the mid-frontal point (the middle of the front hairline) first, with Landmarks; the vertex sets the direction.';
}
