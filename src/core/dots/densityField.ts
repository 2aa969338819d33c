/**
 * The density field: for every texel of a grid laid over the photo, the factor s (0 to
 * FIELD_MAX_GAIN) of the design's density that applies there. A ranked point is a dot when
 * rank < s · density / maxDensity (docs/design-notes.md, "Sessions in the shader"), so the Density slider never touches this grid;
 * only outline, landmark-free shape edits (areas, irregularity, brush) rebuild it.
 *
 * Built in four steps:
 *  1. every area but exclusions: its shape (1 inside, feathered over its featherMm at edges that
 *     meet skin or hair, ramped up across the transition zone behind hairline edges) times its
 *     density factor; where areas overlap the larger wins, and that area owns the texel;
 *  2. hairline edges are irregular: seeded simplex noise moves the ramp back and forth by up to
 *     macroMm (waves of about 2 cm) plus microMm (waves of a few mm), and sprinkles stray dots in
 *     small patches up to STRAY_ZONE_MM ahead of the line;
 *  3. exclusion zones clear everything under them, with a soft margin of their featherMm outside;
 *  4. brush strokes multiply the result by a gain (raise, lower, or erase back towards 1).
 *
 * Over 300 lines as one file: the four steps write into one texel grid and one owner map, in order.
 */
import { createNoise2D } from 'simplex-noise';
import { MAX_VIEWS, type BrushStroke, type Design, type TreatmentArea } from '../document/types.ts';
import { smoothOutline } from '../areas.ts';
import { FIELD_MAX_GAIN } from '../document/limits.ts';
import { distanceTransform } from '../math/distanceTransform.ts';
import { bounds } from '../math/polygon.ts';
import { fillPolygon, rasterSegment } from '../math/raster.ts';
import { createRandom } from '../random.ts';
import { MM_PER_CM } from '../units.ts';

/** A grid of density factors over the photo. */
export interface DensityField {
  /** Grid width in texels. */
  readonly widthTexels: number;
  /** Grid height in texels. */
  readonly heightTexels: number;
  /** Image pixels per texel (the same along x and y). */
  readonly pxPerTexel: number;
  /** Factor per texel, FIELD_ONE per unit (0..255 for 0..FIELD_MAX_GAIN), row-major from the top-left. */
  readonly values: Uint8Array;
  /** Index in design.areas of the area each texel's density comes from, -1 for none. */
  readonly owner: Int16Array;
}

/** Texel value that stands for factor 1: exact, so an untouched area is exactly the design density. */
export const FIELD_ONE = 127;

/**
 * Finest texel, mm: about half the tightest dot spacing the product draws (0.87 mm at 150 /cm²);
 * linear filtering places edges between texels, and a field this size rebuilds within a frame.
 */
export const FIELD_TEXEL_MM = 0.5;

/** Largest grid side, texels (keeps rebuilds within a few tens of ms and the texture small). */
export const FIELD_MAX_SIDE = 2048;

/** Fraction of full density at the very front of the transition zone (sparse single dots). */
export const HAIRLINE_FRONT_FRACTION = 0.12;

/** Stray dots reach this far ahead of the (irregular) hairline, mm. */
export const STRAY_ZONE_MM = 4;

/** Wavelengths of the irregularity noise, cm. */
const MACRO_WAVELENGTH_CM = 2.2;
const MICRO_WAVELENGTH_CM = 0.35;
const STRAY_WAVELENGTH_CM = 0.12;

/** Grid geometry for a photo: texel size and dimensions. */
export function fieldGrid(widthPx: number, heightPx: number, pxPerCm: number): { w: number; h: number; pxPerTexel: number } {
  const finest = (FIELD_TEXEL_MM / MM_PER_CM) * pxPerCm;
  const pxPerTexel = Math.max(finest, widthPx / FIELD_MAX_SIDE, heightPx / FIELD_MAX_SIDE, 1e-6);
  // Rows are a multiple of 4 bytes: WebGL's default unpack alignment for one-byte texels.
  return { w: Math.max(4, Math.ceil(widthPx / pxPerTexel / 4) * 4), h: Math.max(1, Math.ceil(heightPx / pxPerTexel)), pxPerTexel };
}

