/**
 * The aftercare template: the day offsets of the healing milestones and restrictions, each with the
 * sources it is read from, and the table of client-friendly lines built on them (before each
 * session, the healing milestones after it, long-term care once after the last session, warning
 * signs once). aftercare.ts turns this table into the dated plan.
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
 * Why this file is over 300 lines and stays one file: it is a table of dated lines and the day
 * values they hang on, each value next to the sources it is read from. Splitting it would put the
 * lines apart from their days, or the days apart from their sources, and both are read together
 * when a value is checked or changed.
 */

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
  /** Stable id; line keys are built from it (see lineKey in aftercare.ts). */
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
