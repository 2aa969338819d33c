/**
 * What a design looks like for drawing, at a chosen moment of its session plan: which rank band is
 * shown, and each session's core width, absorbance, share of scabs and blue cast (core/appearance.ts).
 * The shaders get these as uniforms, so stepping through sessions, stages and years never
 * regenerates or moves a dot.
 */
import { CORE_EXTENT_SIGMAS, coreSigmaMm, dotAbsorbanceMm2, HALO_SIGMA_MM, HEALED_LOOK, SCAB_SIZE_FACTOR, stageLook, type HealingStage, type StageLook } from '../appearance.ts';
import type { Design } from '../document/types.ts';
import { cumulativeShares, MAX_SESSIONS } from '../sessions.ts';
import { mmToPx } from '../units.ts';

/** What moment of the plan is shown (view state, never part of the document). */
export interface ShowState {
  /** 0 shows the photo as it is ("before"); k shows the design after session k (or session k alone). */
  readonly session: number;
  /** Only the dots placed in session k, without the earlier ones. */
  readonly alone: boolean;
  /** How long after session k: fresh, settling or healed. */
  readonly stage: HealingStage;
  /** Years after healing (healed stage only), 0–8. */
  readonly years: number;
}

/** The finished design, healed, as the practitioner designs it. */
export function finalShow(sessionCount: number): ShowState {
  return { session: sessionCount, alone: false, stage: 'healed', years: 0 };
}

/** Four values, one per session slot (the shader's vec4); slots past the plan repeat the last session. */
export type PerSession = readonly [number, number, number, number];

/** Drawing parameters derived from a design and a ShowState. */
export interface DotLook {
  /** Rank threshold at full field strength: density / max density. */
  readonly threshold: number;
  /** Cumulative shares c(1..4): session j's dots have c(j−1)·t ≤ rank < c(j)·t. */
  readonly cumulative: PerSession;
  /** Fractions of the local threshold shown: showFrom·t ≤ rank < showTo·t. */
  readonly showFrom: number;
  readonly showTo: number;
  /** Width (σ) of each session's healed dot cores, image px. */
  readonly coreSigmaPx: PerSession;
  /** Absorbance of one of each session's healed dots, mm² (ink opacity × absorbing area × fading). */
  readonly absorbanceMm2: PerSession;
  /** Share of each session's dots that still carry a scab (the session just done, fresh or settling). */
  readonly scabFraction: PerSession;
  /** Factor on the blue channel's absorption by each session's healed dots (grows bluer over years). */
  readonly blueFactor: PerSession;
  /** Width (σ) of the halo per channel R, G, B, image px. */
  readonly haloSigmaPx: readonly [number, number, number];
  /** Largest reduction of green and blue in skin crowded with scabs (fresh and settling), 0..1. */
  readonly redness: number;
  /** How far dots are moved from their even places towards their hand-placed ones, 0..1. */
  readonly placement: number;
  /** Largest core radius drawn (a scab's, if any), image px: export tiles use it as their margin. */
  readonly maxRadiusPx: number;
}

/** The session shown, clamped to the plan (0 = before). */
export function shownSession(design: Design, show: ShowState): number {
  return Math.max(0, Math.min(design.sessions.length, Math.round(show.session)));
}

/** The look of session j (0-based) when session k (1-based) is shown at `show`'s stage. */
function sessionLook(j: number, k: number, show: ShowState): StageLook {
  if (show.stage === 'healed') return stageLook('healed', show.years);
  // Sessions are weeks apart: the earlier ones have healed by the time session k is done.
  return j === k - 1 ? stageLook(show.stage) : HEALED_LOOK;
}

const pad = (values: readonly number[]): PerSession => {
  const last = values[values.length - 1] ?? 0;
  return [0, 1, 2, 3].map((i) => values[i] ?? last) as unknown as PerSession;
};

/** Derives the drawing parameters. */
export function dotLook(design: Design, show: ShowState = finalShow(design.sessions.length)): DotLook {
  const sessions = design.sessions.slice(0, MAX_SESSIONS);
  const c = cumulativeShares(sessions);
  const k = shownSession(design, show);
  const looks = sessions.map((_, j) => sessionLook(j, k, show));
  const mmToImagePx = (mm: number): number => mmToPx(mm, design.scale.pxPerCm);
  const coreSigmaPx = sessions.map((s, j) => mmToImagePx(coreSigmaMm(s.needle) * looks[j]!.sizeFactor));
  const scabFraction = looks.map((l) => l.scabFraction);
  const drawnRadii = coreSigmaPx.map((sigma, j) => sigma * CORE_EXTENT_SIGMAS * (scabFraction[j]! > 0 ? SCAB_SIZE_FACTOR : 1));
  const spread = k === 0 ? 1 : looks[k - 1]!.sizeFactor;
  return {
    threshold: Math.min(1, design.dots.densityPerCm2 / design.maxDensityPerCm2),
    cumulative: pad(c.slice(1)),
    showFrom: k === 0 ? 0 : show.alone ? c[k - 1]! : 0,
    showTo: k === 0 ? 0 : c[k]!,
    coreSigmaPx: pad(coreSigmaPx),
    absorbanceMm2: pad(sessions.map((s, j) => dotAbsorbanceMm2(s.needle, s.dilutionWaterParts) * looks[j]!.strengthFactor)),
    scabFraction: pad(scabFraction),
    blueFactor: pad(looks.map((l) => l.blueFactor)),
    haloSigmaPx: HALO_SIGMA_MM.map((sigma) => mmToImagePx(sigma * spread)) as unknown as readonly [number, number, number],
    redness: k === 0 ? 0 : looks[k - 1]!.redness,
    placement: design.dots.placementPercent / 100,
    maxRadiusPx: Math.max(...drawnRadii),
  };
}
