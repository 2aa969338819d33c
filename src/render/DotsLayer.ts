/**
 * The dots layer (core/appearance.ts has the model): under the cores, a quad over the photo that
 * applies the skin's share, the halos read from the halo grid and the redness of fresh work; over
 * it, one mesh of point sprites, one vertex per ranked point, drawing the cores. Both multiply the
 * photo. The vertex buffer is uploaded when the point set changes and never on a slider move; the
 * density field is a small R8 texture rebuilt only when an outline changes; the halo grid is rebuilt
 * (a few GPU passes) when what is shown changes, never on pan or zoom.
 */
import { Buffer, BufferImageSource, BufferUsage, Container, Geometry, GlProgram, Mesh, Shader, Texture, UniformGroup, type Renderer, type WebGLRenderer } from 'pixi.js';
import { CHANNEL_ABSORPTION, REDNESS_HALF_COUNT_PER_MM2, SCAB_CHANNEL_ABSORPTION } from '../core/appearance.ts';
import type { DensityField } from '../core/dots/densityField.ts';
import type { DotLook } from '../core/dots/dotLook.ts';
import type { Design } from '../core/document/types.ts';
import type { ViewState } from '../state/store.ts';
import { FLOATS_PER_DOT } from '../core/dots/dotData.ts';
import { CORE_FRAGMENT, CORE_VERTEX, SKIN_FRAGMENT, SKIN_VERTEX } from './dotShaders.ts';
import { haloLayout, type HaloLayout } from '../core/dots/haloLayout.ts';
import { HaloGrid } from './HaloGrid.ts';

/** Uniform values the dots depend on, all derived from the design, the moment shown and the view. */
export interface DotUniforms {
  readonly pxPerCm: number;
  /** Photo size, image px (the skin quad and the halo grid cover it). */
  readonly photoWidthPx: number;
  readonly photoHeightPx: number;
  readonly look: DotLook;
  /** Device pixels per image pixel in the current view (or the export's scale). */
  readonly devicePerImage: number;
  /** Before/after split: dots left of this image x are hidden (the "before" side); -Infinity for none. */
  readonly splitXPx: number;
}

/** Image x of the before/after divider, or -Infinity when the split is off: the export shows what the preview shows. */
export function splitXPx(photoWidthPx: number, view: ViewState): number {
  return view.compare.on ? view.compare.split * photoWidthPx : -Infinity;
}

/** The uniforms for `design` drawn with `look` at `devicePerImage` device px per image px. */
export function dotUniforms(design: Design, look: DotLook, devicePerImage: number, splitX: number): DotUniforms {
  return { pxPerCm: design.scale.pxPerCm, photoWidthPx: design.photo.widthPx, photoHeightPx: design.photo.heightPx, look, devicePerImage, splitXPx: splitX };
}

/** One drawing of the dots: the skin quad under the cores, each blended by multiply, in a container of its own. */
interface DotsView {
  readonly container: Container;
  readonly skin: Mesh<Geometry, Shader>;
  readonly cores: Mesh<Geometry, Shader>;
}

/**
 * Owns the point buffer, the field texture, the halo grid, the geometry and the shaders, and the
 * views that draw them: the preview's, and any other (the export's) that shares the same GPU data.
 */
export class DotsLayer {
  /** The preview's view of the dots. */
  readonly container: Container;
  private readonly views: DotsView[] = [];
  private coresVisible = false;
  private skinVisible = false;
  private readonly geometry: Geometry;
  private readonly quad: Geometry;
  private readonly pointBuffer: Buffer;
  private readonly uniforms: UniformGroup;
  private readonly skinUniforms: UniformGroup;
  private readonly gridUniforms: UniformGroup;
  private fieldSource: BufferImageSource;
  private readonly shader: Shader;
  private readonly skinShader: Shader;
  private halo: HaloGrid | null = null;
  /** What the halo grid holds now ('' = nothing yet); rebuilt when the wanted key differs. */
  private haloHolds = '';
  private haloWants = '';
  private layout: HaloLayout | null = null;
  private haloBlur: { haloSigmaPx: readonly [number, number, number]; pxPerCm: number } = { haloSigmaPx: [1, 1, 1], pxPerCm: 1 };
  /** Number of point-buffer uploads so far (tests count them: a slider move must not add one). */
  uploads = 0;
  /** Number of halo grid builds so far. */
  haloBuilds = 0;
  private count = 0;
  private pointsVersion = 0;
  private fieldVersion = 0;

