/**
 * The dated aftercare plan: a template of client-friendly lines (before each session, the healing
 * milestones after it, long-term care once after the last session, warning signs once), turned
 * into calendar dates from the session plan, with the clinic's own edits on top.
 *
 * Day model. Offsets count in calendar days from the session's date, which is day 0 (negative =
 * before the session). A line has a `day` (the date it starts or happens) and, for a restriction
 * that lasts, an `untilDay`: the LAST day it still applies, inclusive. So "keep dry" with day 0 and
 * untilDay 5 runs from the session day through day 5, and the first rinse is the milestone on day 6.
 *
 * Reading the sources. The sources disagree on details; each constant below takes ONE conservative
 * value, the longest wait any source gives, and names the sources next to it. A source's "no X for
 * N days" (or "the first N days") is read as: X is restricted on days 1..N after the session and is
 * back on day N + 1; a source's "day N" or "after a week" is taken as that day (7 for a week). When
 * the two readings of a source differ, the later day is used. "Seed 000" to "seed 004" are
 * the five articles listed in docs/domain.md §7, in that order; the clinics' pages are named by address. Every line's text is written for this product.
 *
 * Clinic edits key lines by `${templateId}@${sessionNumber}` (1-based) for lines repeated per
 * session and by `${templateId}` for once-only lines; added lines carry their own 'added-N' keys.
 */
import type { Session } from './document/types.ts';
import { addDays, MAX_SESSIONS } from './sessions.ts';

// ---------------------------------------------------------------------------------------------
// Day offsets, each one conservative value with its sources (see the header for how N is read).

/**
 * Smoking and alcohol stop this many days before a session (the line runs from -14 to -1).
 * Seed 000: smoking and drinking, two weeks before; seed 001: blood-thinning food, drink and
 * medicine 48 h before; seed 003: alcohol a day or two before; seed 004: a few days. → 14.
 */
export const NO_SMOKING_ALCOHOL_BEFORE_DAYS = 14;

/**
 * Start moisturising the scalp this many days before a session. Seed 003: morning and evening,
 * from "a few weeks or days" before; seed 000: moisturise beforehand. "A few weeks" → 14 days.
 */
export const MOISTURISE_BEFORE_DAYS = 14;

/**
 * Blood-thinning medicines and supplements (aspirin, ibuprofen, fish oil; caffeine) pause this many
 * days before a session. Seed 000: at least a week; seed 001: 48 h; seed 004: a few days. → 7.
 */
export const NO_BLOOD_THINNERS_BEFORE_DAYS = 7;

/**
 * ... and stay paused through this day after it. Seed 000: at least a week after (and alcohol
 * 24 h after; alcohol also thins the blood, seed 003, so it shares the longer wait). → 7.
 */
export const NO_BLOOD_THINNERS_UNTIL_DAY = 7;

/**
 * No strong sun or tanning beds this many days before a session. No source in the corpus gives a
 * number before a session (seeds 000 and 004 give 28–30 days after); 7 days is the issue's own
 * value, a short safety margin so the scalp is not sunburned or peeling on the day.
 */
export const NO_SUN_BEFORE_DAYS = 7;

/**
 * Last day the scalp stays completely dry (no washing, sweat, rain). 3 days: seeds 001, 003, 004,
 * https://steadymicro.com/smp-care/ ; 4 days: seed 002 ("days 1-4"),
 * https://newagespa.ca/aftercare/scalp-micropigmentation/ ; 5 days:
 * https://enhancedscalp.com/resources/post-care-instructions/ . → 5.
 */
export const KEEP_DRY_UNTIL_DAY = 5;

/** First rinse with plain water: the day after the dry days end (seed 004: plain water first). */
export const FIRST_RINSE_DAY = KEEP_DRY_UNTIL_DAY + 1;

/**
 * Light moisturising starts. Seed 004: after the fourth day (day 5); newagespa and enhancedscalp
 * (research §2.8): about day 4–6. → 6, the same day as the first rinse.
 */
