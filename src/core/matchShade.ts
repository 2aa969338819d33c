/**
 * The shade: a patch's area-mean darkness against bare skin, and the plan whose healed dots give it.
 * One of three modules matching the client's existing hair: matchHair.ts measures the stubble and
 * bare-skin patches; matchDilution.ts gives how dark one healed dot's mark reads; this module, built
 * on both, suggests the last session's needle and dilution.
 */
import { CHANNEL_ABSORPTION, CORE_FRACTION, DOT_SHADE_VARIATION, DOT_SIZE_VARIATION, MIN_CORE_SIGMA_PX, NEEDLES } from './appearance.ts';
import { dotLook } from './dots/dotLook.ts';
import { MAX_SESSIONS, sessionFractions } from './sessions.ts';
import { DILUTION_RANGE } from './document/limits.ts';
import type { Design, NeedleId } from './document/types.ts';
import { JITTER_LEVELS, dotMarkDarkness } from './matchDilution.ts';
import { LUMA_WEIGHTS, onRange, type PatchMeasure, type SkinMeasure } from './matchHair.ts';

/** Euler–Mascheroni constant. */
const EULER_GAMMA = 0.5772156649015329;

/**
 * Ein(a) = ∫₀ᵃ (1 − e^−u) / u du (the entire exponential integral): by its series Σ (−1)ⁿ⁺¹ aⁿ / (n·n!)
 * up to a = 20 (cancellation loses under 1e-8 there), above it γ + ln a (E₁(a) < 1e-10).
 */
export function ein(a: number): number {
  if (!(a > 0)) return 0;
  if (a > 20) return EULER_GAMMA + Math.log(a);
  let term = 1;
  let sum = 0;
  for (let n = 1; n < 200; n++) {
    term *= a / n;
    const t = term / n;
    sum += n % 2 === 1 ? t : -t;
    if (t < 1e-17 * Math.abs(sum)) break;
  }
  return sum;
}

/**
 * Expected area-mean darkening, in luma, of skin of colour `skinRgb` (8-bit sRGB, as the photo
 * holds it) under a design's healed dots where its areas are at full density.
 *
 * For dots scattered independently at n per mm², each removing light by exp(−f_c(r)), the mean
 * transmittance is exp(−n ∫ (1 − e^−f_c) dA) (Campbell's theorem). A dot's halo is millimetres wide,
 * so the halos overlap into an even wash and count linearly: (1 − w)·s·k_c. Its core, a Gaussian of
 * absorbance a₀ = w·s·k_c / (2πσ²) at its centre, saturates: ∫ (1 − e^−f) dA = 2πσ²·Ein(a₀). The core
 * width is the shader's (never under MIN_CORE_SIGMA_PX at the photo's scale), and both integrals
 * are averaged over the per-dot size and shade jitter. Blue-noise dots rarely overlap their cores,
 * which is where the independence assumption would matter; the unit tests hold this within 5 % of
 * the CPU reference of the shaders (2–4 % at 100 px/cm, where it reads a little light).
 */
export function healedDarkening(design: Design, skinRgb: readonly [number, number, number]): number {
  const look = dotLook(design);
  const pxPerMm = design.scale.pxPerCm / 10;
  const perMm2 = design.dots.densityPerCm2 / 100;
  const exponent = [0, 0, 0];
  const shares = sessionFractions(design.sessions.slice(0, MAX_SESSIONS));
  shares.forEach((share, j) => {
    const n = perMm2 * share;
    const s = look.absorbanceMm2[j]!;
    for (const c of [0, 1, 2] as const) {
      const k = CHANNEL_ABSORPTION[c] * (c === 2 ? look.blueFactor[j]! : 1);
      let core = 0;
      for (let a = 0; a < JITTER_LEVELS; a++) {
        const sigmaPx = Math.max(MIN_CORE_SIGMA_PX, look.coreSigmaPx[j]! * (1 + DOT_SIZE_VARIATION * (2 * ((a + 0.5) / JITTER_LEVELS) - 1)));
        const sigmaMm = sigmaPx / pxPerMm;
        const area = 2 * Math.PI * sigmaMm * sigmaMm;
        for (let b = 0; b < JITTER_LEVELS; b++) {
          const shade = s * (1 + DOT_SHADE_VARIATION * (2 * ((b + 0.5) / JITTER_LEVELS) - 1));
          core += area * ein((CORE_FRACTION * shade * k) / area);
        }
      }
      exponent[c] = exponent[c]! + n * ((1 - CORE_FRACTION) * s * k + core / (JITTER_LEVELS * JITTER_LEVELS));
    }
  });
  let before = 0;
  let after = 0;
  for (const c of [0, 1, 2] as const) {
    before += LUMA_WEIGHTS[c] * skinRgb[c];
    after += LUMA_WEIGHTS[c] * skinRgb[c] * Math.exp(-exponent[c]!);
  }
  return before > 0 ? 1 - after / before : 0;
}