  constructor() {
    this.pointBuffer = new Buffer({ data: new Float32Array(FLOATS_PER_DOT), usage: BufferUsage.VERTEX | BufferUsage.COPY_DST, label: 'dots' });
    this.pointBuffer.autoGarbageCollect = false;
    const stride = FLOATS_PER_DOT * 4;
    this.geometry = new Geometry({
      attributes: {
        aDot: { buffer: this.pointBuffer, format: 'float32x4', stride, offset: 0 },
        aOffset: { buffer: this.pointBuffer, format: 'float32x2', stride, offset: 16 },
      },
      topology: 'point-list',
    });
    this.geometry.autoGarbageCollect = false;
    const vec4 = (): { value: Float32Array; type: 'vec4<f32>' } => ({ value: new Float32Array(4), type: 'vec4<f32>' });
    this.uniforms = new UniformGroup({
      uPxPerCm: { value: 1, type: 'f32' },
      uThreshold: { value: 0, type: 'f32' },
      uPlacement: { value: 0, type: 'f32' },
      uCum: vec4(),
      uCoreSigmaPx: vec4(),
      uAbsorbMm2: vec4(),
      uScab: vec4(),
      uBlueFactor: vec4(),
      uShowFrom: { value: 0, type: 'f32' },
      uShowTo: { value: 1, type: 'f32' },
      uHealedChannels: { value: new Float32Array(CHANNEL_ABSORPTION), type: 'vec3<f32>' },
      uScabChannels: { value: new Float32Array(SCAB_CHANNEL_ABSORPTION), type: 'vec3<f32>' },
      uFieldSizePx: { value: new Float32Array([1, 1]), type: 'vec2<f32>' },
      uDevicePerImage: { value: 1, type: 'f32' },
      uMaxPointSize: { value: 64, type: 'f32' },
      uSplitXPx: { value: -1e9, type: 'f32' },
    });
    this.gridUniforms = new UniformGroup({
      uGridTexels: { value: new Float32Array([1, 1]), type: 'vec2<f32>' },
      uPxPerTexel: { value: 1, type: 'f32' },
      uTexelAreaMm2: { value: 1, type: 'f32' },
      uDepositScale: { value: 1, type: 'f32' },
    });
    this.skinUniforms = new UniformGroup({
      uPhotoSizePx: { value: new Float32Array([1, 1]), type: 'vec2<f32>' },
      uGridSizePx: { value: new Float32Array([1, 1]), type: 'vec2<f32>' },
      uDepositScale: { value: 1, type: 'f32' },
      uRedness: { value: 0, type: 'f32' },
      uRednessHalfCount: { value: REDNESS_HALF_COUNT_PER_MM2, type: 'f32' },
      uSplitXPx: { value: -1e9, type: 'f32' },
    });
    this.fieldSource = emptyField();
    this.shader = new Shader({
      glProgram: new GlProgram({ vertex: CORE_VERTEX, fragment: CORE_FRAGMENT, name: 'smp-dot-cores' }),
      resources: { dotUniforms: this.uniforms, uField: this.fieldSource, uFieldSampler: this.fieldSource.style },
    });
    this.quad = new Geometry({
      attributes: { aPosition: { buffer: new Float32Array([0, 0, 1, 0, 1, 1, 0, 1]), format: 'float32x2' } },
      indexBuffer: new Uint32Array([0, 1, 2, 0, 2, 3]),
    });
    this.skinShader = new Shader({
      glProgram: new GlProgram({ vertex: SKIN_VERTEX, fragment: SKIN_FRAGMENT, name: 'smp-skin' }),
      resources: { skinUniforms: this.skinUniforms, uHalo: Texture.EMPTY.source, uHaloSampler: Texture.EMPTY.source.style },
    });
    this.container = this.addView('dots-layer');
  }

  /**
   * A new container drawing the same dots with the same geometry, shaders and textures (the export
   * draws through one, so the preview's meshes never leave the preview). Its transform is the
   * caller's; it is freed with the layer.
   */
  addView(label: string): Container {
    const container = new Container({ label });
    const skin = new Mesh({ geometry: this.quad, shader: this.skinShader, label: 'skin' });
    const cores = new Mesh({ geometry: this.geometry, shader: this.shader, label: 'dots' });
    for (const mesh of [skin, cores]) mesh.blendMode = 'multiply';
    skin.visible = this.skinVisible;
    cores.visible = this.coresVisible;
    container.addChild(skin, cores);
    this.views.push({ container, skin, cores });
    return container;
  }

  private setVisibility(cores: boolean, skin: boolean): void {
    this.coresVisible = cores;
    this.skinVisible = skin;
    for (const view of this.views) {
      view.cores.visible = cores;
      view.skin.visible = skin;
    }
  }

  /** Replaces the point set (the only path that uploads point data). */
  setPoints(data: Float32Array): void {
    this.pointBuffer.data = data;
    this.count = Math.floor(data.length / FLOATS_PER_DOT);
    this.setVisibility(this.count > 0, this.skinVisible);
    this.uploads++;
    this.pointsVersion++;
  }

  /** Largest point size the GPU draws, device px (ALIASED_POINT_SIZE_RANGE); larger dots are drawn at this size. */
  setMaxPointSize(px: number): void {
    this.uniforms.uniforms.uMaxPointSize = px;
  }

