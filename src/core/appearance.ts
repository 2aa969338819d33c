/**
 * The appearance model: how a tattooed microdot looks on skin, healing and over the years. Every
 * constant lives here with its source (docs/domain.md, docs/realism.md); where
 * the sources give only words the number is a model choice, and where real photos fixed it, it is
 * marked "calibrated" (docs/realism.md has the measurements).
 */
import type { NeedleId } from './document/types.ts';

/** Needle diameters, mm (1RL/3RL, 0.18–0.30 mm; 0.20 and 0.25 usual; docs/domain.md §1, Rob James SMP). */
export const NEEDLES: readonly { readonly id: NeedleId; readonly label: string; readonly diameterMm: number; readonly prongs: 1 | 3 }[] = [
  { id: '1RL-0.18', label: '1RL 0.18 mm', diameterMm: 0.18, prongs: 1 },
  { id: '1RL-0.20', label: '1RL 0.20 mm', diameterMm: 0.2, prongs: 1 },
  { id: '1RL-0.25', label: '1RL 0.25 mm', diameterMm: 0.25, prongs: 1 },
  { id: '1RL-0.30', label: '1RL 0.30 mm', diameterMm: 0.3, prongs: 1 },
  { id: '3RL-0.18', label: '3RL 0.18 mm', diameterMm: 0.18, prongs: 3 },
  { id: '3RL-0.20', label: '3RL 0.20 mm', diameterMm: 0.2, prongs: 3 },
  { id: '3RL-0.25', label: '3RL 0.25 mm', diameterMm: 0.25, prongs: 3 },
  { id: '3RL-0.30', label: '3RL 0.30 mm', diameterMm: 0.3, prongs: 3 },
];

/**
 * A 3-round-liner cluster leaves one impression wider than a single needle. Three touching needles
 * fit in a circle 2.15 x one diameter; pigment fills the middle, so the impression is taken as
 * 1.8 x (model choice, no published figure).
 */
export const THREE_RL_IMPRESSION_FACTOR = 1.8;

/**
 * Healed dot diameter over needle diameter. Healed dots read about 0.1 mm at the surface (Rassman
 * et al., HT Forum 26(3):85) or 90–170 µm (HIS Hair Clinic); holes "shrink about 50 %" (prohairclinic,
 * uncertain). 0.6 puts a 1RL 0.25 mm dot at 0.15 mm, inside both ranges.
 */
export const HEALED_SIZE_FACTOR = 0.6;

/** Per-dot size variation, as a fraction either side of the mean (model choice: hand-placed dots vary). */
export const DOT_SIZE_VARIATION = 0.18;

/** Per-dot shade variation, as a fraction either side of the mean ("dots from each session differ slightly", scalpink). */
export const DOT_SHADE_VARIATION = 0.15;

/** Needle record for an id. */
export function needleById(id: NeedleId): (typeof NEEDLES)[number] {
  return NEEDLES.find((n) => n.id === id) ?? NEEDLES[2]!;
}

/** Impression diameter, mm, a needle leaves (a 3RL cluster leaves a wider one). */
export function impressionDiameterMm(id: NeedleId): number {
  const needle = needleById(id);
  return needle.prongs === 3 ? needle.diameterMm * THREE_RL_IMPRESSION_FACTOR : needle.diameterMm;
}

/** Diameter, mm, of the sharp core of a healed impression made with this needle. */
export function healedDotDiameterMm(id: NeedleId): number {
  return impressionDiameterMm(id) * HEALED_SIZE_FACTOR;
}

// ------------------------------------------------------------------------------------------------
// Optics: pigment in the dermis seen through scattering skin (docs/realism.md).
//
// A dot removes light over an area several times its own: a small soft core (what the eye reads as
// the dot) and a wide halo, because light that reaches the pigment has travelled sideways through
// the skin. For dots i and linear-RGB channel c, the skin's own light is multiplied by
//   T_c = exp(−Σ_i s_i · k_c · [w · G(r_i; σ_core) + (1 − w) · G(r_i; σ_halo,c)])
// with G a unit-area 2-D Gaussian (mm⁻²), s_i the dot's absorbance (mm²: its ink's opacity times the
// equivalent absorbing area of its impression) and k_c the channel weights. The preview draws the
// cores as point sprites and the halos as the design's absorbance, blurred per channel on a grid
// laid over the photo (render/HaloGrid.ts); the export draws the same.

/** Impression diameter, mm, that the reference absorbing area belongs to (a 1RL 0.25 mm needle). */
export const REFERENCE_IMPRESSION_MM = 0.25;

