/**
 * The dots layer: one mesh of point sprites, one vertex per ranked point (x cm, y cm, rank, jitter),
 * and under it a quad that reddens freshly treated skin. The vertex buffer is uploaded when the
 * point set changes and never on a slider move; the density field is a small R8 texture rebuilt
 * only when an outline changes, and both meshes read it.
 */
import { Buffer, BufferImageSource, BufferUsage, Container, Geometry, GlProgram, Mesh, Shader, UniformGroup } from 'pixi.js';
import { MIN_DRAWN_RADIUS_PX, PIGMENT_CHANNEL_ABSORPTION, REDNESS_SPREAD_MM } from '../core/appearance.ts';
import type { DensityField } from '../core/dots/densityField.ts';
import type { DotLook } from '../core/dots/dotLook.ts';
import { mmToPx } from '../core/units.ts';
import { DOT_FRAGMENT, DOT_VERTEX, REDNESS_FRAGMENT, REDNESS_VERTEX } from './dotShaders.ts';

/** Interleaved point data: 4 floats per dot (x cm, y cm, rank, jitter 0..1). */
export const FLOATS_PER_DOT = 4;

/** Uniform values the dots depend on, all derived from the design, the moment shown and the view. */
export interface DotUniforms {
  readonly pxPerCm: number;
  /** Photo size, image px (the redness quad covers it). */
  readonly photoWidthPx: number;
  readonly photoHeightPx: number;
  readonly look: DotLook;
  /** Device pixels per image pixel in the current view (or 1 for export). */
  readonly devicePerImage: number;
  /** Before/after split: dots left of this image x are hidden (the "before" side); -Infinity for none. */
  readonly splitXPx: number;
}

/** Smallest radius a dot is drawn with, device px; smaller dots are spread wider and lighter. */
export const MIN_RADIUS_DEVICE_PX = MIN_DRAWN_RADIUS_PX;

/** Owns the meshes, the point buffer and the field texture. */
export class DotsLayer {
  /** Both meshes, redness under dots, each blended by multiply. */
  readonly container = new Container({ label: 'dots-layer' });
  readonly mesh: Mesh<Geometry, Shader>;
  private readonly redness: Mesh<Geometry, Shader>;
  private readonly geometry: Geometry;
  private readonly quad: Geometry;
  private readonly pointBuffer: Buffer;
  private readonly uniforms: UniformGroup;
  private readonly rednessUniforms: UniformGroup;
  private fieldSource: BufferImageSource;
  private readonly shader: Shader;
  private readonly rednessShader: Shader;
  /** Number of point-buffer uploads so far (tests count them: a slider move must not add one). */
  uploads = 0;
  private count = 0;

  constructor() {
    this.pointBuffer = new Buffer({ data: new Float32Array(FLOATS_PER_DOT), usage: BufferUsage.VERTEX | BufferUsage.COPY_DST, label: 'dots' });
    this.pointBuffer.autoGarbageCollect = false;
    this.geometry = new Geometry({
      attributes: {
        aDot: { buffer: this.pointBuffer, format: 'float32x4', stride: 16, offset: 0 },
      },
      topology: 'point-list',
    });
    this.geometry.autoGarbageCollect = false;
    const vec4 = (): { value: Float32Array; type: 'vec4<f32>' } => ({ value: new Float32Array(4), type: 'vec4<f32>' });
    this.uniforms = new UniformGroup({
      uPxPerCm: { value: 1, type: 'f32' },
      uThreshold: { value: 0, type: 'f32' },
      uCum: vec4(),
      uRadiusPx: vec4(),
      uCentreOD: vec4(),
      uBlue: vec4(),
      uShowFrom: { value: 0, type: 'f32' },
      uShowTo: { value: 1, type: 'f32' },
      uDevicePerImage: { value: 1, type: 'f32' },
      uMinRadiusDevice: { value: MIN_RADIUS_DEVICE_PX, type: 'f32' },
      uFieldSizePx: { value: new Float32Array([1, 1]), type: 'vec2<f32>' },
      uMaxPointSize: { value: 64, type: 'f32' },
      uSplitXPx: { value: -1e9, type: 'f32' },
      uAbsorb: { value: new Float32Array(PIGMENT_CHANNEL_ABSORPTION.slice(0, 2)), type: 'vec2<f32>' },
    });
    this.rednessUniforms = new UniformGroup({
      uFieldSizePx: { value: new Float32Array([1, 1]), type: 'vec2<f32>' },
      uPhotoSizePx: { value: new Float32Array([1, 1]), type: 'vec2<f32>' },
      uBlurPx: { value: 1, type: 'f32' },
      uRedness: { value: 0, type: 'f32' },
      uSplitXPx: { value: -1e9, type: 'f32' },
    });
    this.fieldSource = emptyField();
    this.shader = new Shader({
      glProgram: new GlProgram({ vertex: DOT_VERTEX, fragment: DOT_FRAGMENT, name: 'smp-dots' }),
      resources: { dotUniforms: this.uniforms, uField: this.fieldSource, uFieldSampler: this.fieldSource.style },
    });
    this.mesh = new Mesh({ geometry: this.geometry, shader: this.shader });
    this.mesh.blendMode = 'multiply';
    this.mesh.visible = false;
    this.mesh.label = 'dots';
    this.quad = new Geometry({
      attributes: { aPosition: { buffer: new Float32Array([0, 0, 1, 0, 1, 1, 0, 1]), format: 'float32x2' } },
      indexBuffer: new Uint32Array([0, 1, 2, 0, 2, 3]),
    });
    this.rednessShader = new Shader({
      glProgram: new GlProgram({ vertex: REDNESS_VERTEX, fragment: REDNESS_FRAGMENT, name: 'smp-redness' }),
      resources: { rednessUniforms: this.rednessUniforms, uField: this.fieldSource, uFieldSampler: this.fieldSource.style },
    });
    this.redness = new Mesh({ geometry: this.quad, shader: this.rednessShader });
    this.redness.blendMode = 'multiply';
    this.redness.visible = false;
    this.redness.label = 'redness';
    this.container.addChild(this.redness, this.mesh);
  }

