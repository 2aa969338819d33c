import { describe, expect, it } from 'vitest';
import { coreSigmaMm, dotAbsorbanceMm2, HALO_SIGMA_MM, healedDotDiameterMm, inkOpacity, NEEDLES, pigmentStrength } from '../../../src/core/appearance.ts';
import { meanTransmittance } from '../../helpers/dotOracle.ts';
import { dotLook } from '../../../src/core/dots/dotLook.ts';
import { newDesign } from '../../../src/core/document/defaults.ts';
import { spacingMmForDensity } from '../../../src/core/units.ts';

describe('appearance model', () => {
  it('puts healed 1RL dots inside the published 0.1–0.17 mm', () => {
    for (const n of NEEDLES.filter((x) => x.prongs === 1)) {
      expect(healedDotDiameterMm(n.id)).toBeGreaterThanOrEqual(0.1);
      expect(healedDotDiameterMm(n.id)).toBeLessThanOrEqual(0.18);
    }
    expect(healedDotDiameterMm('3RL-0.25')).toBeGreaterThan(healedDotDiameterMm('1RL-0.25'));
    // The core is the simulation's σ 0.15 mm for a 0.25 mm needle; the halo is far wider, widest in red.
    expect(coreSigmaMm('1RL-0.25')).toBeCloseTo(0.15, 6);
    expect(HALO_SIGMA_MM[0]).toBeGreaterThan(HALO_SIGMA_MM[1]);
    expect(HALO_SIGMA_MM[2]).toBeGreaterThan(4 * coreSigmaMm('1RL-0.30'));
  });

  it('makes more water a lighter dot, never negative or above neat; 20:1 under half of 3:1', () => {
    let last = Infinity;
    for (let w = 0; w <= 30; w += 0.5) {
      const s = dotAbsorbanceMm2('1RL-0.25', w);
      expect(s).toBeLessThan(last);
      expect(s).toBeGreaterThan(0);
      last = s;
    }
    expect(inkOpacity(0)).toBeGreaterThan(0.99);
    expect(pigmentStrength(0)).toBe(1);
    expect(pigmentStrength(-5)).toBe(1);
    expect(inkOpacity(20)).toBeLessThan(inkOpacity(3) / 2);
  });

  it('absorbs more with a larger needle; the even wash keeps most red and least green, the halo spreads red furthest', () => {
    expect(dotAbsorbanceMm2('1RL-0.30', 5)).toBeGreaterThan(dotAbsorbanceMm2('1RL-0.25', 5));
    expect(dotAbsorbanceMm2('3RL-0.25', 5)).toBeGreaterThan(dotAbsorbanceMm2('1RL-0.30', 5));
    // 100 dots/cm² of 7:1 over 1 mm²: exp(−1 · 0.29 · opacity(7) · k_c) per channel.
    const [r, g, b] = meanTransmittance(100, dotAbsorbanceMm2('1RL-0.25', 7));
    expect(r).toBeCloseTo(Math.exp(-0.29 * inkOpacity(7)), 6);
    expect(r).toBeGreaterThan(b);
    expect(b).toBeGreaterThan(g);
    expect(r).toBeLessThan(0.9);
    expect(HALO_SIGMA_MM[0]).toBeGreaterThan(HALO_SIGMA_MM[1]);
    expect(HALO_SIGMA_MM[1]).toBeGreaterThan(HALO_SIGMA_MM[2]);
  });

  it('spacing follows 10.7 / sqrt(density): 1.0 mm at 114.5 /cm²', () => {
    expect(spacingMmForDensity(114.5)).toBeCloseTo(1.0, 2);
    expect(spacingMmForDensity(50)).toBeCloseTo(1.51, 2);
  });

  it('turns design parameters into a threshold and a radius in pixels', () => {
    const d = newDesign({ kind: 'demo', name: 'x', widthPx: 100, heightPx: 100 }, 1, 100);
    const look = dotLook({ ...d, dots: { ...d.dots, densityPerCm2: 80 } });
    expect(look.threshold).toBeCloseTo(80 / 160);
    // 100 px/cm: a 0.15 mm core is 1.5 px; the red halo 12.5 px.
    expect(look.coreSigmaPx[2]).toBeCloseTo(1.5, 6);
    expect(look.haloSigmaPx[0]).toBeCloseTo(12.5, 6);
  });
});
