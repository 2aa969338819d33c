import { describe, expect, it } from 'vitest';
import { interiorPatch } from '../../helpers/fringe.ts';
import { sampleClosedSpline } from '../../../src/core/math/spline.ts';
import type { ImagePoint } from '../../../src/core/math/types.ts';
import {
  HEAD_LENGTH_CM,
  HEAD_WIDTH_CM,
  fitPxPerCm,
  isInFringe,
  renderScalpScene,
  scalpFollicles,
  scalpLayout,
  type ScalpImage,
  type ScalpImageOptions,
  type StubbleFollicles,
} from '../../../src/core/demo/scalpImage.ts';

const FULL: ScalpImageOptions = { widthPx: 2000, heightPx: 1500, pxPerCm: 75, seed: 7 };
const SMALL: ScalpImageOptions = { widthPx: 800, heightPx: 600, pxPerCm: fitPxPerCm(800, 600), seed: 7 };

function insidePolygon(poly: readonly ImagePoint[], x: number, y: number): boolean {
  let inside = false;
  for (let i = 0, j = poly.length - 1; i < poly.length; j = i++) {
    const a = poly[i]!;
    const b = poly[j]!;
    if (a.y > y !== b.y > y && x < ((b.x - a.x) * (y - a.y)) / (b.y - a.y) + a.x) inside = !inside;
  }
  return inside;
}

/** Mean sRGB of the pixels whose centres satisfy `keep`. */
function meanColour(image: ScalpImage, keep: (x: number, y: number) => boolean): { r: number; g: number; b: number; n: number } {
  let r = 0;
  let g = 0;
  let b = 0;
  let n = 0;
  for (let y = 0; y < image.heightPx; y++) {
    for (let x = 0; x < image.widthPx; x++) {
      if (!keep(x + 0.5, y + 0.5)) continue;
      const i = (y * image.widthPx + x) * 4;
      r += image.rgba[i]!;
      g += image.rgba[i + 1]!;
      b += image.rgba[i + 2]!;
      n++;
    }
  }
  return { r: r / n, g: g / n, b: b / n, n };
}


function countIn(f: StubbleFollicles, keep: (x: number, y: number) => boolean): number {
  let n = 0;
  for (let i = 0; i < f.count; i++) if (keep(f.xPx[i]!, f.yPx[i]!)) n++;
  return n;
}

