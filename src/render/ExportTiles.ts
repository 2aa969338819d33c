/**
 * Export tiles: the dots alone over opaque white for a rectangle of the photo, at full resolution or
 * scaled, read back as the multiply factor the export applies to the photo's own pixels. The tiles
 * are drawn by a view of the dots layer kept for the export (same geometry, shaders and textures as
 * the preview, its own container and transform), so the preview keeps its dots while a tile is read.
 */
import { RenderTexture, type Container, type Renderer, type WebGLRenderer } from 'pixi.js';
import { CORE_EXTENT_SIGMAS, DOT_SIZE_VARIATION, MIN_CORE_SIGMA_PX } from '../core/appearance.ts';
import { dotLook, type ShowState } from '../core/dots/dotLook.ts';
import type { Design } from '../core/document/types.ts';
import type { ViewState } from '../state/store.ts';
import { dotUniforms, splitXPx, type DotsLayer } from './DotsLayer.ts';
import { queueReadback } from './readback.ts';

/** What a dot-factor tile draws besides the view's own state. */
export interface DotFactorOptions {
  /** Output pixels per image pixel (1 = full resolution). */
  readonly scale?: number;
  /** Moment of the plan to draw instead of the view's. */
  readonly show?: ShowState;
  /** false: draw the whole tile, ignoring a before/after split. */
  readonly split?: boolean;
}

/** A rectangle of the photo, image px. */
export interface ImageRect {
  readonly x: number;
  readonly y: number;
  readonly w: number;
  readonly h: number;
}

/** Margin, output px, that tiles are drawn with: the largest core radius at that scale (halos come from the grid, which needs none). */
export function exportMarginPx(design: Design, show: ShowState, scale = 1): number {
  const look = dotLook(design, show);
  return Math.ceil(Math.max(CORE_EXTENT_SIGMAS * MIN_CORE_SIGMA_PX, look.maxRadiusPx * scale * (1 + DOT_SIZE_VARIATION))) + 1;
}

export class ExportTiles {
  private target: RenderTexture | null = null;
  private readonly view: Container;

  constructor(
    private readonly renderer: Renderer,
    private readonly dots: DotsLayer,
    private readonly maxTextureSize: number,
  ) {
    this.view = dots.addView('export-dots');
  }

  /**
   * Draws the tile for `rect` and returns its RGBA pixels, round(w·scale) × round(h·scale), once
   * the GPU has them. The render target is kept between tiles of one size until release().
   */
  render(design: Design, viewState: ViewState, rect: ImageRect, options: DotFactorOptions = {}): Promise<Uint8Array> {
    const scale = options.scale ?? 1;
    const show = options.show ?? viewState.show;
    const ow = Math.max(1, Math.round(rect.w * scale));
    const oh = Math.max(1, Math.round(rect.h * scale));
    // Points whose centre lies outside the target may be dropped whole, so each tile is drawn with
    // a margin of one dot radius and cropped.
    const m = exportMarginPx(design, show, scale);
    const tw = ow + 2 * m;
    const th = oh + 2 * m;
    if (tw > this.maxTextureSize || th > this.maxTextureSize) throw new Error(`Tile ${tw} x ${th} exceeds the GPU limit of ${this.maxTextureSize}`);
    const target = this.targetOf(tw, th);
    const split = options.split === false ? -Infinity : splitXPx(design.photo.widthPx, viewState);
    this.dots.setUniforms(dotUniforms(design, dotLook(design, show), scale, split));
    this.dots.prepare(this.renderer);
    this.view.scale.set(scale);
    this.view.position.set(m - rect.x * scale, m - rect.y * scale);
    this.renderer.render({ container: this.view, target, clear: true, clearColor: [1, 1, 1, 1] });
    this.renderer.renderTarget.bind({ target, clear: false });
    return queueReadback((this.renderer as WebGLRenderer).gl, tw, th, { x: m, y: m, w: ow, h: oh })();
  }

  private targetOf(tw: number, th: number): RenderTexture {
    if (!this.target || this.target.width !== tw || this.target.height !== th) {
      this.target?.destroy(true);
      this.target = RenderTexture.create({ width: tw, height: th, resolution: 1, antialias: false });
    }
    return this.target;
  }

  /** Frees the render target. */
  release(): void {
    this.target?.destroy(true);
    this.target = null;
  }
}
