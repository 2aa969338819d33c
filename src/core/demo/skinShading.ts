/**
 * The per-pixel pass of the demo photo: studio background, and the head as a lit half-ellipsoid
 * with skin tone variation and fine skin texture. Marks (stubble, pores, freckles) come afterwards.
 *
 * Cost control: low-frequency fields (tone, redness, fringe weight) are sampled on a coarse grid and
 * interpolated; per skin pixel there are at most two simplex samples.
 */
import { createNoise2D } from 'simplex-noise';
import { createRandom } from '../random.ts';
import { fringeWeightAtUnit, outlineScale, type ScalpLayout, type SkinTone } from './scalpLayout.ts';
import type { FloatImage } from './splat.ts';
import { EAR_SHAPE, sampleEar, type EarSample } from './ears.ts';

/** Linear-light albedo of scalp skin per tone, chosen so the lit crown photographs at about the sRGB in the comment. */
const SKIN_ALBEDO: Record<SkinTone, readonly [number, number, number]> = {
  light: [0.66, 0.41, 0.26], // ≈ sRGB (225, 185, 160)
  medium: [0.54, 0.3, 0.19], // ≈ sRGB (200, 150, 122)
  tan: [0.39, 0.19, 0.105], // ≈ sRGB (172, 122, 92)
  dark: [0.16, 0.072, 0.04], // ≈ sRGB (115, 77, 57)
};

/** Studio backdrop, linear light: lighter at the bottom (towards the light) and darker at the top. */
const BACKDROP_TOP: readonly [number, number, number] = [0.16, 0.175, 0.19];
const BACKDROP_BOTTOM: readonly [number, number, number] = [0.3, 0.315, 0.33];

/** Blue-grey of hair seen through skin, relative to the skin's own luminance. */
const CAST: readonly [number, number, number] = [0.17, 0.21, 0.33];

const STREAM_TONE = 31;
const STREAM_FINE = 32;

/** Light direction in head space (x right, y towards the forehead, z up): above and in front. */
const LIGHT = normalise(0.08, 0.45, 1);
const HALF = normalise(LIGHT[0], LIGHT[1], LIGHT[2] + 1);

function normalise(x: number, y: number, z: number): [number, number, number] {
  const l = Math.hypot(x, y, z);
  return [x / l, y / l, z / l];
}

/** Low-frequency fields on a coarse grid, bilinearly sampled. */
interface CoarseFields {
  readonly step: number;
  readonly cols: number;
  /** Skin tone variation, about -1..1. */
  readonly tone: Float32Array;
  /** Redness variation, about -1..1. */
  readonly red: Float32Array;
  /** Small blotches of a few millimetres, about -1..1. */
  readonly mottle: Float32Array;
  /** Fringe weight (stubble-bearing skin grew in shade: a little paler). */
  readonly fringe: Float32Array;
  /** Slope of gentle bumps of the skull surface, dh/dx and dh/dy. */
  readonly slopeX: Float32Array;
  readonly slopeY: Float32Array;
}

