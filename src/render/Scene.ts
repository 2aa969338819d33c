/**
 * The PixiJS scene: the photo, the dots over it (multiply), and the overlay. It reads the store
 * and never writes the document. Rendering is on demand: a store change schedules one frame.
 */
import { Application, Container, RenderTexture, Sprite, Texture, type WebGLRenderer } from 'pixi.js';
import { shallow } from 'zustand/shallow';
import { densityFieldOf } from '../core/dots/densityField.ts';
import { dotLook, type ShowState } from '../core/dots/dotLook.ts';
import { generateDotData } from '../core/dots/dotData.ts';
import type { RankedPointsOptions } from '../core/dots/rankedPoints.ts';
import type { Design } from '../core/document/types.ts';
import type { AppState, AppStore, ViewState } from '../state/store.ts';
import type { PhotoPixels } from '../core/photo.ts';
import { DotsLayer } from './DotsLayer.ts';
import { CORE_EXTENT_SIGMAS, DOT_SIZE_VARIATION, MIN_CORE_SIGMA_PX } from '../core/appearance.ts';
import type { PhotoRef } from '../core/document/types.ts';
import { OverlayLayer } from './OverlayLayer.ts';

/** Counters that tests read to prove a slider move does no regeneration and no upload. */
export interface SceneStats {
  regenerations: number;
  fieldBuilds: number;
  frames: number;
  contextRestores: number;
}

/** What the scene needs from the environment. */
export interface SceneOptions {
  /** Element the canvas fills. */
  readonly host: HTMLElement;
  /** Caps the GPU texture size below the device's (tests use it to exercise tiling). */
  readonly maxTextureSizeCap?: number;
  /** Makes packed dot data for a point set, e.g. in a worker; defaults to the main thread. */
  readonly generatePoints?: PointsGenerator;
}

/** What a dot-factor tile draws besides the view's own state. */
export interface DotFactorOptions {
  /** Output pixels per image pixel (1 = full resolution). */
  readonly scale?: number;
  /** Moment of the plan to draw instead of the view's. */
  readonly show?: ShowState;
  /** false: draw the whole tile, ignoring a before/after split. */
  readonly split?: boolean;
}

/** Produces packed dot data (FLOATS_PER_DOT floats a dot) for ranked point options; rejects with AbortError when superseded. */
export type PointsGenerator = (options: RankedPointsOptions, signal: AbortSignal) => Promise<{ readonly data: Float32Array }>;

/** Generation on the calling thread, the same code the worker runs. */
const generateHere: PointsGenerator = async (options) => ({ data: generateDotData(options) });

/**
 * Starts an asynchronous read of the bound framebuffer (tw × th) into a pixel-pack buffer, and
 * returns a function that waits for the GPU without blocking and then copies out the crop (x, y,
 * w, h), a band of rows per task so that no single task holds the main thread for long.
 */
function queueReadback(gl: WebGL2RenderingContext, tw: number, th: number, crop: { x: number; y: number; w: number; h: number }): () => Promise<Uint8Array> {
  const pbo = gl.createBuffer();
  gl.bindBuffer(gl.PIXEL_PACK_BUFFER, pbo);
  gl.bufferData(gl.PIXEL_PACK_BUFFER, tw * th * 4, gl.STREAM_READ);
  gl.readPixels(0, 0, tw, th, gl.RGBA, gl.UNSIGNED_BYTE, 0);
  gl.bindBuffer(gl.PIXEL_PACK_BUFFER, null);
  const sync = gl.fenceSync(gl.SYNC_GPU_COMMANDS_COMPLETE, 0);
  gl.flush();
  return () => waitAndCopy(gl, pbo, sync, tw, crop);
}

/** Rows read back per task. */
const READBACK_ROWS = 256;

