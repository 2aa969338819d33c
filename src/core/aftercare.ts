/**
 * The dated aftercare plan: the lines of the template in aftercareTemplate.ts (before each session,
 * the healing milestones after it, long-term care once after the last session, warning signs once),
 * turned into calendar dates from the session plan, with the clinic's own edits on top. The day
 * model and how each day offset is read from its sources are explained in aftercareTemplate.ts.
 *
 * Clinic edits key lines by `${templateId}@${sessionNumber}` (1-based) for lines repeated per
 * session and by `${templateId}` for once-only lines; added lines carry their own 'added-N' keys.
 *
 * Over 300 lines as one file: the plan and the clinic's edits are one model; the edits are keyed by
 * the plan's lines and validated against the same limits the plan is built with.
 */
import { AFTERCARE_TEMPLATE, type AftercarePhase } from './aftercareTemplate.ts';
import type { Session } from './document/types.ts';
import { addDays, MAX_SESSIONS } from './sessions.ts';

// ---------------------------------------------------------------------------------------------
// Types.

/** A line the clinic added to its plan. */
export interface AddedLine {
  /** 'added-N', unique within the edits. */
  readonly key: string;
  /** The session (1-based) the day counts from, or null for an undated note (day is then ignored). */
  readonly session: number | null;
  /** Days from that session's date (negative = before it). */
  readonly day: number;
  readonly title: string;
  readonly text: string;
}

/** The clinic's changes to the template: new text by line key, removed keys, added lines. */
export interface AftercareEdits {
  readonly changed: Readonly<Record<string, string>>;
  readonly removed: readonly string[];
  readonly added: readonly AddedLine[];
}

/** No changes: the template as it is. */
export const NO_EDITS: AftercareEdits = Object.freeze({ changed: Object.freeze({}), removed: Object.freeze([]), added: Object.freeze([]) });

/** One line of a built plan. */
export interface AftercareLine {
  /** `${templateId}@${session}`, `${templateId}` for once-only lines, or an added line's key. */
  readonly key: string;
  /** Session number (1-based) the line counts from; null for warnings and undated notes. */
  readonly session: number | null;
  readonly phase: AftercarePhase;
  /** Day offset from that session's date (shown when the session has no date yet); null if undated. */
  readonly day: number | null;
  /** Last day of a lasting restriction, inclusive, when the line has one. */
  readonly untilDay?: number;
  /** Calendar date YYYY-MM-DD, or null when the session has no date or the line is undated. */
  readonly date: string | null;
  /** Last date of a lasting restriction, inclusive, present only with a date and an untilDay. */
  readonly endDate?: string;
  readonly title: string;
  readonly text: string;
  /** True when the clinic changed this line's text. */
  readonly edited: boolean;
  /** True for lines the clinic added. */
  readonly added: boolean;
}

// ---------------------------------------------------------------------------------------------
// Building the plan.

/**
 * The template lines a client's calendar holds, besides the sessions themselves: when to start
 * preparing (two weeks before), how long to keep the scalp dry, when exercise may start again, and
 * the touch-up check. The rest of the plan is read on paper or in the PDF; a calendar with every
 * line (55 events for three sessions) floods the client's.
 */
export const CALENDAR_MILESTONES: ReadonlySet<string> = new Set(['no-smoking-alcohol', 'keep-dry', 'back-to-exercise', 'touch-up']);

/** Whether a built line belongs in the client's calendar: a milestone, or a line the clinic added. */
export function isCalendarMilestone(line: AftercareLine): boolean {
  return line.added || CALENDAR_MILESTONES.has(line.key.split('@')[0]!);
}

/** The key of a template line: `${id}@${session}` for per-session lines, `${id}` for once-only ones. */
export function lineKey(templateId: string, session: number | null): string {
  return session === null ? templateId : `${templateId}@${session}`;
}

/** Whether a template line is repeated for every session (before/after) or appears once. */
export function isPerSession(phase: AftercarePhase): boolean {
  return phase === 'before' || phase === 'after';
}

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

/** The date `day` days from `origin`, or null when either is missing or the origin is malformed. */
function dateFrom(origin: string | null, day: number | null | undefined): string | null {
  if (origin === null || day === null || day === undefined || !ISO_DATE.test(origin)) return null;
  return addDays(origin, day);
}

/** A line before edits are applied, with its position in the template for sorting. */
interface Draft {
  readonly line: AftercareLine;
  readonly order: number;
}

function draftLine(
  key: string,
  session: number | null,
  origin: string | null,
  phase: AftercarePhase,
  day: number | null,
  untilDay: number | undefined,
  title: string,
  text: string,
  added: boolean,
  order: number,
): Draft {
  const date = dateFrom(origin, day);
  const endDate = date !== null && untilDay !== undefined ? dateFrom(origin, untilDay) : null;
  const line: AftercareLine = {
    key,
    session,
    phase,
    day,
    ...(untilDay !== undefined && day !== null ? { untilDay } : {}),
    date,
    ...(endDate !== null ? { endDate } : {}),
    title,
    text,
    edited: false,
    added,
  };
  return { line, order };
}

