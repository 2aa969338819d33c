/**
 * The session plan: 1–4 sessions, each placing a share of the final density (docs/design-notes.md, "Sessions in the shader"). With
 * cumulative shares c(0) = 0 < c(1) < … < c(n) = 1, a point of rank r where the design's threshold
 * is t (the local density over the maximum) is a dot of session k when c(k−1)·t ≤ r < c(k)·t. The
 * bands partition the design's dots; the view "after session k" is r < c(k)·t; changing one share
 * moves band edges, never a dot's position.
 *
 * Defaults follow docs/domain.md §4: three sessions; the first light and sparse, the second
 * most of the density, the third refines and darkens; 14 days from the first to the second and 21
 * more to the third (sources: 7–20 days, then up to a month).
 */
import type { NeedleId, Session } from './document/types.ts';

/** Fewest and most sessions in a plan. */
export const MIN_SESSIONS = 1;
export const MAX_SESSIONS = 4;

/** Default shares (percent), dilutions (water:pigment) and gaps (days after the previous session). */
const DEFAULT_PLAN: readonly { sharePercent: number; dilutionWaterParts: number; daysAfterPrevious: number }[] = [
  { sharePercent: 30, dilutionWaterParts: 10, daysAfterPrevious: 0 },
  { sharePercent: 50, dilutionWaterParts: 7, daysAfterPrevious: 14 },
  { sharePercent: 20, dilutionWaterParts: 5, daysAfterPrevious: 21 },
];

/** Adds days to a YYYY-MM-DD date (calendar arithmetic in UTC, across months and years). */
export function addDays(date: string, days: number): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  if (!m) throw new RangeError(`not a YYYY-MM-DD date: ${date}`);
  const t = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])) + days * 86_400_000;
  return new Date(t).toISOString().slice(0, 10);
}

/** The default three-session plan starting on `startDate` (or unscheduled), with one needle. */
export function defaultSessions(needle: NeedleId, startDate: string | null): Session[] {
  let date = startDate;
  return DEFAULT_PLAN.map((p) => {
    if (date !== null) date = addDays(date, p.daysAfterPrevious);
    return { date, sharePercent: p.sharePercent, dilutionWaterParts: p.dilutionWaterParts, needle };
  });
}

/** Cumulative shares c(0..n) with c(0) = 0 and c(n) = 1 (shares read relative to their sum). */
export function cumulativeShares(sessions: readonly Session[]): number[] {
  const total = sessions.reduce((s, x) => s + Math.max(0, x.sharePercent), 0);
  const out = [0];
  let sum = 0;
  for (const s of sessions) {
    sum += Math.max(0, s.sharePercent);
    out.push(total > 0 ? sum / total : out.length / sessions.length);
  }
  out[out.length - 1] = 1;
  return out;
}

/** The calendar date of a moment in local time, as YYYY-MM-DD. */
export function localIsoDate(d: Date): string {
  const p = (n: number): string => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())}`;
}

/** Each session's share of the final density as a fraction (shares read relative to their sum). */
export function sessionFractions(sessions: readonly Session[]): number[] {
  const c = cumulativeShares(sessions);
  return sessions.map((_, i) => c[i + 1]! - c[i]!);
}

/**
 * Splits `total` whole units in proportion to `weights`, at least `minEach` each (largest remainders
 * take the units left by rounding down; ties go to the earlier). The caller keeps total ≥ n·minEach.
 */
export function apportion(total: number, weights: readonly number[], minEach = 0): number[] {
  const n = weights.length;
  if (n === 0) return [];
  const w = weights.map((x) => (Number.isFinite(x) ? Math.max(0, x) : 0));
  const sum = w.reduce((a, b) => a + b, 0);
  const ideal = w.map((x) => (sum > 0 ? (x / sum) * total : total / n));
  const want = ideal.map((x) => Math.max(0, x - minEach));
  const wantSum = want.reduce((a, b) => a + b, 0);
  const left = total - n * minEach;
  const raw = want.map((x) => (wantSum > 0 ? (x / wantSum) * left : left / n));
  const out = raw.map((x) => minEach + Math.floor(x));
  let rest = total - out.reduce((a, b) => a + b, 0);
  const order = raw.map((x, i) => ({ i, frac: x - Math.floor(x) })).sort((a, b) => b.frac - a.frac || a.i - b.i);
  for (let k = 0; rest > 0; k = (k + 1) % n, rest--) out[order[k]!.i] = out[order[k]!.i]! + 1;
  return out;
}

/** Shares in whole per cent of a plan's sessions, adding up to exactly 100 (what tables and records print). */
export function sharePercents(sessions: readonly Session[]): number[] {
  return apportion(100, sessions.map((s) => s.sharePercent));
}

/**
 * The sessions' shares made to add up to 100 % in steps of `step` %, none under `min` %. Without
 * `fixed`, in proportion to what they were (a session removed). With it, session `fixed.index`
 * takes `fixed.value` (as near as the others' minimum allows) and the others share the rest: in
 * proportion (`spread` 'proportional', a session added) or, by default, the difference is taken
 * from or given to them from the last one back (a share edited: a plan is set session by session,
 * and the last completes it).
 */
export function balanceShares(
  sessions: readonly Session[],
  step: number,
  min: number,
  fixed?: { readonly index: number; readonly value: number },
  spread: 'from-last' | 'proportional' = 'from-last',
): Session[] {
  const n = sessions.length;
  const units = Math.round(100 / step);
  const minUnits = Math.ceil(min / step);
  if (!fixed || n === 1) {
    const shares = apportion(units, sessions.map((s) => s.sharePercent), minUnits);
    return sessions.map((s, i) => ({ ...s, sharePercent: shares[i]! * step }));
  }
  const mine = Math.min(units - minUnits * (n - 1), Math.max(minUnits, Math.round(fixed.value / step)));
  if (spread === 'proportional') {
    const rest = apportion(units - mine, sessions.filter((_, i) => i !== fixed.index).map((s) => s.sharePercent), minUnits);
    let k = 0;
    return sessions.map((s, i) => ({ ...s, sharePercent: (i === fixed.index ? mine : rest[k++]!) * step }));
  }
  const shares = sessions.map((s) => Math.max(minUnits, Math.round(s.sharePercent / step)));
  shares[fixed.index] = mine;
  let delta = units - shares.reduce((a, b) => a + b, 0);
  for (let i = n - 1; i >= 0 && delta !== 0; i--) {
    if (i === fixed.index) continue;
    const change = delta > 0 ? delta : Math.max(delta, minUnits - shares[i]!);
    shares[i] = shares[i]! + change;
    delta -= change;
  }
  return sessions.map((s, i) => ({ ...s, sharePercent: shares[i]! * step }));
}

/**
 * Dots per cm² (behind the transition zone) shown after session k (1-based), or placed in session
 * k alone: the design density times the cumulative share, or times that session's own share.
 */
export function densityAfterSession(densityPerCm2: number, sessions: readonly Session[], k: number, alone = false): number {
  const c = cumulativeShares(sessions);
  const j = Math.max(0, Math.min(sessions.length, k));
  return densityPerCm2 * (alone && j > 0 ? c[j]! - c[j - 1]! : c[j]!);
}
