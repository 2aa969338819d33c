/**
 * A procedural photo of a shaved, balding male scalp (Norwood VI, top view, forehead at the bottom)
 * at a known scale: the built-in demo, and test fixtures whose stubble density and bald area are known.
 * Pure TypeScript, deterministic: same options, same bytes (in one JavaScript engine).
 */
import { createRandom } from '../random.ts';
import { resolveOptions, scalpLayout, type ScalpImageOptions, type ScalpLayout } from './scalpLayout.ts';
import { paintSkinAndBackdrop } from './skinShading.ts';
import { paintSkinMarks } from './skinMarks.ts';
import { createFloatImage, type FloatImage } from './splat.ts';
import { paintStubble, stubbleFollicles, type StubbleFollicles } from './stubble.ts';

export {
  DEFAULT_STUBBLE_DENSITY_PER_CM2,
  HAIRLINE_ABOVE_GLABELLA_CM,
  HEAD_LENGTH_CM,
  HEAD_WIDTH_CM,
  fitPxPerCm,
  isInFringe,
  scalpLayout,
} from './scalpLayout.ts';
export type { FringeGeometry, HeadGeometry, ScalpImageOptions, ScalpLayout, SkinTone } from './scalpLayout.ts';
export type { StubbleFollicles } from './stubble.ts';

/** The generated photo: 8-bit sRGB, opaque RGBA, row-major. */
export interface ScalpImage {
  readonly widthPx: number;
  readonly heightPx: number;
  readonly pxPerCm: number;
  readonly rgba: Uint8ClampedArray;
}

/** The photo plus what it was made of, for tests that measure against the truth. */
export interface ScalpScene {
  readonly image: ScalpImage;
  readonly layout: ScalpLayout;
  readonly follicles: StubbleFollicles;
}

const STREAM_GRAIN = 51;
/** Sensor noise, sRGB levels (standard deviation of the luma part). */
const GRAIN_LEVELS = 1.3;

/** The stubble follicles the photo for these options shows, image pixels. */
export function scalpFollicles(options: ScalpImageOptions, layout: ScalpLayout = scalpLayout(options)): StubbleFollicles {
  const resolved = resolveOptions(options);
  return stubbleFollicles(layout, resolved.stubbleDensityPerCm2, resolved.seed);
}

/** Renders the photo and returns it with its layout and follicle list. */
export function renderScalpScene(options: ScalpImageOptions): ScalpScene {
  const resolved = resolveOptions(options);
  const layout = scalpLayout(resolved);
  const follicles = scalpFollicles(resolved, layout);
  const img = createFloatImage(resolved.widthPx, resolved.heightPx);
  paintSkinAndBackdrop(img, layout, resolved.skinTone, resolved.stubbleDensityPerCm2, resolved.seed);
  paintSkinMarks(img, layout, resolved.seed);
  paintStubble(img, layout, follicles, resolved.seed);
  const rgba = toSrgb8(img, resolved.seed);
  return { image: { widthPx: resolved.widthPx, heightPx: resolved.heightPx, pxPerCm: resolved.pxPerCm, rgba }, layout, follicles };
}

/** Renders the demo scalp photo for these options. */
export function renderScalpImage(options: ScalpImageOptions): ScalpImage {
  return renderScalpScene(options).image;
}

const LUT_SIZE = 4096;
let srgbLut: Float32Array | undefined;

/** Linear light [0, 1] → sRGB levels [0, 255], tabulated. */
function lut(): Float32Array {
  if (srgbLut) return srgbLut;
  srgbLut = new Float32Array(LUT_SIZE + 1);
  for (let i = 0; i <= LUT_SIZE; i++) {
    const c = i / LUT_SIZE;
    const s = c <= 0.0031308 ? 12.92 * c : 1.055 * Math.pow(c, 1 / 2.4) - 0.055;
    srgbLut[i] = s * 255;
  }
  return srgbLut;
}

/** Encodes to 8-bit sRGB with a little sensor grain (which also dithers away banding). */
function toSrgb8(img: FloatImage, seed: number): Uint8ClampedArray {
  const table = lut();
  const random = createRandom(seed, STREAM_GRAIN);
  const n = img.width * img.height;
  const out = new Uint8ClampedArray(n * 4);
  const src = img.rgb;
  for (let p = 0, i = 0, o = 0; p < n; p++, i += 3, o += 4) {
    // One draw gives three 10-bit uniforms: two make a triangular luma grain, one a chroma wobble.
    const bits = Math.floor(random() * 1073741824);
    const a = (bits & 1023) / 1024;
    const b = ((bits >>> 10) & 1023) / 1024;
    const c = ((bits >>> 20) & 1023) / 1024 - 0.5;
    const luma = (a + b - 1) * GRAIN_LEVELS * 2.45;
    const chroma = c * GRAIN_LEVELS;
    out[o] = table[Math.min(LUT_SIZE, Math.max(0, Math.round(src[i]! * LUT_SIZE)))]! + luma + chroma;
    out[o + 1] = table[Math.min(LUT_SIZE, Math.max(0, Math.round(src[i + 1]! * LUT_SIZE)))]! + luma;
    out[o + 2] = table[Math.min(LUT_SIZE, Math.max(0, Math.round(src[i + 2]! * LUT_SIZE)))]! + luma - chroma;
    out[o + 3] = 255;
  }
  return out;
}
