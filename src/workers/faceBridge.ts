/** The main-thread side of the face worker: one worker, started the first time a face is read. */
import { transfer } from 'comlink';
import type { FaceObservation } from '../core/face/faceReading.ts';
import { WorkerBridge } from './bridge.ts';
import type { FaceApi } from './face.worker.ts';

export class FaceBridge {
  private crashed: ((message: string) => void) | null = null;
  private readonly bridge = new WorkerBridge<FaceApi>(
    () => new Worker(new URL('./face.worker.ts', import.meta.url), { type: 'module' }),
    (message) => this.crashed?.(message),
  );

  /** Every face in `bitmap` (which is transferred: the caller passes a copy), in its pixels. */
  async read(bitmap: ImageBitmap, modelBase: string): Promise<FaceObservation[]> {
    const api = this.bridge.api();
    if (!api) throw new Error('This browser cannot run the face reading in the background.');
    return new Promise<FaceObservation[]>((resolve, reject) => {
      this.crashed = (message) => reject(new Error(message));
      api.read(transfer(bitmap, [bitmap]), modelBase).then(resolve, reject);
    }).finally(() => {
      this.crashed = null;
    });
  }

  /** Stops the worker and frees the model. */
  destroy(): void {
    this.bridge.terminate();
  }
}
