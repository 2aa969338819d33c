/**
 * The halo grid: the part of each dot's absorbance that skin spreads wide (core/appearance.ts), on
 * a grid laid over the photo in image space. Every shown dot adds its halo absorbance to the texel
 * it falls in; two passes of a separable Gaussian blur spread it by each channel's halo width (red
 * widest); the skin quad then reads the grid over the photo as exp(−halo).
 *
 * The grid is fixed to the photo, not to the screen, so panning and zooming never redo it, and the
 * preview and every export tile read the very same texels: the export needs no blur margins. It is
 * rebuilt only when what it holds changes (a slider, the session or stage shown, new points or a
 * new field): a few GPU passes, never a regeneration or an upload of points.
 */
import { Container, Geometry, GlProgram, Mesh, RenderTexture, Shader, Texture, UniformGroup, type Renderer, type TEXTURE_FORMATS, type TextureSource } from 'pixi.js';
import { REDNESS_SIGMA_MM } from '../core/appearance.ts';
import { haloBlurRadius, haloBlurSigmas, type HaloLayout } from '../core/dots/haloLayout.ts';
import { BLUR_FRAGMENT, DEPOSIT_FRAGMENT, DEPOSIT_VERTEX, GRID_PASS_VERTEX } from './dotShaders.ts';

/** What the blur needs: the halo widths per channel, image px. */
export interface HaloBlur {
  readonly haloSigmaPx: readonly [number, number, number];
  readonly pxPerCm: number;
}

/**
 * Owns the grid's render targets and the deposit and blur passes. Values are absorbance per texel
 * (or, without float render targets, that divided by FALLBACK_SCALE in 8 bits).
 */
export class HaloGrid {
  /** Holds the blurred halo after `build`. */
  private target: RenderTexture | null = null;
  private scratch: RenderTexture | null = null;
  private readonly deposit: Mesh<Geometry, Shader>;
  private readonly blur: Mesh<Geometry, Shader>;
  private readonly blurUniforms: UniformGroup;
  private readonly quad: Geometry;
  private layoutNow: HaloLayout | null = null;
  /** Scale of stored values: 1 in half floats; smaller in 8 bits so that overlapping dots do not clip. */
  readonly depositScale: number;
  private readonly format: TEXTURE_FORMATS;

  constructor(pointGeometry: Geometry, dotUniforms: UniformGroup, gridUniforms: UniformGroup, floatTargets: boolean) {
    this.format = floatTargets ? 'rgba16float' : 'rgba8unorm';
    this.depositScale = floatTargets ? 1 : 1 / 8;
    gridUniforms.uniforms.uDepositScale = this.depositScale;
    const depositShader = new Shader({
      glProgram: new GlProgram({ vertex: DEPOSIT_VERTEX, fragment: DEPOSIT_FRAGMENT, name: 'smp-halo-deposit' }),
      resources: { dotUniforms, gridUniforms, uField: Texture.EMPTY.source, uFieldSampler: Texture.EMPTY.source.style },
    });
    this.deposit = new Mesh({ geometry: pointGeometry, shader: depositShader });
    this.deposit.blendMode = 'add';
    this.quad = new Geometry({
      attributes: { aPosition: { buffer: new Float32Array([0, 0, 1, 0, 1, 1, 0, 1]), format: 'float32x2' } },
      indexBuffer: new Uint32Array([0, 1, 2, 0, 2, 3]),
    });
    this.blurUniforms = new UniformGroup({
      uStep: { value: new Float32Array(2), type: 'vec2<f32>' },
      uSigmaTexels: { value: new Float32Array(4), type: 'vec4<f32>' },
      uRadiusTexels: { value: 1, type: 'f32' },
    });
    const blurShader = new Shader({
      glProgram: new GlProgram({ vertex: GRID_PASS_VERTEX, fragment: BLUR_FRAGMENT, name: 'smp-halo-blur' }),
      resources: { blurUniforms: this.blurUniforms, uSource: Texture.EMPTY.source, uSourceSampler: Texture.EMPTY.source.style },
    });
    this.blur = new Mesh({ geometry: this.quad, shader: blurShader });
    this.blur.blendMode = 'none';
  }

  /** The texture the skin quad reads (after `build`); null before the first build. */
  get texture(): RenderTexture | null {
    return this.target;
  }

  /** The current layout. */
  get layout(): HaloLayout | null {
    return this.layoutNow;
  }

  /** Lays the grid out for `layout`, replacing the targets when the size changes. */
  setLayout(layout: HaloLayout): void {
    const same = this.layoutNow && this.layoutNow.widthTexels === layout.widthTexels && this.layoutNow.heightTexels === layout.heightTexels;
    this.layoutNow = layout;
    if (same && this.target) return;
    this.target?.destroy(true);
    this.scratch?.destroy(true);
    const make = (): RenderTexture => RenderTexture.create({ width: layout.widthTexels, height: layout.heightTexels, resolution: 1, antialias: false, format: this.format, scaleMode: 'linear' });
    this.target = make();
    this.scratch = make();
  }

  /**
   * Deposits the shown dots and blurs them by the halo widths. The dot uniforms must be set, and
   * `field` is the density field the cores read (which dots are shown depends on it).
   */
  build(renderer: Renderer, blur: HaloBlur, field: TextureSource): void {
    const layout = this.layoutNow;
    if (!layout || !this.target || !this.scratch) return;
    this.deposit.shader!.resources.uField = field;
    this.deposit.shader!.resources.uFieldSampler = field.style;
    const root = new Container();
    try {
      root.addChild(this.deposit);
      renderer.render({ container: root, target: this.scratch, clear: true, clearColor: [0, 0, 0, 0] });
      root.removeChild(this.deposit);
      const sigma = haloBlurSigmas(blur.haloSigmaPx, REDNESS_SIGMA_MM, blur.pxPerCm, layout);
      const u = this.blurUniforms.uniforms;
      (u.uSigmaTexels as Float32Array).set(sigma);
      u.uRadiusTexels = haloBlurRadius(sigma);
      root.addChild(this.blur);
      this.pass(renderer, root, this.scratch, this.target, [1 / layout.widthTexels, 0]);
      this.pass(renderer, root, this.target, this.scratch, [0, 1 / layout.heightTexels]);
      // The result ends in scratch: swap so that `texture` holds it.
      [this.target, this.scratch] = [this.scratch, this.target];
      root.removeChild(this.blur);
    } finally {
      root.destroy();
    }
  }

  private pass(renderer: Renderer, root: Container, from: RenderTexture, to: RenderTexture, step: [number, number]): void {
    (this.blurUniforms.uniforms.uStep as Float32Array).set(step);
    this.blur.shader!.resources.uSource = from.source;
    this.blur.shader!.resources.uSourceSampler = from.source.style;
    renderer.render({ container: root, target: to, clear: true, clearColor: [0, 0, 0, 0] });
  }

  /** Frees GPU resources. */
  destroy(): void {
    this.target?.destroy(true);
    this.scratch?.destroy(true);
    this.deposit.shader?.destroy();
    this.blur.shader?.destroy();
    this.deposit.destroy();
    this.blur.destroy();
    this.quad.destroy();
  }
}