/**
 * Equivalent absorbing area of one opaque dot of the reference impression, mm²: the area of an
 * opaque surface disc that would remove the same light. Light transport gives 0.15–0.22 for a thin
 * pigment layer and 0.25–0.33 for a 0.15–0.40 mm deep column, as a needle leaves (research/optics/
 * NOTES.md, an estimate). Calibrated: 0.30.
 */
export const DOT_ABSORBING_AREA_MM2 = 0.29;

/**
 * How the absorbing area grows with the impression: 0.08 mm² at 0.15 mm and 0.30–0.41 mm² at 0.40 mm
 * in the same simulation fit area ∝ diameter^1.6 (estimate).
 */
export const ABSORBING_AREA_SIZE_EXPONENT = 1.6;

/**
 * Relative absorption per linear-RGB channel of healed carbon seen through skin. Calibrated on the
 * colour shift of real healed work (Δa* about +1, Δb* about −3 on light-medium skin): green slightly
 * more than red, blue clearly less, the cool blue-grey of dermal carbon (Tyndall effect, JAMA
 * Dermatol 2017;153(3):308; "grey to black" dots in dermoscopy, Nguyen 2022).
 */
export const CHANNEL_ABSORPTION: readonly [number, number, number] = [1.0, 1.25, 1.2];

/**
 * Share of a healed dot's absorbance in its core. The simulation's two-Gaussian fit gives 0.28–0.31
 * at 0.25 mm depth and about 0.4 at 0.10 mm (research/optics/NOTES.md). Calibrated on the grain of
 * real healed work: 0.3.
 */
export const CORE_FRACTION = 0.42;

/**
 * Width (σ) of the halo per channel R, G, B, mm: red light travels furthest in skin (diffuse fading
 * lengths about 3.7 / 1.4 / 0.7 mm for Jensen et al. 2001 skin); the simulation's fit at 0.25 mm depth
 * gives 1.25 / 0.90 / 0.80 mm (research/optics/NOTES.md, estimate).
 */
export const HALO_SIGMA_MM: readonly [number, number, number] = [1.25, 0.9, 0.8];

/**
 * Optical depth of a neat-ink deposit. Ink with w parts of water holds 1 / (1 + w) of the pigment and
 * the deposit absorbs by Beer–Lambert: opacity 1 − exp(−τ / (1 + w)); the simulation of partial
 * absorbers agrees (τ 0.1 / 0.3 / 1 remove 0.11 / 0.29 / 0.63 of what an opaque one does, research/
 * optics/NOTES.md). Calibrated: τ = 6, so neat is opaque (0.998), 10:1 keeps 0.42 and 20:1 0.25,
 * well under half of 3:1 (0.78), as practitioners use 20:1 and more for light skin.
 */
export const NEAT_INK_OPTICAL_DEPTH = 6;

/** Opacity in [0, 1] of a deposit of ink diluted with `dilutionWaterParts` parts of water. */
export function inkOpacity(dilutionWaterParts: number): number {
  return 1 - Math.exp(-NEAT_INK_OPTICAL_DEPTH / (1 + Math.max(0, dilutionWaterParts)));
}

/** Pigment strength in [0, 1] for a water:pigment dilution, relative to neat ink (for labels). */
export function pigmentStrength(dilutionWaterParts: number): number {
  return inkOpacity(dilutionWaterParts) / inkOpacity(0);
}

/** Width (σ, mm) of a healed dot's core: the simulation's 0.15 mm for a 0.25 mm impression, which is also its healed diameter. */
export function coreSigmaMm(id: NeedleId): number {
  return healedDotDiameterMm(id);
}

/** Absorbance of one healed dot, mm² (before the channel weights and per-dot variation). */
export function dotAbsorbanceMm2(id: NeedleId, dilutionWaterParts: number): number {
  return inkOpacity(dilutionWaterParts) * DOT_ABSORBING_AREA_MM2 * Math.pow(impressionDiameterMm(id) / REFERENCE_IMPRESSION_MM, ABSORBING_AREA_SIZE_EXPONENT);
}

/**
 * Smallest core width drawn, device px: a narrower core is drawn this wide with the same absorbance,
 * so a dot never falls between pixels and the mean darkening does not depend on the zoom.
 */
export const MIN_CORE_SIGMA_PX = 0.5;

/** The core is drawn out to this many σ (98.9 % of its absorbance). */
export const CORE_EXTENT_SIGMAS = 3;

// ------------------------------------------------------------------------------------------------
// Healing and ageing (docs/domain.md §5–6)

