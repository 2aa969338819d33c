/**
 * The appearance model: how a tattooed microdot looks on skin. Every constant lives here with its
 * source (shared/research/domain.md). Where the sources give only words, the number is a model
 * choice and says so.
 */
import type { NeedleId } from './document/types.ts';

/** Needle diameters, mm (1RL/3RL, 0.18–0.30 mm; 0.20 and 0.25 usual; domain.md §2.1, Rob James SMP). */
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

/**
 * Optical density at the centre of a healed dot of neat carbon. 0.9 leaves about 13 % of the skin's
 * light: a near-black dot, as dermoscopy shows "grey to black circular dots" (Nguyen 2022). Model choice.
 */
export const NEAT_CENTRE_OPTICAL_DENSITY = 0.9;

/**
 * Water parts at which the deposited pigment halves. Practitioners read the shade number as the
 * water:pigment ratio (TABA UK) and use up to 20–30:1 for light clients; with 6 parts for half
 * strength a 20:1 dot keeps about a quarter of neat density, still visible as grey. Model choice.
 */
export const DILUTION_HALF_WATER_PARTS = 6;

/**
 * Per-channel absorption of healed carbon relative to red. Dermal black looks slightly blue-grey
 * (Tyndall effect, JAMA Dermatol 2017;153(3):308): blue is absorbed a little less.
 */
export const PIGMENT_CHANNEL_ABSORPTION: readonly [number, number, number] = [1.0, 0.97, 0.88];

/** Per-dot size variation, as a fraction either side of the mean (model choice: hand-placed dots vary). */
export const DOT_SIZE_VARIATION = 0.18;

/** Per-dot shade variation, as a fraction either side of the mean ("dots from each session differ slightly", scalpink). */
export const DOT_SHADE_VARIATION = 0.15;

/**
 * Gaussian edge softness: the dot's optical density falls to half at this fraction of its drawn
 * radius. Pigment in the dermis is seen through the epidermis, so edges are soft, not crisp; the
 * published healed sizes are read as the diameter at half strength, and the faint halo beyond it is
 * drawn too (model choice).
 */
export const DOT_EDGE_HALF_RADIUS = 0.62;

/**
 * Smallest radius a dot is drawn with, device px: a smaller dot is spread to it and lightened by its
 * coverage (radius / this)², so a dot never vanishes between pixels (rendering choice).
 */
export const MIN_DRAWN_RADIUS_PX = 1;

/** Radius, mm, to which a healed dot's soft profile is drawn (its half-strength diameter is healedDotDiameterMm). */
export function drawnDotRadiusMm(id: NeedleId): number {
  return healedDotDiameterMm(id) / 2 / DOT_EDGE_HALF_RADIUS;
}

/** Needle record for an id. */
export function needleById(id: NeedleId): (typeof NEEDLES)[number] {
  return NEEDLES.find((n) => n.id === id) ?? NEEDLES[2]!;
}

/** Diameter, mm, of a healed impression made with this needle. */
export function healedDotDiameterMm(id: NeedleId): number {
  const needle = needleById(id);
  const impression = needle.prongs === 3 ? needle.diameterMm * THREE_RL_IMPRESSION_FACTOR : needle.diameterMm;
  return impression * HEALED_SIZE_FACTOR;
}

/** Pigment strength in [0, 1] for a water:pigment dilution (1 = neat). */
export function pigmentStrength(dilutionWaterParts: number): number {
  return 1 / (1 + Math.max(0, dilutionWaterParts) / DILUTION_HALF_WATER_PARTS);
}

/** Optical density at the centre of a dot (before per-dot variation) for a dilution. */
export function centreOpticalDensity(dilutionWaterParts: number): number {
  return NEAT_CENTRE_OPTICAL_DENSITY * pigmentStrength(dilutionWaterParts);
}

/**
 * Fraction of skin light a dot lets through at distance r from its centre (0 = centre, 1 = rim),
 * per channel c. The preview shader and the CPU reference use this same formula.
 */
