/**
 * A CPU reference of the dot shaders (src/render/dotShaders.ts), for unit tests in Node: the same
 * points, density field, DotLook, cores, halo grid (deposit, separable blur with clamped edges,
 * bilinear read) and redness, as floating point. The browser tests check the shaders themselves on
 * exported PNGs; this oracle lets the model's numbers be tested without a GPU.
 */
import { CHANNEL_ABSORPTION, CORE_EXTENT_SIGMAS, CORE_FRACTION, DOT_SHADE_VARIATION, DOT_SIZE_VARIATION, MIN_CORE_SIGMA_PX, REDNESS_HALF_COUNT_PER_MM2, REDNESS_SIGMA_MM, SCAB_CHANNEL_ABSORPTION, SCAB_CORE_FRACTION, SCAB_SIZE_FACTOR, SCAB_STRENGTH_FACTOR } from '../../src/core/appearance.ts';
import { buildDensityField, FIELD_ONE, type DensityField } from '../../src/core/dots/densityField.ts';
import { dotLook, finalShow, type DotLook, type ShowState } from '../../src/core/dots/dotLook.ts';
import { haloBlurRadius, haloBlurSigmas, haloLayout, type HaloLayout } from '../../src/core/dots/haloLayout.ts';
import { FLOATS_PER_DOT, generateDotData } from '../../src/core/dots/dotData.ts';
import type { Design } from '../../src/core/document/types.ts';

/** An RGBA photo. */
export interface Photo {
  readonly width: number;
  readonly height: number;
  readonly rgba: Uint8ClampedArray;
}

const fract = (x: number): number => x - Math.floor(x);

/** The field factor at image point (x, y), read as the GPU's linear sampler reads the R8 texture. */
function fieldAt(field: DensityField, x: number, y: number): number {
  const u = x / field.pxPerTexel - 0.5;
  const v = y / field.pxPerTexel - 0.5;
  const x0 = Math.floor(u);
  const y0 = Math.floor(v);
  const fx = u - x0;
  const fy = v - y0;
  const at = (i: number, j: number): number => field.values[Math.min(field.heightTexels - 1, Math.max(0, j)) * field.widthTexels + Math.min(field.widthTexels - 1, Math.max(0, i))]! / 255;
  const value = (1 - fy) * ((1 - fx) * at(x0, y0) + fx * at(x0 + 1, y0)) + fy * ((1 - fx) * at(x0, y0 + 1) + fx * at(x0 + 1, y0 + 1));
  return (value * 255) / FIELD_ONE;
}

/** One shown dot as the shaders see it. */
interface OracleDot {
  readonly x: number;
  readonly y: number;
  readonly sigmaPx: number;
  readonly absorbMm2: number;
  readonly coreFraction: number;
  readonly channels: readonly [number, number, number];
  readonly scab: boolean;
}

/** The dots the shaders draw for a design at `show` (the readDot function of dotShaders.ts). */
export function shownDots(design: Design, look: DotLook, points: Float32Array, field: DensityField): OracleDot[] {
  const out: OracleDot[] = [];
  const pxPerCm = design.scale.pxPerCm;
  for (let i = 0; i < points.length; i += FLOATS_PER_DOT) {
    const ex = points[i]! * pxPerCm;
    const ey = points[i + 1]! * pxPerCm;
    const r = points[i + 2]!;
    // Which session a dot belongs to, and whether it is shown: the shaders' rule, from its CPU twin.
    const band = drawnSession(r, fieldAt(field, ex, ey) * look.threshold, look);
    if (band < 0) continue;
    const j1 = points[i + 3]!;
    const j2 = fract(j1 * 16 + r * 7);
    const j3 = fract(j1 * 61 + r * 29.3);
    const scab = j3 < look.scabFraction[band]!;
    out.push({
      x: ex + look.placement * points[i + 4]! * pxPerCm,
      y: ey + look.placement * points[i + 5]! * pxPerCm,
      sigmaPx: look.coreSigmaPx[band]! * (1 + DOT_SIZE_VARIATION * (2 * j1 - 1)) * (scab ? SCAB_SIZE_FACTOR : 1),
      absorbMm2: look.absorbanceMm2[band]! * (1 + DOT_SHADE_VARIATION * (2 * j2 - 1)) * (scab ? SCAB_STRENGTH_FACTOR : 1),
      coreFraction: scab ? SCAB_CORE_FRACTION : CORE_FRACTION,
      channels: scab ? SCAB_CHANNEL_ABSORPTION : [CHANNEL_ABSORPTION[0], CHANNEL_ABSORPTION[1], CHANNEL_ABSORPTION[2] * look.blueFactor[band]!],
      scab,
    });
  }
  return out;
}