/** The template's lines for a plan: per session, once after the last session, once undated. */
function templateDrafts(sessions: readonly Session[]): Draft[] {
  const out: Draft[] = [];
  const last = sessions.length;
  AFTERCARE_TEMPLATE.forEach((t, order) => {
    if (isPerSession(t.phase)) {
      sessions.forEach((s, i) => out.push(draftLine(lineKey(t.id, i + 1), i + 1, s.date, t.phase, t.day, t.untilDay, t.title, t.text, false, order)));
    } else if (t.phase === 'long-term') {
      if (last > 0) out.push(draftLine(lineKey(t.id, null), last, sessions[last - 1]!.date, t.phase, t.day, t.untilDay, t.title, t.text, false, order));
    } else {
      out.push(draftLine(lineKey(t.id, null), null, null, t.phase, null, undefined, t.title, t.text, false, order));
    }
  });
  return out;
}

/**
 * A clinic-added line. Its phase follows its day: before the session when negative, after it
 * otherwise; an undated note (session null) is 'long-term', listed before the warning signs. A
 * line whose session no longer exists keeps its session number and has no date.
 */
function addedDraft(a: AddedLine, sessions: readonly Session[], order: number): Draft {
  if (a.session === null) return draftLine(a.key, null, null, 'long-term', null, undefined, a.title, a.text, true, order);
  const origin = a.session >= 1 && a.session <= sessions.length ? sessions[a.session - 1]!.date : null;
  return draftLine(a.key, a.session, origin, a.day < 0 ? 'before' : 'after', a.day, undefined, a.title, a.text, true, order);
}

const PHASE_RANK: Readonly<Record<AftercarePhase, number>> = { before: 0, after: 1, 'long-term': 2, warning: 3 };

/** Missing session numbers sort after real ones. */
function sessionRank(s: number | null): number {
  return s === null ? Number.MAX_SAFE_INTEGER : s;
}

/**
 * Plan order: dated lines by date, then phase, then template order, then session; undated lines
 * last, grouped by session (warnings and notes last), then phase, day and template order.
 */
function compareDrafts(a: Draft, b: Draft): number {
  const x = a.line;
  const y = b.line;
  if (x.date !== null && y.date !== null) {
    if (x.date !== y.date) return x.date < y.date ? -1 : 1;
    return PHASE_RANK[x.phase] - PHASE_RANK[y.phase] || a.order - b.order || sessionRank(x.session) - sessionRank(y.session);
  }
  if (x.date !== null) return -1;
  if (y.date !== null) return 1;
  return (
    sessionRank(x.session) - sessionRank(y.session) ||
    PHASE_RANK[x.phase] - PHASE_RANK[y.phase] ||
    (x.day ?? 0) - (y.day ?? 0) ||
    a.order - b.order
  );
}

/** How many days before a session its earliest advice starts (the longest "before" line of the template). */
export const EARLIEST_ADVICE_DAYS = Math.max(...AFTERCARE_TEMPLATE.filter((l) => l.phase === 'before' && l.day !== null).map((l) => -l.day!));

/**
 * The date a new plan's first session is proposed for: far enough ahead of `today` (YYYY-MM-DD) that
 * none of its advice is dated in the past, so the client can follow every line.
 */
export function firstSessionDate(today: string): string {
  return addDays(today, EARLIEST_ADVICE_DAYS);
}

/**
 * The dated aftercare plan for a session plan and the clinic's edits: template lines per session
 * (before and after), long-term lines once from the last session's date, warning signs once and
 * undated, then the clinic's added lines; removed keys are left out and changed text applied.
 * Lines are sorted by date (undated last); within a date, before < after < long-term < warning,
 * then template order, so overlapping sessions simply interleave.
 */
export function buildAftercare(sessions: readonly Session[], edits: AftercareEdits): AftercareLine[] {
  const removed = new Set(edits.removed);
  const drafts = [...templateDrafts(sessions), ...edits.added.map((a, i) => addedDraft(a, sessions, AFTERCARE_TEMPLATE.length + i))];
  return drafts
    .filter((d) => !removed.has(d.line.key))
    .map((d): Draft => {
      if (!Object.hasOwn(edits.changed, d.line.key)) return d;
      const text = edits.changed[d.line.key]!;
      return text === d.line.text ? d : { order: d.order, line: { ...d.line, text, edited: true } };
    })
    .sort(compareDrafts)
    .map((d) => d.line);
}

// ---------------------------------------------------------------------------------------------
// Editing.

/** Caps on clinic edits: characters per text and title, entries per list. */
export const AFTERCARE_LIMITS = { textChars: 500, titleChars: 120, entries: 200 } as const;

/** Days an added line may sit from its session: two months before to ten years after. */
export const ADDED_DAY_RANGE = { min: -60, max: 3650 } as const;

/** A line key: a lowercase id, optionally `@session`. Excludes '__proto__' and friends. */
const LINE_KEY = /^[a-z][a-z0-9-]{0,63}(@[1-9][0-9]{0,2})?$/;
const ADDED_KEY = /^added-[1-9][0-9]{0,8}$/;