function coarseFields(layout: ScalpLayout, seed: number): CoarseFields {
  const { widthPx, heightPx, pxPerCm, head } = layout;
  const step = Math.max(2, Math.round(pxPerCm * 0.08));
  const cols = Math.ceil(widthPx / step) + 2;
  const rows = Math.ceil(heightPx / step) + 2;
  const size = cols * rows;
  const tone = new Float32Array(size);
  const red = new Float32Array(size);
  const mottle = new Float32Array(size);
  const fringe = new Float32Array(size);
  const bump = new Float32Array(size);
  const n1 = createNoise2D(createRandom(seed, STREAM_TONE));
  const n2 = createNoise2D(createRandom(seed, STREAM_TONE + 1));
  const n3 = createNoise2D(createRandom(seed, STREAM_TONE + 2));
  const cosR = Math.cos(head.rotationRad);
  const sinR = Math.sin(head.rotationRad);
  for (let j = 0, i = 0; j < rows; j++) {
    for (let k = 0; k < cols; k++, i++) {
      const x = k * step;
      const y = j * step;
      const xc = x / pxPerCm;
      const yc = y / pxPerCm;
      tone[i] = 0.6 * n1(xc * 0.2, yc * 0.2) + 0.3 * n1(xc * 0.7 + 31, yc * 0.7) + 0.1 * n1(xc * 2.6, yc * 2.6 - 17);
      red[i] = 0.7 * n2(xc * 0.35, yc * 0.35) + 0.3 * n2(xc * 1.5 + 5, yc * 1.5);
      mottle[i] = n2(xc * 2.2 - 60, yc * 2.2 + 9);
      // Bump height in cm: broad undulations of the skull and smaller ones of the scalp.
      bump[i] = 0.06 * n3(xc * 0.22, yc * 0.22) + 0.005 * n3(xc * 0.9 - 40, yc * 0.9);
      const dx = x - head.centreXPx;
      const dy = y - head.centreYPx;
      const v = (-dx * sinR + dy * cosR) / head.radiusYPx;
      const u = (dx * cosR + dy * sinR) / (head.radiusXPx * (1 - head.eggFactor * v));
      const m = outlineScale(head.outlineHarmonics, u, v);
      fringe[i] = fringeWeightAtUnit(layout.fringe, u / m, v / m);
    }
  }
  const slopeX = new Float32Array(size);
  const slopeY = new Float32Array(size);
  const stepCm = step / pxPerCm;
  for (let j = 1; j < rows - 1; j++) {
    for (let k = 1; k < cols - 1; k++) {
      const i = j * cols + k;
      slopeX[i] = (bump[i + 1]! - bump[i - 1]!) / (2 * stepCm);
      slopeY[i] = (bump[i + cols]! - bump[i - cols]!) / (2 * stepCm);
    }
  }
  return { step, cols, tone, red, mottle, fringe, slopeX, slopeY };
}

function bilinear(f: Float32Array, c00: number, cols: number, wx: number, wy: number): number {
  const a = f[c00]!;
  const b = f[c00 + 1]!;
  const c = f[c00 + cols]!;
  const d = f[c00 + cols + 1]!;
  const top = a + (b - a) * wx;
  return top + (c + (d - c) * wx - top) * wy;
}

/**
 * Paints backdrop, ears and skin into `img` (linear light); the head's outline is anti-aliased
 * against what lies behind it.
 */