export const MOISTURISE_FROM_DAY = 6;

/**
 * Gentle washing with a mild cleanser or shampoo. Seed 003: after day four; seed 000: after a week;
 * seed 004: day 7 onwards / "after seven days" (day 8); seed 002: fragrance-free soap in days
 * 8–14. → 8.
 */
export const MILD_CLEANSER_DAY = 8;

/**
 * Leave scabs alone through this day. Seed 002: do not pick scabs in days 8–14; seed 004: redness
 * and scabbing settle within a week or two. → 14.
 */
export const LEAVE_SCABS_UNTIL_DAY = 14;

/**
 * Shaving with an electric foil shaver or trimmer. Seed 004: at least five days (day 6); seed 003:
 * electric shaver a week after (day 7); seed 002: shaving in days 8–14. → 8.
 */
export const MACHINE_SHAVE_DAY = 8;

/**
 * Shaving with a blade razor, later than a machine. Seed 004: at least ten days (day 11); research
 * §2.8: "10 days per some clinics" (https://jaimiejolly.com/smp-prep-and-aftercare ,
 * https://www.insideradvantagegeorgia.com/what-to-do-after-your-first-micropigmentation-session/ ,
 * tool not stated there, read as the later razor value). Seed 003: electric, not a blade. → 11.
 */
export const RAZOR_SHAVE_DAY = 11;

/**
 * Back to exercise at an easy pace. No sweating/workouts: 5 days (seed 003, newagespa); a week
 * (seed 004, and seed 003's return to workouts); 10 days (enhancedscalp; seed 004: normal activities
 * after ten days) → day 11. Heavy sweating stays out until NO_SUN_WATER_UNTIL_DAY (seed 004).
 */
export const EXERCISE_FROM_DAY = 11;

/**
 * Last day of no sun, tanning, swimming (pool, sea, hot tub), sauna, steam room, long hot showers
 * and heavy sweating. 14 days: https://www.scalpgenesis.com/hello-world/ ; 28 days: seeds 000 and
 * 004; 30 days / the first month: seed 004, seed 002, seed 003,
 * https://steadymicro.com/smp-care/ ,
 * https://newagespa.ca/treatment-aftercare/scalp-micropigmentation-client-instructions/ . → 30.
 */
export const NO_SUN_WATER_UNTIL_DAY = 30;

/** Long-term care starts the day after the last session's sun-and-water rules end. */
export const LONG_TERM_FROM_DAY = NO_SUN_WATER_UNTIL_DAY + 1;

/**
 * Sunscreen factor for the long term. Seed 000: SPF 15; seed 004 and studylibfr: SPF 30–50; seed 002:
 * over factor 50; newagespa: SPF 60 for more than 30 minutes outdoors. → "50 or higher".
 */
export const LONG_TERM_SPF = 50;

/**
 * Touch-up check after the last session, years. Sources (research §2.7): 1–4, 18 months–5, 2–4,
 * 3–4, 4–6 (https://scalpmicrousa.com/how-often-to-expect-hairline-tattoo-touch-ups/ ; seed 003:
 * fading starts after about four to six years), 4–8. Here the conservative choice is the earliest
 * check of the usual 4–6-year range, where the shorter ranges end: 4.
 */
export const TOUCH_UP_YEARS = 4;

/**
 * The touch-up check in days: 4 × 365.25 = 1461 days, which lands on the same calendar date four
 * years on for every date from 1901 to 2099 (any four consecutive years hold exactly one 29 Feb).
 */
export const TOUCH_UP_DAY = Math.round(TOUCH_UP_YEARS * 365.25);

// ---------------------------------------------------------------------------------------------
// Types.

/**
 * When a line applies: before each session, after each session, long term (once, after the last
 * session), or a warning sign (once, undated). This is also the order within one date.
 */
export type AftercarePhase = 'before' | 'after' | 'long-term' | 'warning';