describe.each([7, 1, 42])('scalpLayout (seed %i)', (seed) => {
  const layout = scalpLayout({ ...FULL, seed });
  const { head } = layout;

  it('frames a head of adult size at the given scale, forehead at the bottom', () => {
    expect((2 * head.radiusXPx) / FULL.pxPerCm).toBeGreaterThan(HEAD_WIDTH_CM * 0.97);
    expect((2 * head.radiusXPx) / FULL.pxPerCm).toBeLessThan(HEAD_WIDTH_CM * 1.03);
    expect((2 * head.radiusYPx) / FULL.pxPerCm).toBeGreaterThan(HEAD_LENGTH_CM * 0.97);
    expect((2 * head.radiusYPx) / FULL.pxPerCm).toBeLessThan(HEAD_LENGTH_CM * 1.03);
    expect(layout.glabella.y).toBeGreaterThan(head.centreYPx + 0.9 * head.radiusYPx);
    expect(layout.glabella.y).toBeLessThanOrEqual(FULL.heightPx);
  });

  it('suggests a closed treatment outline of 8–14 points on the bald top, hairline at the front', () => {
    const outline = layout.treatmentOutline;
    expect(outline.length).toBeGreaterThanOrEqual(8);
    expect(outline.length).toBeLessThanOrEqual(14);
    expect(layout.hairlineEdges).toHaveLength(outline.length);
    expect(layout.hairlineEdges.filter(Boolean).length).toBeGreaterThanOrEqual(4);
    // The hairline apex is the front-most point, 2–4.5 cm behind the brow in a top view
    // (8 cm over the curve of the forehead).
    const maxY = Math.max(...outline.map((p) => p.y));
    expect(layout.hairlineApex.y).toBeCloseTo(maxY, 0);
    const behindBrowCm = (layout.glabella.y - layout.hairlineApex.y) / FULL.pxPerCm;
    expect(behindBrowCm).toBeGreaterThan(2);
    expect(behindBrowCm).toBeLessThan(4.5);
    for (const p of outline) expect(isInFringe(layout, p.x, p.y)).toBe(0);
    expect(insidePolygon(outline, head.centreXPx, head.centreYPx)).toBe(true);
  });

  it('draws the hairline as a convex curve with open frontotemporal angles', () => {
    const chain = layout.treatmentOutline.filter((_, i) => layout.hairlineEdges[i] || layout.hairlineEdges[i - 1]);
    expect(chain.length).toBeGreaterThanOrEqual(5);
    let turnSign = 0;
    for (let i = 1; i < chain.length - 1; i++) {
      const a = chain[i - 1]!;
      const b = chain[i]!;
      const c = chain[i + 1]!;
      const e1 = { x: b.x - a.x, y: b.y - a.y };
      const e2 = { x: c.x - b.x, y: c.y - b.y };
      const cross = e1.x * e2.y - e1.y * e2.x;
      turnSign ||= Math.sign(cross);
      expect(Math.sign(cross)).toBe(turnSign); // always turning the same way: convex
      // The edges turn by less than 90° at every vertex: no square corners.
      expect(e1.x * e2.x + e1.y * e2.y).toBeGreaterThan(0);
    }
    // The ends run back (towards the top) to meet the side fringe, well behind the apex.
    expect(layout.hairlineApex.y - chain[0]!.y).toBeGreaterThan(2 * FULL.pxPerCm);
    expect(layout.hairlineApex.y - chain[chain.length - 1]!.y).toBeGreaterThan(2 * FULL.pxPerCm);
  });

  it('frames the whole head when the scale comes from fitPxPerCm', () => {
    for (const [w, h] of [[640, 480], [2000, 1500], [600, 800]] as const) {
      const small = scalpLayout({ widthPx: w, heightPx: h, pxPerCm: fitPxPerCm(w, h), seed: 1 });
      const { centreXPx, centreYPx, radiusXPx, radiusYPx } = small.head;
      expect(centreXPx - radiusXPx * 1.15).toBeGreaterThan(0);
      expect(centreXPx + radiusXPx * 1.15).toBeLessThan(w);
      expect(centreYPx - radiusYPx).toBeGreaterThan(0);
      expect(centreYPx + radiusYPx).toBeLessThan(h);
    }
  });

  it('grows a horseshoe fringe at the sides and back and none on the top or forehead', () => {
    const at = (u: number, v: number): number => isInFringe(layout, head.centreXPx + u * head.radiusXPx, head.centreYPx + v * head.radiusYPx);
    expect(at(0, -0.92)).toBe(1); // back
    expect(at(-0.93, -0.1)).toBe(1); // left side
    expect(at(0.93, -0.1)).toBe(1); // right side
    expect(at(0, 0)).toBe(0); // crown
    expect(at(0, 0.9)).toBe(0); // forehead
    expect(at(0, -1.2)).toBe(0); // off the head
  });

  it('rejects nonsense options', () => {
    expect(() => scalpLayout({ ...FULL, widthPx: 0 })).toThrow(RangeError);
    expect(() => scalpLayout({ ...FULL, pxPerCm: -1 })).toThrow(RangeError);
    expect(() => scalpLayout({ ...FULL, stubbleDensityPerCm2: 0 })).toThrow(RangeError);
  });
});

