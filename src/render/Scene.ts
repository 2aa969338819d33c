/**
 * The PixiJS scene: the photo, the dots over it (multiply), and the overlay. It reads the store
 * and never writes it. Rendering is on demand: a store change schedules one frame.
 *
 * The parts: PhotoLayer (the photo texture), DotsLayer (GPU data and shaders), DotSources (points
 * and field kept in step with the design), OverlayLayer (outlines and guides), FrameLoop (one frame
 * per burst of changes), ContextGuard (a lost GPU context) and ExportTiles (the export's own view
 * of the dots, read back by readback.ts). The scene wires them to the store.
 */
import { Application, Container, type WebGLRenderer } from 'pixi.js';
import { shallow } from 'zustand/shallow';
import { frontHairlineHeight } from '../core/crossView.ts';
import { dotLook, type ShowState } from '../core/dots/dotLook.ts';
import type { AppState, AppStore } from '../state/store.ts';
import { DotsLayer, dotUniforms, splitXPx } from './DotsLayer.ts';
import { DotSources, generateHere, pointsKey, type PointsGenerator } from './DotSources.ts';
import { ExportTiles, exportMarginPx, type DotFactorOptions } from './ExportTiles.ts';
import { FrameLoop } from './FrameLoop.ts';
import { ContextGuard } from './contextGuard.ts';
import { OverlayLayer } from './OverlayLayer.ts';
import { PhotoLayer } from './PhotoLayer.ts';

export type { PointsGenerator } from './DotSources.ts';
export type { DotFactorOptions } from './ExportTiles.ts';

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

/** Thrown when the browser cannot give us WebGL. */
export class NoWebGLError extends Error {
  override readonly name = 'NoWebGLError';
}

/** A PixiJS application on WebGL 2 filling `host`, drawn only when asked. */
async function createApplication(host: HTMLElement): Promise<Application> {
  const probe = document.createElement('canvas').getContext('webgl2');
  if (!probe) throw new NoWebGLError('WebGL 2 is not available');
  probe.getExtension('WEBGL_lose_context')?.loseContext();
  const app = new Application();
  await app.init({
    preference: 'webgl',
    resizeTo: host,
    autoStart: false,
    antialias: false,
    background: 0x1b1f24,
    autoDensity: true,
    resolution: Math.min(2, window.devicePixelRatio || 1),
    preserveDrawingBuffer: true,
  });
  if (app.renderer.type !== 1) throw new NoWebGLError('WebGL renderer not available');
  host.appendChild(app.canvas);
  return app;
}

/** The live scene bound to a store. */
export class Scene {
  readonly stats: SceneStats = { regenerations: 0, fieldBuilds: 0, frames: 0, contextRestores: 0 };
  private readonly world = new Container({ label: 'world' });
  private readonly photo = new PhotoLayer();
  private readonly dots = new DotsLayer();
  private readonly overlay = new OverlayLayer();
  private readonly sources: DotSources;
  private readonly frames = new FrameLoop(() => this.renderNow());
  private readonly guard: ContextGuard;
  private readonly tiles: ExportTiles;
  private readonly unsubscribers: (() => void)[] = [];

  private constructor(
    readonly app: Application,
    private readonly store: AppStore,
    readonly maxTextureSize: number,
    generatePoints: PointsGenerator,
  ) {
    this.world.addChild(this.photo.sprite, this.dots.container);
    app.stage.addChild(this.world, this.overlay.container);
    this.sources = new DotSources(this.dots, generatePoints, this.stats, () => this.requestRender());
    this.tiles = new ExportTiles(app.renderer, this.dots, maxTextureSize);
    this.guard = new ContextGuard(app.canvas, () => {
      // The field and the dots are handed over again so nothing depends on what survived.
      this.stats.contextRestores++;
      this.dots.reupload();
      this.sources.invalidateField();
      this.requestRender();
    });
  }

  /** Creates the WebGL application in `host` and binds it to the store. */
  static async create(store: AppStore, options: SceneOptions): Promise<Scene> {
    const app = await createApplication(options.host);
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
    on((st) => st.photo, (photo) => {
      this.photo.set(photo);
      this.requestRender();
    });
    on((st) => pointsKey(st.design), () => this.sources.syncPoints(s.getState().design));
    on((st) => [st.design.areas, st.design.dots.transitionMm, st.design.irregularity, st.design.brush, st.design.scale.pxPerCm, st.design.photo], () => {
      this.sources.invalidateField();
      this.requestRender();
    }, shallow);
    on((st) => st.design, () => this.requestRender());
    on((st) => st.view, () => this.requestRender());
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

  /** Schedules one frame. */
  requestRender(): void {
    this.frames.request();
  }

  /** Draws the current state immediately. */
  renderNow(): void {
    if (this.guard.lost) return;
    const { design, view, document: doc, viewIndex } = this.store.getState();
    this.sources.flushField(design);
    this.world.scale.set(view.zoom);
    this.world.position.set(-view.panX * view.zoom, -view.panY * view.zoom);
    const devicePerImage = view.zoom * this.app.renderer.resolution;
    this.dots.setUniforms(dotUniforms(design, dotLook(design, view.show), devicePerImage, splitXPx(design.photo.widthPx, view)));
    this.dots.prepare(this.app.renderer);
    this.overlay.draw(design, view, this.app.screen.height, frontHairlineHeight(doc, viewIndex));
    this.app.renderer.render(this.app.stage);
    this.stats.frames++;
  }

  /** Resolves when the latest requested point set is on the GPU (export waits for it). */
  whenPointsReady(): Promise<void> {
    return this.sources.whenPointsReady();
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
   * The dots alone over opaque white for the image rectangle (x, y, w, h), as RGBA pixels of
   * round(w·scale) × round(h·scale): the multiply factor the export applies to the photo, drawn by
   * the preview's own shaders with the design's uniforms (ExportTiles). Call releaseExportTarget()
   * when done.
   */
  async renderDotFactorTile(x: number, y: number, w: number, h: number, options: DotFactorOptions = {}): Promise<Uint8Array> {
    if (this.guard.lost) throw new Error('The graphics context was lost; wait a moment for it to come back, then export again');
    const { design, view } = this.store.getState();
    this.sources.flushField(design);
    try {
      return await this.tiles.render(design, view, { x, y, w, h }, options);
    } finally {
      // The tile set the uniforms for itself; the next preview frame sets them back.
      this.requestRender();
    }
  }

  /** Margin, output px, that export tiles are drawn with at `scale`. */
  exportMarginPx(show: ShowState = this.store.getState().view.show, scale = 1): number {
    return exportMarginPx(this.store.getState().design, show, scale);
  }

  /** Frees the export render target. */
  releaseExportTarget(): void {
    this.tiles.release();
  }

  /** Unbinds and frees everything. */
  destroy(): void {
    this.sources.stop();
    for (const u of this.unsubscribers) u();
    this.guard.destroy();
    this.tiles.release();
    this.dots.destroy();
    this.overlay.destroy();
    this.photo.destroy();
    this.app.destroy({ removeView: true }, { children: true });
  }
}