function smoothstep(t: number): number {
  const c = t < 0 ? 0 : t > 1 ? 1 : t;
  return c * c * (3 - 2 * c);
}

/** The noise behind one design's irregularity: three seeded simplex fields. */
interface IrregularityNoise {
  readonly macro: (x: number, y: number) => number;
  readonly micro: (x: number, y: number) => number;
  readonly stray: (x: number, y: number) => number;
}

function irregularityNoise(seed: number): IrregularityNoise {
  const random = createRandom(seed, 0x1ea7);
  return { macro: createNoise2D(random), micro: createNoise2D(random), stray: createNoise2D(random) };
}

/** Texel geometry shared by the steps. */
interface Grid {
  readonly w: number;
  readonly h: number;
  readonly pxPerTexel: number;
  readonly mmPerTexel: number;
}

/** An area's outline rasterised on its own sub-grid, with distances to its hairline and other edges. */
interface AreaRaster {
  readonly x0: number;
  readonly y0: number;
  readonly sw: number;
  readonly sh: number;
  readonly inside: Uint8Array;
  /** Distance in texels to the nearest hairline edge, or null when the area has none. */
  readonly toHair: Float32Array | null;
  /** Distance in texels to the nearest other edge. */
  readonly toEdge: Float32Array;
}

function rasterArea(area: TreatmentArea, grid: Grid, marginMm: number): AreaRaster | null {
  if (area.points.length < 3) return null;
  const { pxPerTexel, w, h } = grid;
  const curve = smoothOutline(area.points);
  const marginTexels = Math.ceil(marginMm / grid.mmPerTexel) + 2;
  const box = bounds(curve.points);
  const x0 = Math.max(0, Math.floor(box.minX / pxPerTexel) - marginTexels);
  const y0 = Math.max(0, Math.floor(box.minY / pxPerTexel) - marginTexels);
  const x1 = Math.min(w, Math.ceil(box.maxX / pxPerTexel) + marginTexels);
  const y1 = Math.min(h, Math.ceil(box.maxY / pxPerTexel) + marginTexels);
  const sw = x1 - x0;
  const sh = y1 - y0;
  if (sw <= 0 || sh <= 0) return null;
  const poly = curve.points.map((p) => ({ x: p.x / pxPerTexel - x0, y: p.y / pxPerTexel - y0 }));
  const inside = new Uint8Array(sw * sh);
  fillPolygon(inside, sw, sh, poly);
  const hairSeeds = new Uint8Array(sw * sh);
  const edgeSeeds = new Uint8Array(sw * sh);
  let hasHairline = false;
  for (let k = 0, n = poly.length; k < n; k++) {
    const a = poly[k]!;
    const b = poly[(k + 1) % n]!;
    const isHair = area.kind !== 'exclusion' && area.hairlineEdges[curve.edgeOf[k]!] === true;
    hasHairline ||= isHair;
    rasterSegment(isHair ? hairSeeds : edgeSeeds, sw, sh, a.x, a.y, b.x, b.y);
  }
  return { x0, y0, sw, sh, inside, toHair: hasHairline ? distanceTransform(hairSeeds, sw, sh) : null, toEdge: distanceTransform(edgeSeeds, sw, sh) };
}

