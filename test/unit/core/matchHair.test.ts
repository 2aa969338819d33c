import { describe, expect, it } from 'vitest';
import { CHANNEL_ABSORPTION, CORE_FRACTION, coreSigmaMm, dotAbsorbanceMm2 } from '../../../src/core/appearance.ts';
import { makeArea } from '../../../src/core/areas.ts';
import { newDesign } from '../../../src/core/document/defaults.ts';
import { imagePoint } from '../../../src/core/math/types.ts';
import { renderDesign } from '../../helpers/dotOracle.ts';
import { renderFaceScene, type FaceLayout } from '../../fixtures/faceImage.ts';
import { renderScalpScene } from '../../../src/core/demo/scalpImage.ts';
import { fitPxPerCm, type ScalpLayout } from '../../../src/core/demo/scalpLayout.ts';
import { DENSITY_RANGE, DILUTION_RANGE } from '../../../src/core/document/limits.ts';
import type { NeedleId } from '../../../src/core/document/types.ts';
import { measurePatch, measureSkin, suggestDensity, type PatchMeasure, type PixelRect } from '../../../src/core/matchHair.ts';
import { dotMarkDarkness, suggestDilution } from '../../../src/core/matchDilution.ts';
import { ein, healedDarkening, planMarkDarkness, shadeTarget, suggestShade } from '../../../src/core/matchShade.ts';
import { interiorPatch } from '../../helpers/fringe.ts';

const NEEDLE: NeedleId = '1RL-0.25';

/** A w × h cm rectangle wholly inside the stubble fringe, nearest the head's centre. */
function fringePatch(layout: ScalpLayout, wCm: number, hCm: number): PixelRect {
  const p = interiorPatch(layout, wCm, hCm);
  if (!p) throw new Error('no fringe patch');
  return { x0: p.x0, y0: p.y0, x1: p.x0 + p.w, y1: p.y0 + p.h };
}

/** 2 × 1.5 cm of bare skin on the top of the generated scalp, 1.5–3 cm behind the hairline apex. */
function barePatch(layout: ScalpLayout): PixelRect {
  const c = layout.hairlineApex;
  const p = layout.pxPerCm;
  return { x0: c.x - p, y0: c.y - 3 * p, x1: c.x + p, y1: c.y - 1.5 * p };
}

const scenes = new Map<number, ReturnType<typeof renderScalpScene>>();
/** Scalp fixture: 2000 × 1500 px at the fitted scale, seed 7 (rendered once per stubble density). */
function scalpScene(stubbleDensityPerCm2 = 60): ReturnType<typeof renderScalpScene> {
  let scene = scenes.get(stubbleDensityPerCm2);
  if (!scene) {
    scene = renderScalpScene({ widthPx: 2000, heightPx: 1500, pxPerCm: fitPxPerCm(2000, 1500), seed: 7, stubbleDensityPerCm2 });
    scenes.set(stubbleDensityPerCm2, scene);
  }
  return scene;
}

/**
 * Draws healed dots into a copy of an RGBA photo, independently of matchHair: a design with one
 * area over `rect` and a margin, a single session at the suggestion, rendered by the CPU reference
 * of the dot shaders (cores, halos and all).
 */
function drawDots(rgba: Uint8ClampedArray, widthPx: number, heightPx: number, rect: PixelRect, pxPerCm: number, densityPerCm2: number, dilution: number, needle: NeedleId): Uint8ClampedArray {
  const margin = 0.3 * pxPerCm;
  const base = newDesign({ kind: 'file', name: 'fixture', widthPx, heightPx }, 3, pxPerCm);
  const corners = [imagePoint(rect.x0 - margin, rect.y0 - margin), imagePoint(rect.x1 + margin, rect.y0 - margin), imagePoint(rect.x1 + margin, rect.y1 + margin), imagePoint(rect.x0 - margin, rect.y1 + margin)];
  const design = {
    ...base,
    dots: { ...base.dots, densityPerCm2 },
    areas: [makeArea('patch', corners, 'scar')],
    sessions: [{ date: null, sharePercent: 100, dilutionWaterParts: dilution, needle }],
  };
  return renderDesign({ width: widthPx, height: heightPx, rgba }, design);
}

