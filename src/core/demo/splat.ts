/**
 * Soft marks stamped into a linear-light RGB float image: hairs, follicle shadows, pores, freckles.
 * Marks thinner than a pixel keep their total "ink" (opacity is scaled down as they are widened to
 * the pixel), so a downscaled demo shows stubble as the grey shadow a camera would record.
 */

/** Linear-light RGB, three floats per pixel, row-major. */
export interface FloatImage {
  readonly width: number;
  readonly height: number;
  readonly rgb: Float32Array;
}

/** Makes a black float image. */
export function createFloatImage(width: number, height: number): FloatImage {
  return { width, height, rgb: new Float32Array(width * height * 3) };
}

/** How a mark combines with what is under it. */
export type StampMode = 'over' | 'multiply' | 'screen';

/** A colour in linear light. */
export interface LinearRgb {
  readonly r: number;
  readonly g: number;
  readonly b: number;
}

/** Narrowest profile drawn, px: thinner marks are widened to this and made fainter. */
const MIN_RADIUS_PX = 0.6;
const LN2 = Math.LN2;

/**
 * Stamps a soft capsule from (x0, y0) to (x1, y1). `radiusPx` is the half-width at half opacity;
 * `opacity` the peak; `fade` lowers the opacity linearly towards the second end (0 none, 1 to zero).
 * 'over' paints `colour`, 'multiply' darkens by it, 'screen' lightens towards it.
 */
export function stampCapsule(
  img: FloatImage,
  x0: number,
  y0: number,
  x1: number,
  y1: number,
  radiusPx: number,
  opacity: number,
  colour: LinearRgb,
  mode: StampMode,
  fade = 0,
): void {
  const r = Math.max(radiusPx, MIN_RADIUS_PX);
  const segX = x1 - x0;
  const segY = y1 - y0;
  const len2 = segX * segX + segY * segY;
  const len = Math.sqrt(len2);
  // Ink across the stroke scales with the width; for a dot (short stroke) with the area.
  const dotness = 1 - Math.min(1, len / (2 * r));
  const thin = radiusPx / r;
  const peak = opacity * Math.pow(thin, 1 + dotness);
  if (peak <= 1e-4) return;
  const reach = r * 2.2 + 0.5;
  const minX = Math.max(0, Math.floor(Math.min(x0, x1) - reach));
  const maxX = Math.min(img.width - 1, Math.ceil(Math.max(x0, x1) + reach));
  const minY = Math.max(0, Math.floor(Math.min(y0, y1) - reach));
  const maxY = Math.min(img.height - 1, Math.ceil(Math.max(y0, y1) + reach));
  if (minX > maxX || minY > maxY) return;
  const k = LN2 / (r * r);
  const reach2 = reach * reach;
  const data = img.rgb;
  const { r: cr, g: cg, b: cb } = colour;
  for (let y = minY; y <= maxY; y++) {
    const py = y + 0.5 - y0;
    let i = (y * img.width + minX) * 3;
    for (let x = minX; x <= maxX; x++, i += 3) {
      const px = x + 0.5 - x0;
      let t = len2 > 0 ? (px * segX + py * segY) / len2 : 0;
      t = t < 0 ? 0 : t > 1 ? 1 : t;
      const dx = px - t * segX;
      const dy = py - t * segY;
      const d2 = dx * dx + dy * dy;
      if (d2 > reach2) continue;
      const a = peak * Math.exp(-k * d2) * (1 - fade * t);
      if (mode === 'over') {
        data[i] = data[i]! + (cr - data[i]!) * a;
        data[i + 1] = data[i + 1]! + (cg - data[i + 1]!) * a;
        data[i + 2] = data[i + 2]! + (cb - data[i + 2]!) * a;
      } else if (mode === 'multiply') {
        data[i] = data[i]! * (1 - a + a * cr);
        data[i + 1] = data[i + 1]! * (1 - a + a * cg);
        data[i + 2] = data[i + 2]! * (1 - a + a * cb);
      } else {
        data[i] = data[i]! + (1 - data[i]!) * a * cr;
        data[i + 1] = data[i + 1]! + (1 - data[i + 1]!) * a * cg;
        data[i + 2] = data[i + 2]! + (1 - data[i + 2]!) * a * cb;
      }
    }
  }
}

/** Stamps a soft round dot: a capsule of zero length. */
export function stampDot(img: FloatImage, x: number, y: number, radiusPx: number, opacity: number, colour: LinearRgb, mode: StampMode): void {
  stampCapsule(img, x, y, x, y, radiusPx, opacity, colour, mode);
}

const LUT_SIZE = 4096;
let srgbLut: Float32Array | undefined;

/** Linear light [0, 1] → sRGB levels [0, 255], tabulated. */
function srgbTable(): Float32Array {
  if (srgbLut) return srgbLut;
  srgbLut = new Float32Array(LUT_SIZE + 1);
  for (let i = 0; i <= LUT_SIZE; i++) {
    const c = i / LUT_SIZE;
    const v = c <= 0.0031308 ? 12.92 * c : 1.055 * Math.pow(c, 1 / 2.4) - 0.055;
    srgbLut[i] = v * 255;
  }
  return srgbLut;
}

/**
 * Encodes a linear-light image to 8-bit sRGB RGBA with a little sensor grain (which also dithers
 * away banding); `grainLevels` sets its strength in 8-bit levels.
 */
export function encodeSrgb8(img: FloatImage, random: () => number, grainLevels: number): Uint8ClampedArray {
  const table = srgbTable();
  const n = img.width * img.height;
  const out = new Uint8ClampedArray(n * 4);
  const src = img.rgb;
  const level = (v: number): number => table[Math.min(LUT_SIZE, Math.max(0, Math.round(v * LUT_SIZE)))]!;
  for (let p = 0, i = 0, o = 0; p < n; p++, i += 3, o += 4) {
    // One draw gives three 10-bit uniforms: two make a triangular luma grain, one a chroma wobble.
    const bits = Math.floor(random() * 1073741824);
    const a = (bits & 1023) / 1024;
    const b = ((bits >>> 10) & 1023) / 1024;
    const c = ((bits >>> 20) & 1023) / 1024 - 0.5;
    const luma = (a + b - 1) * grainLevels * 2.45;
    const chroma = c * grainLevels;
    out[o] = level(src[i]!) + luma + chroma;
    out[o + 1] = level(src[i + 1]!) + luma;
    out[o + 2] = level(src[i + 2]!) + luma - chroma;
    out[o + 3] = 255;
  }
  return out;
}
