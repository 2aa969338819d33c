/**
 * The main-thread side of the face worker: one worker, started the first time a face is read. The
 * worker decodes the photo from its file's bytes and reads it there (workers/face.worker.ts), so the
 * page does no image work of its own; a photo without a file (the demo) goes as its pixels.
 */
import { transfer } from 'comlink';
import type { FaceObservation } from '../core/face/faceReading.ts';
import { WorkerBridge } from './bridge.ts';
import type { FaceApi, FacePhoto } from './face.worker.ts';

/** What the bridge reads: the photo's file bytes when it has a file, and a way to its pixels otherwise. */
export interface FaceSource {
  readonly file: { readonly bytes: Uint8Array; readonly mime: string } | null;
  /** The photo's pixels, upright (asked for only when there is no file, or it decodes to another size). */
  readonly pixels: () => ImageData;
}

export class FaceBridge {
  private crashed: ((message: string) => void) | null = null;
  private readonly bridge = new WorkerBridge<FaceApi>(
    () => new Worker(new URL('./face.worker.ts', import.meta.url), { type: 'module' }),
    (message) => this.crashed?.(message),
  );

  /** Every face in the photo (widthPx × heightPx), in its pixels, with its irises fitted. */
  async read(source: FaceSource, widthPx: number, heightPx: number, modelBase: string): Promise<FaceObservation[]> {
    const api = this.bridge.api();
    if (!api) throw new Error('This browser cannot run the face reading in the background.');
    return new Promise<FaceObservation[]>((resolve, reject) => {
      this.crashed = (message) => reject(new Error(message));
      this.readWith(api, source, widthPx, heightPx, modelBase).then(resolve, reject);
    }).finally(() => {
      this.crashed = null;
    });
  }

  private async readWith(api: NonNullable<ReturnType<WorkerBridge<FaceApi>['api']>>, source: FaceSource, widthPx: number, heightPx: number, modelBase: string): Promise<FaceObservation[]> {
    if (source.file) {
      // A copy of the bytes goes (the design keeps its own for saving).
      const bytes = source.file.bytes.slice();
      const faces = await api.read(transfer({ bytes, mime: source.file.mime } satisfies FacePhoto, [bytes.buffer]), widthPx, heightPx, modelBase);
      if (faces) return faces;
    }
    const pixels = source.pixels();
    const faces = await api.read(transfer({ pixels } satisfies FacePhoto, [pixels.data.buffer]), widthPx, heightPx, modelBase);
    if (!faces) throw new Error('The photo could not be read for its face.');
    return faces;
  }

  /** The kernels the face models run on ('wasm' or 'cpu'), or null before the first reading. */
  async runtime(): Promise<string | null> {
    return (await this.bridge.running()?.runtime()) ?? null;
  }

  /** Stops the worker and frees the model. */
  destroy(): void {
    this.bridge.terminate();
  }
}