/** Healing stages the preview can show (docs/domain.md §5). */
export type HealingStage = 'fresh' | 'settling' | 'healed';

/**
 * A fresh impression is a scab of blood and pigment at the surface: "much larger and darker" than the
 * final dot (teammicro.com/smp/fading). It is drawn at the impression's full size (1 / 0.6 of the
 * healed core) with 1.8 × the absorbance, 80 % of it in the core (it sits at the surface, so little
 * is spread by the skin), and a warmer colour (dried blood absorbs green and blue a little more).
 * Calibrated on a fresh first session (docs/realism.md).
 */
export const SCAB_SIZE_FACTOR = 1 / HEALED_SIZE_FACTOR;
export const SCAB_STRENGTH_FACTOR = 1.8;
export const SCAB_CORE_FRACTION = 0.8;
export const SCAB_CHANNEL_ABSORPTION: readonly [number, number, number] = [0.9, 1.0, 1.0];

/**
 * Redness of fresh work follows the wounds: the scabbed dots' count per mm², blurred over
 * REDNESS_SIGMA_MM, reddens the skin by REDNESS_MAX × (1 − exp(−count / REDNESS_HALF_COUNT_PER_MM2))
 * (green and blue lowered). Redness lasts 2–5 days (hishairclinic.com knowledgebase); photos of
 * fresh sessions show a mild flush around the dots, fading past the edge (model choice).
 */
export const REDNESS_SIGMA_MM = 1.5;
export const REDNESS_HALF_COUNT_PER_MM2 = 0.5;

/** How a stage looks: what share of the dots still carry scabs and how red the skin is around them. */
export interface StageLook {
  /** Share of the session's dots that still carry a scab, 0..1. */
  readonly scabFraction: number;
  /** Largest reduction of green and blue in skin crowded with scabs, 0..1. */
  readonly redness: number;
  /** Healed dots: absorbance factor (fading over the years). */
  readonly strengthFactor: number;
  /** Healed dots: width factor of core and halo (pigment spreading over the years). */
  readonly sizeFactor: number;
  /** Healed dots: factor on blue's absorption (the blue-grey cast grows as pigment settles deeper). */
  readonly blueFactor: number;
}

/** Fresh, days 0–3: every dot a scab; redness 2–5 days (HIS knowledgebase). */
export const FRESH_LOOK: StageLook = { scabFraction: 1, redness: 0.1, strengthFactor: 1, sizeFactor: 1, blueFactor: 1 };

/**
 * Settling, about a week: scabs flake off unevenly ("darker for up to 7 days", HIS knowledgebase),
 * so about half the dots are still scabs and the rest already healed: a patchy look (model choice).
 */
export const SETTLING_LOOK: StageLook = { scabFraction: 0.45, redness: 0.02, strengthFactor: 1, sizeFactor: 1, blueFactor: 1 };

/** Healed, from about 4 weeks: the model above as it is. */
export const HEALED_LOOK: StageLook = { scabFraction: 0, redness: 0, strengthFactor: 1, sizeFactor: 1, blueFactor: 1 };

/**
 * Fading per year after healing: UV and the immune system clear pigment over years, and clinics
 * advise touch-ups every 4–6 years (docs/domain.md §6). Losing 7 % of the absorbance a year leaves
 * about 70 % at 5 years, visibly lighter (model choice). Pigment also "expands slightly" over time
 * [forum]: 1.5 % a year in width, and the blue-grey cast grows a little (blue absorbed 1 % less a year).
 */
export const FADE_PER_YEAR = 0.07;
export const SPREAD_PER_YEAR = 0.015;
export const BLUE_SHIFT_PER_YEAR = 0.01;

/** Years after which clinics advise a touch-up (docs/domain.md §6). */
export const TOUCH_UP_YEARS = { from: 4, to: 6 } as const;

/** Most years the preview shows. */
export const MAX_YEARS = 8;

/** The look of a stage; `years` (0–8) ages a healed design. */
export function stageLook(stage: HealingStage, years = 0): StageLook {
  if (stage === 'fresh') return FRESH_LOOK;
  if (stage === 'settling') return SETTLING_LOOK;
  const y = Math.min(MAX_YEARS, Math.max(0, years));
  return {
    ...HEALED_LOOK,
    strengthFactor: Math.pow(1 - FADE_PER_YEAR, y),
    sizeFactor: 1 + SPREAD_PER_YEAR * y,
    blueFactor: 1 - BLUE_SHIFT_PER_YEAR * y,
  };
}