/** Suggests from a stubble patch, draws the suggestion on bare skin of the same photo and measures it. */
function matchAndDraw(rgba: Uint8ClampedArray, widthPx: number, heightPx: number, stubble: PixelRect, bare: PixelRect, pxPerCm: number): { stubble: PatchMeasure; density: number; dilution: number; limited: string; dots: PatchMeasure } {
  const measured = measurePatch(rgba, widthPx, heightPx, stubble, pxPerCm);
  const density = suggestDensity(measured);
  const { dilutionWaterParts, limited } = suggestDilution(measured.markDarkness, NEEDLE, pxPerCm);
  const drawn = drawDots(rgba, widthPx, heightPx, bare, pxPerCm, density, dilutionWaterParts, NEEDLE);
  return { stubble: measured, density, dilution: dilutionWaterParts, limited, dots: measurePatch(drawn, widthPx, heightPx, bare, pxPerCm) };
}

describe('measuring a patch', () => {
  for (const density of [60, 100]) {
    it(`measures stubble generated at ${density}/cm² within ±10 %`, () => {
      const { layout, image } = scalpScene(density);
      const m = measurePatch(image.rgba, layout.widthPx, layout.heightPx, fringePatch(layout, 2, 1.5), layout.pxPerCm);
      expect(m.areaCm2).toBeCloseTo(3, 1);
      expect(Math.abs(m.densityPerCm2 / density - 1)).toBeLessThan(0.1);
      // The cut hairs read about a third darker than the skin around them; the skin is the shaded fringe's.
      expect(m.markDarkness).toBeGreaterThan(0.25);
      expect(m.markDarkness).toBeLessThan(0.4);
      expect(m.skinLuma).toBeGreaterThan(50);
      expect(m.skinLuma).toBeLessThan(100);
      expect(m.darkness).toBeGreaterThan(0);
      expect(m.darkness).toBeLessThan(m.markDarkness / 5);
    });
  }

  it('finds no follicles on bare skin', () => {
    const { layout, image } = scalpScene();
    const m = measurePatch(image.rgba, layout.widthPx, layout.heightPx, barePatch(layout), layout.pxPerCm);
    expect(m.densityPerCm2).toBeLessThan(3);
    expect(m.skinLuma).toBeGreaterThan(150);
    expect(m.darkness).toBeLessThan(0.005);
  });

  it('measures nothing on a patch under 2 px', () => {
    const rgba = new Uint8ClampedArray(40 * 40 * 4).fill(0);
    const m = measurePatch(rgba, 40, 40, { x0: 10, y0: 10, x1: 11, y1: 30 }, 70);
    expect(m.follicles).toBe(0);
    expect(m.markDarkness).toBe(0);
  });
});

describe('how dark a healed dot reads', () => {
  const pxPerCm = fitPxPerCm(2000, 1500);

  it('is lighter the more the pigment is diluted, and darker at a finer scale', () => {
    let previous = Infinity;
    for (let dilution = 0; dilution <= 30; dilution += 2.5) {
      const d = dotMarkDarkness(dilution, NEEDLE, pxPerCm);
      expect(d).toBeLessThan(previous);
      previous = d;
    }
    // Many pixels across a dot, the darkest reads the core's centre: 1 − exp(−w·s·k / (2πσ²)) with k
    // the luma-weighted channel absorption (±15 % shade and ±18 % size averaged around it).
    const k = 0.299 * CHANNEL_ABSORPTION[0] + 0.587 * CHANNEL_ABSORPTION[1] + 0.114 * CHANNEL_ABSORPTION[2];
    const centre = 1 - Math.exp((-CORE_FRACTION * dotAbsorbanceMm2(NEEDLE, 0) * k) / (2 * Math.PI * coreSigmaMm(NEEDLE) ** 2));
    expect(Math.abs(dotMarkDarkness(0, NEEDLE, 2000) / centre - 1)).toBeLessThan(0.1);
    // Coarser, the core is averaged over pixels and reads lighter: at about 73 px/cm (σ 1.1 px) a
    // centred core's pixel holds erf(0.5 / (σ√2))² / (1 / 2πσ²) = 0.93 of its peak, less off centre;
    // at half that scale (σ 0.55 px), 0.77.
    const fine = dotMarkDarkness(0, NEEDLE, 2000);
    expect(dotMarkDarkness(0, NEEDLE, pxPerCm)).toBeLessThan(0.95 * fine);
    expect(dotMarkDarkness(0, NEEDLE, pxPerCm / 2)).toBeLessThan(0.8 * fine);
    expect(dotMarkDarkness(0, NEEDLE, pxPerCm)).toBeGreaterThan(0.3);
    expect(dotMarkDarkness(8, NEEDLE, 2 * pxPerCm)).toBeGreaterThan(dotMarkDarkness(8, NEEDLE, pxPerCm));
  });
});

