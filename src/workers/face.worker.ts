/**
 * Face reading off the main thread. The face model (the `@vladmandic/human` library, its BlazeFace,
 * FaceMesh and Iris models) is imported the first time a face is read, so neither the library nor
 * its weights load before they are needed; the weights come from the app's own origin (`modelBase`),
 * never from elsewhere.
 *
 * Two calls, so that the full photo never crosses to the worker (moving a 12 MP bitmap blocks the
 * page for over 100 ms): `detect` looks at a small copy of the photo, and `fitIrises` fits each
 * iris on a full-resolution crop around it (core/face/irisFit.ts). faceBridge.ts puts them together.
 */
/// <reference lib="webworker" />
import { expose } from 'comlink';
import type { Human } from '@vladmandic/human';
import type { FaceObservation, IrisObservation } from '../core/face/faceReading.ts';
import { fitIris, type IrisCircle } from '../core/face/irisFit.ts';

/** Faces found with less confidence are ignored. */
const MIN_CONFIDENCE = 0.5;
/** Most faces reported in one photo. */
const MAX_FACES = 4;

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

/** An eye's crop of the full-resolution photo, and where the model puts the iris in it (crop px). */
export interface IrisCrop {
  readonly bitmap: ImageBitmap;
  readonly x: number;
  readonly y: number;
  readonly radiusPx: number;
}

/** The five model points of an iris (centre, then four on its edge) as a centre and a mean radius. */
function irisOf(points: readonly (readonly (number | undefined)[])[] | undefined): IrisObservation | null {
  if (!points || points.length < 5) return null;
  const [c, ...edge] = points as [(number | undefined)[], ...(number | undefined)[][]];
  const x = c[0] ?? 0;
  const y = c[1] ?? 0;
  const radiusPx = edge.reduce((s, p) => s + Math.hypot((p[0] ?? 0) - x, (p[1] ?? 0) - y), 0) / edge.length;
  return { x, y, radiusPx, fit: null };
}

const api = {
  /** Every face in `bitmap` (a copy of the photo at most DETECT_MAX_PX long), in its pixels; the irises are not fitted yet. */
  async detect(bitmap: ImageBitmap, modelBase: string): Promise<FaceObservation[]> {
    human ??= load(modelBase).catch((error: unknown) => {
      human = null;
      throw error;
    });
    const h = await human;
    const result = await h.detect(bitmap);
    bitmap.close();
    return result.face.map((f) => ({
      score: f.score,
      box: { x: f.box[0], y: f.box[1], w: f.box[2], h: f.box[3] },
      mesh: f.mesh.map((p) => [p[0], p[1]] as const),
      irises: [irisOf(f.annotations.leftEyeIris), irisOf(f.annotations.rightEyeIris)],
      yawDeg: ((f.rotation?.angle.yaw ?? 0) * 180) / Math.PI,
    }));
  },

  /** Fits each iris on its full-resolution crop (core/face/irisFit.ts); circles in crop px. */
  fitIrises(crops: readonly IrisCrop[]): (IrisCircle | null)[] {
    return crops.map((c) => {
      const canvas = new OffscreenCanvas(c.bitmap.width, c.bitmap.height);
      const ctx = canvas.getContext('2d', { willReadFrequently: true })!;
      ctx.drawImage(c.bitmap, 0, 0);
      c.bitmap.close();
      const rgba = ctx.getImageData(0, 0, canvas.width, canvas.height).data;
      return fitIris({ rgba, widthPx: canvas.width, heightPx: canvas.height }, c.x, c.y, c.radiusPx);
    });
  },
};

/** What the face worker offers. */
export type FaceApi = typeof api;

expose(api);
