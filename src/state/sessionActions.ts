/**
 * Edits of the session plan: one session's date, share, dilution or needle, and adding or removing
 * a session. Each is one undo step (a slider drag squashes into one); a refused edit says why.
 */
import type { NeedleId, Session } from '../core/document/types.ts';
import { addDays, balanceShares, MAX_SESSIONS, MIN_SESSIONS } from '../core/sessions.ts';
import { DILUTION_RANGE, SESSION_SHARE_RANGE } from '../core/document/limits.ts';
import { commit, notify, setView } from './actions.ts';
import type { AppStore } from './store.ts';

/** Days after the last session that an added session is dated (sources: 10–30 days; docs/domain.md §4). */
export const ADDED_SESSION_GAP_DAYS = 21;

/** Water parts an added session takes off the last one's dilution: each session a shade darker (docs/domain.md §3). */
const ADDED_SESSION_DARKER_BY = 2;

/** Changes session `index` (0-based). */
export function setSession(store: AppStore, index: number, patch: Partial<Session>): void {
  const { design } = store.getState();
  const old = design.sessions[index];
  if (!old) return;
  const next = { ...old, ...patch };
  if ((Object.keys(patch) as (keyof Session)[]).every((k) => next[k] === old[k])) return;
  const sessions = design.sessions.map((s, i) => (i === index ? next : s));
  // A share changed: the others make room, so the plan still adds up to 100 %.
  const balanced = patch.sharePercent === undefined ? sessions : balanceShares(sessions, SESSION_SHARE_RANGE.step, SESSION_SHARE_RANGE.min, { index, value: next.sharePercent });
  commit(store, { ...design, sessions: balanced });
}

/** Appends a session three weeks after the last, a shade darker, and edits it; refused past MAX_SESSIONS. */
export function addSession(store: AppStore): boolean {
  const { design } = store.getState();
  if (design.sessions.length >= MAX_SESSIONS) {
    notify(store, 'error', `A plan has at most ${MAX_SESSIONS} sessions; this one has ${design.sessions.length}. Nothing was added.`);
    return false;
  }
  const last = design.sessions[design.sessions.length - 1]!;
  const session: Session = {
    date: last.date === null ? null : addDays(last.date, ADDED_SESSION_GAP_DAYS),
    sharePercent: Math.max(SESSION_SHARE_RANGE.min, 20),
    dilutionWaterParts: Math.max(DILUTION_RANGE.min, last.dilutionWaterParts - ADDED_SESSION_DARKER_BY),
    needle: last.needle,
  };
  // The new session takes its share from the others, in proportion: still 100 % in all.
  const sessions = balanceShares([...design.sessions, session], SESSION_SHARE_RANGE.step, SESSION_SHARE_RANGE.min, { index: design.sessions.length, value: session.sharePercent }, 'proportional');
  commit(store, { ...design, sessions });
  setView(store, { editSession: design.sessions.length + 1 });
  return true;
}

/** Removes the last session; refused when it is the only one. */
export function removeLastSession(store: AppStore): boolean {
  const { design, view } = store.getState();
  if (design.sessions.length <= MIN_SESSIONS) {
    notify(store, 'error', 'A plan needs at least one session. Nothing was removed.');
    return false;
  }
  const n = design.sessions.length - 1;
  // Its share goes back to the others, in proportion.
  commit(store, { ...design, sessions: balanceShares(design.sessions.slice(0, n), SESSION_SHARE_RANGE.step, SESSION_SHARE_RANGE.min) });
  setView(store, { editSession: Math.min(view.editSession, n) });
  return true;
}

/** Sessions dated before the one ahead of them, as plain sentences (empty when in order). */
export function sessionOrderProblems(sessions: readonly Session[]): string[] {
  const out: string[] = [];
  for (let i = 1; i < sessions.length; i++) {
    const a = sessions[i - 1]!.date;
    const b = sessions[i]!.date;
    if (a !== null && b !== null && b <= a) out.push(`Session ${i + 1} is dated on or before session ${i}.`);
  }
  return out;
}

/**
 * Applies a hair match in one undo step: the design's Density, and the dilution (and, when given,
 * the needle) of the last session, the one that completes the look and matches the client's
 * darkness (docs/domain.md §3).
 */
export function applyHairMatch(store: AppStore, densityPerCm2: number, dilutionWaterParts: number, needle?: NeedleId): void {
  const { design } = store.getState();
  const last = design.sessions.length - 1;
  commit(store, {
    ...design,
    dots: { ...design.dots, densityPerCm2 },
    sessions: design.sessions.map((s, i) => (i === last ? { ...s, dilutionWaterParts, needle: needle ?? s.needle } : s)),
  });
}
