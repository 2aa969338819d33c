/**
 * Ranked blue-noise points against the peer, fast-2d-poisson-disk-sampling (Bridson, tries 30), for
 * the same count and area, in the same run. Prints times (cold = tile built from scratch, warm =
 * tile cached, seams placed again), ratio ours/peer, dot-data memory, the spacing of prefixes and
 * bands inside a cell and across cell seams, and how often a dot recurs at the tile period; and the
 * time of the hand-placement offsets every generation adds (core/dots/placement.ts).
 * Run: npm run bench
 */
import { createRequire } from 'node:module';
import { placementOffsets } from '../../src/core/dots/placement.ts';
import { DEFAULT_TILE_POINTS, generateRankedPoints, tilePeriodCm } from '../../src/core/dots/rankedPoints.ts';
import { measureSpacing } from '../helpers/spacing.ts';
import { createRandom } from '../../src/core/random.ts';

const DENSITY = 200;
/** Bridson with 30 tries fills about 0.87 / r² points per unit area (measured with the peer). */
const PEER_FILL = 0.87;
const REPEATS = 2;

interface PeerSampler {
  fill(): number[][];
}
type PeerConstructor = new (options: { shape: [number, number]; radius: number; tries?: number }, rng?: () => number) => PeerSampler;

function loadPeer(): PeerConstructor | undefined {
  try {
    return createRequire(import.meta.url)('fast-2d-poisson-disk-sampling') as PeerConstructor;
  } catch {
    return undefined;
  }
}

function best(times: number[]): number {
  return Math.min(...times);
}

function time<T>(run: () => T): [number, T] {
  const t0 = performance.now();
  const value = run();
  return [performance.now() - t0, value];
}

const Peer = loadPeer();
console.log(`tile ${DEFAULT_TILE_POINTS} points, cell ${tilePeriodCm(DENSITY).toFixed(1)} cm at ${DENSITY}/cm²; best of ${REPEATS}`);
console.log('area cm² | points | ours cold ms | ours warm ms | peer points | peer ms | cold/peer | warm/peer | placement ms | dot data MB');
for (const areaCm2 of [500, 5000]) {
  const side = Math.sqrt(areaCm2);
  const base = { widthCm: side, heightCm: side, maxDensityPerCm2: DENSITY };
  const cold: number[] = [];
  const warm: number[] = [];
  const placing: number[] = [];
  let count = 0;
  for (let r = 0; r < REPEATS; r++) {
    // A seed not used before in this run: its tile is built cold, then reused warm.
    const options = { ...base, seed: 7 + 1000 * r + Math.round(areaCm2) };
    const [tc, points] = time(() => generateRankedPoints(options));
    cold.push(tc);
    warm.push(time(() => generateRankedPoints(options))[0]);
    placing.push(time(() => placementOffsets(points, options.seed, DENSITY))[0]);
    count = points.count;
  }
  let peerCell = 'not installed';
  let peerCount = 0;
  let peerMs = NaN;
  if (Peer) {
    const peerTimes: number[] = [];
    for (let r = 0; r < REPEATS; r++) {
      const sampler = new Peer({ shape: [side, side], radius: Math.sqrt(PEER_FILL / DENSITY), tries: 30 }, createRandom(r, 1));
      const [tp, pts] = time(() => sampler.fill());
      peerTimes.push(tp);
      peerCount = pts.length;
    }
    peerMs = best(peerTimes);
    peerCell = `${peerCount} | ${peerMs.toFixed(0)}`;
  }
  const megabytes = (count * 13) / 2 ** 20;
  console.log(
    `${areaCm2} | ${count} | ${best(cold).toFixed(0)} | ${best(warm).toFixed(0)} | ${peerCell} | ` +
      `${(best(cold) / peerMs).toFixed(2)} | ${(best(warm) / peerMs).toFixed(2)} | ${best(placing).toFixed(0)} | ${megabytes.toFixed(1)}`,
  );
}

