import { describe, expect, it } from 'vitest';
import ICAL from 'ical.js';
import { addLine, buildAftercare, isCalendarMilestone, NO_EDITS } from '../../../src/core/aftercare.ts';
import type { Session } from '../../../src/core/document/types.ts';
import { aftercareCalendar, escapeText, eventSummary, foldLine, utcStamp } from '../../../src/io/ics.ts';

const session = (date: string | null): Session => ({ date, sharePercent: 33, dilutionWaterParts: 8, needle: '1RL-0.25' });
const NOW = new Date(Date.UTC(2026, 0, 10, 8, 5, 9));

function parse(ics: string): ICAL.Component {
  return new ICAL.Component(ICAL.parse(ics));
}

function text(c: ICAL.Component, name: string): string {
  const v = c.getFirstPropertyValue(name);
  if (typeof v !== 'string') throw new Error(`${name} is not text`);
  return v;
}

function date(c: ICAL.Component, name: string): string {
  const v = c.getFirstPropertyValue(name);
  if (!(v instanceof ICAL.Time)) throw new Error(`${name} is not a time`);
  expect(v.isDate).toBe(true);
  return v.toString();
}

const octets = (s: string): number => Buffer.byteLength(s, 'utf8');

describe('aftercare calendar', () => {
  const sessions = [session('2026-01-29'), session('2026-02-12'), session(null)];
  const lines = buildAftercare(sessions, NO_EDITS);
  const ics = aftercareCalendar({ sessions, lines, clientLabel: 'J. Smith', now: NOW });
  const cal = parse(ics);
  const events = cal.getAllSubcomponents('vevent');

  it('is a publishable VCALENDAR with CRLF line ends', () => {
    expect(cal.name).toBe('vcalendar');
    expect(text(cal, 'version')).toBe('2.0');
    expect(text(cal, 'prodid')).toMatch(/^-\/\/SMP Hairline Studio/);
    expect(text(cal, 'calscale')).toBe('GREGORIAN');
    expect(text(cal, 'method')).toBe('PUBLISH');
    expect(ics.startsWith('BEGIN:VCALENDAR\r\nVERSION:2.0\r\n')).toBe(true);
    expect(ics.endsWith('END:VCALENDAR\r\n')).toBe(true);
    expect(ics.replace(/\r\n/g, '')).not.toMatch(/[\r\n]/);
  });

  it('has one event per dated session and per dated milestone of the aftercare plan, with the plan’s summaries and dates', () => {
    const datedLines = lines.filter((l) => l.date !== null && isCalendarMilestone(l));
    // Sessions 1 and 2 and their per-session lines are dated; session 3 (and the long-term lines counted from it) is not.
    expect(lines.filter((l) => l.date !== null)).toHaveLength(32);
    // Three milestones per dated session (start preparing, keep dry, back to exercise), not all 16 lines.
    expect(datedLines).toHaveLength(6);
    expect(events).toHaveLength(2 + datedLines.length);
    const got = events.map((e) => [text(e, 'summary'), date(e, 'dtstart'), date(e, 'dtend')]);
    expect(got.slice(0, 2)).toEqual([
      ['SMP session 1', '2026-01-29', '2026-01-30'],
      ['SMP session 2', '2026-02-12', '2026-02-13'],
    ]);
    const find = (summary: string): string[] => {
      const hit = got.find((g) => g[0] === summary);
      if (!hit) throw new Error(`no event ${summary}`);
      return hit as string[];
    };
    // "Keep your scalp dry" spans the session day through day 5: DTEND (exclusive) is day 6.
    expect(find('Keep your scalp dry (session 1)')).toEqual(['Keep your scalp dry (session 1)', '2026-01-29', '2026-02-04']);
    expect(find('Keep your scalp dry (session 2)')).toEqual(['Keep your scalp dry (session 2)', '2026-02-12', '2026-02-18']);
    expect(find('Stop smoking and alcohol (session 2)')).toEqual(['Stop smoking and alcohol (session 2)', '2026-01-29', '2026-02-12']);
    expect(got.some((g) => g[0]!.startsWith('First rinse'))).toBe(false);
    expect(got.slice(2).map((g) => g[0])).toEqual(datedLines.map(eventSummary));
    expect(got.slice(2).map((g) => g[1])).toEqual(datedLines.map((l) => l.date));
    expect(got.some((g) => g[0]!.startsWith('See a doctor'))).toBe(false);
  });

  it('stamps events in UTC, gives unique stable UIDs and lists warning signs with each session', () => {
    const uids = events.map((e) => text(e, 'uid'));
    expect(new Set(uids).size).toBe(uids.length);
    expect(uids[0]).toMatch(/^session-1-20260129-[0-9a-f]{8}@smp-hairline-studio\.invalid$/);
    expect(uids.some((u) => /^keep-dry\.s2-20260212-[0-9a-f]{8}@/.test(u))).toBe(true);
    expect(ics).toContain('\r\nDTSTAMP:20260110T080509Z\r\n');
    expect(ics).toContain('\r\nDTSTART;VALUE=DATE:20260129\r\n');
    const again = aftercareCalendar({ sessions, lines, clientLabel: 'J. Smith', now: new Date(Date.UTC(2027, 5, 1)) });
    expect(parse(again).getAllSubcomponents('vevent').map((e) => text(e, 'uid'))).toEqual(uids);
    const other = aftercareCalendar({ sessions, lines, clientLabel: 'A. Other', now: NOW, uidDomain: 'clinic.example' });
    const otherUids = parse(other).getAllSubcomponents('vevent').map((e) => text(e, 'uid'));
    expect(otherUids.some((u) => uids.includes(u))).toBe(false);
    expect(otherUids[0]).toMatch(/@clinic\.example$/);
    const description = text(events[0]!, 'description');
    expect(description).toMatch(/^Scalp micropigmentation session 1 of 3 for J\. Smith\./);
    expect(description).toContain('See a doctor: signs of infection');
    expect(description).toContain('\n• Get help: allergic reaction: ');
    expect(text(events[5]!, 'description')).toBe(lines.filter((l) => l.date !== null && isCalendarMilestone(l))[3]!.text);
  });

  it('folds every physical line to at most 75 octets, also with non-ASCII text, and unfolds to the original', () => {
    const label = 'Zoë’s scalp — ² 😀 '.repeat(5);
    const withNote = addLine(NO_EDITS, { session: 1, day: 2, title: label, text: `Ünïcödé ${label}` });
    const l2 = buildAftercare([session('2026-01-29')], withNote);
    const out = aftercareCalendar({ sessions: [session('2026-01-29')], lines: l2, clientLabel: label, now: NOW });
    const physical = out.split('\r\n').slice(0, -1);
    expect(Math.max(...physical.map(octets))).toBeLessThanOrEqual(75);
    expect(physical.filter((p) => p.startsWith(' ')).length).toBeGreaterThan(10);
    // No line ends in half a surrogate pair (an emoji cut in two).
    for (const p of physical) expect(p).not.toMatch(/[\ud800-\udbff]$|^ ?[\udc00-\udfff]/);
    const events2 = parse(out).getAllSubcomponents('vevent');
    const note = events2.find((e) => text(e, 'summary') === `${label} (session 1)`);
    expect(note).toBeDefined();
    expect(text(note!, 'description')).toBe(`Ünïcödé ${label}`);
    expect(text(parse(out), 'x-wr-calname')).toBe(`SMP aftercare: ${label.trim()}`);
  });

  it('round-trips a summary with comma, semicolon, backslash and newline', () => {
    const title = 'Rinse, then; pat dry\\gently\nand rest';
    const e = addLine(NO_EDITS, { session: 1, day: 1, title, text: 'a,b;c\r\nd' });
    const l2 = buildAftercare([session('2026-03-01')], e);
    const out = aftercareCalendar({ sessions: [session('2026-03-01')], lines: l2, clientLabel: 'A;B,C', now: NOW });
    expect(out).toContain('SUMMARY:Rinse\\, then\\; pat dry\\\\gently\\nand rest (session 1)\r\n');
    const ev = parse(out).getAllSubcomponents('vevent').find((x) => date(x, 'dtstart') === '2026-03-02' && text(x, 'summary').startsWith('Rinse'));
    expect(text(ev!, 'summary')).toBe(`${title} (session 1)`);
    expect(text(ev!, 'description')).toBe('a,b;c\nd');
  });

  it('holds no events when nothing is dated', () => {
    const s = [session(null)];
    const out = aftercareCalendar({ sessions: s, lines: buildAftercare(s, NO_EDITS), clientLabel: '', now: NOW });
    expect(parse(out).getAllSubcomponents('vevent')).toHaveLength(0);
    expect(text(parse(out), 'x-wr-calname')).toBe('SMP aftercare');
  });
});