export function paintSkinAndBackdrop(
  img: FloatImage,
  layout: ScalpLayout,
  skinTone: SkinTone,
  stubbleDensityPerCm2: number,
  seed: number,
): void {
  const { widthPx: w, heightPx: h, pxPerCm, head } = layout;
  const { step, cols, tone, red, mottle, fringe, slopeX, slopeY } = coarseFields(layout, seed);
  const fine = createNoise2D(createRandom(seed, STREAM_FINE));
  const [albR, albG, albB] = SKIN_ALBEDO[skinTone];
  const [lx, ly, lz] = LIGHT;
  const [hx, hy, hz] = HALF;
  const [k2 = 0, k3 = 0, k4 = 0, s1 = 0, s2 = 0] = head.outlineHarmonics;
  const { centreXPx, centreYPx, radiusXPx, radiusYPx, eggFactor } = head;
  const aCm = radiusXPx / pxPerCm;
  const bCm = radiusYPx / pxPerCm;
  const cCm = head.domeHeightCm;
  const cosR = Math.cos(head.rotationRad);
  const sinR = Math.sin(head.rotationRad);
  // Fine texture frequencies (per pixel) and how much of it a pixel can still show.
  const poreFreq = 10 / (0.5 * pxPerCm); // ≈ 0.5 mm cells
  const fineAmp = Math.min(1, (0.5 * pxPerCm) / 10 / 3);
  const shadowShift = 1.3 * pxPerCm;
  /** Vignette and the head's soft shadow cast backwards (towards the top) on the backdrop. */
  const backdropShade = (vx: number, vy: number, xHead: number, yHead: number, aPx: number): number => {
    const vignette = 1 - 0.16 * (vx * vx + vy * vy);
    const sv = (yHead + shadowShift) / (radiusYPx * 1.05);
    const su = xHead / (aPx * 1.06);
    const sd = Math.min(1, Math.max(0, (Math.sqrt(su * su + sv * sv) - 0.92) / 0.5));
    return vignette * (1 - 0.45 * (1 - sd * sd * (3 - 2 * sd)));
  };
  const data = img.rgb;
  const ear: EarSample = { coverage: 0, light: 0 };
  const cmPerPx = 1 / pxPerCm;
  // Hair shafts below the surface and unresolved fine hairs give the fringe its blue-grey cast,
  // stronger where stubble is denser. The follicle stamps add the resolved detail on top.
  const castOpacity = 0.24 * Math.min(1.6, Math.sqrt(stubbleDensityPerCm2 / 60));
  for (let y = 0; y < h; y++) {
    const py = y + 0.5;
    const gy = py / step;
    const j0 = Math.floor(gy);
    const wy = gy - j0;
    const tBack = py / h;
    const bgR = BACKDROP_TOP[0] + (BACKDROP_BOTTOM[0] - BACKDROP_TOP[0]) * tBack;
    const bgG = BACKDROP_TOP[1] + (BACKDROP_BOTTOM[1] - BACKDROP_TOP[1]) * tBack;
    const bgB = BACKDROP_TOP[2] + (BACKDROP_BOTTOM[2] - BACKDROP_TOP[2]) * tBack;
    const dy = py - centreYPx;
    const vy = (py / h - 0.5) * 2;
    for (let x = 0, i = y * w * 3; x < w; x++, i += 3) {
      const px = x + 0.5;
      const dx = px - centreXPx;
      const yHead = -dx * sinR + dy * cosR;
      const vRaw = yHead / radiusYPx;
      const xHead = dx * cosR + dy * sinR;
      const aPx = radiusXPx * (1 - eggFactor * vRaw);
      const uRaw = xHead / aPx;
      // Outline irregularity (see outlineScale), inlined: this loop runs per pixel.
      const rRaw = Math.sqrt(uRaw * uRaw + vRaw * vRaw) || 1e-9;
      if (rRaw > 1.4) {
        // Far from the head and ears: backdrop only.
        const vx = (px / w - 0.5) * 2;
        const shade = backdropShade(vx, vy, xHead, yHead, aPx);
        data[i] = bgR * shade;
        data[i + 1] = bgG * shade;
        data[i + 2] = bgB * shade;
        continue;
      }
      const ca = -vRaw / rRaw;
      const sa = uRaw / rRaw;
      const cos2 = ca * ca - sa * sa;
      const shape = 1 + k2 * cos2 + k3 * ca * (4 * ca * ca - 3) + k4 * (2 * cos2 * cos2 - 1) + s1 * sa + s2 * 2 * sa * ca;
      const u = uRaw / shape;
      const v = vRaw / shape;
      const r2 = u * u + v * v;
      const r = rRaw / shape;
      // Signed distance to the rim in pixels (first order); a lens blurs the rim over about 1.6 px.
      const grad = Math.sqrt((u / aPx) * (u / aPx) + (v / radiusYPx) * (v / radiusYPx)) / (shape * r);
      const coverage = Math.min(1, Math.max(0, (1 - r) / grad / 1.6 + 0.5));
      let outR = 0;
      let outG = 0;
      let outB = 0;
      if (coverage < 1) {
        const vx = (px / w - 0.5) * 2;
        const shade = backdropShade(vx, vy, xHead, yHead, aPx);
        outR = bgR * shade;
        outG = bgG * shade;
        outB = bgB * shade;
        if (v > -1 && v < 1 && (u > 0.8 || u < -0.8)) {
          const rimXCm = (aPx * shape * Math.sqrt(1 - v * v)) / pxPerCm;
          sampleEar(EAR_SHAPE, xHead / pxPerCm, yHead / pxPerCm, rimXCm, cmPerPx, ear);
          if (ear.coverage > 0) {
            const e = ear.coverage;
            const earLight = ear.light * (1 + 0.06 * fine(px * poreFreq * 0.3, py * poreFreq * 0.3));
            outR += (albR * earLight - outR) * e;
            outG += (albG * 0.8 * earLight - outG) * e;
            outB += (albB * 0.76 * earLight - outB) * e;
          }
        }
      }
      if (coverage > 0) {
        const gx = px / step;
        const k0 = Math.floor(gx);
        const wx = gx - k0;
        const c00 = j0 * cols + k0;
        const toneN = bilinear(tone, c00, cols, wx, wy);
        const redN = bilinear(red, c00, cols, wx, wy);
        const fringeW = bilinear(fringe, c00, cols, wx, wy);
        // Surface normal of the half-ellipsoid (head space, cm), tilted by the bumps.
        const s = r2 < 1 ? Math.sqrt(1 - r2) : 0;
        let nx = u / aCm;
        let ny = v / bCm;
        let nz = s / cCm;
        let nl = Math.sqrt(nx * nx + ny * ny + nz * nz) || 1;
        nx = nx / nl - bilinear(slopeX, c00, cols, wx, wy) * s;
        ny = ny / nl - bilinear(slopeY, c00, cols, wx, wy) * s;
        nz /= nl;
        nl = Math.sqrt(nx * nx + ny * ny + nz * nz);
        nx /= nl;
        ny /= nl;
        nz /= nl;
        const ndl = nx * lx + ny * ly + nz * lz;
        const diffuse = Math.max(0, 0.85 * ndl + 0.15);
        const occlusion = 0.45 + 0.55 * nz;
        const light = 0.14 * occlusion + 0.92 * diffuse * Math.sqrt(diffuse) * (0.3 + 0.7 * occlusion);
        // Texture: fine pore/furrow relief (fading when smaller than a pixel) and mottling.
        const relief = fineAmp > 0.05 ? fine(px * poreFreq, py * poreFreq) : 0;
        const furrow = fineAmp > 0.05 ? 1 - Math.abs(relief) : 0.5;
        const blotch = bilinear(mottle, c00, cols, wx, wy);
        const texture = 1 + fineAmp * (0.025 * relief - 0.045 * furrow * furrow * furrow) + 0.025 * blotch;
        const rim = (1 - nz) * (1 - nz);
        // Sun-exposed bald skin is a touch redder and darker than the fringe that shaded it.
        const sun = 1 - fringeW;
        const tint = (1 + 0.06 * toneN) * (1 - 0.04 * sun);
        const redness = 0.06 * (redN + 0.4) + 0.05 * sun + 0.3 * rim;
        const baseR = albR * tint;
        const baseG = albG * tint * (1 - redness);
        const baseB = albB * tint * (1 - redness * 1.2);
        const ndh = Math.max(0, nx * hx + ny * hy + nz * hz);
        const ndh2 = ndh * ndh;
        const ndh8 = ndh2 * ndh2 * ndh2 * ndh2;
        const ndh32 = ndh8 * ndh8 * ndh8 * ndh8;
        const oil = 0.75 + 0.25 * toneN;
        const sheen = (0.07 * ndh8 + 0.2 * ndh32 * (0.8 + 0.4 * relief)) * oil * (1 - 0.5 * fringeW);
        const shaded = light * texture;
        // The cast: the skin's own brightness, darkened and shifted to blue-grey.
        const cast = castOpacity * fringeW;
        const castLevel = (0.3 * baseR + 0.6 * baseG + 0.1 * baseB) * shaded;
        const skinR = baseR * shaded * (1 - cast) + CAST[0] * castLevel * cast;
        const skinG = baseG * shaded * (1 - cast) + CAST[1] * castLevel * cast;
        const skinB = baseB * shaded * (1 - cast) + CAST[2] * castLevel * cast;
        outR += (skinR + sheen - outR) * coverage;
        outG += (skinG + sheen * 0.97 - outG) * coverage;
        outB += (skinB + sheen * 0.94 - outB) * coverage;
      }
      data[i] = outR;
      data[i + 1] = outG;
      data[i + 2] = outB;
    }
  }
}
