import { describe, expect, it } from 'vitest';
import {
  addLine,
  AFTERCARE_LIMITS,
  buildAftercare,
  editLine,
  EARLIEST_ADVICE_DAYS,
  firstSessionDate,
  nextAddedKey,
  NO_EDITS,
  readAftercareEdits,
  removeLine,
  restoreLine,
  type AftercareEdits,
  type AftercareLine,
} from '../../../src/core/aftercare.ts';
import { AFTERCARE_TEMPLATE } from '../../../src/core/aftercareTemplate.ts';
import type { Session } from '../../../src/core/document/types.ts';
import { defaultSessions } from '../../../src/core/sessions.ts';

const session = (date: string | null): Session => ({ date, sharePercent: 33, dilutionWaterParts: 8, needle: '1RL-0.25' });

/** key → 'date' or 'date..endDate', for compact exact comparisons. */
function schedule(lines: readonly AftercareLine[]): Record<string, string | null> {
  return Object.fromEntries(lines.map((l) => [l.key, l.date === null ? null : l.endDate !== undefined ? `${l.date}..${l.endDate}` : l.date]));
}

const byKey = (lines: readonly AftercareLine[], key: string): AftercareLine => {
  const l = lines.find((x) => x.key === key);
  if (!l) throw new Error(`no line ${key}`);
  return l;
};

const PER_SESSION = AFTERCARE_TEMPLATE.filter((t) => t.phase === 'before' || t.phase === 'after').length;
const ONCE = AFTERCARE_TEMPLATE.length - PER_SESSION;

