/**
 * Where to look for each iris: an upright square around each eye, placed from the face mesh's eye
 * corners, and the mapping between that square's pixels and the photo's. The iris model looks at
 * the square shrunk to its input size; the iris is then fitted on the square at full resolution
 * (irisFit.ts). Pure geometry: the worker does the drawing.
 *
 * The square is turned with the head's roll so that the eye lies level in it: the iris model
 * expects a level eye, and the fit's rays look for the limbus near the eye's horizontal.
 */
import { imagePoint, type ImagePoint } from '../math/types.ts';

/** Corner pairs of each eye on the lid margins, [outer, inner], as the face mesh numbers them: the subject's right eye, then left. */
const EYE_CORNERS = [
  [33, 133],
  [263, 362],
] as const;
/** The square's side, in eye widths (corner to corner): the eye, its lids and some skin around. */
export const EYE_BOX_WIDTHS = 2.3;

/** An upright square around one eye, in a photo's pixels. */
export interface EyeBox {
  /** Centre of the square: halfway between the eye's corners. */
  readonly cx: number;
  readonly cy: number;
  /** Side of the square, px. */
  readonly side: number;
  /** The eye line's angle to the photo's horizontal, radians, clockwise on screen. */
  readonly angle: number;
  /**
   * Whether the square is to be mirrored for the iris model, which was made for the subject's right
   * eye: the subject's left eye (mesh points 263 and 362) is shown to it mirrored.
   */
  readonly mirrored: boolean;
}

/** The two eyes' squares, the one on the photo's left first. */
export function eyeBoxes(mesh: readonly (readonly [number, number])[]): [EyeBox, EyeBox] {
  const at = (i: number): readonly [number, number] => {
    const p = mesh[i];
    if (!p) throw new RangeError(`The face mesh has no point ${i}`);
    return p;
  };
  const outer = EYE_CORNERS.map(([o]) => at(o));
  const [a, b] = outer[0]![0] <= outer[1]![0] ? [outer[0]!, outer[1]!] : [outer[1]!, outer[0]!];
  const angle = Math.atan2(b[1] - a[1], b[0] - a[0]);
  const boxes = EYE_CORNERS.map(([o, i], k): EyeBox => {
    const p = at(o);
    const q = at(i);
    return { cx: (p[0] + q[0]) / 2, cy: (p[1] + q[1]) / 2, side: EYE_BOX_WIDTHS * Math.hypot(q[0] - p[0], q[1] - p[1]), angle, mirrored: k === 1 };
  });
  return boxes[0]!.cx <= boxes[1]!.cx ? [boxes[0]!, boxes[1]!] : [boxes[1]!, boxes[0]!];
}

/**
 * The affine map from the photo's pixels to the box drawn level as a square of `sizePx` pixels, as
 * the arguments of a canvas's setTransform (a, b, c, d, e, f: x' = a x + c y + e, y' = b x + d y + f).
 */
export function boxTransform(box: EyeBox, sizePx: number): [number, number, number, number, number, number] {
  const k = sizePx / box.side;
  const c = Math.cos(box.angle);
  const s = Math.sin(box.angle);
  return [k * c, -k * s, k * s, k * c, sizePx / 2 - k * (c * box.cx + s * box.cy), sizePx / 2 - k * (-s * box.cx + c * box.cy)];
}

/** The photo point of a point in the box drawn as a square of `sizePx` pixels: the inverse of boxTransform. */
export function fromBox(box: EyeBox, sizePx: number, x: number, y: number): ImagePoint {
  const k = box.side / sizePx;
  const u = (x - sizePx / 2) * k;
  const v = (y - sizePx / 2) * k;
  const c = Math.cos(box.angle);
  const s = Math.sin(box.angle);
  return imagePoint(box.cx + c * u - s * v, box.cy + s * u + c * v);
}

/** The photo's axis-aligned rectangle (whole pixels, inside the photo) that holds the box, or null when it falls outside. */
export function boxBounds(box: EyeBox, widthPx: number, heightPx: number): { x0: number; y0: number; w: number; h: number } | null {
  const half = (box.side / 2) * (Math.abs(Math.cos(box.angle)) + Math.abs(Math.sin(box.angle)));
  const x0 = Math.max(0, Math.floor(box.cx - half));
  const y0 = Math.max(0, Math.floor(box.cy - half));
  const w = Math.min(widthPx, Math.ceil(box.cx + half)) - x0;
  const h = Math.min(heightPx, Math.ceil(box.cy + half)) - y0;
  return w >= 8 && h >= 8 ? { x0, y0, w, h } : null;
}
