/** Pixel analysis of exported images: where the dots are and how dense they are. */
import { distanceToSegment, type XY } from '../../src/core/math/polygon.ts';
import { distanceTransform } from '../../src/core/math/distanceTransform.ts';
import { fillPolygon, rasterSegment } from '../../src/core/math/raster.ts';
import { LOCAL_DARK_FACTOR } from '../../src/core/matchHair.ts';
import type { Rgba } from './app.ts';

/** Luma (Rec. 601) of pixel i. */
export function luma(img: Rgba, i: number): number {
  return 0.299 * img.data[i * 4]! + 0.587 * img.data[i * 4 + 1]! + 0.114 * img.data[i * 4 + 2]!;
}

/** Mask of pixels darkened by more than `levels` between `before` and `after`. */
export function darkened(before: Rgba, after: Rgba, levels: number): Uint8Array {
  const n = before.width * before.height;
  const mask = new Uint8Array(n);
  for (let i = 0; i < n; i++) if (luma(before, i) - luma(after, i) > levels) mask[i] = 1;
  return mask;
}

/**
 * Mask of the dots' own pixels: those darkened by the design clearly more than the skin around them.
 * The halos darken the whole treated skin, so a pixel is a dot's when its after/before luma ratio is
 * below `factor` × the mean ratio over a box `boxPx` wide around it (by default Match existing hair's
 * follicle threshold; the ratio takes out the photo's own texture; a summed-area table gives the box
 * means).
 */
export function dotPixels(before: Rgba, after: Rgba, boxPx: number, factor = LOCAL_DARK_FACTOR): Uint8Array {
  const { width: w, height: h } = before;
  const ratio = new Float64Array(w * h);
  for (let i = 0; i < w * h; i++) ratio[i] = luma(after, i) / Math.max(1, luma(before, i));
  const sat = new Float64Array((w + 1) * (h + 1));
  for (let y = 0; y < h; y++) {
    let row = 0;
    for (let x = 0; x < w; x++) {
      row += ratio[y * w + x]!;
      sat[(y + 1) * (w + 1) + x + 1] = sat[y * (w + 1) + x + 1]! + row;
    }
  }
  const half = Math.max(1, Math.round(boxPx / 2));
  const mask = new Uint8Array(w * h);
  for (let y = 0; y < h; y++) {
    const y0 = Math.max(0, y - half);
    const y1 = Math.min(h, y + half + 1);
    for (let x = 0; x < w; x++) {
      const x0 = Math.max(0, x - half);
      const x1 = Math.min(w, x + half + 1);
      const mean = (sat[y1 * (w + 1) + x1]! - sat[y0 * (w + 1) + x1]! - sat[y1 * (w + 1) + x0]! + sat[y0 * (w + 1) + x0]!) / ((x1 - x0) * (y1 - y0));
      if (ratio[y * w + x]! < factor * mean) mask[y * w + x] = 1;
    }
  }
  return mask;
}

/** Mean luma darkening, 1 − after / before, over the pixels set in `region`. */
export function meanLumaDarkening(before: Rgba, after: Rgba, region: Uint8Array): number {
  let a = 0;
  let b = 0;
  for (let i = 0; i < region.length; i++) {
    if (!region[i]) continue;
    a += luma(after, i);
    b += luma(before, i);
  }
  return b > 0 ? 1 - a / b : 0;
}

/** Distance from (x, y) to a closed polyline. */
export function distanceToOutline(outline: readonly XY[], x: number, y: number): number {
  let d = Infinity;
  for (let k = 0; k < outline.length; k++) d = Math.min(d, distanceToSegment(x, y, outline[k]!, outline[(k + 1) % outline.length]!));
  return d;
}

/** Pixels whose centre lies inside `outline` and at least `margin` px from it (scanline fill + distance transform). */
export function interiorPixels(width: number, height: number, outline: readonly XY[], margin: number): Uint8Array {
  const seeds = new Uint8Array(width * height);
  for (let k = 0; k < outline.length; k++) {
    const a = outline[k]!;
    const b = outline[(k + 1) % outline.length]!;
    rasterSegment(seeds, width, height, a.x, a.y, b.x, b.y);
  }
  const dist = distanceTransform(seeds, width, height);
  const mask = new Uint8Array(width * height);
  fillPolygon(mask, width, height, outline);
  for (let i = 0; i < mask.length; i++) if (mask[i] && dist[i]! < margin) mask[i] = 0;
  return mask;
}

/** Pixels farther than `margin` px outside `outline`. */
export function exteriorPixels(width: number, height: number, outline: readonly XY[], margin: number): Uint8Array {
  const near = interiorPixels(width, height, outline, -Infinity);
  const seeds = new Uint8Array(width * height);
  for (let i = 0; i < seeds.length; i++) seeds[i] = near[i]!;
  const dist = distanceTransform(seeds, width, height);
  const out = new Uint8Array(width * height);
  for (let i = 0; i < out.length; i++) if (!near[i] && dist[i]! > margin) out[i] = 1;
  return out;
}

/** Number of 8-connected blobs of `mask` whose first pixel (in scan order) lies in `region`. */
export function countBlobs(mask: Uint8Array, width: number, height: number, region: Uint8Array): number {
  const seen = new Uint8Array(mask.length);
  const stack: number[] = [];
  let count = 0;
  for (let i = 0; i < mask.length; i++) {
    if (!mask[i] || seen[i]) continue;
    seen[i] = 1;
    if (region[i]) count++;
    stack.push(i);
    while (stack.length) {
      const j = stack.pop()!;
      const x = j % width;
      const y = (j - x) / width;
      for (let dy = -1; dy <= 1; dy++) {
        for (let dx = -1; dx <= 1; dx++) {
          const nx = x + dx;
          const ny = y + dy;
          if (nx < 0 || ny < 0 || nx >= width || ny >= height) continue;
          const k = ny * width + nx;
          if (mask[k] && !seen[k]) {
            seen[k] = 1;
            stack.push(k);
          }
        }
      }
    }
  }
  return count;
}

/** Number of set entries. */
export function countSet(mask: Uint8Array): number {
  let n = 0;
  for (const v of mask) n += v;
  return n;
}
