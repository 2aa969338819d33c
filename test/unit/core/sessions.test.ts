import { describe, expect, it } from 'vitest';
import { CORE_FRACTION, healedDotDiameterMm, MAX_YEARS, SCAB_CORE_FRACTION, SCAB_SIZE_FACTOR, SCAB_STRENGTH_FACTOR, stageLook } from '../../../src/core/appearance.ts';
import { generateRankedPoints } from '../../../src/core/dots/rankedPoints.ts';
import { measureSpacing } from '../../helpers/spacing.ts';
import { dotLook, type ShowState } from '../../../src/core/dots/dotLook.ts';
import { newDesign } from '../../../src/core/document/defaults.ts';
import { addDays, apportion, balanceShares, cumulativeShares, densityAfterSession, sessionFractions, defaultSessions, sharePercents } from '../../../src/core/sessions.ts';
import { drawnSession, sessionOfPoint, shownAfter } from '../../helpers/dotOracle.ts';
import type { Session } from '../../../src/core/document/types.ts';

describe('session plan', () => {
  it('defaults to three sessions 14 and 21 days apart, lighter first', () => {
    const s = defaultSessions('1RL-0.25', '2026-12-20');
    expect(s.map((x) => x.date)).toEqual(['2026-12-20', '2027-01-03', '2027-01-24']);
    expect(s.map((x) => x.sharePercent)).toEqual([30, 50, 20]);
    expect(s[0]!.dilutionWaterParts).toBeGreaterThan(s[1]!.dilutionWaterParts);
    expect(s[1]!.dilutionWaterParts).toBeGreaterThan(s[2]!.dilutionWaterParts);
    expect(defaultSessions('1RL-0.25', null).every((x) => x.date === null)).toBe(true);
  });

  it('adds days across month, year and leap-day ends', () => {
    expect(addDays('2026-01-31', 1)).toBe('2026-02-01');
    expect(addDays('2028-02-28', 1)).toBe('2028-02-29');
    expect(addDays('2026-12-31', 14)).toBe('2027-01-14');
    expect(() => addDays('31/12/2026', 1)).toThrow(RangeError);
  });

  it('reads shares relative to their sum', () => {
    expect(cumulativeShares(defaultSessions('1RL-0.25', null))).toEqual([0, 0.3, 0.8, 1]);
    const odd = [30, 30, 30].map((sharePercent) => ({ date: null, sharePercent, dilutionWaterParts: 6, needle: '1RL-0.25' as const }));
    const c = cumulativeShares(odd);
    expect(c[1]).toBeCloseTo(1 / 3, 12);
    expect(c[3]).toBe(1);
  });
});

describe('shares that add up to 100 %', () => {
  const plan = (...shares: number[]): Session[] => shares.map((sharePercent) => ({ date: null, sharePercent, dilutionWaterParts: 8, needle: '1RL-0.25' }));
  const shares = (sessions: readonly Session[]): number[] => sessions.map((s) => s.sharePercent);
  const total = (xs: readonly number[]): number => xs.reduce((a, b) => a + b, 0);

  it('apportions whole units by largest remainders, with a floor each', () => {
    expect(apportion(100, [30, 50, 20, 20])).toEqual([25, 42, 17, 16]);
    expect(total(apportion(100, [1, 1, 1]))).toBe(100);
    expect(apportion(20, [0, 0, 100], 1)).toEqual([1, 1, 18]);
    expect(apportion(10, [0, 0])).toEqual([5, 5]);
  });

  it('prints a plan of 30 / 50 / 20 / 20 as shares that add up to 100, not 101', () => {
    expect(sharePercents(plan(30, 50, 20, 20))).toEqual([25, 42, 17, 16]);
    expect(total(sharePercents(plan(30, 50, 20, 20)))).toBe(100);
  });

  it('makes room for an added session in proportion, and gives a removed one\'s share back', () => {
    // Adding a fourth session of 20 % to 30 / 50 / 20.
    const added = balanceShares(plan(30, 50, 20, 20), 5, 5, { index: 3, value: 20 }, 'proportional');
    expect(total(shares(added))).toBe(100);
    expect(shares(added)[3]).toBe(20);
    expect(shares(added)).toEqual([25, 40, 15, 20]);
    // Removing it again.
    expect(shares(balanceShares(plan(25, 40, 15), 5, 5))).toEqual([30, 50, 20]);
  });

  it('takes a changed share from the last session back, so a plan is set session by session', () => {
    let p = plan(65, 15, 20);
    p = balanceShares(p.map((s, i) => (i === 0 ? { ...s, sharePercent: 30 } : s)), 5, 5, { index: 0, value: 30 });
    expect(shares(p)).toEqual([30, 15, 55]);
    p = balanceShares(p.map((s, i) => (i === 1 ? { ...s, sharePercent: 50 } : s)), 5, 5, { index: 1, value: 50 });
    expect(shares(p)).toEqual([30, 50, 20]);
    // The last session changed: the one before it makes up the difference, then earlier ones, none under 5 %.
    expect(shares(balanceShares(plan(30, 50, 20), 5, 5, { index: 2, value: 90 }))).toEqual([5, 5, 90]);
    expect(shares(balanceShares(plan(30, 50, 20), 5, 5, { index: 2, value: 100 }))).toEqual([5, 5, 90]);
    expect(shares(balanceShares(plan(100), 5, 5, { index: 0, value: 40 }))).toEqual([100]);
  });
});

