/**
 * Face reading off the main thread. The face model (the `@vladmandic/human` library, its BlazeFace
 * and FaceMesh models, and the Iris model run here on each eye) is imported the first time a face
 * is read, so neither the library nor its weights load before they are needed; the weights come
 * from the app's own origin (`modelBase`), never from elsewhere.
 *
 * The whole reading happens here, from the photo's file bytes: the worker decodes them itself,
 * because the main thread's copy of a large photo is decoded lazily, and the first cut or copy made
 * from it there blocked the page for about 90 ms on a 12 MP photo (over 100 ms to move it here).
 * The face model looks at a copy at most DETECT_MAX_PX long; each iris is then found and fitted on
 * a full-resolution square around its eye (core/face/eyeBox.ts, core/face/irisFit.ts).
 *
 * The Iris model is run here rather than by the library, for two reasons measured on generated
 * faces of known geometry: the library cuts its eye crops from its 192 px view of the face, where
 * ours come from the photo itself; and the library replaces the mesh's eye corners with the Iris
 * model's outline, which put them 4–9 mm inside the eye where the mesh alone had them within 1 mm.
 */
/// <reference lib="webworker" />
import { expose } from 'comlink';
import type { GraphModel, Human, Tensor } from '@vladmandic/human';
import { boxBounds, boxTransform, eyeBoxes, fromBox, type EyeBox } from '../core/face/eyeBox.ts';
import type { FaceObservation, IrisObservation } from '../core/face/faceReading.ts';
import { fitIris } from '../core/face/irisFit.ts';

/** Faces found with less confidence are ignored. */
const MIN_CONFIDENCE = 0.5;
/** Most faces reported in one photo. */
const MAX_FACES = 4;

/** Long side of the copy the face model looks at, px. */
export const DETECT_MAX_PX = 1280;
/** Largest side of an eye's square the iris is fitted on, px: more adds time, not precision. */
const MAX_EYE_PX = 1024;
/** The Iris model's outputs per eye: 71 points of the eye's outline and brow, then the iris's centre and four edge points, x y z each. */
const IRIS_FIRST_POINT = 71;

interface Models {
  readonly human: Human;
  readonly iris: GraphModel;
  /** The Iris model's input side, px. */
  readonly irisInputPx: number;
  /** The kernels the models run on: 'wasm' (WebAssembly) or 'cpu' (plain JavaScript). */
  readonly runtime: string;
}

let models: Promise<Models> | null = null;

/**
 * The library, its models and the Iris model, ready to run. The models run on the WebAssembly
 * build of the library's runtime (its kernels with SIMD where the browser has it), which reads a
 * 12 MP photo about four times faster than its plain JavaScript kernels (`npm run bench` prints
 * both); neither needs a GPU. A browser that cannot run the WebAssembly (none, or its binary not
 * loaded) gets the JavaScript kernels: slower, the same reading.
 */