  /** Uploads the same point data again and redoes the halo grid (after a lost GPU context); not counted as an upload of new data. */
  reupload(): void {
    this.pointBuffer.update();
    // The grid's render targets lost their contents with the context: build them anew.
    this.halo?.destroy();
    this.halo = null;
    this.haloHolds = '';
  }

  /** Number of ranked points held. */
  get pointCount(): number {
    return this.count;
  }

  /** Replaces the density field texture. */
  setField(field: DensityField): void {
    const old = this.fieldSource;
    this.fieldSource = new BufferImageSource({
      resource: field.values,
      width: field.widthTexels,
      height: field.heightTexels,
      format: 'r8unorm',
      scaleMode: 'linear',
      addressMode: 'clamp-to-edge',
      alphaMode: 'no-premultiply-alpha',
    });
    this.shader.resources.uField = this.fieldSource;
    this.shader.resources.uFieldSampler = this.fieldSource.style;
    const size = this.uniforms.uniforms.uFieldSizePx as Float32Array;
    size[0] = field.widthTexels * field.pxPerTexel;
    size[1] = field.heightTexels * field.pxPerTexel;
    old.destroy();
    this.fieldVersion++;
  }

  /** Sets the uniforms (a slider move lands here and nowhere else). */
  setUniforms(u: DotUniforms): void {
    const v = this.uniforms.uniforms;
    const look = u.look;
    v.uPxPerCm = u.pxPerCm;
    v.uThreshold = look.threshold;
    v.uPlacement = look.placement;
    (v.uCum as Float32Array).set(look.cumulative);
    (v.uCoreSigmaPx as Float32Array).set(look.coreSigmaPx);
    (v.uAbsorbMm2 as Float32Array).set(look.absorbanceMm2);
    (v.uScab as Float32Array).set(look.scabFraction);
    (v.uBlueFactor as Float32Array).set(look.blueFactor);
    v.uShowFrom = look.showFrom;
    v.uShowTo = look.showTo;
    const split = Number.isFinite(u.splitXPx) ? u.splitXPx : -1e9;
    v.uSplitXPx = split;
    v.uDevicePerImage = u.devicePerImage;
    const s = this.skinUniforms.uniforms;
    s.uRedness = look.redness;
    s.uSplitXPx = split;
    (s.uPhotoSizePx as Float32Array).set([u.photoWidthPx, u.photoHeightPx]);
    const layout = haloLayout(u.photoWidthPx, u.photoHeightPx, u.pxPerCm);
    (s.uGridSizePx as Float32Array).set([layout.widthTexels * layout.pxPerTexel, layout.heightTexels * layout.pxPerTexel]);
    const g = this.gridUniforms.uniforms;
    (g.uGridTexels as Float32Array).set([layout.widthTexels, layout.heightTexels]);
    g.uPxPerTexel = layout.pxPerTexel;
    g.uTexelAreaMm2 = layout.texelAreaMm2;
    this.haloBlur = { haloSigmaPx: look.haloSigmaPx, pxPerCm: u.pxPerCm };
    this.layout = layout;
    // Everything the grid holds; the view's zoom, pan and split are not in it.
    this.haloWants = JSON.stringify([this.pointsVersion, this.fieldVersion, layout, u.pxPerCm, look.threshold, look.placement, look.cumulative, look.coreSigmaPx, look.absorbanceMm2, look.scabFraction, look.blueFactor, look.showFrom, look.showTo, look.haloSigmaPx]);
    this.setVisibility(this.coresVisible, look.showTo > look.showFrom && this.count > 0);
  }

  /** Builds the halo grid for the uniforms set last, if it does not already hold it. Call before drawing. */
  prepare(renderer: Renderer): void {
    if (!this.halo) {
      const floatTargets = !!(renderer as WebGLRenderer).context?.extensions?.colorBufferFloat;
      this.halo = new HaloGrid(this.geometry, this.uniforms, this.gridUniforms, floatTargets);
      this.skinUniforms.uniforms.uDepositScale = this.halo.depositScale;
      this.haloHolds = '';
    }
    if (!this.layout) return;
    this.halo.setLayout(this.layout);
    if (!this.skinVisible || this.haloHolds === this.haloWants) return;
    this.halo.build(renderer, this.haloBlur, this.fieldSource);
    this.haloHolds = this.haloWants;
    this.haloBuilds++;
    const texture = this.halo.texture;
    if (texture) {
      this.skinShader.resources.uHalo = texture.source;
      this.skinShader.resources.uHaloSampler = texture.source.style;
    }
  }

  /** Frees GPU and CPU resources. */
  destroy(): void {
    this.halo?.destroy();
    for (const view of this.views) view.container.destroy({ children: true });
    this.geometry.destroy();
    this.quad.destroy();
    this.pointBuffer.destroy();
    this.fieldSource.destroy();
    this.shader.destroy();
    this.skinShader.destroy();
  }
}

function emptyField(): BufferImageSource {
  return new BufferImageSource({ resource: new Uint8Array(1), width: 1, height: 1, format: 'r8unorm', alphaMode: 'no-premultiply-alpha' });
}