describe('session bands over ranked points', () => {
  const density = 160;
  const points = generateRankedPoints({ seed: 9, widthCm: 14, heightCm: 11, maxDensityPerCm2: density, tilePoints: 8192 });
  const designDensity = 100;
  const threshold = designDensity / density;
  const cum = cumulativeShares(defaultSessions('1RL-0.25', null));

  it('partition the design: every dot in exactly one session, none lost; after session k is the union of bands 1..k', () => {
    const counts = [0, 0, 0];
    let dots = 0;
    for (let i = 0; i < points.count; i++) {
      const r = points.rank[i]!;
      const s = sessionOfPoint(r, threshold, cum);
      const isDot = r < threshold;
      if (isDot) dots++;
      expect(s >= 0).toBe(isDot);
      if (s >= 0) counts[s]!++;
      for (let k = 1; k <= 3; k++) expect(shownAfter(r, threshold, cum, k)).toBe(s >= 0 && s < k);
    }
    expect(counts.reduce((a, b) => a + b, 0)).toBe(dots);
    // Each session's count matches its share within 3 %.
    [0.3, 0.5, 0.2].forEach((share, k) => expect(Math.abs(counts[k]! / dots - share)).toBeLessThan(0.03));
  });

  it('keeps each band well spread on its own (mean nearest neighbour ≥ 0.6 of hexagonal spacing)', () => {
    const window = { x0: 1, y0: 1, x1: 13, y1: 10 };
    for (let k = 0; k < 3; k++) {
      const picked: number[] = [];
      for (let i = 0; i < points.count; i++) if (sessionOfPoint(points.rank[i]!, threshold, cum) === k) picked.push(i);
      const s = measureSpacing(points.xCm, points.yCm, picked, window);
      expect(s.count).toBeGreaterThan(300);
      expect(s.meanRatio, `session ${k + 1}`).toBeGreaterThanOrEqual(0.6);
    }
  });
});

describe('healing stages and years', () => {
  it('makes every fresh dot a scab, about half of them while settling, none healed; redness only before healing', () => {
    const fresh = stageLook('fresh');
    const settling = stageLook('settling');
    const healed = stageLook('healed');
    expect(fresh.scabFraction).toBe(1);
    expect(settling.scabFraction).toBeGreaterThan(0.3);
    expect(settling.scabFraction).toBeLessThan(0.7);
    expect(healed.scabFraction).toBe(0);
    expect(fresh.redness).toBeGreaterThan(settling.redness);
    expect(settling.redness).toBeGreaterThan(0);
    expect(healed.redness).toBe(0);
    // A scab is the impression itself: a 1RL 0.25 mm scab is 0.25 mm, its healed core 0.15 mm; and darker.
    expect(healedDotDiameterMm('1RL-0.25') * SCAB_SIZE_FACTOR).toBeCloseTo(0.25, 6);
    expect(SCAB_STRENGTH_FACTOR).toBeGreaterThan(1.2);
    // Most of a scab's absorbance is at the surface (its core), most of a healed dot's in its halo.
    expect(SCAB_CORE_FRACTION).toBeGreaterThan(0.5);
    expect(CORE_FRACTION).toBeLessThan(0.5);
  });

  it('fades monotonically over the years, spreading slightly and turning bluer', () => {
    let last = stageLook('healed', 0);
    for (let y = 0.5; y <= MAX_YEARS; y += 0.5) {
      const now = stageLook('healed', y);
      expect(now.strengthFactor).toBeLessThan(last.strengthFactor);
      expect(now.sizeFactor).toBeGreaterThan(last.sizeFactor);
      expect(now.blueFactor).toBeLessThan(last.blueFactor);
      last = now;
    }
    expect(stageLook('healed', 5).strengthFactor).toBeGreaterThan(0.6);
    expect(stageLook('healed', 5).strengthFactor).toBeLessThan(0.8);
    expect(stageLook('healed', 100)).toEqual(stageLook('healed', MAX_YEARS));
  });
});

