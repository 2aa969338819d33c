/**
 * Seeded pseudo-random numbers. Every procedure in the product draws from these so that the same
 * design file and seed give the same dots and the same demo image on every machine.
 */

/** A function returning uniform numbers in [0, 1). */
export type Random = () => number;

/** Mixes a 32-bit seed and a stream tag into a well-scrambled 32-bit state (splitmix32 finaliser). */
export function hashSeed(seed: number, stream = 0): number {
  let h = (Math.imul(seed | 0, 0x9e3779b1) ^ Math.imul(stream | 0, 0x85ebca6b)) >>> 0;
  h = Math.imul(h ^ (h >>> 16), 0x21f0aaad);
  h = Math.imul(h ^ (h >>> 15), 0x735a2d97);
  return (h ^ (h >>> 15)) >>> 0;
}

/** Small, fast, seedable generator (sfc32); `stream` gives independent sequences from one seed. */
export function createRandom(seed: number, stream = 0): Random {
  let a = hashSeed(seed, stream);
  let b = hashSeed(a, 1);
  let c = hashSeed(b, 2);
  let d = 1;
  const next = (): number => {
    const t = (((a + b) | 0) + d) | 0;
    d = (d + 1) | 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) | 0;
    c = (c << 21) | (c >>> 11);
    c = (c + t) | 0;
    return (t >>> 0) / 4294967296;
  };
  for (let i = 0; i < 12; i++) next();
  return next;
}