/** Separable Gaussian blur of a 4-channel grid, one width per channel, edges clamped (as BLUR_FRAGMENT samples). */
function blurGrid(grid: Float64Array, layout: HaloLayout, sigmas: readonly number[], radius: number): Float64Array {
  const { widthTexels: w, heightTexels: h } = layout;
  const weights = sigmas.map((s) => {
    const k = Array.from({ length: 2 * radius + 1 }, (_, i) => Math.exp(-((i - radius) ** 2) / (2 * s * s)));
    const sum = k.reduce((a, b) => a + b, 0);
    return k.map((v) => v / sum);
  });
  const pass = (src: Float64Array, dx: number, dy: number): Float64Array => {
    const dst = new Float64Array(src.length);
    for (let y = 0; y < h; y++) {
      for (let x = 0; x < w; x++) {
        for (let c = 0; c < 4; c++) {
          let sum = 0;
          for (let i = -radius; i <= radius; i++) {
            const sx = Math.min(w - 1, Math.max(0, x + i * dx));
            const sy = Math.min(h - 1, Math.max(0, y + i * dy));
            sum += weights[c]![i + radius]! * src[(sy * w + sx) * 4 + c]!;
          }
          dst[(y * w + x) * 4 + c] = sum;
        }
      }
    }
    return dst;
  };
  return pass(pass(grid, 1, 0), 0, 1);
}

/** The multiply factor (per pixel, linear 0..1, R G B) the dots layer applies to the photo. */
export function dotFactor(design: Design, widthPx: number, heightPx: number, show: ShowState = finalShow(design.sessions.length)): Float32Array {
  const pxPerCm = design.scale.pxPerCm;
  const look = dotLook(design, show);
  const points = generateDotData({ seed: design.seed, widthCm: widthPx / pxPerCm, heightCm: heightPx / pxPerCm, maxDensityPerCm2: design.maxDensityPerCm2 });
  const dots = shownDots(design, look, points, buildDensityField(design));
  const absorbance = new Float32Array(widthPx * heightPx * 3);
  const pxPerMm = pxPerCm / 10;
  // Cores: Gaussian splats out to CORE_EXTENT_SIGMAS, never narrower than MIN_CORE_SIGMA_PX.
  for (const d of dots) {
    const sigma = Math.max(d.sigmaPx, MIN_CORE_SIGMA_PX);
    const radius = CORE_EXTENT_SIGMAS * sigma;
    const peak = (d.coreFraction * d.absorbMm2 * pxPerMm * pxPerMm) / (2 * Math.PI * sigma * sigma);
    for (let py = Math.max(0, Math.ceil(d.y - radius - 0.5)); py <= Math.min(heightPx - 1, Math.floor(d.y + radius - 0.5)); py++) {
      for (let px = Math.max(0, Math.ceil(d.x - radius - 0.5)); px <= Math.min(widthPx - 1, Math.floor(d.x + radius - 0.5)); px++) {
        const r2 = (px + 0.5 - d.x) ** 2 + (py + 0.5 - d.y) ** 2;
        if (r2 >= radius * radius) continue;
        const a = peak * Math.exp(-r2 / (2 * sigma * sigma));
        const o = (py * widthPx + px) * 3;
        for (let c = 0; c < 3; c++) absorbance[o + c] = absorbance[o + c]! + a * d.channels[c]!;
      }
    }
  }
  // Halos: deposit per texel, blur per channel, read bilinearly at pixel centres.
  const layout = haloLayout(widthPx, heightPx, pxPerCm);
  const grid = new Float64Array(layout.widthTexels * layout.heightTexels * 4);
  for (const d of dots) {
    const tx = Math.floor(d.x / layout.pxPerTexel);
    const ty = Math.floor(d.y / layout.pxPerTexel);
    if (tx < 0 || ty < 0 || tx >= layout.widthTexels || ty >= layout.heightTexels) continue;
    const o = (ty * layout.widthTexels + tx) * 4;
    for (let c = 0; c < 3; c++) grid[o + c] = grid[o + c]! + ((1 - d.coreFraction) * d.absorbMm2 * d.channels[c]!) / layout.texelAreaMm2;
    if (d.scab) grid[o + 3] = grid[o + 3]! + 1 / layout.texelAreaMm2;
  }
  const sigmas = haloBlurSigmas(look.haloSigmaPx, REDNESS_SIGMA_MM, pxPerCm, layout);
  const halo = blurGrid(grid, layout, sigmas, haloBlurRadius(sigmas));
  const factor = new Float32Array(widthPx * heightPx * 3);
  const { widthTexels: gw, heightTexels: gh } = layout;
  const at = (i: number, j: number, c: number): number => halo[(Math.min(gh - 1, Math.max(0, j)) * gw + Math.min(gw - 1, Math.max(0, i))) * 4 + c]!;
  for (let y = 0; y < heightPx; y++) {
    const v = (y + 0.5) / layout.pxPerTexel - 0.5;
    const y0 = Math.floor(v);
    const fy = v - y0;
    for (let x = 0; x < widthPx; x++) {
      const u = (x + 0.5) / layout.pxPerTexel - 0.5;
      const x0 = Math.floor(u);
      const fx = u - x0;
      const h = [0, 1, 2, 3].map((c) => (1 - fy) * ((1 - fx) * at(x0, y0, c) + fx * at(x0 + 1, y0, c)) + fy * ((1 - fx) * at(x0, y0 + 1, c) + fx * at(x0 + 1, y0 + 1, c)));
      const red = look.redness * (1 - Math.exp(-Math.max(0, h[3]!) / REDNESS_HALF_COUNT_PER_MM2));
      const o = (y * widthPx + x) * 3;
      for (let c = 0; c < 3; c++) factor[o + c] = Math.exp(-absorbance[o + c]! - Math.max(0, h[c]!)) * (c === 0 ? 1 : 1 - red);
    }
  }
  return factor;
}