/** Step 1 and 2: one area's factor per texel, kept where it beats what is there. */
function addArea(design: Design, index: number, grid: Grid, noise: IrregularityNoise, acc: Float32Array, owner: Int16Array): void {
  const area = design.areas[index]!;
  const { macroMm, microMm, stray } = design.irregularity;
  const zoneMm = design.dots.transitionMm;
  const wobbleMm = macroMm + microMm;
  const aheadMm = wobbleMm + (stray > 0 ? STRAY_ZONE_MM : 0);
  const featherMm = area.featherMm;
  const r = rasterArea(area, grid, Math.max(aheadMm, featherMm));
  if (!r) return;
  const { mmPerTexel } = grid;
  const cmPerTexel = mmPerTexel / MM_PER_CM;
  const strayCut = 1 - 0.6 * stray;
  for (let sy = 0; sy < r.sh; sy++) {
    for (let sx = 0; sx < r.sw; sx++) {
      const j = sy * r.sw + sx;
      const isInside = r.inside[j] === 1;
      const hairMm = r.toHair ? r.toHair[j]! * mmPerTexel : Infinity;
      if (!isInside && hairMm > aheadMm) continue;
      const edgeMm = r.toEdge[j]! * mmPerTexel;
      const feather = featherMm > 0 ? smoothstep(edgeMm / featherMm) : 1;
      let s = isInside ? feather : 0;
      if (hairMm <= aheadMm + zoneMm) {
        const xCm = (r.x0 + sx + 0.5) * cmPerTexel;
        const yCm = (r.y0 + sy + 0.5) * cmPerTexel;
        const shiftMm = macroMm * noise.macro(xCm / MACRO_WAVELENGTH_CM, yCm / MACRO_WAVELENGTH_CM) + microMm * noise.micro(xCm / MICRO_WAVELENGTH_CM, yCm / MICRO_WAVELENGTH_CM);
        // Depth behind the irregular line: positive inside, negative ahead of it.
        const depthMm = (isInside ? hairMm : -hairMm) + shiftMm;
        let ramp: number;
        if (depthMm > 0) ramp = zoneMm > 0 ? HAIRLINE_FRONT_FRACTION + (1 - HAIRLINE_FRONT_FRACTION) * smoothstep(depthMm / zoneMm) : 1;
        else if (stray > 0 && depthMm > -STRAY_ZONE_MM && noise.stray(xCm / STRAY_WAVELENGTH_CM, yCm / STRAY_WAVELENGTH_CM) > strayCut) {
          ramp = HAIRLINE_FRONT_FRACTION * (1 + depthMm / STRAY_ZONE_MM);
        } else ramp = 0;
        // Ahead of the line, the other edges' feather still fades the ramp out beside the area.
        s = Math.min(feather, ramp);
      }
      s *= area.densityFactor;
      const i = (r.y0 + sy) * grid.w + r.x0 + sx;
      if (s > acc[i]!) {
        acc[i] = s;
        owner[i] = index;
      }
    }
  }
}

/** Step 3: an exclusion zone clears what lies under it, with a soft margin outside. */
function applyExclusion(area: TreatmentArea, grid: Grid, acc: Float32Array): void {
  const r = rasterArea(area, grid, area.featherMm);
  if (!r) return;
  for (let sy = 0; sy < r.sh; sy++) {
    for (let sx = 0; sx < r.sw; sx++) {
      const j = sy * r.sw + sx;
      const keep = r.inside[j] === 1 ? 0 : area.featherMm > 0 ? smoothstep((r.toEdge[j]! * grid.mmPerTexel) / area.featherMm) : 1;
      acc[(r.y0 + sy) * grid.w + r.x0 + sx]! *= keep;
    }
  }
}

/**
 * How much of a stroke reaches each texel (0..1): the largest, over the stroke's path, of the
 * pressure there times a falloff that is 1 over the inner half of the radius and smooth to 0 at
 * the rim. Taking the largest (not the sum) makes a stroke's effect independent of how densely the
 * pointer reported positions.
 */
