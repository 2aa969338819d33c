/**
 * Small marks of real scalp skin: pores, sebum glints, sun spots (lentigines) on the bald top,
 * a few capillaries and a mole. Each is a soft stamp; counts follow area so any size looks alike.
 */
import { createRandom, type Random } from '../random.ts';
import { fromHeadUnit, isInFringe, type ScalpLayout } from './scalpLayout.ts';
import { stampCapsule, stampDot, type FloatImage, type LinearRgb } from './splat.ts';

const STREAM_MARKS = 41;

const PORE: LinearRgb = { r: 0.62, g: 0.5, b: 0.5 };
const GLINT: LinearRgb = { r: 1, g: 0.97, b: 0.94 };
const LENTIGO: LinearRgb = { r: 0.72, g: 0.56, b: 0.45 };
const CAPILLARY: LinearRgb = { r: 0.95, g: 0.55, b: 0.58 };
const MOLE: LinearRgb = { r: 0.28, g: 0.17, b: 0.12 };

/** Pores per cm² of skin (visible openings, not every follicle). */
const PORES_PER_CM2 = 140;
/** Glints per cm² (tiny sebum highlights). */
const GLINTS_PER_CM2 = 25;
/** Sun spots per cm² of bald skin. */
const LENTIGINES_PER_CM2 = 0.05;
/** Capillaries per cm² of skin. */
const CAPILLARIES_PER_CM2 = 0.06;

/** A uniformly random point on the head, in normalised coordinates with its rim height. */
function randomOnHead(random: Random): { u: number; v: number; h: number } {
  for (;;) {
    const u = random() * 2 - 1;
    const v = random() * 2 - 1;
    const r2 = u * u + v * v;
    if (r2 < 0.995) return { u, v, h: Math.sqrt(1 - r2) };
  }
}

function poisson(random: Random, mean: number): number {
  // Normal approximation is fine for the counts here; small means use the exact product method.
  if (mean > 30) return Math.max(0, Math.round(mean + Math.sqrt(mean) * (random() + random() + random() - 1.5) * 2));
  const limit = Math.exp(-mean);
  let k = 0;
  let p = random();
  while (p > limit) {
    k++;
    p *= random();
  }
  return k;
}

/** Paints pores, glints, sun spots, capillaries and a mole onto the skin in `img`. */
export function paintSkinMarks(img: FloatImage, layout: ScalpLayout, seed: number): void {
  const { head, pxPerCm } = layout;
  const pxPerMm = pxPerCm / 10;
  const random = createRandom(seed, STREAM_MARKS);
  const headAreaCm2 = (Math.PI * head.radiusXPx * head.radiusYPx) / (pxPerCm * pxPerCm);
  const pores = poisson(random, PORES_PER_CM2 * headAreaCm2);
  for (let i = 0; i < pores; i++) {
    const { u, v, h } = randomOnHead(random);
    const p = fromHeadUnit(head, u, v);
    const radius = (0.045 + random() * 0.045) * pxPerMm;
    // Seen end-on at the crown, flattened towards the rim.
    stampDot(img, p.x, p.y, radius * (0.6 + 0.4 * h), 0.25 + random() * 0.3, PORE, 'multiply');
  }
  const glints = poisson(random, GLINTS_PER_CM2 * headAreaCm2);
  for (let i = 0; i < glints; i++) {
    const { u, v, h } = randomOnHead(random);
    const p = fromHeadUnit(head, u, v);
    stampDot(img, p.x, p.y, (0.03 + random() * 0.03) * pxPerMm, (0.04 + random() * 0.08) * h * h * h, GLINT, 'screen');
  }
  const lentigines = poisson(random, LENTIGINES_PER_CM2 * headAreaCm2);
  for (let i = 0; i < lentigines; i++) {
    const { u, v, h } = randomOnHead(random);
    if (h < 0.35) continue;
    const p = fromHeadUnit(head, u, v);
    if (isInFringe(layout, p.x, p.y) > 0.2) continue;
    // An irregular blotch: a cluster of overlapping soft dots.
    const sizeMm = 0.8 + random() * 2;
    const opacity = 0.12 + random() * 0.18;
    const blobs = 3 + Math.floor(random() * 4);
    for (let k = 0; k < blobs; k++) {
      const ox = (random() - 0.5) * sizeMm * pxPerMm;
      const oy = (random() - 0.5) * sizeMm * pxPerMm;
      stampDot(img, p.x + ox, p.y + oy, sizeMm * (0.25 + random() * 0.2) * pxPerMm, opacity, LENTIGO, 'multiply');
    }
  }
  const capillaries = poisson(random, CAPILLARIES_PER_CM2 * headAreaCm2);
  for (let i = 0; i < capillaries; i++) {
    const { u, v } = randomOnHead(random);
    const p = fromHeadUnit(head, u, v);
    let x = p.x;
    let y = p.y;
    let angle = random() * 2 * Math.PI;
    const segments = 4 + Math.floor(random() * 8);
    const opacity = 0.18 + random() * 0.2;
    for (let k = 0; k < segments; k++) {
      angle += (random() - 0.5) * 1.2;
      const lenMm = 0.25 + random() * 0.35;
      const nx = x + Math.cos(angle) * lenMm * pxPerMm;
      const ny = y + Math.sin(angle) * lenMm * pxPerMm;
      stampCapsule(img, x, y, nx, ny, 0.03 * pxPerMm, opacity, CAPILLARY, 'multiply');
      x = nx;
      y = ny;
    }
  }
  // One small mole somewhere on the upper head.
  const { u, v, h } = randomOnHead(random);
  if (h > 0.3) {
    const p = fromHeadUnit(head, u, v);
    stampDot(img, p.x, p.y, (0.6 + random() * 0.5) * pxPerMm, 0.5, MOLE, 'multiply');
  }
}
