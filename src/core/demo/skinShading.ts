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
  readonly tone: Float32Array;
  readonly red: Float32Array;
  readonly fringe: Float32Array;
}

function coarseFields(layout: ScalpLayout, seed: number): CoarseFields {
  const { widthPx, heightPx, pxPerCm, head } = layout;
  const step = Math.max(2, Math.round(pxPerCm * 0.08));
  const cols = Math.ceil(widthPx / step) + 2;
  const rows = Math.ceil(heightPx / step) + 2;
  const tone = new Float32Array(cols * rows);
  const red = new Float32Array(cols * rows);
  const fringe = new Float32Array(cols * rows);
  const n1 = createNoise2D(createRandom(seed, STREAM_TONE));
  const n2 = createNoise2D(createRandom(seed, STREAM_TONE + 1));
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
      const dx = x - head.centreXPx;
      const dy = y - head.centreYPx;
      const v = (-dx * sinR + dy * cosR) / head.radiusYPx;
      const u = (dx * cosR + dy * sinR) / (head.radiusXPx * (1 - head.eggFactor * v));
      const m = outlineScale(head.outlineHarmonics, u, v);
      fringe[i] = fringeWeightAtUnit(layout.fringe, u / m, v / m);
    }
  }
  return { step, cols, tone, red, fringe };
}

/**
 * Paints background and skin into `img` (linear light). Returns nothing; the head's outline
 * is anti-aliased against the backdrop.
 */