  /** Replaces the point set (the only path that uploads point data). */
  setPoints(data: Float32Array): void {
    this.pointBuffer.data = data;
    this.count = Math.floor(data.length / FLOATS_PER_DOT);
    this.mesh.visible = this.count > 0;
    this.uploads++;
  }

  /** Largest point size the GPU draws, device px (ALIASED_POINT_SIZE_RANGE); larger dots are drawn at this size. */
  setMaxPointSize(px: number): void {
    this.uniforms.uniforms.uMaxPointSize = px;
  }

  /** Uploads the same point data again (after a lost GPU context); not counted as an upload of new data. */
  reupload(): void {
    this.pointBuffer.update();
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
    for (const shader of [this.shader, this.rednessShader]) {
      shader.resources.uField = this.fieldSource;
      shader.resources.uFieldSampler = this.fieldSource.style;
    }
    for (const group of [this.uniforms, this.rednessUniforms]) {
      const size = group.uniforms.uFieldSizePx as Float32Array;
      size[0] = field.widthTexels * field.pxPerTexel;
      size[1] = field.heightTexels * field.pxPerTexel;
    }
    old.destroy();
  }

  /** Sets the uniforms (a slider move lands here and nowhere else). */
  setUniforms(u: DotUniforms): void {
    const v = this.uniforms.uniforms;
    const look = u.look;
    v.uPxPerCm = u.pxPerCm;
    v.uThreshold = look.threshold;
    (v.uCum as Float32Array).set(look.cumulative);
    (v.uRadiusPx as Float32Array).set(look.radiusPx);
    (v.uCentreOD as Float32Array).set(look.centreOD);
    (v.uBlue as Float32Array).set(look.blueAbsorption);
    v.uShowFrom = look.showFrom;
    v.uShowTo = look.showTo;
    const split = Number.isFinite(u.splitXPx) ? u.splitXPx : -1e9;
    v.uSplitXPx = split;
    v.uDevicePerImage = u.devicePerImage;
    const r = this.rednessUniforms.uniforms;
    r.uRedness = look.redness;
    r.uSplitXPx = split;
    r.uBlurPx = mmToPx(REDNESS_SPREAD_MM, u.pxPerCm);
    this.redness.visible = look.redness > 0;
    (r.uPhotoSizePx as Float32Array).set([u.photoWidthPx, u.photoHeightPx]);
  }

  /** Frees GPU and CPU resources. */
  destroy(): void {
    this.container.destroy({ children: true });
    this.geometry.destroy();
    this.quad.destroy();
    this.pointBuffer.destroy();
    this.fieldSource.destroy();
    this.shader.destroy();
    this.rednessShader.destroy();
  }
}

function emptyField(): BufferImageSource {
  return new BufferImageSource({ resource: new Uint8Array(1), width: 1, height: 1, format: 'r8unorm', alphaMode: 'no-premultiply-alpha' });
}