describe('suggesting Density and Dilution', () => {
  const pxPerCm = fitPxPerCm(2000, 1500);

  it('finds back the dilution whose dots read as dark as the marks', () => {
    for (const dilution of [2, 8, 15]) {
      const s = suggestDilution(dotMarkDarkness(dilution, NEEDLE, pxPerCm), NEEDLE, pxPerCm);
      expect(Math.abs(s.dilutionWaterParts - dilution)).toBeLessThanOrEqual(0.5);
      expect(s.limited).toBe('none');
    }
  });

  it('clamps to neat for marks darker than neat dots, and to the most diluted for fainter ones', () => {
    expect(suggestDilution(0.9, NEEDLE, pxPerCm)).toEqual({ dilutionWaterParts: DILUTION_RANGE.min, limited: 'neat' });
    expect(suggestDilution(dotMarkDarkness(0, NEEDLE, pxPerCm) + 0.01, NEEDLE, pxPerCm).limited).toBe('neat');
    expect(suggestDilution(0.02, NEEDLE, pxPerCm)).toEqual({ dilutionWaterParts: DILUTION_RANGE.max, limited: 'lightest' });
    expect(suggestDilution(0, NEEDLE, pxPerCm).limited).toBe('lightest');
  });

  it('suggests the measured density, rounded and clamped to the Density range', () => {
    const m = (densityPerCm2: number): PatchMeasure => ({ areaCm2: 1, follicles: densityPerCm2, densityPerCm2, markDarkness: 0.3, darkness: 0.01, skinLuma: 150, meanLuma: 148.5 });
    expect(suggestDensity(m(62.6))).toBe(63);
    expect(suggestDensity(m(0))).toBe(DENSITY_RANGE.min);
    expect(suggestDensity(m(400))).toBe(DENSITY_RANGE.max);
  });

  it('draws dots at the suggestion that read like the scalp stubble (top view)', () => {
    const { layout, image } = scalpScene(60);
    const r = matchAndDraw(image.rgba, layout.widthPx, layout.heightPx, fringePatch(layout, 2, 1.5), barePatch(layout), layout.pxPerCm);
    expect(r.limited).toBe('none');
    expect(r.dilution).toBeGreaterThan(0);
    expect(Math.abs(r.dots.markDarkness / r.stubble.markDarkness - 1)).toBeLessThan(0.1);
    expect(Math.abs(r.dots.densityPerCm2 / r.density - 1)).toBeLessThan(0.1);
  });

  it('draws dots at the suggestion that read like the side stubble of the front view', () => {
    const size = 2000;
    const pxPerCm = size / 22;
    const { layout, image } = renderFaceScene({ widthPx: size, heightPx: size, pxPerCm, seed: 7 });
    // 1 cm² of the image-left side hair, 1.5 cm above its edge; 2 × 1.5 cm of forehead for the dots.
    const xCm = -5.2;
    const edgeCm = (layout.glabella.y - layout.hairlineY(layout.glabella.x + xCm * pxPerCm)) / pxPerCm;
    const c = faceToImage(layout, xCm, edgeCm + 1.5);
    const stubble = { x0: c.x - pxPerCm / 2, y0: c.y - pxPerCm / 2, x1: c.x + pxPerCm / 2, y1: c.y + pxPerCm / 2 };
    const f = faceToImage(layout, 0, 5);
    const bare = { x0: f.x - pxPerCm, y0: f.y - 0.75 * pxPerCm, x1: f.x + pxPerCm, y1: f.y + 0.75 * pxPerCm };
    const r = matchAndDraw(image.rgba, size, size, stubble, bare, pxPerCm);
    expect(Math.abs(r.stubble.densityPerCm2 / 60 - 1)).toBeLessThan(0.1);
    expect(r.limited).toBe('none');
    expect(Math.abs(r.dots.markDarkness / r.stubble.markDarkness - 1)).toBeLessThan(0.1);
    expect(Math.abs(r.dots.densityPerCm2 / r.density - 1)).toBeLessThan(0.1);
  });
});

/** Face-frame cm (from the glabella, x along the eye line to the image right, y up) → image px. */
function faceToImage(layout: FaceLayout, xCm: number, yCm: number): { x: number; y: number } {
  const { glabella, leftEye, rightEye, pxPerCm } = layout;
  const l = Math.hypot(rightEye.x - leftEye.x, rightEye.y - leftEye.y);
  const ux = (rightEye.x - leftEye.x) / l;
  const uy = (rightEye.y - leftEye.y) / l;
  return { x: glabella.x + (ux * xCm + uy * yCm) * pxPerCm, y: glabella.y + (uy * xCm - ux * yCm) * pxPerCm };
}

