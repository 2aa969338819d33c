/**
 * The main-thread side of the face worker: one worker, started the first time a face is read.
 * The photo itself never crosses to the worker: the model looks at a copy at most DETECT_MAX_PX
 * long, and each iris is fitted on a small full-resolution crop around it.
 */
import { transfer } from 'comlink';
import type { FaceObservation, IrisObservation } from '../core/face/faceReading.ts';
import { WorkerBridge } from './bridge.ts';
import type { FaceApi, IrisCrop } from './face.worker.ts';

/** Long side of the copy the model looks at, px. */
export const DETECT_MAX_PX = 1280;
/** The crop around an iris for its fit spans this many model radii either side. */
const IRIS_CROP_RADII = 2.5;

/** An upright photo the browser can cut and scale (an ImageBitmap, or the demo's pixels). */
export type PhotoSource = ImageBitmap | ImageData;

export class FaceBridge {
  private crashed: ((message: string) => void) | null = null;
  private readonly bridge = new WorkerBridge<FaceApi>(
    () => new Worker(new URL('./face.worker.ts', import.meta.url), { type: 'module' }),
    (message) => this.crashed?.(message),
  );

  /** Every face in the photo (widthPx × heightPx), in its pixels, with each iris fitted. */
  async read(photo: PhotoSource, widthPx: number, heightPx: number, modelBase: string): Promise<FaceObservation[]> {
    const api = this.bridge.api();
    if (!api) throw new Error('This browser cannot run the face reading in the background.');
    return new Promise<FaceObservation[]>((resolve, reject) => {
      this.crashed = (message) => reject(new Error(message));
      this.readWith(api, photo, widthPx, heightPx, modelBase).then(resolve, reject);
    }).finally(() => {
      this.crashed = null;
    });
  }

  private async readWith(api: NonNullable<ReturnType<WorkerBridge<FaceApi>['api']>>, photo: PhotoSource, widthPx: number, heightPx: number, modelBase: string): Promise<FaceObservation[]> {
    const scale = Math.min(1, DETECT_MAX_PX / Math.max(widthPx, heightPx));
    const small = await createImageBitmap(photo, { resizeWidth: Math.max(1, Math.round(widthPx * scale)), resizeHeight: Math.max(1, Math.round(heightPx * scale)), resizeQuality: 'medium' });
    const faces = (await api.detect(transfer(small, [small]), modelBase)).map((f) => toFull(f, 1 / scale));
    // Every iris's crop, cut from the full photo, fitted in one call.
    const wanted: { iris: IrisObservation; x0: number; y0: number }[] = [];
    const crops: IrisCrop[] = [];
    for (const face of faces) {
      for (const iris of face.irises) {
        if (!iris) continue;
        const half = Math.ceil(IRIS_CROP_RADII * iris.radiusPx);
        const x0 = Math.max(0, Math.floor(iris.x - half));
        const y0 = Math.max(0, Math.floor(iris.y - half));
        const w = Math.min(widthPx, Math.ceil(iris.x + half)) - x0;
        const h = Math.min(heightPx, Math.ceil(iris.y + half)) - y0;
        if (w < 8 || h < 8) continue;
        crops.push({ bitmap: await createImageBitmap(photo, x0, y0, w, h), x: iris.x - x0, y: iris.y - y0, radiusPx: iris.radiusPx });
        wanted.push({ iris, x0, y0 });
      }
    }
    const fits = crops.length > 0 ? await api.fitIrises(transfer(crops, crops.map((c) => c.bitmap))) : [];
    const fitted = new Map(wanted.map(({ iris, x0, y0 }, i) => [iris, fits[i] ? { ...fits[i]!, x: fits[i]!.x + x0, y: fits[i]!.y + y0 } : null]));
    return faces.map((f) => ({ ...f, irises: f.irises.map((i) => (i ? { ...i, fit: fitted.get(i) ?? null } : null)) }));
  }

  /** Stops the worker and frees the model. */
  destroy(): void {
    this.bridge.terminate();
  }
}

/** A face seen on the small copy, in the full photo's pixels. */
function toFull(f: FaceObservation, k: number): FaceObservation {
  return {
    ...f,
    box: { x: f.box.x * k, y: f.box.y * k, w: f.box.w * k, h: f.box.h * k },
    mesh: f.mesh.map((p) => [p[0] * k, p[1] * k] as const),
    irises: f.irises.map((i) => i && { ...i, x: i.x * k, y: i.y * k, radiusPx: i.radiusPx * k }),
  };
}