describe('aftercare template', () => {
  it('has unique ids, every phase, undated warnings only, and the issue’s milestones', () => {
    const ids = AFTERCARE_TEMPLATE.map((t) => t.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(new Set(AFTERCARE_TEMPLATE.map((t) => t.phase))).toEqual(new Set(['before', 'after', 'long-term', 'warning']));
    for (const t of AFTERCARE_TEMPLATE) {
      expect(t.day === null).toBe(t.phase === 'warning');
      if (t.untilDay !== undefined) expect(t.untilDay).toBeGreaterThan(t.day!);
      expect(t.title.length).toBeGreaterThan(3);
      expect(t.text.length).toBeLessThanOrEqual(AFTERCARE_LIMITS.textChars);
    }
    expect(ids).toEqual(
      expect.arrayContaining(['keep-dry', 'first-rinse', 'moisturise', 'machine-shave', 'razor-shave', 'mild-cleanser', 'back-to-exercise', 'no-sun-water', 'sun-protection', 'touch-up', 'warning-infection', 'warning-pain', 'warning-allergy']),
    );
  });
});

describe('the first session a new plan proposes', () => {
  it('leaves room for all of its advice: none dated before today', () => {
    expect(EARLIEST_ADVICE_DAYS).toBe(14);
    for (const today of ['2026-12-03', '2027-02-20', '2028-02-29']) {
      const first = firstSessionDate(today);
      const lines = buildAftercare(defaultSessions('1RL-0.25', first), NO_EDITS);
      const dated = lines.filter((l) => l.date !== null).map((l) => l.date!).sort();
      expect(dated[0]).toBe(today);
      expect(first > today).toBe(true);
    }
  });
});

describe('buildAftercare dates', () => {
  it('dates every line of a one-session plan across a month end (2026-01-29)', () => {
    const lines = buildAftercare([session('2026-01-29')], NO_EDITS);
    expect(lines).toHaveLength(PER_SESSION + ONCE);
    expect(schedule(lines)).toEqual({
      'no-smoking-alcohol@1': '2026-01-15..2026-01-28',
      'moisturise-before@1': '2026-01-15',
      'no-blood-thinners@1': '2026-01-22..2026-01-28',
      'no-sun-before@1': '2026-01-22..2026-01-28',
      'day-before@1': '2026-01-28',
      'session-day@1': '2026-01-29',
      'keep-dry@1': '2026-01-29..2026-02-03',
      'no-sun-water@1': '2026-01-29..2026-02-28',
      'no-blood-thinners-after@1': '2026-01-29..2026-02-05',
      'leave-scabs@1': '2026-01-29..2026-02-12',
      'first-rinse@1': '2026-02-04',
      'moisturise@1': '2026-02-04',
      'mild-cleanser@1': '2026-02-06',
      'machine-shave@1': '2026-02-06',
      'razor-shave@1': '2026-02-09',
      'back-to-exercise@1': '2026-02-09',
      'sun-protection': '2026-03-01',
      'daily-care': '2026-03-01',
      'no-exfoliation': '2026-03-01',
      'touch-up': '2030-01-29',
      'warning-infection': null,
      'warning-pain': null,
      'warning-allergy': null,
    });
    // Sorted by date, undated last; the session event comes before its aftercare on day 0.
    const dated = lines.filter((l) => l.date !== null).map((l) => l.date!);
    expect(dated).toEqual([...dated].sort());
    expect(lines.slice(-3).map((l) => l.phase)).toEqual(['warning', 'warning', 'warning']);
    expect(lines.map((l) => l.key).indexOf('session-day@1')).toBeLessThan(lines.map((l) => l.key).indexOf('keep-dry@1'));
    expect(byKey(lines, 'keep-dry@1')).toMatchObject({ session: 1, phase: 'after', day: 0, untilDay: 5, edited: false, added: false });
    expect(byKey(lines, 'touch-up')).toMatchObject({ session: 1, phase: 'long-term', day: 1461 });
    expect(byKey(lines, 'warning-pain')).toMatchObject({ session: null, day: null, date: null });
    expect('endDate' in byKey(lines, 'first-rinse@1')).toBe(false);
  });

  it('crosses a year end (2026-12-20)', () => {
    const s = schedule(buildAftercare([session('2026-12-20')], NO_EDITS));
    expect(s).toMatchObject({
      'no-smoking-alcohol@1': '2026-12-06..2026-12-19',
      'day-before@1': '2026-12-19',
      'keep-dry@1': '2026-12-20..2026-12-25',
      'first-rinse@1': '2026-12-26',
      'mild-cleanser@1': '2026-12-28',
      'machine-shave@1': '2026-12-28',
      'razor-shave@1': '2026-12-31',
      'back-to-exercise@1': '2026-12-31',
      'leave-scabs@1': '2026-12-20..2027-01-03',
      'no-sun-water@1': '2026-12-20..2027-01-19',
      'sun-protection': '2027-01-20',
      'touch-up': '2030-12-20',
    });
  });

  it('crosses a leap day (2028-02-27)', () => {
    const s = schedule(buildAftercare([session('2028-02-27')], NO_EDITS));
    expect(s).toMatchObject({
      'moisturise-before@1': '2028-02-13',
      'day-before@1': '2028-02-26',
      'keep-dry@1': '2028-02-27..2028-03-03',
      'first-rinse@1': '2028-03-04',
      'moisturise@1': '2028-03-04',
      'mild-cleanser@1': '2028-03-06',
      'razor-shave@1': '2028-03-09',
      'leave-scabs@1': '2028-02-27..2028-03-12',
      'no-sun-water@1': '2028-02-27..2028-03-28',
      'sun-protection': '2028-03-29',
      'touch-up': '2032-02-27',
    });
  });

  it('repeats per-session lines for every session and dates long-term lines from the last one', () => {
    const lines = buildAftercare([session('2026-01-29'), session('2026-02-12'), session('2026-03-05')], NO_EDITS);
    expect(lines).toHaveLength(3 * PER_SESSION + ONCE);
    const s = schedule(lines);
    expect(s['keep-dry@2']).toBe('2026-02-12..2026-02-17');
    expect(s['first-rinse@3']).toBe('2026-03-11');
    expect(s['no-sun-water@3']).toBe('2026-03-05..2026-04-04');
    expect(s['sun-protection']).toBe('2026-04-05');
    expect(s['touch-up']).toBe('2030-03-05');
    expect(lines.filter((l) => l.key.startsWith('touch-up'))).toHaveLength(1);
    expect(lines.filter((l) => l.phase === 'warning')).toHaveLength(3);
  });

  it('interleaves overlapping sessions (5 days apart) by date', () => {
    const lines = buildAftercare([session('2026-01-29'), session('2026-02-03')], NO_EDITS);
    const window = lines.filter((l) => l.date !== null && l.date >= '2026-02-03' && l.date <= '2026-02-09').map((l) => `${l.date} ${l.key}`);
    expect(window).toEqual([
      '2026-02-03 session-day@2',
      '2026-02-03 keep-dry@2',
      '2026-02-03 no-sun-water@2',
      '2026-02-03 no-blood-thinners-after@2',
      '2026-02-03 leave-scabs@2',
      '2026-02-04 first-rinse@1',
      '2026-02-04 moisturise@1',
      '2026-02-06 mild-cleanser@1',
      '2026-02-06 machine-shave@1',
      '2026-02-09 first-rinse@2',
      '2026-02-09 moisturise@2',
      '2026-02-09 razor-shave@1',
      '2026-02-09 back-to-exercise@1',
    ]);
    // Session 2's preparation starts while session 1 is still healing.
    expect(schedule(lines)['no-smoking-alcohol@2']).toBe('2026-01-20..2026-02-02');
    expect(schedule(lines)['keep-dry@1']).toBe('2026-01-29..2026-02-03');
  });

  it('orders lines on one date from two sessions by phase, template order, then session', () => {
    const lines = buildAftercare([session('2026-05-01'), session('2026-05-01')], NO_EDITS);
    expect(lines.filter((l) => l.date === '2026-05-07').map((l) => l.key)).toEqual(['first-rinse@1', 'first-rinse@2', 'moisturise@1', 'moisturise@2']);
  });

  it('has no dates when sessions are unscheduled, keeps day offsets, and groups by session', () => {
    const lines = buildAftercare([session(null), session(null)], NO_EDITS);
    expect(lines).toHaveLength(2 * PER_SESSION + ONCE);
    expect(lines.every((l) => l.date === null && l.endDate === undefined)).toBe(true);
    expect(byKey(lines, 'keep-dry@2')).toMatchObject({ day: 0, untilDay: 5 });
    expect(byKey(lines, 'first-rinse@1').day).toBe(6);
    const sessions = lines.map((l) => l.session);
    expect(sessions.indexOf(2)).toBe(PER_SESSION);
    expect(sessions.lastIndexOf(1)).toBe(PER_SESSION - 1);
    expect(lines.slice(0, 3).map((l) => l.key)).toEqual(['no-smoking-alcohol@1', 'moisturise-before@1', 'no-blood-thinners@1']);
    expect(lines.at(-1)!.phase).toBe('warning');
  });

  it('dates a scheduled session only; long-term lines follow the last session even when it is unscheduled', () => {
    const lines = buildAftercare([session('2026-01-29'), session(null)], NO_EDITS);
    expect(byKey(lines, 'first-rinse@1').date).toBe('2026-02-04');
    expect(byKey(lines, 'first-rinse@2').date).toBeNull();
    expect(byKey(lines, 'touch-up')).toMatchObject({ session: 2, date: null });
    expect(lines.findIndex((l) => l.date === null)).toBe(PER_SESSION); // every dated line first
  });

  it('gives only the warning signs for an empty plan', () => {
    expect(buildAftercare([], NO_EDITS).map((l) => l.key)).toEqual(['warning-infection', 'warning-pain', 'warning-allergy']);
  });
});

describe('clinic edits', () => {
  const plan = [session('2026-01-29'), session('2026-02-12')];

  it('changes, removes, adds and restores lines, returning new objects', () => {
    let e: AftercareEdits = editLine(NO_EDITS, 'keep-dry@2', 'Keep it dry; call us with questions.');
    e = removeLine(e, 'razor-shave@1');
    e = removeLine(e, 'touch-up');
    e = addLine(e, { session: 2, day: 6, title: 'Check-in call', text: 'We phone you to see how healing goes.' });
    e = addLine(e, { session: 1, day: -2, title: 'Confirm time', text: 'Reply to our reminder.' });
    e = addLine(e, { session: null, day: 99, title: 'Clinic phone', text: '01234 567890' });
    expect(NO_EDITS).toEqual({ changed: {}, removed: [], added: [] });
    expect(e.added.map((a) => a.key)).toEqual(['added-1', 'added-2', 'added-3']);

    const lines = buildAftercare(plan, e);
    expect(byKey(lines, 'keep-dry@2')).toMatchObject({ text: 'Keep it dry; call us with questions.', edited: true });
    expect(byKey(lines, 'keep-dry@1').edited).toBe(false);
    expect(byKey(lines, 'keep-dry@1').text).toBe(AFTERCARE_TEMPLATE.find((t) => t.id === 'keep-dry')!.text);
    expect(lines.some((l) => l.key === 'razor-shave@1' || l.key === 'touch-up')).toBe(false);
    expect(byKey(lines, 'razor-shave@2').date).toBe('2026-02-23');
    expect(lines).toHaveLength(2 * PER_SESSION + ONCE - 2 + 3);
    expect(byKey(lines, 'added-1')).toMatchObject({ session: 2, phase: 'after', date: '2026-02-18', added: true, edited: false, title: 'Check-in call' });
    expect(byKey(lines, 'added-2')).toMatchObject({ session: 1, phase: 'before', date: '2026-01-27' });
    expect(byKey(lines, 'added-3')).toMatchObject({ session: null, phase: 'long-term', date: null, day: null });
    // The undated note sits among the undated lines, before the warning signs.
    expect(lines.slice(-4).map((l) => l.key)).toEqual(['added-3', 'warning-infection', 'warning-pain', 'warning-allergy']);
    // Added lines sort after template lines on the same date.
    expect(lines.filter((l) => l.date === '2026-02-18').map((l) => l.key)).toEqual(['first-rinse@2', 'moisturise@2', 'added-1']);

    const restored = restoreLine(restoreLine(e, 'razor-shave@1'), 'keep-dry@2');
    const again = buildAftercare(plan, restored);
    expect(byKey(again, 'razor-shave@1').date).toBe('2026-02-09');
    expect(byKey(again, 'keep-dry@2').edited).toBe(false);
    expect(again.some((l) => l.key === 'touch-up')).toBe(false);
    expect(e.removed).toEqual(['razor-shave@1', 'touch-up']); // the input edits are untouched
  });

  it('puts an added line before the session ahead of other sessions’ aftercare on the same date', () => {
    const e = addLine(NO_EDITS, { session: 2, day: -6, title: 'Confirm', text: 'Confirm session 2.' });
    const lines = buildAftercare(plan, e);
    expect(lines.filter((l) => l.date === '2026-02-06').map((l) => `${l.phase} ${l.key}`)).toEqual(['before added-1', 'after mild-cleanser@1', 'after machine-shave@1']);
  });

  it('edits and removes added lines in place; unchanged text is not marked edited', () => {
    let e = addLine(NO_EDITS, { session: 1, day: 2, title: 'Call', text: 'old' });
    e = editLine(e, 'added-1', 'new');
    expect(e.added[0]!.text).toBe('new');
    expect(e.changed).toEqual({});
    expect(nextAddedKey(e)).toBe('added-2');
    expect(removeLine(e, 'added-1').added).toEqual([]);
    const same = editLine(NO_EDITS, 'first-rinse@1', AFTERCARE_TEMPLATE.find((t) => t.id === 'first-rinse')!.text);
    expect(byKey(buildAftercare(plan, same), 'first-rinse@1').edited).toBe(false);
  });

  it('caps edited text and refuses malformed keys and added lines', () => {
    expect(editLine(NO_EDITS, 'keep-dry@1', 'x'.repeat(900)).changed['keep-dry@1']).toHaveLength(AFTERCARE_LIMITS.textChars);
    expect(editLine(NO_EDITS, '__proto__', 'x')).toBe(NO_EDITS);
    expect(removeLine(NO_EDITS, 'Not A Key')).toBe(NO_EDITS);
    expect(addLine(NO_EDITS, { session: 7, day: 1, title: 't', text: 'x' })).toBe(NO_EDITS);
    expect(addLine(NO_EDITS, { session: 1, day: Number.NaN, title: 't', text: 'x' })).toBe(NO_EDITS);
    expect(addLine(NO_EDITS, { session: 1, day: 2.6, title: 't', text: 'x' }).added[0]!.day).toBe(3);
  });

  it('keeps an added line whose session was removed, undated', () => {
    const e = addLine(NO_EDITS, { session: 3, day: 1, title: 'Late', text: 'x' });
    expect(byKey(buildAftercare(plan, e), 'added-1')).toMatchObject({ session: 3, date: null, day: 1 });
  });
});

describe('readAftercareEdits', () => {
  it('returns no edits for anything that is not an object', () => {
    for (const v of [null, undefined, 42, 'edits', [], true]) expect(readAftercareEdits(v)).toEqual({ changed: {}, removed: [], added: [] });
  });

  it('drops malformed entries and keeps the good ones', () => {
    const json = JSON.parse(`{
      "changed": { "keep-dry@1": "Dry.", "__proto__": "polluted", "bad key!": "x", "first-rinse@2": 5, "touch-up": "Later." },
      "removed": ["razor-shave@1", 7, "razor-shave@1", "DROP TABLE", null, "warning-pain"],
      "added": [
        { "key": "added-1", "session": 2, "day": 3, "title": "Call", "text": "We phone you." },
        { "key": "added-2", "session": 9, "day": 3, "title": "t", "text": "x" },
        { "key": "keep-dry@1", "session": 1, "day": 3, "title": "t", "text": "x" },
        { "key": "added-3", "session": 1, "day": "3", "title": "t", "text": "x" },
        { "key": "added-1", "session": 1, "day": 4, "title": "dup", "text": "x" },
        { "key": "added-4", "session": null, "day": 1e9, "title": "Note", "text": "${'y'.repeat(2000)}" },
        { "key": "added-5", "session": 1.5, "day": 1, "title": "t", "text": "x" },
        { "key": "added-6", "session": 1, "day": 1, "title": 3, "text": "x" },
        "added-7"
      ]
    }`) as unknown;
    const e = readAftercareEdits(json);
    expect(e.changed).toEqual({ 'keep-dry@1': 'Dry.', 'touch-up': 'Later.' });
    expect(Object.getPrototypeOf(e.changed)).toBe(Object.prototype);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(e.removed).toEqual(['razor-shave@1', 'warning-pain']);
    expect(e.added.map((a) => a.key)).toEqual(['added-1', 'added-4']);
    expect(e.added[0]).toEqual({ key: 'added-1', session: 2, day: 3, title: 'Call', text: 'We phone you.' });
    expect(e.added[1]!.day).toBe(3650);
    expect(e.added[1]!.text).toHaveLength(AFTERCARE_LIMITS.textChars);
  });

  it('caps list lengths and string lengths (by code point)', () => {
    const many = Array.from({ length: 500 }, (_, i) => `keep-dry@${(i % 4) + 1}-${i}`);
    const e = readAftercareEdits({
      changed: Object.fromEntries(Array.from({ length: 300 }, (_, i) => [`line-${i}`, 'x'])),
      removed: Array.from({ length: 300 }, (_, i) => `line-${i}`),
      added: Array.from({ length: 300 }, (_, i) => ({ key: `added-${i + 1}`, session: 1, day: 1, title: '😀'.repeat(300), text: '' })),
    });
    expect(Object.keys(e.changed)).toHaveLength(AFTERCARE_LIMITS.entries);
    expect(e.removed).toHaveLength(AFTERCARE_LIMITS.entries);
    expect(e.added).toHaveLength(AFTERCARE_LIMITS.entries);
    expect(Array.from(e.added[0]!.title)).toHaveLength(AFTERCARE_LIMITS.titleChars);
    expect(e.added[0]!.title).toBe('😀'.repeat(AFTERCARE_LIMITS.titleChars));
    expect(readAftercareEdits({ removed: many }).removed).toEqual([]); // 'keep-dry@1-0' is not a key
  });

  it('round-trips edits made with the helpers through JSON', () => {
    let e = editLine(NO_EDITS, 'moisturise@2', 'Use the balm we gave you.');
    e = removeLine(e, 'no-exfoliation');
    e = addLine(e, { session: 1, day: -3, title: 'Patch test', text: 'Come in for a small test.' });
    expect(readAftercareEdits(JSON.parse(JSON.stringify(e)))).toEqual(e);
  });
});