describe('the shade healed dots give bare skin', () => {
  it('computes Ein(a) = ∫₀ᵃ (1 − e^−u)/u du by its series and its logarithmic tail', () => {
    expect(ein(0)).toBe(0);
    // Small a: a − a²/4 + a³/18 − …
    expect(ein(1e-3)).toBeCloseTo(1e-3 - 2.5e-7 + 1e-9 / 18, 13);
    // A midpoint-rule quadrature of the integral at a = 3.
    let sum = 0;
    const steps = 30000;
    for (let i = 0; i < steps; i++) {
      const u = ((i + 0.5) / steps) * 3;
      sum += ((1 - Math.exp(-u)) / u) * (3 / steps);
    }
    expect(ein(3)).toBeCloseTo(sum, 6);
    // Continuous across the switch to γ + ln a at 20.
    expect(Math.abs(ein(20) - ein(20.000001))).toBeLessThan(1e-5);
    expect(ein(40)).toBeCloseTo(0.5772156649 + Math.log(40), 9);
  });

  /** A design covering a size × size photo of flat skin, with `density` and three sessions at `dilutions`. */
  function flatDesign(size: number, pxPerCm: number, density: number, dilutions: readonly [number, number, number], needle: NeedleId = NEEDLE) {
    const base = newDesign({ kind: 'file', name: 'flat', widthPx: size, heightPx: size }, 3, pxPerCm);
    const far = size + 50;
    return {
      ...base,
      dots: { ...base.dots, densityPerCm2: density },
      areas: [makeArea('all', [imagePoint(-50, -50), imagePoint(far, -50), imagePoint(far, far), imagePoint(-50, far)], 'scar')],
      sessions: base.sessions.map((s, i) => ({ ...s, dilutionWaterParts: dilutions[i]!, needle })),
    };
  }

  const cases: readonly [number, number, readonly [number, number, number], NeedleId][] = [
    [40, 90, [10, 7, 5], NEEDLE],
    [100, 90, [10, 7, 5], NEEDLE],
    [100, 60, [0, 0, 0], NEEDLE],
    [100, 140, [20, 20, 20], '3RL-0.30'],
    [200, 90, [10, 7, 5], '1RL-0.18'],
  ];
  for (const [pxPerCm, density, dilutions, needle] of cases) {
    it(`predicts the area-mean darkening the shaders draw within 5 % (${pxPerCm} px/cm, ${density}/cm², ${dilutions.join(' / ')}:1, ${needle})`, () => {
      const size = 500;
      const skin = [210, 160, 130] as const;
      const rgba = new Uint8ClampedArray(size * size * 4);
      for (let i = 0; i < size * size; i++) rgba.set([...skin, 255], i * 4);
      const design = flatDesign(size, pxPerCm, density, dilutions, needle);
      const drawn = renderDesign({ width: size, height: size, rgba }, design);
      const inner = { x0: 80, y0: 80, x1: size - 80, y1: size - 80 };
      const rendered = 1 - measureSkin(drawn, size, size, inner, pxPerCm).luma / measureSkin(rgba, size, size, inner, pxPerCm).luma;
      const predicted = healedDarkening(design, skin);
      expect(rendered).toBeGreaterThan(0.05);
      expect(Math.abs(predicted / rendered - 1)).toBeLessThan(0.05);
    });
  }

  it('darkens more with density and with less water, and less on a darker needle-for-needle lighter plan', () => {
    const skin = [200, 150, 120] as const;
    const at = (density: number, dilutions: readonly [number, number, number]): number => healedDarkening(flatDesign(100, 80, density, dilutions), skin);
    expect(at(60, [10, 7, 5])).toBeLessThan(at(90, [10, 7, 5]));
    expect(at(90, [10, 7, 5])).toBeLessThan(at(120, [10, 7, 5]));
    expect(at(90, [20, 20, 20])).toBeLessThan(at(90, [10, 7, 5]));
    expect(at(90, [10, 7, 5])).toBeLessThan(at(90, [2, 2, 2]));
  });
});