describe('stubble follicles', () => {
  for (const density of [60, 100]) {
    it(`sit at ${density}/cm² (±5 %) in the fringe interior`, () => {
      const options = { ...FULL, stubbleDensityPerCm2: density };
      const layout = scalpLayout(options);
      const follicles = scalpFollicles(options, layout);
      // Over the whole interior: pixels where the fringe weight is 1, and the follicles in them.
      const interior = new Uint8Array(layout.widthPx * layout.heightPx);
      let interiorPx = 0;
      for (let y = 0; y < layout.heightPx; y++) {
        for (let x = 0; x < layout.widthPx; x++) {
          if (isInFringe(layout, x + 0.5, y + 0.5) === 1) {
            interior[y * layout.widthPx + x] = 1;
            interiorPx++;
          }
        }
      }
      const areaCm2 = interiorPx / layout.pxPerCm ** 2;
      expect(areaCm2).toBeGreaterThan(40);
      const inInterior = countIn(follicles, (x, y) => interior[Math.floor(y) * layout.widthPx + Math.floor(x)] === 1);
      expect(inInterior / areaCm2).toBeGreaterThan(density * 0.95);
      expect(inInterior / areaCm2).toBeLessThan(density * 1.05);
      // And in one 2 × 1.5 cm patch, as a practitioner would count under a loupe.
      const patch = interiorPatch(layout, 2, 1.5);
      expect(patch).toBeDefined();
      const { x0, y0, w, h } = patch!;
      const inPatch = countIn(follicles, (x, y) => x >= x0 && x < x0 + w && y >= y0 && y < y0 + h);
      expect(inPatch / 3).toBeGreaterThan(density * 0.95);
      expect(inPatch / 3).toBeLessThan(density * 1.05);
    });
  }

  it('are spread like Poisson-disc samples: no two closer than 0.4 of the mean spacing', () => {
    const layout = scalpLayout(FULL);
    const f = scalpFollicles(FULL, layout);
    const spacingPx = FULL.pxPerCm / Math.sqrt(60);
    let closest = Infinity;
    // Sorted sweep on x keeps this fast.
    const order = Array.from({ length: f.count }, (_, i) => i).sort((a, b) => f.xPx[a]! - f.xPx[b]!);
    for (let a = 0; a < order.length; a++) {
      const i = order[a]!;
      for (let b = a + 1; b < order.length; b++) {
        const j = order[b]!;
        const dx = f.xPx[j]! - f.xPx[i]!;
        if (dx > closest) break;
        closest = Math.min(closest, Math.hypot(dx, f.yPx[j]! - f.yPx[i]!));
      }
    }
    expect(closest).toBeGreaterThan(0.4 * spacingPx);
  });

  it('leave the bald area inside the suggested outline bare', () => {
    for (const density of [60, 100]) {
      const options = { ...FULL, stubbleDensityPerCm2: density, seed: 3 };
      const layout = scalpLayout(options);
      const follicles = scalpFollicles(options, layout);
      expect(follicles.count).toBeGreaterThan(1000);
      expect(countIn(follicles, (x, y) => insidePolygon(layout.treatmentOutline, x, y))).toBe(0);
      // Also inside the smooth curve the app draws through the outline's points.
      const curve = sampleClosedSpline(layout.treatmentOutline, 3).points;
      expect(countIn(follicles, (x, y) => insidePolygon(curve, x, y))).toBe(0);
      // And the fringe weight itself is zero everywhere inside (sampled every 2 mm).
      for (let y = 0; y < layout.heightPx; y += layout.pxPerCm / 5) {
        for (let x = 0; x < layout.widthPx; x += layout.pxPerCm / 5) {
          if (insidePolygon(layout.treatmentOutline, x, y)) expect(isInFringe(layout, x, y)).toBe(0);
        }
      }
    }
  });
});