export function paintSkinAndBackdrop(img: FloatImage, layout: ScalpLayout, skinTone: SkinTone, seed: number): void {
  const { widthPx: w, heightPx: h, pxPerCm, head } = layout;
  const fields = coarseFields(layout, seed);
  const fine = createNoise2D(createRandom(seed, STREAM_FINE));
  const albedo = SKIN_ALBEDO[skinTone];
  const aCm = head.radiusXPx / pxPerCm;
  const bCm = head.radiusYPx / pxPerCm;
  const cCm = head.domeHeightCm;
  const cosR = Math.cos(head.rotationRad);
  const sinR = Math.sin(head.rotationRad);
  // Fine texture frequencies (cycles per pixel) and how much of it a pixel can still show.
  const poreFreq = 10 / (0.45 * pxPerCm); // ≈ 0.45 mm cells
  const mottleFreq = 10 / (1.6 * pxPerCm);
  const fineAmp = Math.min(1, (0.45 * pxPerCm) / 10 / 3);
  const mottleAmp = Math.min(1, (1.6 * pxPerCm) / 10 / 3);
  const shadowShift = 1.3 * pxPerCm;
  const data = img.rgb;
  const harmonics = head.outlineHarmonics;
  const ear: EarSample = { coverage: 0, light: 0 };
  const cmPerPx = 1 / pxPerCm;
  const { step, cols, tone, red, fringe } = fields;
  for (let y = 0; y < h; y++) {
    const py = y + 0.5;
    const gy = py / step;
    const j0 = Math.floor(gy);
    const wy = gy - j0;
    const tBack = py / h;
    const bgR = BACKDROP_TOP[0] + (BACKDROP_BOTTOM[0] - BACKDROP_TOP[0]) * tBack;
    const bgG = BACKDROP_TOP[1] + (BACKDROP_BOTTOM[1] - BACKDROP_TOP[1]) * tBack;
    const bgB = BACKDROP_TOP[2] + (BACKDROP_BOTTOM[2] - BACKDROP_TOP[2]) * tBack;
    for (let x = 0, i = y * w * 3; x < w; x++, i += 3) {
      const px = x + 0.5;
      const dx = px - head.centreXPx;
      const dy = py - head.centreYPx;
      const yHead = -dx * sinR + dy * cosR;
      const vRaw = yHead / head.radiusYPx;
      const xHead = dx * cosR + dy * sinR;
      const aPx = head.radiusXPx * (1 - head.eggFactor * vRaw);
      const uRaw = xHead / aPx;
      const shape = outlineScale(harmonics, uRaw, vRaw);
      const u = uRaw / shape;
      const v = vRaw / shape;
      const r2 = u * u + v * v;
      // Signed distance to the rim in pixels (first order), for anti-aliasing.
      const r = Math.sqrt(r2);
      const grad = Math.sqrt((u / aPx) ** 2 + (v / head.radiusYPx) ** 2) / (shape * (r || 1));
      // A lens is never perfectly sharp: the rim blends over about 1.6 px.
      const coverage = Math.min(1, Math.max(0, (1 - r) / (grad || 1) / 1.6 + 0.5));
      let outR = 0;
      let outG = 0;
      let outB = 0;
      if (coverage < 1) {
        // Backdrop with a vignette and the head's soft shadow cast backwards (towards the top).
        const vx = (px / w - 0.5) * 2;
        const vy = (py / h - 0.5) * 2;
        const vignette = 1 - 0.16 * (vx * vx + vy * vy);
        const sv = (yHead + shadowShift) / (head.radiusYPx * 1.05);
        const su = xHead / (aPx * 1.06);
        const sr = Math.sqrt(su * su + sv * sv);
        const sd = Math.min(1, Math.max(0, (sr - 0.92) / 0.5));
        const shade = vignette * (1 - 0.45 * (1 - sd * sd * (3 - 2 * sd)));
        outR = bgR * shade;
        outG = bgG * shade;
        outB = bgB * shade;
        const rimV = Math.abs(v) < 1 ? Math.sqrt(1 - v * v) : 0;
        if (rimV > 0 && Math.abs(u) > 0.8) {
          sampleEar(EAR_SHAPE, xHead / pxPerCm, yHead / pxPerCm, (aPx * shape * rimV) / pxPerCm, cmPerPx, ear);
          if (ear.coverage > 0) {
            const e = ear.coverage;
            outR += (albedo[0] * ear.light - outR) * e;
            outG += (albedo[1] * 0.8 * ear.light - outG) * e;
            outB += (albedo[2] * 0.76 * ear.light - outB) * e;
          }
        }
      }
      if (coverage > 0) {
        const gx = px / step;
        const k0 = Math.floor(gx);
        const wx = gx - k0;
        const c00 = j0 * cols + k0;
        const lerp = (f: Float32Array): number => {
          const top = f[c00]! + (f[c00 + 1]! - f[c00]!) * wx;
          const bottom = f[c00 + cols]! + (f[c00 + cols + 1]! - f[c00 + cols]!) * wx;
          return top + (bottom - top) * wy;
        };
        const toneN = lerp(tone);
        const redN = lerp(red);
        const fringeW = lerp(fringe);
        // Surface normal of the half-ellipsoid (head space, cm).
        const s = Math.sqrt(Math.max(0, 1 - r2));
        let nx = u / aCm;
        let ny = v / bCm;
        let nz = s / cCm;
        const nl = Math.hypot(nx, ny, nz) || 1;
        nx /= nl;
        ny /= nl;
        nz /= nl;
        const ndl = nx * LIGHT[0] + ny * LIGHT[1] + nz * LIGHT[2];
        const diffuse = Math.max(0, 0.85 * ndl + 0.15);
        const occlusion = 0.45 + 0.55 * nz;
        const light = 0.14 * occlusion + 0.92 * diffuse * Math.sqrt(diffuse) * (0.3 + 0.7 * occlusion);
        // Texture: fine pore/furrow relief, a little mottling, all fading when below the pixel size.
        const relief = fineAmp > 0.05 ? fine(px * poreFreq, py * poreFreq) : 0;
        const furrow = fineAmp > 0.05 ? 1 - Math.abs(relief) : 0.5;
        const mottle = mottleAmp > 0.05 ? fine(px * mottleFreq + 91.7, py * mottleFreq - 13.1) : 0;
        const texture = 1 + fineAmp * (0.03 * relief - 0.05 * furrow * furrow * furrow) + mottleAmp * 0.025 * mottle;
        const rim = (1 - nz) * (1 - nz);
        // Sun-exposed bald skin is a touch redder and darker than the fringe it grew under.
        const sun = 1 - fringeW;
        const tint = 1 + 0.06 * toneN;
        const redness = 0.06 * (redN + 0.4) + 0.05 * sun + 0.3 * rim;
        const baseR = albedo[0] * tint * (1 - 0.04 * sun);
        const baseG = albedo[1] * tint * (1 - redness) * (1 - 0.04 * sun);
        const baseB = albedo[2] * tint * (1 - redness * 1.2) * (1 - 0.04 * sun);
        const ndh = Math.max(0, nx * HALF[0] + ny * HALF[1] + nz * HALF[2]);
        const ndh2 = ndh * ndh;
        const ndh8 = ndh2 * ndh2 * ndh2 * ndh2;
        const ndh32 = ndh8 * ndh8 * ndh8 * ndh8;
        const sheen = (0.06 * ndh8 + 0.16 * ndh32 * (0.8 + 0.4 * relief)) * (1 - 0.5 * fringeW);
        const shaded = light * texture;
        const sr = baseR * shaded + sheen;
        const sg = baseG * shaded + sheen * 0.97;
        const sb = baseB * shaded + sheen * 0.94;
        outR = outR + (sr - outR) * coverage;
        outG = outG + (sg - outG) * coverage;
        outB = outB + (sb - outB) * coverage;
      }
      data[i] = outR;
      data[i + 1] = outG;
      data[i + 2] = outB;
    }
  }
}