describe('matching the shade of the stubble against bare skin', () => {
  /**
   * The stubble patch of the scalp fixture, the same skin without its stubble (the fixture painted
   * hairless: bare skin in exactly the stubble's light), the suggestion for the default plan, and
   * the suggested plan drawn by the CPU reference of the shaders on that bare skin.
   */
  function matchShade(stubbleDensityPerCm2: number) {
    const pxPerCm = fitPxPerCm(2000, 1500);
    const options = { widthPx: 2000, heightPx: 1500, pxPerCm, seed: 7, stubbleDensityPerCm2 };
    const { layout, image } = scalpScene(stubbleDensityPerCm2);
    const bare = renderScalpScene({ ...options, hairless: true }).image;
    const rect = fringePatch(layout, 2, 1.5);
    const stubble = measurePatch(image.rgba, 2000, 1500, rect, pxPerCm);
    const skin = measureSkin(bare.rgba, 2000, 1500, rect, pxPerCm);
    const target = shadeTarget(stubble, skin);
    const density = suggestDensity(stubble);
    const base = newDesign({ kind: 'file', name: 'fixture', widthPx: 2000, heightPx: 1500 }, 3, pxPerCm);
    const suggestion = suggestShade(base, density, target);
    const margin = 0.3 * pxPerCm;
    const corners = [imagePoint(rect.x0 - margin, rect.y0 - margin), imagePoint(rect.x1 + margin, rect.y0 - margin), imagePoint(rect.x1 + margin, rect.y1 + margin), imagePoint(rect.x0 - margin, rect.y1 + margin)];
    const last = base.sessions.length - 1;
    const plan = {
      ...base,
      dots: { ...base.dots, densityPerCm2: density },
      areas: [makeArea('patch', corners, 'scar')],
      sessions: base.sessions.map((s, i) => (i === last ? { ...s, needle: suggestion.needle, dilutionWaterParts: suggestion.dilutionWaterParts } : s)),
    };
    const drawn = renderDesign({ width: 2000, height: 1500, rgba: bare.rgba }, plan);
    const dots = measurePatch(drawn, 2000, 1500, rect, pxPerCm);
    return { stubble, target, density, suggestion, plan, dots, drawnDarkness: 1 - dots.meanLuma / skin.luma };
  }

  for (const stubbleDensity of [60, 100]) {
    it(`draws the suggested plan as dark as stubble at ${stubbleDensity}/cm² shades its skin, within 15 %, and each dot as dark as a follicle within 10 %`, () => {
      const r = matchShade(stubbleDensity);
      // The fixture's stubble shades its skin like real shaved hair: 10–20 % darker.
      expect(r.target.darkness).toBeGreaterThan(0.1);
      expect(r.target.darkness).toBeLessThan(0.2);
      expect(r.suggestion.limited).toBe('none');
      expect(Math.abs(r.drawnDarkness / r.target.darkness - 1)).toBeLessThan(0.15);
      expect(Math.abs(r.dots.markDarkness / r.stubble.markDarkness - 1)).toBeLessThan(0.1);
      // The prediction the suggestion rests on agrees with the drawing.
      expect(Math.abs(r.suggestion.darkness / r.drawnDarkness - 1)).toBeLessThan(0.05);
      expect(Math.abs(r.suggestion.markDarkness - planMarkDarkness(r.plan))).toBeLessThan(1e-12);
    });
  }

  it('counts the drawn dots as the stubble was counted, within 10 %, at 60/cm²', () => {
    const r = matchShade(60);
    expect(Math.abs(r.dots.densityPerCm2 / r.density - 1)).toBeLessThan(0.1);
  });

  it('matches the shade where matching each follicle alone leaves the scalp too light', () => {
    const r = matchShade(60);
    const pxPerCm = fitPxPerCm(2000, 1500);
    const contrastOnly = suggestDilution(r.stubble.markDarkness, NEEDLE, pxPerCm);
    const plan = { ...r.plan, sessions: r.plan.sessions.map((s, i) => (i === 2 ? { ...s, needle: NEEDLE, dilutionWaterParts: contrastOnly.dilutionWaterParts } : s)) };
    expect(healedDarkening(plan, r.target.skinRgb)).toBeLessThan(0.85 * r.target.darkness);
  });

  it('says neat, or the most diluted, when no needle reaches the shade', () => {
    const pxPerCm = fitPxPerCm(2000, 1500);
    const base = newDesign({ kind: 'file', name: 'fixture', widthPx: 2000, heightPx: 1500 }, 3, pxPerCm);
    const skinRgb = [190, 150, 120] as const;
    const dark = suggestShade(base, 20, { darkness: 0.6, markDarkness: 0.3, skinRgb });
    expect(dark).toMatchObject({ dilutionWaterParts: DILUTION_RANGE.min, limited: 'neat' });
    expect(dark.darkness).toBeLessThan(0.6);
    const light = suggestShade(base, 150, { darkness: 0.01, markDarkness: 0.3, skinRgb });
    expect(light).toMatchObject({ dilutionWaterParts: DILUTION_RANGE.max, limited: 'lightest' });
    expect(light.darkness).toBeGreaterThan(0.01);
  });
});