describe('what the preview shows of a plan', () => {
  const base = newDesign({ kind: 'demo', name: 'x', widthPx: 1400, heightPx: 1100 }, 9, 100, '2026-12-20');
  const design = { ...base, dots: { ...base.dots, densityPerCm2: 100 } };
  const points = generateRankedPoints({ seed: 9, widthCm: 14, heightCm: 11, maxDensityPerCm2: design.maxDensityPerCm2, tilePoints: 8192 });
  const t = design.dots.densityPerCm2 / design.maxDensityPerCm2;
  const drawn = (show: ShowState): number[] => {
    const look = dotLook(design, show);
    const out: number[] = [];
    for (let i = 0; i < points.count; i++) out.push(drawnSession(points.rank[i]!, t, look));
    return out;
  };
  const healed = (session: number, alone = false): ShowState => ({ session, alone, stage: 'healed', years: 0 });

  it('after session k draws exactly the union of bands 1..k, each dot with its own session; alone draws band k only', () => {
    const final = drawn(healed(3));
    const cum = cumulativeShares(design.sessions);
    for (let i = 0; i < points.count; i++) expect(final[i]).toBe(sessionOfPoint(points.rank[i]!, t, cum));
    for (let k = 0; k <= 3; k++) {
      const after = drawn(healed(k));
      const alone = drawn(healed(k, true));
      let n = 0;
      for (let i = 0; i < points.count; i++) {
        expect(after[i]).toBe(final[i]! >= 0 && final[i]! < k ? final[i] : -1);
        expect(alone[i]).toBe(k > 0 && final[i] === k - 1 ? k - 1 : -1);
        if (after[i]! >= 0) n++;
      }
      // "Before" draws nothing; each later view draws more.
      if (k === 0) expect(n).toBe(0);
    }
  });

  it('draws the session just done fresh (all scabs, reddened) and the earlier ones healed', () => {
    const fresh = dotLook(design, { session: 2, alone: false, stage: 'fresh', years: 0 });
    const done = dotLook(design, healed(2));
    expect(fresh.scabFraction.slice(0, 2)).toEqual([0, 1]);
    expect(done.scabFraction.slice(0, 2)).toEqual([0, 0]);
    expect(fresh.maxRadiusPx).toBeGreaterThan(done.maxRadiusPx * 1.5);
    expect(fresh.absorbanceMm2[0]).toBe(done.absorbanceMm2[0]);
    expect(fresh.coreSigmaPx[0]).toBe(done.coreSigmaPx[0]);
    expect(fresh.redness).toBeGreaterThan(0.05);
    expect(done.redness).toBe(0);
    // Each session's own dilution: the plan gets darker, so does each band.
    expect(done.absorbanceMm2[0]).toBeLessThan(done.absorbanceMm2[1]);
    expect(dotLook(design, healed(0)).showTo).toBe(0);
  });

  it('ages every session with the years: lighter and slightly larger each year', () => {
    let last = dotLook(design, healed(3));
    for (let y = 1; y <= MAX_YEARS; y++) {
      const look = dotLook(design, { ...healed(3), years: y });
      for (let j = 0; j < 3; j++) {
        expect(look.absorbanceMm2[j]).toBeLessThan(last.absorbanceMm2[j]!);
        expect(look.coreSigmaPx[j]).toBeGreaterThan(last.coreSigmaPx[j]!);
      }
      expect(look.haloSigmaPx[0]).toBeGreaterThan(last.haloSigmaPx[0]);
      last = look;
    }
  });
});

describe('densities and shares of a plan', () => {
  const plan = defaultSessions('1RL-0.25', null);
  it('gives each session its fraction and the density shown after it or alone', () => {
    expect(sessionFractions(plan).map((f) => Math.round(f * 100))).toEqual([30, 50, 20]);
    expect([0, 1, 2, 3].map((k) => Math.round(densityAfterSession(100, plan, k)))).toEqual([0, 30, 80, 100]);
    expect(Math.round(densityAfterSession(100, plan, 2, true))).toBe(50);
  });
});
