/**
 * The density field: for every texel of a grid laid over the photo, the fraction s in [0, 1] of the
 * design's density that applies there. A ranked point is a dot when rank < s · density / maxDensity
 * (DESIGN.md §3), so the Density slider never touches this grid; only outline edits rebuild it.
 *
 * Inside an area s is 1, feathered over a millimetre or so at edges that meet existing hair, and
 * ramped up across the transition zone behind hairline edges. Seeded simplex noise moves the ramp
 * back and forth (macro waves of about 2 cm, micro waves of a few mm) so the hairline is never
 * ruler-straight.
 */
import { createNoise2D } from 'simplex-noise';
import type { Design } from '../document/types.ts';
import { smoothOutline } from '../areas.ts';
import { distanceTransform } from '../math/distanceTransform.ts';
import { bounds } from '../math/polygon.ts';
import { fillPolygon, rasterSegment } from '../math/raster.ts';
import { createRandom } from '../random.ts';
import { MM_PER_CM } from '../units.ts';

/** A grid of shape factors over the photo. */
export interface DensityField {
  /** Grid width in texels. */
  readonly widthTexels: number;
  /** Grid height in texels. */
  readonly heightTexels: number;
  /** Image pixels per texel (the same along x and y). */
  readonly pxPerTexel: number;
  /** Shape factor s per texel, 0..255 for 0..1, row-major from the top-left. */
  readonly values: Uint8Array;
}

/**
 * Finest texel, mm: about half the tightest dot spacing the product draws (0.87 mm at 150 /cm²);
 * linear filtering places edges between texels, and a field this size rebuilds within a frame.
 */
export const FIELD_TEXEL_MM = 0.5;

/** Largest grid side, texels (keeps rebuilds within a few tens of ms and the texture small). */
export const FIELD_MAX_SIDE = 2048;

/** Fraction of full density at the very front of the transition zone (sparse single dots). */
export const HAIRLINE_FRONT_FRACTION = 0.12;

/** Feather at edges that are not hairline, mm. */
export const EDGE_FEATHER_MM = 1.2;

/** Macro and micro irregularity of the hairline ramp, as fractions of the zone width / mm. */
const MACRO_WAVELENGTH_CM = 2.2;
const MACRO_AMPLITUDE_OF_ZONE = 0.35;
const MICRO_WAVELENGTH_CM = 0.35;
const MICRO_AMPLITUDE_MM = 0.5;

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

/** Builds the density field for a design over its photo. */
export function buildDensityField(design: Design): DensityField {
  const { widthPx, heightPx } = design.photo;
  const pxPerCm = design.scale.pxPerCm;
  const { w, h, pxPerTexel } = fieldGrid(widthPx, heightPx, pxPerCm);
  const values = new Uint8Array(w * h);
  const mmPerTexel = (pxPerTexel / pxPerCm) * MM_PER_CM;
  const cmPerTexel = mmPerTexel / MM_PER_CM;
  const random = createRandom(design.seed, 0x1ea7);
  const macro = createNoise2D(random);
  const micro = createNoise2D(random);
  const zoneMm = design.dots.transitionMm;
  const reachMm = zoneMm * (1 + MACRO_AMPLITUDE_OF_ZONE) + MICRO_AMPLITUDE_MM * 2;
  const marginTexels = Math.ceil(Math.max(reachMm, EDGE_FEATHER_MM) / mmPerTexel) + 2;

  for (const area of design.areas) {
    if (area.points.length < 3) continue;
    const curve = smoothOutline(area.points);
    // Work on the sub-grid around this area only: the field is zero farther out.
    const box = bounds(curve.points);
    const x0 = Math.max(0, Math.floor(box.minX / pxPerTexel) - marginTexels);
    const y0 = Math.max(0, Math.floor(box.minY / pxPerTexel) - marginTexels);
    const x1 = Math.min(w, Math.ceil(box.maxX / pxPerTexel) + marginTexels);
    const y1 = Math.min(h, Math.ceil(box.maxY / pxPerTexel) + marginTexels);
    const sw = x1 - x0;
    const sh = y1 - y0;
    if (sw <= 0 || sh <= 0) continue;
    const poly = curve.points.map((p) => ({ x: p.x / pxPerTexel - x0, y: p.y / pxPerTexel - y0 }));
    const inside = new Uint8Array(sw * sh);
    fillPolygon(inside, sw, sh, poly);
    const hairSeeds = new Uint8Array(sw * sh);
    const edgeSeeds = new Uint8Array(sw * sh);
    let hasHairline = false;
    for (let k = 0, n = poly.length; k < n; k++) {
      const a = poly[k]!;
      const b = poly[(k + 1) % n]!;
      const isHair = area.hairlineEdges[curve.edgeOf[k]!] === true;
      hasHairline ||= isHair;
      rasterSegment(isHair ? hairSeeds : edgeSeeds, sw, sh, a.x, a.y, b.x, b.y);
    }
    const toHair = hasHairline ? distanceTransform(hairSeeds, sw, sh) : null;
    const toEdge = distanceTransform(edgeSeeds, sw, sh);

    for (let sy = 0; sy < sh; sy++) {
      for (let sx = 0; sx < sw; sx++) {
        const j = sy * sw + sx;
        const isInside = inside[j] === 1;
        const hairMm = toHair ? toHair[j]! * mmPerTexel : Infinity;
        if (!isInside && hairMm > reachMm) continue;
        const feather = smoothstep((toEdge[j]! * mmPerTexel) / EDGE_FEATHER_MM);
        let s = isInside ? feather : 0;
        if (hairMm <= reachMm) {
          const xCm = (x0 + sx + 0.5) * cmPerTexel;
          const yCm = (y0 + sy + 0.5) * cmPerTexel;
          const wobbleMm =
            zoneMm * MACRO_AMPLITUDE_OF_ZONE * macro(xCm / MACRO_WAVELENGTH_CM, yCm / MACRO_WAVELENGTH_CM) +
            MICRO_AMPLITUDE_MM * micro(xCm / MICRO_WAVELENGTH_CM, yCm / MICRO_WAVELENGTH_CM);
          const depthMm = (isInside ? hairMm : -hairMm) + wobbleMm;
          const ramp = depthMm <= 0 ? 0 : zoneMm > 0 ? HAIRLINE_FRONT_FRACTION + (1 - HAIRLINE_FRONT_FRACTION) * smoothstep(depthMm / zoneMm) : 1;
          s = Math.min(feather, ramp);
        }
        const i = (y0 + sy) * w + x0 + sx;
        const v = Math.round(s * 255);
        if (v > values[i]!) values[i] = v;
      }
    }
  }
  return { widthTexels: w, heightTexels: h, pxPerTexel, values };
}

/** Shape factor (0..1) at an image-pixel position, nearest texel. */
export function sampleField(field: DensityField, xPx: number, yPx: number): number {
  const tx = Math.min(field.widthTexels - 1, Math.max(0, Math.floor(xPx / field.pxPerTexel)));
  const ty = Math.min(field.heightTexels - 1, Math.max(0, Math.floor(yPx / field.pxPerTexel)));
  return field.values[ty * field.widthTexels + tx]! / 255;
}