async function waitAndCopy(gl: WebGL2RenderingContext, pbo: WebGLBuffer | null, sync: WebGLSync | null, tw: number, crop: { x: number; y: number; w: number; h: number }): Promise<Uint8Array> {
  try {
    for (;;) {
      const status = sync ? gl.clientWaitSync(sync, 0, 0) : gl.ALREADY_SIGNALED;
      if (status === gl.ALREADY_SIGNALED || status === gl.CONDITION_SATISFIED) break;
      if (status === gl.WAIT_FAILED) throw new Error('The graphics driver could not read the image back');
      await new Promise((resolve) => setTimeout(resolve, 8));
    }
    const out = new Uint8Array(crop.w * crop.h * 4);
    const chunk = new Uint8Array(Math.min(READBACK_ROWS, crop.h) * tw * 4);
    for (let row = 0; row < crop.h; row += READBACK_ROWS) {
      const rows = Math.min(READBACK_ROWS, crop.h - row);
      gl.bindBuffer(gl.PIXEL_PACK_BUFFER, pbo);
      gl.getBufferSubData(gl.PIXEL_PACK_BUFFER, (crop.y + row) * tw * 4, chunk, 0, rows * tw * 4);
      gl.bindBuffer(gl.PIXEL_PACK_BUFFER, null);
      for (let r = 0; r < rows; r++) out.set(chunk.subarray((r * tw + crop.x) * 4, (r * tw + crop.x + crop.w) * 4), (row + r) * crop.w * 4);
      if (row + rows < crop.h) await new Promise((resolve) => setTimeout(resolve, 0));
    }
    return out;
  } finally {
    if (sync) gl.deleteSync(sync);
    gl.deleteBuffer(pbo);
  }
}

/** Image x of the before/after divider, or -Infinity when the split is off: the export shows what the preview shows. */
function splitXPx(photoWidthPx: number, view: ViewState): number {
  return view.compare.on ? view.compare.split * photoWidthPx : -Infinity;
}

/** The photo-size and scale part of the dot uniforms. */
function photoUniforms(photo: PhotoRef, pxPerCm: number): { pxPerCm: number; photoWidthPx: number; photoHeightPx: number } {
  return { pxPerCm, photoWidthPx: photo.widthPx, photoHeightPx: photo.heightPx };
}

/** Thrown when the browser cannot give us WebGL. */
export class NoWebGLError extends Error {
  override readonly name = 'NoWebGLError';
}

/** Key of everything the ranked point set depends on. */
function pointsKey(d: Design): string {
  return `${d.seed}|${d.photo.widthPx}x${d.photo.heightPx}|${d.scale.pxPerCm}|${d.maxDensityPerCm2}`;
}

/** The live scene bound to a store. */
export class Scene {
  readonly stats: SceneStats = { regenerations: 0, fieldBuilds: 0, frames: 0, contextRestores: 0 };
  readonly maxTextureSize: number;
  private readonly world = new Container({ label: 'world' });
  private readonly photoSprite = new Sprite();
  private readonly dots = new DotsLayer();
  private readonly overlay = new OverlayLayer();
  private readonly unsubscribers: (() => void)[] = [];
  private frameRequested = false;
  private pointsFor = '';
  private photoTexture: Texture | null = null;
  private exportTarget: RenderTexture | null = null;
  private fieldDirty = true;
  private pointsReady: Promise<void> = Promise.resolve();
  private destroyed = false;
  private contextLost = false;

  private pointsAbort: AbortController | null = null;

  private constructor(
    readonly app: Application,
    private readonly store: AppStore,
    maxTextureSize: number,
    private readonly generatePoints: PointsGenerator,
  ) {
    this.maxTextureSize = maxTextureSize;
    this.world.addChild(this.photoSprite, this.dots.container);
    app.stage.addChild(this.world, this.overlay.container);
  }

  /** Creates the WebGL application in `host` and binds it to the store. */
  static async create(store: AppStore, options: SceneOptions): Promise<Scene> {
    const probe = document.createElement('canvas').getContext('webgl2');
    if (!probe) throw new NoWebGLError('WebGL 2 is not available');
    probe.getExtension('WEBGL_lose_context')?.loseContext();
    const app = new Application();
    await app.init({
      preference: 'webgl',
      resizeTo: options.host,
      autoStart: false,
      antialias: false,
      background: 0x1b1f24,
      autoDensity: true,
      resolution: Math.min(2, window.devicePixelRatio || 1),
      preserveDrawingBuffer: true,
    });
    if (app.renderer.type !== 1) throw new NoWebGLError('WebGL renderer not available');
    options.host.appendChild(app.canvas);
    const gl = (app.renderer as WebGLRenderer).gl;
    const deviceMax = gl.getParameter(gl.MAX_TEXTURE_SIZE) as number;
    const scene = new Scene(app, store, Math.min(deviceMax, options.maxTextureSizeCap ?? Infinity), options.generatePoints ?? generateHere);
    const pointRange = gl.getParameter(gl.ALIASED_POINT_SIZE_RANGE) as Float32Array;
    scene.dots.setMaxPointSize(pointRange[1] ?? 64);
    scene.bind();
    return scene;
  }