/**
 * Mean peak contrast of a design's healed dots (dotMarkDarkness of each session's dilution and
 * needle, weighted by the session's share of the dots): what measurePatch's markDarkness reads on
 * them, give or take the faintest dots it cannot find.
 */
export function planMarkDarkness(design: Design): number {
  const sessions = design.sessions.slice(0, MAX_SESSIONS);
  return sessionFractions(sessions).reduce((sum, share, j) => sum + share * dotMarkDarkness(sessions[j]!.dilutionWaterParts, sessions[j]!.needle, design.scale.pxPerCm), 0);
}

/** What the stubble shows against bare skin: the shade to give and the dots' contrast to aim for. */
export interface ShadeTarget {
  /** Area-mean darkening of the stubble patch against the bare skin, 1 − mean luma / bare luma. */
  readonly darkness: number;
  /** The follicles' mean peak contrast (PatchMeasure.markDarkness). */
  readonly markDarkness: number;
  /** Colour of the bare skin the dots will be drawn on, 8-bit sRGB. */
  readonly skinRgb: readonly [number, number, number];
}

/** The stubble's shade against bare skin (0 when the stubble reads lighter). */
export function shadeTarget(stubble: PatchMeasure, bare: SkinMeasure): ShadeTarget {
  return { darkness: bare.luma > 0 ? Math.max(0, 1 - stubble.meanLuma / bare.luma) : 0, markDarkness: stubble.markDarkness, skinRgb: bare.rgb };
}

/** A suggested last session: its needle and dilution, and what the plan's healed dots then give. */
export interface ShadeSuggestion {
  readonly needle: NeedleId;
  /** Water parts per part pigment, on DILUTION_RANGE's step. */
  readonly dilutionWaterParts: number;
  /** 'neat': even neat pigment gives a lighter shade; 'lightest': even the most diluted, a darker one. */
  readonly limited: 'none' | 'neat' | 'lightest';
  /** Predicted area-mean darkening of bare skin under the plan's healed dots. */
  readonly darkness: number;
  /** Predicted mean peak contrast of the plan's dots. */
  readonly markDarkness: number;
}

/** The design with a density and its last session's needle and dilution replaced. */
function withLastSession(design: Design, densityPerCm2: number, needle: NeedleId, dilutionWaterParts: number): Design {
  const last = design.sessions.length - 1;
  return {
    ...design,
    dots: { ...design.dots, densityPerCm2 },
    sessions: design.sessions.map((s, i) => (i === last ? { ...s, needle, dilutionWaterParts } : s)),
  };
}

/**
 * The last session's needle and dilution whose plan, at `densityPerCm2`, gives bare skin the
 * stubble's shade and dots as contrasted as its follicles. Per needle, the dilution is found by
 * bisection on healedDarkening (the earlier sessions stay as planned); the needle is the one whose
 * dots then read closest to the follicles' contrast (a finer needle packs the same pigment into a
 * darker point), the plan's own needle on a tie. Needles that cannot reach the shade are used only
 * when none can, nearest first.
 */
export function suggestShade(design: Design, densityPerCm2: number, target: ShadeTarget): ShadeSuggestion {
  const current = design.sessions[design.sessions.length - 1]!.needle;
  const needles = [current, ...NEEDLES.map((n) => n.id).filter((id) => id !== current)];
  const darknessOf = (needle: NeedleId, dilution: number): number => healedDarkening(withLastSession(design, densityPerCm2, needle, dilution), target.skinRgb);
  let best: { suggestion: ShadeSuggestion; score: number } | null = null;
  for (const needle of needles) {
    let dilution: number;
    let limited: ShadeSuggestion['limited'] = 'none';
    if (!(darknessOf(needle, DILUTION_RANGE.min) > target.darkness)) {
      dilution = DILUTION_RANGE.min;
      limited = 'neat';
    } else if (!(darknessOf(needle, DILUTION_RANGE.max) < target.darkness)) {
      dilution = DILUTION_RANGE.max;
      limited = 'lightest';
    } else {
      let lo = DILUTION_RANGE.min;
      let hi = DILUTION_RANGE.max;
      while (hi - lo > DILUTION_RANGE.step / 4) {
        const mid = (lo + hi) / 2;
        if (darknessOf(needle, mid) > target.darkness) lo = mid;
        else hi = mid;
      }
      dilution = onRange((lo + hi) / 2, DILUTION_RANGE);
    }
    const plan = withLastSession(design, densityPerCm2, needle, dilution);
    const darkness = healedDarkening(plan, target.skinRgb);
    const markDarkness = planMarkDarkness(plan);
    // Reaching the shade comes first; then the contrast.
    const shadeMiss = limited === 'none' ? 0 : Math.abs(darkness - target.darkness);
    const score = shadeMiss * 1000 + (target.markDarkness > 0 ? Math.abs(markDarkness / target.markDarkness - 1) : 0);
    if (!best || score < best.score - 1e-9) best = { suggestion: { needle, dilutionWaterParts: dilution, limited, darkness, markDarkness }, score };
  }
  return best!.suggestion;
}