/** One line of the built-in template. */
export interface AftercareTemplateLine {
  /** Stable id; line keys are built from it (see lineKey). */
  readonly id: string;
  readonly phase: AftercarePhase;
  /**
   * Days from the session's date (before/after) or from the last session's date (long-term) to the
   * day the line starts; null for warning signs, which have no date.
   */
  readonly day: number | null;
  /** Last day a lasting restriction still applies, inclusive, same origin as `day`. */
  readonly untilDay?: number;
  /** Short heading, a few words. */
  readonly title: string;
  /** One or two plain sentences for the client. */
  readonly text: string;
}

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
// The template. Order matters: it is the order within one date and phase.

/** The built-in aftercare template, in phase and day order. Text is the product's own wording. */
export const AFTERCARE_TEMPLATE: readonly AftercareTemplateLine[] = [
  // Before each session.
  {
    id: 'no-smoking-alcohol',
    phase: 'before',
    day: -NO_SMOKING_ALCOHOL_BEFORE_DAYS,
    untilDay: -1,
    title: 'Stop smoking and alcohol',
    text: 'From today until your session, do not smoke or drink alcohol: both slow clotting, so the treated skin bleeds more and holds pigment less well.',
  },
  {
    id: 'moisturise-before',
    phase: 'before',
    day: -MOISTURISE_BEFORE_DAYS,
    title: 'Start moisturising your scalp',
    text: 'Put a plain moisturiser on your scalp every morning and evening from now on; soft, well-hydrated skin takes the pigment better.',
  },
  {
    id: 'no-blood-thinners',
    phase: 'before',
    day: -NO_BLOOD_THINNERS_BEFORE_DAYS,
    untilDay: -1,
    title: 'Pause blood thinners',
    text: 'Until your session, avoid aspirin, ibuprofen, fish oil and other blood-thinning supplements, and cut down on caffeine. If a doctor prescribed a blood thinner, ask them first and never stop it on your own.',
  },
  {
    id: 'no-sun-before',
    phase: 'before',
    day: -NO_SUN_BEFORE_DAYS,
    untilDay: -1,
    title: 'No sunburn before your session',
    text: 'Keep your scalp out of strong sun and away from tanning beds this week, or wear a hat. A sunburned or peeling scalp may mean moving the session.',
  },
  {
    id: 'day-before',
    phase: 'before',
    day: -1,
    title: 'Prepare your scalp',
    text: 'Cut or shave your hair the way your artist asked, today rather than on the morning of the session. Wash your scalp, leave out gels, sprays and oils, drink plenty of water and get a good night’s sleep.',
  },
  {
    id: 'session-day',
    phase: 'before',
    day: 0,
    title: 'Session day',
    text: 'Come with a clean, dry scalp with no products on it. Eat a proper meal beforehand and wear loose, comfortable clothes.',
  },
  // After each session.
  {
    id: 'keep-dry',
    phase: 'after',
    day: 0,
    untilDay: KEEP_DRY_UNTIL_DAY,
    title: 'Keep your scalp dry',
    text: 'No water, shampoo or sweat on the scalp: no washing, no rain, no workouts. Do not touch, scratch or shave it. A clean, soft, loose hat is fine; put a clean case on your pillow.',
  },
  {
    id: 'no-sun-water',
    phase: 'after',
    day: 0,
    untilDay: NO_SUN_WATER_UNTIL_DAY,
    title: 'No sun, swimming, sauna or steam',
    text: 'Keep the scalp out of direct sun (a loose hat outdoors) and away from tanning beds, pools, the sea, hot tubs, saunas and steam rooms. Skip long hot showers and anything that makes you sweat heavily.',
  },
  {
    id: 'no-blood-thinners-after',
    phase: 'after',
    day: 0,
    untilDay: NO_BLOOD_THINNERS_UNTIL_DAY,
    title: 'No alcohol or blood thinners',
    text: 'Keep avoiding alcohol, aspirin, ibuprofen and fish oil while the treated skin settles. Prescribed medicines: follow your doctor.',
  },
  {
    id: 'leave-scabs',
    phase: 'after',
    day: 0,
    untilDay: LEAVE_SCABS_UNTIL_DAY,
    title: 'Leave scabs alone',
    text: 'Itching and tiny scabs are part of healing. Do not scratch or pick them: let them fall off on their own, or they can take pigment with them.',
  },
  {
    id: 'first-rinse',
    phase: 'after',
    day: FIRST_RINSE_DAY,
    title: 'First rinse with plain water',
    text: 'Rinse with lukewarm water only, no shampoo or soap, then pat dry with a clean towel. Keep showers short (about five minutes) and not hot.',
  },
  {
    id: 'moisturise',
    phase: 'after',
    day: MOISTURISE_FROM_DAY,
    title: 'Start moisturising',
    text: 'Apply a thin layer of water-based moisturiser once or twice a day. Avoid products with alcohol, perfume or acids such as AHA.',
  },
  {
    id: 'mild-cleanser',
    phase: 'after',
    day: MILD_CLEANSER_DAY,
    title: 'Wash with a mild cleanser',
    text: 'You can now wash gently with a mild, fragrance-free, sulfate-free cleanser or shampoo, using your fingertips. No scrubbing and no rough cloths.',
  },
  {
    id: 'machine-shave',
    phase: 'after',
    day: MACHINE_SHAVE_DAY,
    title: 'Shave with a machine',
    text: 'You can shave again with an electric foil shaver or trimmer, gently and without pressing. Leave out any patch that is still scabbed or sore.',
  },
  {
    id: 'razor-shave',
    phase: 'after',
    day: RAZOR_SHAVE_DAY,
    title: 'Razor shaving allowed',
    text: 'A blade razor is fine from today if the skin has fully closed. Use a fresh blade and a gentle shaving gel.',
  },
  {
    id: 'back-to-exercise',
    phase: 'after',
    day: EXERCISE_FROM_DAY,
    title: 'Back to exercise',
    text: 'You can return to the gym and sport at an easy pace. For the rest of the first month, stop before you sweat heavily and wipe sweat away with a clean towel.',
  },
  // Once, after the last session.
  {
    id: 'sun-protection',
    phase: 'long-term',
    day: LONG_TERM_FROM_DAY,
    title: 'Sun protection from now on',
    text: `Whenever you are outside for more than a short while, use sunscreen of SPF ${LONG_TERM_SPF} or higher on your scalp, or wear a hat. Sun is the main reason the dots fade.`,
  },
  {
    id: 'daily-care',
    phase: 'long-term',
    day: LONG_TERM_FROM_DAY,
    title: 'Daily scalp care',
    text: 'Moisturise your scalp every day, and wash it with gentle, sulfate-free products without alcohol.',
  },
  {
    id: 'no-exfoliation',
    phase: 'long-term',
    day: LONG_TERM_FROM_DAY,
    title: 'Go easy on exfoliation',
    text: 'Avoid scrubs, peels and exfoliating acids on the scalp: they make the dots fade sooner.',
  },
  {
    id: 'touch-up',
    phase: 'long-term',
    day: TOUCH_UP_DAY,
    title: 'Time to check for a touch-up',
    text: 'The dots fade slowly over the years. Around now, book a check with your artist to refresh the colour, or sooner if they look faded or blue-grey.',
  },
  // Once, undated.
  {
    id: 'warning-infection',
    phase: 'warning',
    day: null,
    title: 'See a doctor: signs of infection',
    text: 'Redness, heat or swelling that spreads or keeps growing, pus or a bad-smelling discharge, or a fever.',
  },
  {
    id: 'warning-pain',
    phase: 'warning',
    day: null,
    title: 'See a doctor: pain getting worse',
    text: 'Pain that gets worse after the third day instead of easing, or a throbbing or burning feeling in the treated area.',
  },
  {
    id: 'warning-allergy',
    phase: 'warning',
    day: null,
    title: 'Get help: allergic reaction',
    text: 'An itchy raised rash or hives, or swelling of the face, lips or eyes. If breathing becomes difficult, call emergency services at once.',
  },
];

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