  private bind(): void {
    const s = this.store;
    const on = <T>(sel: (st: AppState) => T, fn: (v: T) => void, equalityFn?: (a: T, b: T) => boolean): void => {
      this.unsubscribers.push(s.subscribe(sel, fn, equalityFn ? { fireImmediately: true, equalityFn } : { fireImmediately: true }));
    };
    on((st) => st.photo, (photo) => this.setPhoto(photo));
    on((st) => pointsKey(st.design), () => this.syncPoints());
    on((st) => [st.design.areas, st.design.dots.transitionMm, st.design.irregularity, st.design.brush, st.design.scale.pxPerCm, st.design.photo], () => this.syncField(), shallow);
    on((st) => st.design, () => this.requestRender());
    on((st) => st.view, () => this.requestRender());
    const canvas = this.app.canvas;
    const lost = (): void => {
      this.contextLost = true;
    };
    const restored = (): void => {
      // PixiJS re-creates its GPU objects from the CPU copies it keeps; the field and the dots are
      // handed over again so nothing depends on what survived, then the scene is drawn afresh.
      this.contextLost = false;
      this.stats.contextRestores++;
      this.dots.reupload();
      this.fieldDirty = true;
      this.requestRender();
    };
    canvas.addEventListener('webglcontextlost', lost);
    canvas.addEventListener('webglcontextrestored', restored);
    this.unsubscribers.push(() => {
      canvas.removeEventListener('webglcontextlost', lost);
      canvas.removeEventListener('webglcontextrestored', restored);
    });
    // The canvas follows its host, not only the window: panels hide in presentation, the layout
    // changes at narrow widths.
    const host = this.app.canvas.parentElement;
    const ro = new ResizeObserver(() => {
      this.app.resize();
      this.requestRender();
    });
    ro.observe(host ?? this.app.canvas);
    this.unsubscribers.push(() => ro.disconnect());
  }

  private setPhoto(photo: PhotoPixels | null): void {
    this.photoTexture?.destroy(true);
    this.photoTexture = null;
    if (photo?.display) {
      this.photoTexture = Texture.from(photo.display);
      this.photoSprite.texture = this.photoTexture;
      this.photoSprite.scale.set(photo.widthPx / photo.display.width, photo.heightPx / photo.display.height);
    } else {
      this.photoSprite.texture = Texture.EMPTY;
    }
    this.requestRender();
  }

  /** Asks for the point set of the current design; a newer request cancels an older one. */
  private syncPoints(): void {
    const design = this.store.getState().design;
    const key = pointsKey(design);
    if (key === this.pointsFor) return;
    this.pointsFor = key;
    this.pointsAbort?.abort();
    const abort = new AbortController();
    this.pointsAbort = abort;
    const options: RankedPointsOptions = {
      seed: design.seed,
      widthCm: design.photo.widthPx / design.scale.pxPerCm,
      heightCm: design.photo.heightPx / design.scale.pxPerCm,
      maxDensityPerCm2: design.maxDensityPerCm2,
    };
    this.pointsReady = this.generatePoints(options, abort.signal).then(
      ({ data }) => {
        if (abort.signal.aborted || this.destroyed) return;
        this.dots.setPoints(data);
        this.stats.regenerations++;
        this.requestRender();
      },
      (error: unknown) => {
        if (error instanceof DOMException && error.name === 'AbortError') return;
        throw error;
      },
    );
  }

  /** Resolves when the latest requested point set is on the GPU (export waits for it). */
  whenPointsReady(): Promise<void> {
    return this.pointsReady;
  }

  /** Marks the density field stale; it is rebuilt once before the next frame or export tile, so a drag rebuilds it at most once a frame. */
  private syncField(): void {
    this.fieldDirty = true;
    this.requestRender();
  }

  private flushField(): void {
    if (!this.fieldDirty) return;
    this.fieldDirty = false;
    // The same build the dot estimates count (core memoises it): the renderer only reads the design.
    this.dots.setField(densityFieldOf(this.store.getState().design));
    this.stats.fieldBuilds++;
  }

  /** Schedules one frame. */
  requestRender(): void {
    if (this.frameRequested) return;
    this.frameRequested = true;
    requestAnimationFrame(() => {
      this.frameRequested = false;
      this.renderNow();
    });
  }

  /** Draws the current state immediately. */
  renderNow(): void {
    if (this.contextLost) return;
    this.flushField();
    const { design, view } = this.store.getState();
    const resolution = this.app.renderer.resolution;
    this.world.scale.set(view.zoom);
    this.world.position.set(-view.panX * view.zoom, -view.panY * view.zoom);
    this.dots.setUniforms({ ...photoUniforms(design.photo, design.scale.pxPerCm), look: dotLook(design, view.show), devicePerImage: view.zoom * resolution, splitXPx: splitXPx(design.photo.widthPx, view) });
    this.dots.prepare(this.app.renderer);
    this.overlay.draw(design, view, this.app.screen.height);
    this.app.renderer.render(this.app.stage);
    this.stats.frames++;
  }

