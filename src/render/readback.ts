/**
 * Reading pixels back from the GPU without stalling it: the bound framebuffer is copied into a
 * pixel-pack buffer, a fence marks when the copy is done, and the CPU polls the fence between tasks
 * and then copies out a band of rows per task, so no single task holds the main thread for long.
 */

/** A rectangle of the framebuffer, px. */
export interface Crop {
  readonly x: number;
  readonly y: number;
  readonly w: number;
  readonly h: number;
}

/** Rows copied out per task. */
const READBACK_ROWS = 256;

/** Milliseconds between polls of the fence. */
const FENCE_POLL_MS = 8;

/**
 * Starts an asynchronous read of the bound framebuffer (tw × th) and returns a function that waits
 * for the GPU and resolves with the crop's RGBA pixels (crop.w × crop.h, rows from the bottom as GL
 * stores them).
 */
export function queueReadback(gl: WebGL2RenderingContext, tw: number, th: number, crop: Crop): () => Promise<Uint8Array> {
  const pbo = gl.createBuffer();
  gl.bindBuffer(gl.PIXEL_PACK_BUFFER, pbo);
  gl.bufferData(gl.PIXEL_PACK_BUFFER, tw * th * 4, gl.STREAM_READ);
  gl.readPixels(0, 0, tw, th, gl.RGBA, gl.UNSIGNED_BYTE, 0);
  gl.bindBuffer(gl.PIXEL_PACK_BUFFER, null);
  const sync = gl.fenceSync(gl.SYNC_GPU_COMMANDS_COMPLETE, 0);
  gl.flush();
  return () => waitAndCopy(gl, pbo, sync, tw, crop);
}

const nextTask = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

async function waitAndCopy(gl: WebGL2RenderingContext, pbo: WebGLBuffer | null, sync: WebGLSync | null, tw: number, crop: Crop): Promise<Uint8Array> {
  try {
    for (;;) {
      const status = sync ? gl.clientWaitSync(sync, 0, 0) : gl.ALREADY_SIGNALED;
      if (status === gl.ALREADY_SIGNALED || status === gl.CONDITION_SATISFIED) break;
      if (status === gl.WAIT_FAILED) throw new Error('The graphics driver could not read the image back');
      await nextTask(FENCE_POLL_MS);
    }
    const out = new Uint8Array(crop.w * crop.h * 4);
    const chunk = new Uint8Array(Math.min(READBACK_ROWS, crop.h) * tw * 4);
    for (let row = 0; row < crop.h; row += READBACK_ROWS) {
      const rows = Math.min(READBACK_ROWS, crop.h - row);
      gl.bindBuffer(gl.PIXEL_PACK_BUFFER, pbo);
      gl.getBufferSubData(gl.PIXEL_PACK_BUFFER, (crop.y + row) * tw * 4, chunk, 0, rows * tw * 4);
      gl.bindBuffer(gl.PIXEL_PACK_BUFFER, null);
      for (let r = 0; r < rows; r++) out.set(chunk.subarray((r * tw + crop.x) * 4, (r * tw + crop.x + crop.w) * 4), (row + r) * crop.w * 4);
      if (row + rows < crop.h) await nextTask(0);
    }
    return out;
  } finally {
    if (sync) gl.deleteSync(sync);
    gl.deleteBuffer(pbo);
  }
}