export function strokeCoverage(stroke: BrushStroke, grid: Grid, pxPerCm: number): { x0: number; y0: number; sw: number; sh: number; cover: Float32Array } | null {
  const radiusPx = (stroke.radiusMm / MM_PER_CM) * pxPerCm;
  const rT = radiusPx / grid.pxPerTexel;
  const pts = stroke.points.map((p) => ({ x: p.x / grid.pxPerTexel, y: p.y / grid.pxPerTexel, pressure: p.pressure }));
  if (pts.length === 0) return null;
  const box = bounds(pts);
  const x0 = Math.max(0, Math.floor(box.minX - rT) - 1);
  const y0 = Math.max(0, Math.floor(box.minY - rT) - 1);
  const x1 = Math.min(grid.w, Math.ceil(box.maxX + rT) + 1);
  const y1 = Math.min(grid.h, Math.ceil(box.maxY + rT) + 1);
  const sw = x1 - x0;
  const sh = y1 - y0;
  if (sw <= 0 || sh <= 0) return null;
  const cover = new Float32Array(sw * sh);
  const segments = pts.length === 1 ? [[pts[0]!, pts[0]!]] : pts.slice(1).map((b, k) => [pts[k]!, b]);
  for (const [a, b] of segments) {
    const dx = b!.x - a!.x;
    const dy = b!.y - a!.y;
    const len2 = dx * dx + dy * dy;
    const gx0 = Math.max(x0, Math.floor(Math.min(a!.x, b!.x) - rT));
    const gx1 = Math.min(x1, Math.ceil(Math.max(a!.x, b!.x) + rT) + 1);
    const gy0 = Math.max(y0, Math.floor(Math.min(a!.y, b!.y) - rT));
    const gy1 = Math.min(y1, Math.ceil(Math.max(a!.y, b!.y) + rT) + 1);
    for (let ty = gy0; ty < gy1; ty++) {
      for (let tx = gx0; tx < gx1; tx++) {
        const px = tx + 0.5 - a!.x;
        const py = ty + 0.5 - a!.y;
        const t = len2 > 0 ? Math.min(1, Math.max(0, (px * dx + py * dy) / len2)) : 0;
        const d = Math.hypot(px - t * dx, py - t * dy);
        if (d >= rT) continue;
        const pressure = a!.pressure + t * (b!.pressure - a!.pressure);
        const c = pressure * smoothstep((1 - d / rT) * 2);
        const k = (ty - y0) * sw + (tx - x0);
        if (c > cover[k]!) cover[k] = c;
      }
    }
  }
  return { x0, y0, sw, sh, cover };
}

/** Step 4: the brush gain per texel (1 where no stroke reaches), or null without strokes. */
function brushGain(design: Design, grid: Grid): Float32Array | null {
  if (design.brush.length === 0) return null;
  const gain = new Float32Array(grid.w * grid.h).fill(1);
  for (const stroke of design.brush) {
    const c = strokeCoverage(stroke, grid, design.scale.pxPerCm);
    if (!c) continue;
    for (let sy = 0; sy < c.sh; sy++) {
      for (let sx = 0; sx < c.sw; sx++) {
        const amount = c.cover[sy * c.sw + sx]!;
        if (amount === 0) continue;
        const i = (c.y0 + sy) * grid.w + c.x0 + sx;
        const g = gain[i]!;
        if (stroke.mode === 'raise') gain[i] = Math.min(FIELD_MAX_GAIN, g + stroke.strength * amount);
        else if (stroke.mode === 'lower') gain[i] = Math.max(0, g - stroke.strength * amount);
        else gain[i] = g + (1 - g) * amount;
      }
    }
  }
  return gain;
}

/** Builds the density field for a design over its photo. */
export function buildDensityField(design: Design): DensityField {
  const { widthPx, heightPx } = design.photo;
  const pxPerCm = design.scale.pxPerCm;
  const { w, h, pxPerTexel } = fieldGrid(widthPx, heightPx, pxPerCm);
  const grid: Grid = { w, h, pxPerTexel, mmPerTexel: (pxPerTexel / pxPerCm) * MM_PER_CM };
  const acc = new Float32Array(w * h);
  const owner = new Int16Array(w * h).fill(-1);
  const noise = irregularityNoise(design.irregularity.seed);
  design.areas.forEach((area, index) => {
    if (area.kind !== 'exclusion') addArea(design, index, grid, noise, acc, owner);
  });
  for (const area of design.areas) if (area.kind === 'exclusion') applyExclusion(area, grid, acc);
  const gain = brushGain(design, grid);
  const values = new Uint8Array(w * h);
  for (let i = 0; i < acc.length; i++) {
    const s = gain ? acc[i]! * gain[i]! : acc[i]!;
    if (s <= 0) {
      if (owner[i] !== -1 && acc[i] === 0) owner[i] = -1;
      continue;
    }
    values[i] = Math.min(255, Math.round(s * FIELD_ONE));
  }
  return { widthTexels: w, heightTexels: h, pxPerTexel, values, owner };
}

