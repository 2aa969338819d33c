/**
 * How the preview reads, measured as real SMP photos are measured (test/helpers/realism.ts), on a
 * flat skin colour: the CPU reference of the shaders (test/helpers/dotOracle.ts) draws the design,
 * and the measures compare the treated skin with the same skin untouched. The numbers for real work
 * are in docs/realism.md.
 */
import { describe, expect, it } from 'vitest';
import { makeArea } from '../../../src/core/areas.ts';
import { newDesign } from '../../../src/core/document/defaults.ts';
import type { Design, Session } from '../../../src/core/document/types.ts';
import type { ShowState } from '../../../src/core/dots/dotLook.ts';
import { imagePoint } from '../../../src/core/math/types.ts';
import { renderDesign } from '../../helpers/dotOracle.ts';
import { realismMeasures, type RealismMeasures } from '../../helpers/realism.ts';

const SKIN: readonly [number, number, number] = [210, 160, 130];

/**
 * A (sideCm + 2) cm square photo of flat skin at `pxPerCm` with one crown area of sideCm × sideCm
 * (the default plan unless changed), drawn at `show` and measured inside the middle measureCm square.
 */
function measure(change: (d: Design) => Design, show: Partial<ShowState> = {}, pxPerCm = 100, sideCm = 8, measureCm = 4): RealismMeasures {
  const size = Math.round((sideCm + 2) * pxPerCm);
  const rgba = new Uint8ClampedArray(size * size * 4);
  for (let i = 0; i < size * size; i++) rgba.set([SKIN[0], SKIN[1], SKIN[2], 255], i * 4);
  const base = newDesign({ kind: 'file', name: 'flat skin', widthPx: size, heightPx: size }, 11, pxPerCm);
  const lo = pxPerCm;
  const hi = (sideCm + 1) * pxPerCm;
  const design = change({ ...base, areas: [makeArea('a', [imagePoint(lo, lo), imagePoint(hi, lo), imagePoint(hi, hi), imagePoint(lo, hi)], 'crown')] });
  const after = renderDesign({ width: size, height: size, rgba }, design, { session: design.sessions.length, alone: false, stage: 'healed', years: 0, ...show });
  const m0 = (size - measureCm * pxPerCm) / 2;
  return realismMeasures(rgba, after, size, { x0: m0, y0: m0, x1: m0 + measureCm * pxPerCm, y1: m0 + measureCm * pxPerCm }, pxPerCm);
}

const withDensity = (densityPerCm2: number) => (d: Design): Design => ({ ...d, dots: { ...d.dots, densityPerCm2 } });
const oneSession = (dilutionWaterParts: number) => (d: Design): Design => ({ ...d, sessions: [{ ...d.sessions[0]!, sharePercent: 100, dilutionWaterParts } satisfies Session] });

describe('the preview against real healed work', () => {
  const healed = measure((d) => d);

  it('darkens the default plan, healed, by 12–20 % with a cool grey cast, as real healed work does', () => {
    expect(healed.darkening).toBeGreaterThan(0.12);
    expect(healed.darkening).toBeLessThan(0.2);
    expect(healed.dL).toBeGreaterThan(-15);
    expect(healed.dL).toBeLessThan(-6);
    expect(healed.db).toBeLessThanOrEqual(0);
    expect(Math.abs(healed.da)).toBeLessThan(2);
  });

  it('has the grain and the regularity of real healed work (grain 0.039–0.053 at 50 px/cm, regularity 0.60–0.66)', () => {
    expect(healed.grainExcess).toBeGreaterThan(0.03);
    expect(healed.grainExcess).toBeLessThan(0.055);
    expect(healed.regularity).toBeGreaterThan(0.6);
    expect(healed.regularity).toBeLessThan(0.66);
  });

  it('darkens more with density, with each session and with less water', () => {
    const byDensity = [50, 90, 140].map((n) => measure(withDensity(n)).darkening);
    expect(byDensity[1]).toBeGreaterThan(byDensity[0]! + 0.02);
    expect(byDensity[2]).toBeGreaterThan(byDensity[1]! + 0.02);
    const bySession = [1, 2, 3].map((session) => measure((d) => d, { session }).darkening);
    expect(bySession[0]).toBeGreaterThan(0.02);
    expect(bySession[1]).toBeGreaterThan(bySession[0]! + 0.02);
    expect(bySession[2]).toBeGreaterThan(bySession[1]! + 0.02);
    const byWater = [20, 10, 5, 2].map((w) => measure(oneSession(w)).darkening);
    for (let i = 1; i < byWater.length; i++) expect(byWater[i]).toBeGreaterThan(byWater[i - 1]! + 0.01);
  });

  it('reads darker fresh than healed, with only mild redness', () => {
    for (const session of [1, 3]) {
      const fresh = measure((d) => d, { session, stage: 'fresh' });
      const healedThen = measure((d) => d, { session });
      expect(fresh.darkening).toBeGreaterThan(healedThen.darkening + 0.01);
      expect(fresh.da).toBeGreaterThan(healedThen.da);
      expect(fresh.da).toBeLessThanOrEqual(5);
    }
  });

  it('lays a first session out as unevenly as real fresh work (regularity 0.52–0.57), clumpier than healed work', () => {
    // A first session holds few dots: measured over 6 × 6 cm (about 1,000 of them) so the figure settles.
    const fresh = measure((d) => d, { session: 1, stage: 'fresh' }, 100, 10, 6);
    const healedWide = measure((d) => d, {}, 100, 10, 6);
    console.log(`session 1 fresh: regularity ${fresh.regularity.toFixed(3)}, healed after 3: ${healedWide.regularity.toFixed(3)}`);
    expect(fresh.regularity).toBeGreaterThan(0.5);
    expect(fresh.regularity).toBeLessThan(0.58);
    expect(fresh.regularity).toBeLessThan(healedWide.regularity - 0.03);
    expect(healedWide.regularity).toBeGreaterThan(0.6);
    expect(healedWide.regularity).toBeLessThan(0.66);
  });

  it('darkens the same at 25, 50, 100 and 200 px/cm, within ±10 %, and keeps its grain where the photo resolves it', () => {
    const measures = [25, 50, 100, 200].map((pxPerCm) => measure((d) => d, {}, pxPerCm, 5, 3));
    const at = measures.map((m) => m.darkening);
    const mean = at.reduce((a, b) => a + b, 0) / at.length;
    for (const d of at) expect(Math.abs(d / mean - 1)).toBeLessThan(0.1);
    expect(Math.abs(at[2]! / healed.darkening - 1)).toBeLessThan(0.1);
    // The grain is measured at 50 px/cm: from 50 px/cm up the photo holds it as it is.
    for (const m of measures.slice(1)) expect(m.grainExcess).toBeGreaterThan(0.03);
  });
});
