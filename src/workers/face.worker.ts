/**
 * Face reading off the main thread. The face model (the `@vladmandic/human` library, its BlazeFace,
 * FaceMesh and Iris models) is imported the first time a face is read, so neither the library nor
 * its weights load before they are needed; the weights come from the app's own origin (`modelBase`),
 * never from elsewhere.
 *
 * The model looks at a copy of the photo at most DETECT_MAX_PX on its long side; each iris is then
 * fitted on the full-resolution pixels around it (core/face/irisFit.ts), and everything is
 * returned in the photo's own pixels.
 */
/// <reference lib="webworker" />
import { expose } from 'comlink';
import type { Human } from '@vladmandic/human';
import type { FaceObservation, IrisObservation } from '../core/face/faceReading.ts';
import { fitIris } from '../core/face/irisFit.ts';

/** Long side of the copy the model looks at, px. */
const DETECT_MAX_PX = 1280;
/** Faces found with less confidence are ignored. */
const MIN_CONFIDENCE = 0.5;
/** Most faces reported in one photo. */
const MAX_FACES = 4;
/** The crop around an iris for its fit spans this many model radii either side. */
const IRIS_CROP_RADII = 2.5;

let human: Promise<Human> | null = null;

async function load(modelBase: string): Promise<Human> {
  const { Human: HumanClass } = await import('@vladmandic/human');
  const h = new HumanClass({
    modelBasePath: modelBase,
    // The CPU backend needs no GPU and gives the same answer on every machine.
    backend: 'cpu',
    warmup: 'none',
    cacheSensitivity: 0,
    debug: false,
    face: {
      enabled: true,
      detector: { rotation: true, maxDetected: MAX_FACES, minConfidence: MIN_CONFIDENCE, return: false },
      mesh: { enabled: true },
      iris: { enabled: true },
      attention: { enabled: false },
      description: { enabled: false },
      emotion: { enabled: false },
      antispoof: { enabled: false },
      liveness: { enabled: false },
      gear: { enabled: false },
    },
    body: { enabled: false },
    hand: { enabled: false },
    object: { enabled: false },
    gesture: { enabled: false },
    segmentation: { enabled: false },
    filter: { enabled: false },
  });
  await h.load();
  return h;
}

/** The pixels of `rect` of the full-resolution bitmap. */
function crop(bitmap: ImageBitmap, x: number, y: number, w: number, h: number): { rgba: Uint8ClampedArray; widthPx: number; heightPx: number } {
  const canvas = new OffscreenCanvas(w, h);
  const ctx = canvas.getContext('2d', { willReadFrequently: true })!;
  ctx.drawImage(bitmap, x, y, w, h, 0, 0, w, h);
  return { rgba: ctx.getImageData(0, 0, w, h).data, widthPx: w, heightPx: h };
}

/** One iris from its five model points (centre, then four on its edge), fitted on the full photo. */
function iris(bitmap: ImageBitmap, points: readonly (readonly (number | undefined)[])[] | undefined, toFull: number): IrisObservation | null {
  if (!points || points.length < 5) return null;
  const [c, ...edge] = points as [(number | undefined)[], ...(number | undefined)[][]];
  const x = c[0]! * toFull;
  const y = c[1]! * toFull;
  const radiusPx = (edge.reduce((s, p) => s + Math.hypot(p[0]! - c[0]!, p[1]! - c[1]!), 0) / edge.length) * toFull;
  const half = Math.ceil(IRIS_CROP_RADII * radiusPx);
  const x0 = Math.max(0, Math.floor(x - half));
  const y0 = Math.max(0, Math.floor(y - half));
  const w = Math.min(bitmap.width, Math.ceil(x + half)) - x0;
  const h = Math.min(bitmap.height, Math.ceil(y + half)) - y0;
  if (w < 8 || h < 8) return { x, y, radiusPx, fit: null };
  const fit = fitIris(crop(bitmap, x0, y0, w, h), x - x0, y - y0, radiusPx);
  return { x, y, radiusPx, fit: fit && { ...fit, x: fit.x + x0, y: fit.y + y0 } };
}

const api = {
  /** Every face in the photo, in its own pixels; the bitmap is the full-resolution upright photo. */
  async read(bitmap: ImageBitmap, modelBase: string): Promise<FaceObservation[]> {
    human ??= load(modelBase).catch((error: unknown) => {
      human = null;
      throw error;
    });
    const h = await human;
    const scale = Math.min(1, DETECT_MAX_PX / Math.max(bitmap.width, bitmap.height));
    const w = Math.max(1, Math.round(bitmap.width * scale));
    const hh = Math.max(1, Math.round(bitmap.height * scale));
    const small = new OffscreenCanvas(w, hh);
    small.getContext('2d')!.drawImage(bitmap, 0, 0, w, hh);
    const result = await h.detect(small);
    const toFull = 1 / scale;
    return result.face.map((f) => ({
      score: f.score,
      box: { x: f.box[0] * toFull, y: f.box[1] * toFull, w: f.box[2] * toFull, h: f.box[3] * toFull },
      mesh: f.mesh.map((p) => [p[0] * toFull, p[1] * toFull] as const),
      irises: [iris(bitmap, f.annotations.leftEyeIris, toFull), iris(bitmap, f.annotations.rightEyeIris, toFull)],
      yawDeg: ((f.rotation?.angle.yaw ?? 0) * 180) / Math.PI,
    }));
  },
};

/** What the face worker offers. */
export type FaceApi = typeof api;

expose(api);