/**
 * How much of the field each area holds: per area (index as in design.areas), a count of texels
 * per texel value. Dot estimates for any density then take 256 steps per area, so the Density
 * slider never walks the field.
 */
export interface FieldHistogram {
  readonly cm2PerTexel: number;
  readonly perArea: readonly Uint32Array[];
}

/** Counts the field's texel values per owning area. */
export function fieldHistogram(design: Design, field: DensityField): FieldHistogram {
  const perArea = design.areas.map(() => new Uint32Array(256));
  for (let i = 0; i < field.values.length; i++) {
    const v = field.values[i]!;
    const o = field.owner[i]!;
    if (v !== 0 && o >= 0) perArea[o]![v]!++;
  }
  return { cm2PerTexel: (field.pxPerTexel / design.scale.pxPerCm) ** 2, perArea };
}

/** Estimated dots per area and in total at a density, capped at the design's ceiling per texel. */
export function estimateFromHistogram(h: FieldHistogram, densityPerCm2: number, ceilingPerCm2: number): { perArea: number[]; total: number } {
  const perTexel = new Float64Array(256);
  for (let v = 1; v < 256; v++) perTexel[v] = Math.min(ceilingPerCm2, (v / FIELD_ONE) * densityPerCm2) * h.cm2PerTexel;
  const perArea = h.perArea.map((counts) => {
    let dots = 0;
    for (let v = 1; v < 256; v++) if (counts[v]) dots += counts[v]! * perTexel[v]!;
    return dots;
  });
  return { perArea, total: perArea.reduce((x, y) => x + y, 0) };
}

/** What the field is built from: a design that differs only elsewhere (Density, sessions) keeps it. */
export function fieldInputs(design: Design): readonly unknown[] {
  return [design.areas, design.dots.transitionMm, design.irregularity, design.brush, design.scale.pxPerCm, design.photo];
}

/** A field built, with its inputs and (once asked for) its histogram. */
interface KeptField {
  readonly inputs: readonly unknown[];
  readonly field: DensityField;
  histogram: FieldHistogram | null;
}

/**
 * Fields kept, the most recently used last: one for each view of a design of the most views, as
 * the totals count every view on each change while the renderer draws the one on screen. A field
 * takes 3 bytes a texel (a value and an area index): under 1 MB for a 30 cm photo, 12.6 MB at the
 * largest grid; older ones go beyond KEPT_FIELD_BYTES (the newest always stays).
 */
const kept: KeptField[] = [];
const KEPT_FIELD_BYTES = 48 * 2 ** 20;

const fieldBytes = (f: DensityField): number => f.values.byteLength + f.owner.byteLength;

function keptFor(design: Design): KeptField {
  const inputs = fieldInputs(design);
  const at = kept.findIndex((k) => k.inputs.every((v, i) => v === inputs[i]));
  const entry = at >= 0 ? kept.splice(at, 1)[0]! : { inputs, field: buildDensityField(design), histogram: null };
  kept.push(entry);
  let bytes = kept.reduce((sum, k) => sum + fieldBytes(k.field), 0);
  while (kept.length > MAX_VIEWS || (kept.length > 1 && bytes > KEPT_FIELD_BYTES)) bytes -= fieldBytes(kept.shift()!.field);
  return entry;
}

/**
 * The design's density field, built once for the same outlines, transition, irregularity, brush,
 * scale and photo: the renderer draws with it and the dot estimates count it, from one build.
 */
export function densityFieldOf(design: Design): DensityField {
  return keptFor(design).field;
}

/** Estimated dots per area (index as in design.areas) and in total, for the design as it is now. */
export function estimateDots(design: Design): { perArea: number[]; total: number } {
  const entry = keptFor(design);
  entry.histogram ??= fieldHistogram(design, entry.field);
  return estimateFromHistogram(entry.histogram, design.dots.densityPerCm2, design.maxDensityPerCm2);
}