  /** Number of ranked points held on the GPU. */
  get pointCount(): number {
    return this.dots.pointCount;
  }

  /** Point-buffer uploads so far. */
  get uploads(): number {
    return this.dots.uploads;
  }

  /**
   * Renders the dots alone over opaque white for the image rectangle (x, y, w, h), at full photo
   * resolution or at `options.scale` output pixels per image pixel, and returns its RGBA pixels
   * (round(w·scale) × round(h·scale)): the multiply factor the export applies to the photo. Uses
   * the same meshes, shaders and uniforms as the preview; `options.show` draws another moment of the
   * plan than the view's, and `options.split: false` ignores the before/after divider. The render
   * target is kept between tiles of one size; call releaseExportTarget() when done.
   */
  async renderDotFactorTile(x: number, y: number, w: number, h: number, options: DotFactorOptions = {}): Promise<Uint8Array> {
    if (this.contextLost) throw new Error('The graphics context was lost; wait a moment for it to come back, then export again');
    const { design, view } = this.store.getState();
    const scale = options.scale ?? 1;
    const show = options.show ?? view.show;
    const ow = Math.max(1, Math.round(w * scale));
    const oh = Math.max(1, Math.round(h * scale));
    // Points whose centre lies outside the target may be dropped whole, so each tile is drawn with
    // a margin of one dot radius and cropped.
    const m = this.exportMarginPx(show, scale);
    const tw = ow + 2 * m;
    const th = oh + 2 * m;
    if (tw > this.maxTextureSize || th > this.maxTextureSize) throw new Error(`Tile ${tw} x ${th} exceeds the GPU limit of ${this.maxTextureSize}`);
    const renderer = this.app.renderer;
    if (!this.exportTarget || this.exportTarget.width !== tw || this.exportTarget.height !== th) {
      this.exportTarget?.destroy(true);
      this.exportTarget = RenderTexture.create({ width: tw, height: th, resolution: 1, antialias: false });
    }
    const target = this.exportTarget;
    this.flushField();
    const split = options.split === false ? -Infinity : splitXPx(design.photo.widthPx, view);
    this.dots.setUniforms({ ...photoUniforms(design.photo, design.scale.pxPerCm), look: dotLook(design, show), devicePerImage: scale, splitXPx: split });
    this.dots.prepare(renderer);
    const root = new Container();
    const mesh = this.dots.container;
    this.world.removeChild(mesh);
    root.addChild(mesh);
    mesh.scale.set(scale);
    mesh.position.set(m - x * scale, m - y * scale);
    let readback: () => Promise<Uint8Array>;
    try {
      renderer.render({ container: root, target, clear: true, clearColor: [1, 1, 1, 1] });
      renderer.renderTarget.bind({ target, clear: false });
      readback = queueReadback((renderer as WebGLRenderer).gl, tw, th, { x: m, y: m, w: ow, h: oh });
    } finally {
      // The mesh goes back before waiting, so preview frames drawn meanwhile still show the dots.
      root.removeChild(mesh);
      mesh.position.set(0, 0);
      mesh.scale.set(1);
      this.world.addChild(mesh);
      root.destroy();
      this.requestRender();
    }
    return readback();
  }

  /** Margin, output px, that export tiles are drawn with: the largest core radius at that scale (halos come from the grid, which needs none). */
  exportMarginPx(show: ShowState = this.store.getState().view.show, scale = 1): number {
    const look = dotLook(this.store.getState().design, show);
    return Math.ceil(Math.max(CORE_EXTENT_SIGMAS * MIN_CORE_SIGMA_PX, look.maxRadiusPx * scale * (1 + DOT_SIZE_VARIATION))) + 1;
  }

  /** Frees the export render target. */
  releaseExportTarget(): void {
    this.exportTarget?.destroy(true);
    this.exportTarget = null;
  }

  /** Unbinds and frees everything. */
  destroy(): void {
    this.destroyed = true;
    this.pointsAbort?.abort();
    for (const u of this.unsubscribers) u();
    this.dots.destroy();
    this.overlay.destroy();
    this.photoTexture?.destroy(true);
    this.releaseExportTarget();
    this.app.destroy({ removeView: true }, { children: true });
  }
}