/** At most `n` code points of `s` (never splits a surrogate pair). */
function capChars(s: string, n: number): string {
  return s.length <= n ? s : Array.from(s).slice(0, n).join('');
}

/** The key the next added line gets: 'added-N', one above the highest N in use. */
export function nextAddedKey(edits: AftercareEdits): string {
  const highest = edits.added.reduce((m, a) => Math.max(m, ADDED_KEY.test(a.key) ? Number(a.key.slice(6)) : 0), 0);
  return `added-${highest + 1}`;
}

/** Whether a key belongs to one of the clinic's added lines. */
function isAdded(edits: AftercareEdits, key: string): boolean {
  return edits.added.some((a) => a.key === key);
}

/** Sets a line's text (capped); for an added line its own text changes. */
export function editLine(edits: AftercareEdits, key: string, text: string): AftercareEdits {
  const capped = capChars(text, AFTERCARE_LIMITS.textChars);
  if (isAdded(edits, key)) return { ...edits, added: edits.added.map((a) => (a.key === key ? { ...a, text: capped } : a)) };
  if (!LINE_KEY.test(key)) return edits;
  return { ...edits, changed: { ...edits.changed, [key]: capped } };
}

/** Removes a line: an added line is dropped, a template line is hidden (restoreLine brings it back). */
export function removeLine(edits: AftercareEdits, key: string): AftercareEdits {
  if (isAdded(edits, key)) return { ...edits, added: edits.added.filter((a) => a.key !== key) };
  if (!LINE_KEY.test(key) || edits.removed.includes(key)) return edits;
  return { ...edits, removed: [...edits.removed, key] };
}

/** Brings a template line back as it was: not removed, original text. */
export function restoreLine(edits: AftercareEdits, key: string): AftercareEdits {
  const changed = Object.fromEntries(Object.entries(edits.changed).filter(([k]) => k !== key));
  return { ...edits, changed, removed: edits.removed.filter((k) => k !== key) };
}

/**
 * A cleaned added line, or null when malformed: session null or an integer 1..MAX_SESSIONS, day
 * rounded and clamped to ADDED_DAY_RANGE, title and text strings capped. The key is checked by the caller.
 */
function cleanAdded(key: string, v: { readonly session?: unknown; readonly day?: unknown; readonly title?: unknown; readonly text?: unknown }): AddedLine | null {
  const session = v.session === null ? null : typeof v.session === 'number' && Number.isInteger(v.session) && v.session >= 1 && v.session <= MAX_SESSIONS ? v.session : undefined;
  if (session === undefined) return null;
  if (typeof v.day !== 'number' || !Number.isFinite(v.day) || typeof v.title !== 'string' || typeof v.text !== 'string') return null;
  const day = Math.min(ADDED_DAY_RANGE.max, Math.max(ADDED_DAY_RANGE.min, Math.round(v.day)));
  return { key, session, day, title: capChars(v.title, AFTERCARE_LIMITS.titleChars), text: capChars(v.text, AFTERCARE_LIMITS.textChars) };
}

/**
 * Adds a line with the next 'added-N' key (see nextAddedKey). Returns the edits unchanged when the
 * line is malformed (session outside 1..MAX_SESSIONS, day not a number) or the list is full.
 */
export function addLine(edits: AftercareEdits, line: Omit<AddedLine, 'key'>): AftercareEdits {
  if (edits.added.length >= AFTERCARE_LIMITS.entries) return edits;
  const clean = cleanAdded(nextAddedKey(edits), line);
  return clean === null ? edits : { ...edits, added: [...edits.added, clean] };
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/**
 * Clinic edits from untrusted JSON (a design file, storage). Anything malformed is dropped: keys
 * that are not line keys, non-string texts, added lines without a valid 'added-N' key (or with a
 * repeated one), session, day, title or text. Strings are capped at AFTERCARE_LIMITS characters
 * and each list at AFTERCARE_LIMITS.entries entries. Never throws.
 */
export function readAftercareEdits(v: unknown): AftercareEdits {
  if (!isRecord(v)) return NO_EDITS;
  const max = AFTERCARE_LIMITS.entries;
  const changed: Record<string, string> = {};
  if (isRecord(v.changed)) {
    let n = 0;
    for (const [k, text] of Object.entries(v.changed)) {
      if (n >= max) break;
      if (!LINE_KEY.test(k) || typeof text !== 'string') continue;
      changed[k] = capChars(text, AFTERCARE_LIMITS.textChars);
      n++;
    }
  }
  const removed = Array.isArray(v.removed) ? [...new Set(v.removed.filter((k): k is string => typeof k === 'string' && LINE_KEY.test(k)))].slice(0, max) : [];
  const added: AddedLine[] = [];
  if (Array.isArray(v.added)) {
    for (const a of v.added) {
      if (added.length >= max) break;
      if (!isRecord(a) || typeof a.key !== 'string' || !ADDED_KEY.test(a.key) || added.some((x) => x.key === a.key)) continue;
      const clean = cleanAdded(a.key, a);
      if (clean !== null) added.push(clean);
    }
  }
  return { changed, removed, added };
}
