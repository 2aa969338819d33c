/**
 * What a design looks like for drawing, at a chosen moment of its session plan: which rank band is
 * shown, and each session's dot radius, optical density and blue cast. The shader gets these as
 * uniforms, so stepping through sessions, stages and years never regenerates or moves a dot.
 */
import { centreOpticalDensity, drawnDotRadiusMm, HEALED_LOOK, stageLook, type HealingStage, type StageLook } from '../appearance.ts';
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
  /** Mean radius each session's dots are drawn to (soft halo included), image px. */
  readonly radiusPx: PerSession;
  /** Optical density at a dot's centre, per session. */
  readonly centreOD: PerSession;
  /** Absorption of the blue channel relative to red, per session. */
  readonly blueAbsorption: PerSession;
  /** Redness of the skin treated in the session shown (fresh and settling stages), 0..1. */
  readonly redness: number;
  /** Largest radius drawn, image px (export tiles use it as their margin). */
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
  const radiusPx = sessions.map((s, j) => mmToPx(drawnDotRadiusMm(s.needle) * looks[j]!.sizeFactor, design.scale.pxPerCm));
  return {
    threshold: Math.min(1, design.dots.densityPerCm2 / design.maxDensityPerCm2),
    cumulative: pad(c.slice(1)),
    showFrom: k === 0 ? 0 : show.alone ? c[k - 1]! : 0,
    showTo: k === 0 ? 0 : c[k]!,
    radiusPx: pad(radiusPx),
    centreOD: pad(sessions.map((s, j) => centreOpticalDensity(s.dilutionWaterParts) * looks[j]!.odFactor)),
    blueAbsorption: pad(looks.map((l) => l.blueAbsorption)),
    redness: k === 0 ? 0 : looks[k - 1]!.redness,
    maxRadiusPx: Math.max(...radiusPx),
  };
}

/**
 * The session (0-based) whose look a point of `rank` takes where the local threshold is `t`, or −1
 * when it is not drawn: the rule the vertex shader applies, for tests and CPU previews.
 */
export function drawnSession(rank: number, t: number, look: DotLook): number {
  if (rank >= t * look.showTo || rank < t * look.showFrom) return -1;
  for (let j = 0; j < 3; j++) if (rank < t * look.cumulative[j]!) return j;
  return 3;
}
