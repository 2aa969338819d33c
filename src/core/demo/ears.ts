/**
 * The ears as seen from straight above: at each side, a little behind the middle of the head, the
 * top of the helix sticks out beyond the skull's outline as a curled flap. Without them a top view
 * of a shaved head reads as an egg.
 */

/** Ear shape in head centimetres (Y towards the forehead), shared by both sides. */
export interface EarShape {
  /** Where the ear leaves the head's outline, front and back, cm along the head's axis. */
  readonly frontYCm: number;
  readonly backYCm: number;
  /** Largest protrusion beyond the outline, cm. */
  readonly protrusionCm: number;
}

/** Typical adult ear from above: about 4 cm of helix along the head, sticking out 1.5 cm. */
export const EAR_SHAPE: EarShape = { frontYCm: 0.5, backYCm: -3.5, protrusionCm: 1.4 };

/** Result of sampling an ear at a point: how much of the pixel it covers and its shading. */
export interface EarSample {
  coverage: number;
  /** Light on the ear, multiplies the skin albedo. */
  light: number;
}

function smoothstep(edge0: number, edge1: number, x: number): number {
  const t = Math.min(1, Math.max(0, (x - edge0) / (edge1 - edge0)));
  return t * t * (3 - 2 * t);
}

/**
 * Samples the ears at head-space point (xCm, yCm), given the head outline's half-width there
 * (`rimXCm`), and the pixel size in cm for anti-aliasing. Writes into `out`; coverage 0 when missed.
 */
export function sampleEar(shape: EarShape, xCm: number, yCm: number, rimXCm: number, cmPerPx: number, out: EarSample): void {
  out.coverage = 0;
  out.light = 0;
  const t = (yCm - shape.backYCm) / (shape.frontYCm - shape.backYCm);
  if (t <= 0 || t >= 1) return;
  // Protrusion: fuller towards the back, where the helix curls round.
  const reach = shape.protrusionCm * Math.pow(Math.sin(Math.PI * t), 0.7) * (0.65 + 0.55 * (1 - t));
  const d = Math.abs(xCm) - rimXCm + 0.15;
  const blur = 2.5 * cmPerPx; // the ear is lower than the crown: a little out of focus
  if (d < 0 || d > reach + blur) return;
  out.coverage = Math.min(1, Math.max(0, (reach - d) / blur + 0.5));
  const q = d / (reach || 1);
  // Deep shadow in the gap against the head, light rising towards the rolled helix rim, which
  // catches a soft highlight before turning away at the very edge.
  const gap = smoothstep(0.02, 0.55, q);
  const helix = Math.exp(-(((q - 0.82) / 0.1) ** 2));
  const roll = smoothstep(0.9, 1.02, q);
  out.light = (0.05 + 0.3 * gap + 0.1 * helix - 0.12 * roll) * (0.8 + 0.35 * (1 - t));
}
