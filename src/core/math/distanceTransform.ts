/**
 * Exact Euclidean distance transform on a grid (Felzenszwalb & Huttenlocher's lower envelope of
 * parabolas, two separable passes): O(width x height), so the density field can be rebuilt on every
 * outline edit.
 */

const INF = 1e20;

function transform1d(f: Float64Array, n: number, d: Float64Array, v: Int32Array, z: Float64Array): void {
  let k = 0;
  v[0] = 0;
  z[0] = -INF;
  z[1] = INF;
  for (let q = 1; q < n; q++) {
    let s = (f[q]! + q * q - (f[v[k]!]! + v[k]! * v[k]!)) / (2 * q - 2 * v[k]!);
    while (s <= z[k]!) {
      k--;
      s = (f[q]! + q * q - (f[v[k]!]! + v[k]! * v[k]!)) / (2 * q - 2 * v[k]!);
    }
    k++;
    v[k] = q;
    z[k] = s;
    z[k + 1] = INF;
  }
  k = 0;
  for (let q = 0; q < n; q++) {
    while (z[k + 1]! < q) k++;
    const dq = q - v[k]!;
    d[q] = dq * dq + f[v[k]!]!;
  }
}

/**
 * Distance, in cells, from every cell to the nearest seed cell (seeds[i] !== 0).
 * Returns Infinity everywhere when there is no seed.
 */
export function distanceTransform(seeds: Uint8Array, width: number, height: number): Float32Array {
  const out = new Float32Array(width * height);
  const size = Math.max(width, height);
  const f = new Float64Array(size);
  const d = new Float64Array(size);
  const v = new Int32Array(size);
  const z = new Float64Array(size + 1);
  const grid = new Float64Array(width * height);
  let any = false;
  for (let i = 0; i < seeds.length; i++) {
    const s = seeds[i] !== 0;
    grid[i] = s ? 0 : INF;
    any ||= s;
  }
  if (!any) return out.fill(Infinity);
  for (let x = 0; x < width; x++) {
    for (let y = 0; y < height; y++) f[y] = grid[y * width + x]!;
    transform1d(f, height, d, v, z);
    for (let y = 0; y < height; y++) grid[y * width + x] = d[y]!;
  }
  for (let y = 0; y < height; y++) {
    const row = y * width;
    for (let x = 0; x < width; x++) f[x] = grid[row + x]!;
    transform1d(f, width, d, v, z);
    for (let x = 0; x < width; x++) out[row + x] = Math.sqrt(d[x]!);
  }
  return out;
}
