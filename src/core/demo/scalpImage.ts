/**
 * A procedural photo of a shaved, balding male scalp (Norwood VI, top view, forehead at the bottom)
 * at a known scale: the built-in demo, and test fixtures whose stubble density and bald area are known.
 * Pure TypeScript, deterministic: same options, same bytes (in one JavaScript engine).
 */
import { createRandom } from '../random.ts';
import { resolveOptions, scalpLayout, type ScalpImageOptions, type ScalpLayout } from './scalpLayout.ts';
import { paintSkinAndBackdrop } from './skinShading.ts';
import { paintSkinMarks } from './skinMarks.ts';
import { createFloatImage, encodeSrgb8 } from './splat.ts';
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
  paintSkinAndBackdrop(img, layout, resolved.skinTone, resolved.hairless ? 0 : resolved.stubbleDensityPerCm2, resolved.seed);
  paintSkinMarks(img, layout, resolved.seed);
  if (!resolved.hairless) paintStubble(img, layout, follicles, resolved.seed);
  const rgba = encodeSrgb8(img, createRandom(resolved.seed, STREAM_GRAIN), GRAIN_LEVELS);
  return { image: { widthPx: resolved.widthPx, heightPx: resolved.heightPx, pxPerCm: resolved.pxPerCm, rgba }, layout, follicles };
}