describe('ics helpers', () => {
  it('escape TEXT values', () => {
    expect(escapeText('a\\b;c,d\ne\r\nf\rg')).toBe('a\\\\b\\;c\\,d\\ne\\nf\\ng');
    expect(escapeText('tab\there\u0007bell')).toBe('tab\there bell');
  });

  it('fold at 75 octets without cutting a character', () => {
    expect(foldLine('x'.repeat(75))).toBe('x'.repeat(75));
    expect(foldLine('x'.repeat(76))).toBe(`${'x'.repeat(75)}\r\n x`);
    // 74 ASCII + a 2-octet character would be 76: the character moves to the next line whole.
    expect(foldLine(`${'x'.repeat(74)}é`)).toBe(`${'x'.repeat(74)}\r\n é`);
    const folded = foldLine('€'.repeat(60)).split('\r\n');
    expect(folded.map(octets)).toEqual([75, 73, 34]); // 25 + 24 + 11 characters
    expect(folded.map((p) => p.replace(/^ /, '')).join('')).toBe('€'.repeat(60));
  });

  it('stamp UTC in basic format and refuse an invalid date', () => {
    expect(utcStamp(new Date('2026-12-31T23:59:58.750Z'))).toBe('20261231T235958Z');
    expect(() => utcStamp(new Date('nope'))).toThrow(RangeError);
  });
});