describe('renderScalpScene, its image', () => {
  const scene = renderScalpScene(SMALL);
  const { image, layout, follicles } = scene;

  it('has the requested size, scale and opaque pixels', () => {
    expect(image.widthPx).toBe(800);
    expect(image.heightPx).toBe(600);
    expect(image.pxPerCm).toBe(SMALL.pxPerCm);
    expect(image.rgba.length).toBe(800 * 600 * 4);
    for (let i = 3; i < image.rgba.length; i += 4 * 997) expect(image.rgba[i]).toBe(255);
  });

  it('gives the same bytes for the same seed and different bytes for another', () => {
    const again = renderScalpScene(SMALL).image;
    expect(Buffer.from(again.rgba).equals(Buffer.from(image.rgba))).toBe(true);
    const other = renderScalpScene({ ...SMALL, seed: 8 }).image;
    let differing = 0;
    for (let i = 0; i < other.rgba.length; i++) if (other.rgba[i] !== image.rgba[i]) differing++;
    expect(differing / other.rgba.length).toBeGreaterThan(0.5);
  });

  it('paints light skin in the lit top a believable colour, red > green > blue', () => {
    const { head } = layout;
    // A disc 2 cm across just in front of the crown, where the light falls.
    const cx = head.centreXPx;
    const cy = head.centreYPx + 0.15 * head.radiusYPx;
    const r2 = (1 * layout.pxPerCm) ** 2;
    const skin = meanColour(image, (x, y) => (x - cx) ** 2 + (y - cy) ** 2 < r2);
    expect(skin.r).toBeGreaterThan(205);
    expect(skin.r).toBeLessThan(245);
    expect(skin.g).toBeGreaterThan(165);
    expect(skin.g).toBeLessThan(205);
    expect(skin.b).toBeGreaterThan(135);
    expect(skin.b).toBeLessThan(180);
    expect(skin.r - skin.g).toBeGreaterThan(20);
    expect(skin.g - skin.b).toBeGreaterThan(12);
  });

  it('darkens and reddens the skin towards the rim', () => {
    const { head } = layout;
    const lit = meanColour(image, (x, y) => Math.hypot(x - head.centreXPx, y - head.centreYPx) < 0.5 * layout.pxPerCm);
    const band = (x: number, y: number): boolean => {
      const u = (x - head.centreXPx) / head.radiusXPx;
      const v = (y - head.centreYPx) / head.radiusYPx;
      const r = Math.hypot(u, v);
      return r > 0.93 && r < 0.97 && v > 0.5; // forehead rim, no stubble there
    };
    const rim = meanColour(image, band);
    expect(rim.n).toBeGreaterThan(500);
    expect(rim.r).toBeLessThan(lit.r * 0.85);
    expect(rim.r / rim.b).toBeGreaterThan(lit.r / lit.b);
  });

  it('keeps the skin tones in order, all with red > green > blue', () => {
    const means = (['light', 'medium', 'tan', 'dark'] as const).map((skinTone) => {
      const img = renderScalpScene({ ...SMALL, widthPx: 400, heightPx: 300, pxPerCm: fitPxPerCm(400, 300), skinTone }).image;
      const c = meanColour(img, (x, y) => Math.hypot(x - 200, y - 160) < 20);
      expect(c.r).toBeGreaterThan(c.g);
      expect(c.g).toBeGreaterThan(c.b);
      return c.r + c.g + c.b;
    });
    for (let i = 1; i < means.length; i++) expect(means[i]!).toBeLessThan(means[i - 1]! - 30);
  });

  it('shows each follicle as a dark mark and the fringe as a grey shadow', () => {
    const full = renderScalpScene(FULL);
    const patch = interiorPatch(full.layout, 2, 1.5)!;
    const { x0, y0, w, h } = patch;
    const luma = (x: number, y: number): number => {
      const i = (Math.floor(y) * full.image.widthPx + Math.floor(x)) * 4;
      return 0.3 * full.image.rgba[i]! + 0.59 * full.image.rgba[i + 1]! + 0.11 * full.image.rgba[i + 2]!;
    };
    let patchSum = 0;
    let patchN = 0;
    for (let y = y0; y < y0 + h; y++) for (let x = x0; x < x0 + w; x++, patchN++) patchSum += luma(x, y);
    let dotSum = 0;
    let dotN = 0;
    const f = full.follicles;
    for (let i = 0; i < f.count; i++) {
      const x = f.xPx[i]!;
      const y = f.yPx[i]!;
      if (x >= x0 + 1 && x < x0 + w - 1 && y >= y0 + 1 && y < y0 + h - 1) {
        // The darkest pixel the follicle touches (its centre falls anywhere within a pixel).
        let darkest = Infinity;
        for (let oy = -1; oy <= 1; oy++) for (let ox = -1; ox <= 1; ox++) darkest = Math.min(darkest, luma(x + ox, y + oy));
        dotSum += darkest;
        dotN++;
      }
    }
    expect(dotN).toBeGreaterThan(100);
    expect(dotSum / dotN).toBeLessThan((patchSum / patchN) * 0.8);
    // At a distance (the small render) the fringe is greyer than bald skin of similar lighting.
    const { head } = layout;
    const sideFringe = meanColour(image, (x, y) => {
      const u = (x - head.centreXPx) / head.radiusXPx;
      const v = (y - head.centreYPx) / head.radiusYPx;
      return Math.abs(u) > 0.9 && Math.abs(u) < 0.94 && v > -0.4 && v < 0 && isInFringe(layout, x, y) === 1;
    });
    const foreheadBald = meanColour(image, (x, y) => {
      const u = (x - head.centreXPx) / head.radiusXPx;
      const v = (y - head.centreYPx) / head.radiusYPx;
      return Math.hypot(u, v) > 0.9 && Math.hypot(u, v) < 0.94 && v > 0.6 && isInFringe(layout, x, y) === 0;
    });
    expect(sideFringe.n).toBeGreaterThan(200);
    expect(foreheadBald.n).toBeGreaterThan(200);
    const saturation = (c: { r: number; b: number }): number => (c.r - c.b) / c.r;
    expect(saturation(sideFringe)).toBeLessThan(saturation(foreheadBald) - 0.03);
    expect(follicles.count).toBeGreaterThan(500);
  });

  it('sets a plain backdrop clearly apart from the skin', () => {
    const corner = meanColour(image, (x, y) => (x < 60 || x > 740) && (y < 60 || y > 540));
    const { head } = layout;
    const skin = meanColour(image, (x, y) => Math.hypot(x - head.centreXPx, y - head.centreYPx) < 0.8 * layout.pxPerCm);
    expect(Math.hypot(corner.r - skin.r, corner.g - skin.g, corner.b - skin.b)).toBeGreaterThan(60);
    expect(Math.abs(corner.r - corner.b)).toBeLessThan(15); // neutral grey
  });
});