export function dotTransmittance(opticalDensity: number, r: number, channel: 0 | 1 | 2): number {
  const k = Math.LN2 / (DOT_EDGE_HALF_RADIUS * DOT_EDGE_HALF_RADIUS);
  const profile = r >= 1 ? 0 : Math.exp(-k * r * r) * (1 - r * r);
  return Math.pow(10, -opticalDensity * PIGMENT_CHANNEL_ABSORPTION[channel] * profile);
}

/** Healing stages the preview can show (domain.md §2.6). */
export type HealingStage = 'fresh' | 'settling' | 'healed';

/** How a stage changes a healed dot: size and optical density factors, the blue channel's absorption, skin redness. */
export interface StageLook {
  readonly sizeFactor: number;
  readonly odFactor: number;
  /** Absorption of the blue channel relative to red (PIGMENT_CHANNEL_ABSORPTION[2] when healed). */
  readonly blueAbsorption: number;
  /** Redness of the treated skin, 0..1: the fraction green and blue are reduced by. */
  readonly redness: number;
}

/**
 * Fresh, days 0–3: scabs are "much larger" than the healed dot and darker (blood at the surface);
 * the healed dot is about 60 % of the impression (HEALED_SIZE_FACTOR), so a fresh one is drawn at
 * the impression's size. Redness lasts 2–5 days. How much darker is not published: 1.5 × the
 * optical density is a model choice that reads as near-black. Sources: teammicro.com/smp/fading,
 * ink2scalp.com (hemolysis), HIS knowledgebase (redness 2–5 days).
 */
export const FRESH_LOOK: StageLook = { sizeFactor: 1 / HEALED_SIZE_FACTOR, odFactor: 1.5, blueAbsorption: 0.97, redness: 0.14 };

/**
 * Settling, about a week: scabs are falling off, "darker for up to 7 days" (HIS knowledgebase);
 * halfway between fresh and healed (model choice), with a trace of redness.
 */
export const SETTLING_LOOK: StageLook = { sizeFactor: 1.25, odFactor: 1.2, blueAbsorption: 0.93, redness: 0.03 };

/** How far past the treated area the redness of fresh work reaches, mm (model choice: a narrow flush). */
export const REDNESS_SPREAD_MM = 3;

/** Healed, from about 4 weeks: the model above as it is. */
export const HEALED_LOOK: StageLook = { sizeFactor: 1, odFactor: 1, blueAbsorption: PIGMENT_CHANNEL_ABSORPTION[2], redness: 0 };

/**
 * Fading per year after healing: UV and the immune system clear pigment over years, and clinics
 * advise touch-ups every 4–6 years (domain.md §2.7). Losing 7 % of optical density a year leaves
 * about 70 % at 5 years, visibly lighter (model choice). Pigment also "expands slightly" over time
 * [forum]: 1.5 % a year in size, and the scattering blue-grey cast grows a little.
 */
export const FADE_PER_YEAR = 0.07;
export const SPREAD_PER_YEAR = 0.015;
export const BLUE_SHIFT_PER_YEAR = 0.01;

/** Years after which clinics advise a touch-up (domain.md §2.7). */
export const TOUCH_UP_YEARS = { from: 4, to: 6 } as const;

/** Most years the preview shows. */
export const MAX_YEARS = 8;

/** The look of a stage; `years` (0–8) ages a healed design. */
export function stageLook(stage: HealingStage, years = 0): StageLook {
  if (stage === 'fresh') return FRESH_LOOK;
  if (stage === 'settling') return SETTLING_LOOK;
  const y = Math.min(MAX_YEARS, Math.max(0, years));
  return {
    sizeFactor: 1 + SPREAD_PER_YEAR * y,
    odFactor: Math.pow(1 - FADE_PER_YEAR, y),
    blueAbsorption: HEALED_LOOK.blueAbsorption - BLUE_SHIFT_PER_YEAR * y,
    redness: 0,
  };
}
