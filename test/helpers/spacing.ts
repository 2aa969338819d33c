/**
 * Spacing statistics of a point set, to hold the dot engine to its blue-noise targets (tests,
 * benchmarks). The reference is d_hex = sqrt(2A / (sqrt(3) k)), the spacing of k points in area A
 * packed hexagonally; a random (white-noise) set scores 0.47 mean nearest neighbour / d_hex, a good
 * Poisson-disk set about 0.79, a perfect hexagonal lattice 1.
 */

/** An axis-aligned measuring window, cm. */
export interface SpacingWindow {
  readonly x0: number;
  readonly y0: number;
  readonly x1: number;
  readonly y1: number;
}

/** Result of a spacing measurement. */
export interface SpacingStats {
  /** Points inside the window. */
  readonly count: number;
  /** Mean nearest-neighbour distance divided by d_hex for `count` points in the window's area. */
  readonly meanRatio: number;
  /** Smallest nearest-neighbour distance divided by the same d_hex. */
  readonly minRatio: number;
}

/** Hexagonal spacing of k points in area A. */
export function hexSpacing(area: number, k: number): number {
  return Math.sqrt((2 * area) / (Math.sqrt(3) * k));
}

/**
 * Nearest-neighbour spacing of the points `indices` that lie inside `window`. Neighbours are searched
 * among all of `indices`, also outside the window, so a window set back from the set's border is
 * measured without border bias.
 */
export function measureSpacing(
  x: ArrayLike<number>,
  y: ArrayLike<number>,
  indices: ArrayLike<number>,
  window: SpacingWindow,
): SpacingStats {
  const n = indices.length;
  let minX = Infinity;
  let minY = Infinity;
  let maxX = -Infinity;
  let maxY = -Infinity;
  for (let k = 0; k < n; k++) {
    const i = indices[k]!;
    minX = Math.min(minX, x[i]!);
    maxX = Math.max(maxX, x[i]!);
    minY = Math.min(minY, y[i]!);
    maxY = Math.max(maxY, y[i]!);
  }
  const spanX = Math.max(maxX - minX, 1e-9);
  const spanY = Math.max(maxY - minY, 1e-9);
  const cell = Math.max(hexSpacing(spanX * spanY, Math.max(n, 1)), Math.sqrt((spanX * spanY) / 4e6));
  const gx = Math.max(1, Math.ceil(spanX / cell));
  const gy = Math.max(1, Math.ceil(spanY / cell));
  const cellOf = (px: number, py: number): [number, number] => [
    Math.min(gx - 1, Math.floor((px - minX) / cell)),
    Math.min(gy - 1, Math.floor((py - minY) / cell)),
  ];
  const start = new Int32Array(gx * gy + 1);
  for (let k = 0; k < n; k++) {
    const [cx, cy] = cellOf(x[indices[k]!]!, y[indices[k]!]!);
    start[cy * gx + cx + 1]!++;
  }
  for (let c = 0; c < gx * gy; c++) start[c + 1]! += start[c]!;
  const fill = start.slice(0, gx * gy);
  const items = new Int32Array(n);
  for (let k = 0; k < n; k++) {
    const i = indices[k]!;
    const [cx, cy] = cellOf(x[i]!, y[i]!);
    items[fill[cy * gx + cx]!++] = i;
  }

  let count = 0;
  let sum = 0;
  let min = Infinity;
  for (let k = 0; k < n; k++) {
    const i = indices[k]!;
    const px = x[i]!;
    const py = y[i]!;
    if (px < window.x0 || px >= window.x1 || py < window.y0 || py >= window.y1) continue;
    const [cx, cy] = cellOf(px, py);
    let best = Infinity;
    for (let ring = 0; ring <= Math.max(gx, gy); ring++) {
      for (let oy = -ring; oy <= ring; oy++) {
        const row = cy + oy;
        if (row < 0 || row >= gy) continue;
        const edge = oy === -ring || oy === ring;
        for (let ox = -ring; ox <= ring; ox += edge || ring === 0 ? 1 : 2 * ring) {
          const col = cx + ox;
          if (col < 0 || col >= gx) continue;
          const c = row * gx + col;
          for (let s = start[c]!; s < start[c + 1]!; s++) {
            const j = items[s]!;
            if (j === i) continue;
            const dx = x[j]! - px;
            const dy = y[j]! - py;
            const d2 = dx * dx + dy * dy;
            if (d2 < best) best = d2;
          }
        }
      }
      if (best <= (ring * cell) ** 2) break;
    }
    if (best === Infinity) continue;
    const d = Math.sqrt(best);
    count++;
    sum += d;
    if (d < min) min = d;
  }
  const reference = hexSpacing((window.x1 - window.x0) * (window.y1 - window.y0), Math.max(count, 1));
  return { count, meanRatio: count > 0 ? sum / count / reference : 0, minRatio: count > 0 ? min / reference : 0 };
}