async function load(modelBase: string): Promise<Models> {
  const { Human: HumanClass } = await import('@vladmandic/human');
  const h = new HumanClass({
    modelBasePath: modelBase,
    backend: 'wasm',
    // The binaries are served beside the models (see vite.config.ts).
    wasmPath: modelBase,
    warmup: 'none',
    // The service worker keeps the models for offline use; the library's own copy in IndexedDB would be a second one.
    cacheModels: false,
    cacheSensitivity: 0,
    debug: false,
    face: {
      enabled: true,
      detector: { rotation: true, maxDetected: MAX_FACES, minConfidence: MIN_CONFIDENCE, return: false },
      mesh: { enabled: true },
      // The Iris model is run by readEyes on full-resolution crops, and the mesh keeps its own eye corners.
      iris: { enabled: false },
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
  // Earlier versions let the library keep that second copy (about 5 MB): it is no longer read.
  try {
    indexedDB.deleteDatabase('tensorflowjs');
  } catch {
    // No IndexedDB here: nothing was kept either.
  }
  // The threaded binary needs a cross-origin isolated page, which this app is not; it is not served.
  h.tf.env().set('WASM_HAS_MULTITHREAD_SUPPORT', false);
  await h.init();
  if (h.tf.getBackend() !== 'wasm') {
    h.config.backend = 'cpu';
    await h.init();
  }
  const [, iris] = await Promise.all([h.load(), h.tf.loadGraphModel(`${modelBase}iris.json`)]);
  const side = iris.inputs[0]?.shape?.[2];
  return { human: h, iris, irisInputPx: side && side > 0 ? side : 64, runtime: h.tf.getBackend() };
}

function loaded(modelBase: string): Promise<Models> {
  models ??= load(modelBase).catch((error: unknown) => {
    models = null;
    throw error;
  });
  return models;
}

/** The photo to read: its file's bytes (decoded here), or its pixels when it has no file (the demo). */
export type FacePhoto = { readonly bytes: Uint8Array; readonly mime: string } | { readonly pixels: ImageData };

/** The eye's square drawn level at `size` px from the photo's part `crop` (which starts at x0, y0 in the photo). */
function drawLevel(crop: ImageBitmap, x0: number, y0: number, box: EyeBox, size: number): OffscreenCanvas {
  const canvas = new OffscreenCanvas(size, size);
  const ctx = canvas.getContext('2d', { willReadFrequently: true })!;
  ctx.setTransform(...boxTransform({ ...box, cx: box.cx - x0, cy: box.cy - y0 }, size));
  ctx.imageSmoothingQuality = 'high';
  ctx.drawImage(crop, 0, 0);
  return canvas;
}

/** A model's input from canvas pixels: one image of their RGB values times `scale`, alpha dropped. */
function rgbTensor(m: Models, pixels: ImageData, scale: number): Tensor {
  const { data, width, height } = pixels;
  const rgb = new Float32Array(width * height * 3);
  for (let i = 0, j = 0; i < data.length; i += 4, j += 3) {
    rgb[j] = data[i]! * scale;
    rgb[j + 1] = data[i + 1]! * scale;
    rgb[j + 2] = data[i + 2]! * scale;
  }
  return m.human.tf.tensor4d(rgb, [1, height, width, 3]);
}

/** The Iris model's iris (centre and mean radius) on the level square of `size` px. */
async function modelIris(m: Models, level: OffscreenCanvas, mirrored: boolean): Promise<{ x: number; y: number; r: number }> {
  const n = m.irisInputPx;
  const small = new OffscreenCanvas(n, n);
  const ctx = small.getContext('2d', { willReadFrequently: true })!;
  ctx.imageSmoothingQuality = 'high';
  if (mirrored) ctx.setTransform(-1, 0, 0, 1, n, 0);
  ctx.drawImage(level, 0, 0, n, n);
  const input = rgbTensor(m, ctx.getImageData(0, 0, n, n), 1 / 255);
  const output = m.iris.execute(input) as { data(): Promise<Float32Array>; dispose(): void };
  input.dispose();
  const values = await output.data();
  output.dispose();
  const scale = level.width / n;
  const px = (k: number): [number, number] => {
    const x = values[(IRIS_FIRST_POINT + k) * 3]! * scale;
    return [mirrored ? level.width - x : x, values[(IRIS_FIRST_POINT + k) * 3 + 1]! * scale];
  };
  const [x, y] = px(0);
  let r = 0;
  for (let k = 1; k <= 4; k++) {
    const [ex, ey] = px(k);
    r += Math.hypot(ex - x, ey - y) / 4;
  }
  return { x, y, r };
}

/** The iris of the eye in `box`, in the photo's pixels: where the Iris model puts it, and the circle fitted to its edge (null when the fit fails). */
async function readEye(m: Models, photo: ImageBitmap, box: EyeBox): Promise<IrisObservation | null> {
  const r = boxBounds(box, photo.width, photo.height);
  if (!r) return null;
  const crop = await createImageBitmap(photo, r.x0, r.y0, r.w, r.h);
  const size = Math.max(m.irisInputPx, Math.min(MAX_EYE_PX, Math.round(box.side)));
  const level = drawLevel(crop, r.x0, r.y0, box, size);
  crop.close();
  const seen = await modelIris(m, level, box.mirrored);
  const rgba = level.getContext('2d')!.getImageData(0, 0, size, size).data;
  const fit = fitIris({ rgba, widthPx: size, heightPx: size }, seen.x, seen.y, seen.r);
  const k = box.side / size;
  const centre = fromBox(box, size, seen.x, seen.y);
  const fitted = fit && fromBox(box, size, fit.x, fit.y);
  return { x: centre.x, y: centre.y, radiusPx: seen.r * k, fit: fit && fitted ? { ...fit, x: fitted.x, y: fitted.y, radiusPx: fit.radiusPx * k, rmsPx: fit.rmsPx * k } : null };
}

/** The photo decoded upright, or null when it does not decode to the size the app has for it. */
async function decode(photo: FacePhoto, widthPx: number, heightPx: number): Promise<ImageBitmap | null> {
  const bitmap = 'bytes' in photo ? await createImageBitmap(new Blob([photo.bytes as Uint8Array<ArrayBuffer>], { type: photo.mime }), { imageOrientation: 'from-image' }) : await createImageBitmap(photo.pixels);
  if (bitmap.width === widthPx && bitmap.height === heightPx) return bitmap;
  bitmap.close();
  return null;
}

/**
 * The photo as the face model's input: RGB values 0–255, `w` × `h`. Made here on a canvas read from
 * the CPU, rather than by the library, whose own path copies the image through three canvases.
 */
async function detectInput(m: Models, photo: ImageBitmap, w: number, h: number): Promise<Tensor> {
  const small = await createImageBitmap(photo, { resizeWidth: w, resizeHeight: h, resizeQuality: 'medium' });
  const canvas = new OffscreenCanvas(w, h);
  const ctx = canvas.getContext('2d', { willReadFrequently: true })!;
  ctx.drawImage(small, 0, 0);
  small.close();
  return rgbTensor(m, ctx.getImageData(0, 0, w, h), 1);
}

const api = {
  /**
   * Every face in the photo (widthPx × heightPx), in its pixels, with its irises; null when the
   * photo's bytes decode to another size than the app shows (a browser that does not turn it as
   * its orientation says): the caller then sends its pixels.
   */
  async read(photo: FacePhoto, widthPx: number, heightPx: number, modelBase: string): Promise<FaceObservation[] | null> {
    // The photo decodes while the models load, the first time.
    const decoding = decode(photo, widthPx, heightPx);
    const m = await loaded(modelBase).catch(async (error: unknown) => {
      (await decoding.catch(() => null))?.close();
      throw error;
    });
    const full = await decoding;
    if (!full) return null;
    try {
      const k = Math.min(1, DETECT_MAX_PX / Math.max(widthPx, heightPx));
      const input = await detectInput(m, full, Math.max(1, Math.round(widthPx * k)), Math.max(1, Math.round(heightPx * k)));
      const result = await m.human.detect(input).finally(() => input.dispose());
      const faces: FaceObservation[] = [];
      for (const f of result.face) {
        const mesh = f.mesh.map((p) => [p[0] / k, p[1] / k] as const);
        const irises: IrisObservation[] = [];
        for (const box of eyeBoxes(mesh)) {
          const iris = await readEye(m, full, box);
          if (iris) irises.push(iris);
        }
        faces.push({
          score: f.score,
          box: { x: f.box[0] / k, y: f.box[1] / k, w: f.box[2] / k, h: f.box[3] / k },
          mesh,
          irises,
          yawDeg: ((f.rotation?.angle.yaw ?? 0) * 180) / Math.PI,
        });
      }
      return faces;
    } finally {
      full.close();
    }
  },

  /** The kernels the models run on ('wasm' or 'cpu'), once loaded; null before the first reading. */
  async runtime(): Promise<string | null> {
    return models ? (await models).runtime : null;
  },
};

/** What the face worker offers. */
export type FaceApi = typeof api;

expose(api);