// Spacing of the 500 cm² set (mean nearest neighbour / d_hex, interior window).
const points = generateRankedPoints({ seed: 7, widthCm: 22.4, heightCm: 22.4, maxDensityPerCm2: DENSITY });
const window = { x0: 1, y0: 1, x1: 21.4, y1: 21.4 };
const band = (a: number, b: number): number => {
  const picked: number[] = [];
  for (let i = 0; i < points.count; i++) if (points.rank[i]! >= a && points.rank[i]! < b) picked.push(i);
  return measureSpacing(points.xCm, points.yCm, picked, window).meanRatio;
};
const prefixes = [0.05, 0.1, 0.25, 0.5, 1].map((f) => `${f}: ${band(0, f).toFixed(3)}`);
const bands = [[0, 0.3], [0.3, 0.8], [0.8, 1], [0.25, 0.5]].map(([a, b]) => `[${a}, ${b}): ${band(a!, b!).toFixed(3)}`);
console.log(`spacing, prefixes (target ≥ 0.75): ${prefixes.join('  ')}`);
console.log(`spacing, bands (target ≥ 0.6): ${bands.join('  ')}`);

// The 5000 cm² field spans 3 × 3 cells: spacing in 1 cm wide windows along a seam and around a
// corner where four cells meet, and dots that have a partner one cell period away.
const cell = tilePeriodCm(DENSITY);
const side = Math.sqrt(5000);
const field = generateRankedPoints({ seed: 7, widthCm: side, heightCm: side, maxDensityPerCm2: DENSITY });
const fieldBand = (a: number, b: number, w: { x0: number; y0: number; x1: number; y1: number }): string => {
  const picked: number[] = [];
  for (let i = 0; i < field.count; i++) if (field.rank[i]! >= a && field.rank[i]! < b) picked.push(i);
  return measureSpacing(field.xCm, field.yCm, picked, w).meanRatio.toFixed(3);
};
const seamWindow = { x0: cell - 0.5, y0: 1, x1: cell + 0.5, y1: side - 1 };
const cornerWindow = { x0: cell - 1.5, y0: cell - 1.5, x1: cell + 1.5, y1: cell + 1.5 };
for (const [name, w] of [['seam', seamWindow], ['corner', cornerWindow]] as const) {
  const prefixText = [0.02, 0.05, 0.1, 0.25, 0.5, 1].map((f) => `${f}: ${fieldBand(0, f, w)}`).join('  ');
  const bandText = [[0, 0.3], [0.3, 0.8], [0.8, 1]].map(([a, b]) => `[${a}, ${b}): ${fieldBand(a!, b!, w)}`).join('  ');
  console.log(`spacing across a cell ${name}, prefixes: ${prefixText}; bands: ${bandText}`);
}
const buckets = new Map<number, number[]>();
const bucketKey = (x: number, y: number): number => Math.floor(x * 100) * 100_003 + Math.floor(y * 100);
for (let i = 0; i < field.count; i++) {
  const k = bucketKey(field.xCm[i]!, field.yCm[i]!);
  const list = buckets.get(k);
  if (list) list.push(i);
  else buckets.set(k, [i]);
}
const partnered = (lx: number, ly: number): string => {
  let tried = 0;
  let found = 0;
  for (let i = 0; i < field.count; i += 3) {
    const x = field.xCm[i]! + lx;
    const y = field.yCm[i]! + ly;
    if (x >= side || y >= side) continue;
    tried++;
    search: for (let dy = -1; dy <= 1; dy++) {
      for (let dx = -1; dx <= 1; dx++) {
        for (const j of buckets.get(bucketKey(x + dx * 0.01, y + dy * 0.01)) ?? []) {
          if (Math.abs(field.xCm[j]! - x) < 1e-4 && Math.abs(field.yCm[j]! - y) < 1e-4) {
            found++;
            break search;
          }
        }
      }
    }
  }
  return `${((found / tried) * 100).toFixed(2)} %`;
};
console.log(`dots with a partner one cell period away (a repeating tile: 100 %): right ${partnered(cell, 0)}, down ${partnered(0, cell)}, diagonal ${partnered(cell, cell)}`);
