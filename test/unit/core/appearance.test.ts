import { describe, expect, it } from 'vitest';
import { centreOpticalDensity, dotTransmittance, drawnDotRadiusMm, healedDotDiameterMm, NEEDLES, pigmentStrength } from '../../../src/core/appearance.ts';
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
    expect(drawnDotRadiusMm('1RL-0.25')).toBeGreaterThan(healedDotDiameterMm('1RL-0.25') / 2);
  });

  it('makes more water a lighter dot, never negative or above neat', () => {
    let last = Infinity;
    for (let w = 0; w <= 30; w += 0.5) {
      const od = centreOpticalDensity(w);
      expect(od).toBeLessThan(last);
      expect(od).toBeGreaterThan(0);
      last = od;
    }
    expect(pigmentStrength(0)).toBe(1);
    expect(pigmentStrength(-5)).toBe(1);
  });

  it('darkens most at the centre, fades to nothing at the rim, and lets more blue through', () => {
    const od = centreOpticalDensity(0);
    expect(dotTransmittance(od, 0, 0)).toBeLessThan(0.2);
    expect(dotTransmittance(od, 0.5, 0)).toBeGreaterThan(dotTransmittance(od, 0, 0));
    expect(dotTransmittance(od, 1, 0)).toBe(1);
    expect(dotTransmittance(od, 0, 2)).toBeGreaterThan(dotTransmittance(od, 0, 0));
  });

  it('spacing follows 10.7 / sqrt(density): 1.0 mm at 114.5 /cm²', () => {
    expect(spacingMmForDensity(114.5)).toBeCloseTo(1.0, 2);
    expect(spacingMmForDensity(50)).toBeCloseTo(1.51, 2);
  });

  it('turns design parameters into a threshold and a radius in pixels', () => {
    const d = newDesign({ kind: 'demo', name: 'x', widthPx: 100, heightPx: 100 }, 1, 100);
    const look = dotLook({ ...d, dots: { ...d.dots, densityPerCm2: 80 } });
    expect(look.threshold).toBeCloseTo(80 / 160);
    expect(look.radiusPx[2]).toBeCloseTo(drawnDotRadiusMm('1RL-0.25') * 10);
  });
});
