/** Rasterising outlines onto grids: filled interiors and stroked edges, in cell units. */

/** Fills `mask` (w x h cells) with 1 for cell centres inside the closed polygon (even-odd scanline fill). */
export function fillPolygon(mask: Uint8Array, w: number, h: number, poly: readonly { x: number; y: number }[]): void {
  const xs: number[] = [];
  for (let ty = 0; ty < h; ty++) {
    const y = ty + 0.5;
    xs.length = 0;
    for (let i = 0, n = poly.length, j = n - 1; i < n; j = i++) {
      const a = poly[i]!;
      const b = poly[j]!;
      if (a.y > y !== b.y > y) xs.push(a.x + ((y - a.y) * (b.x - a.x)) / (b.y - a.y));
    }
    xs.sort((p, q) => p - q);
    for (let k = 0; k + 1 < xs.length; k += 2) {
      const x0 = Math.max(0, Math.ceil(xs[k]! - 0.5));
      const x1 = Math.min(w - 1, Math.floor(xs[k + 1]! - 0.5));
      for (let tx = x0; tx <= x1; tx++) mask[ty * w + tx] = 1;
    }
  }
}

/** Marks the cells along a segment (stepping at most half a cell). */
export function rasterSegment(seeds: Uint8Array, w: number, h: number, ax: number, ay: number, bx: number, by: number): void {
  const steps = Math.max(1, Math.ceil(Math.hypot(bx - ax, by - ay) * 2));
  for (let s = 0; s <= steps; s++) {
    const tx = Math.floor(ax + ((bx - ax) * s) / steps);
    const ty = Math.floor(ay + ((by - ay) * s) / steps);
    if (tx >= 0 && ty >= 0 && tx < w && ty < h) seeds[ty * w + tx] = 1;
  }
}