/** The photo with the design's dots, as the export composes it (8-bit sRGB values times the factor). */
export function renderDesign(photo: Photo, design: Design, show?: ShowState): Uint8ClampedArray {
  const factor = dotFactor(design, photo.width, photo.height, show);
  const out = Uint8ClampedArray.from(photo.rgba);
  for (let p = 0; p < photo.width * photo.height; p++) for (let c = 0; c < 3; c++) out[p * 4 + c] = photo.rgba[p * 4 + c]! * factor[p * 3 + c]!;
  return out;
}

// The rule of which session a dot belongs to, as the vertex shader applies it (the product keeps
// only the shader's copy).

/**
 * The session (0-based) a point belongs to, or -1 when it is not a dot: `rank` against the local
 * threshold t (field × density / max density) and the cumulative shares.
 */
export function sessionOfPoint(rank: number, threshold: number, cumulative: readonly number[]): number {
  if (!(rank < threshold)) return -1;
  const u = rank / threshold;
  for (let k = 1; k < cumulative.length; k++) if (u < cumulative[k]!) return k - 1;
  return cumulative.length - 2;
}

/** Whether a point is shown "after session k" (1-based; k = n is the whole design). */
export function shownAfter(rank: number, threshold: number, cumulative: readonly number[], k: number): boolean {
  return rank < threshold * cumulative[Math.min(k, cumulative.length - 1)]!;
}

/**
 * The session (0-based) whose look a point of `rank` takes where the local threshold is `t`, or −1
 * when it is not drawn: the rule the vertex shader applies.
 */
export function drawnSession(rank: number, t: number, look: DotLook): number {
  if (rank >= t * look.showTo || rank < t * look.showFrom) return -1;
  for (let j = 0; j < 3; j++) if (rank < t * look.cumulative[j]!) return j;
  return 3;
}

/**
 * Mean transmittance per channel of skin evenly covered by dots of `absorbanceMm2` (channel weights
 * applied) at `densityPerCm2`, where the halos overlap into an even wash: exp(−n · s · k_c). The
 * cores make the rendered mean a little lighter than this (their darkening saturates).
 */
export function meanTransmittance(densityPerCm2: number, absorbanceMm2: number): [number, number, number] {
  const perMm2 = densityPerCm2 / 100;
  return CHANNEL_ABSORPTION.map((k) => Math.exp(-perMm2 * absorbanceMm2 * k)) as [number, number, number];
}
