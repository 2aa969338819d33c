/**
 * "Export calendar": the session plan and the dated aftercare plan as an iCalendar file (RFC 5545)
 * that any calendar app imports. Every event is all-day: one per dated session ("SMP session k")
 * and one per dated milestone of the aftercare plan (core/aftercare.ts CALENDAR_MILESTONES, and
 * the clinic's own lines), a lasting restriction spanning its days. The other lines stay in the
 * printed plan and the PDF; undated lines (warning signs, notes) are not events, and the warning
 * signs are listed in each session's description.
 *
 * Format details (RFC 5545): lines end in CRLF and are folded at 75 octets of UTF-8 (3.1), never
 * inside a character; TEXT values escape backslash, semicolon, comma and newline (3.3.11); all-day
 * events use DTSTART;VALUE=DATE with an exclusive DTEND (3.6.1); DTSTAMP is UTC (3.8.7.2). UIDs are
 * derived from the line key, the date and the client label, so exporting the same plan again gives
 * the same UIDs and calendar apps update events instead of duplicating them.
 */
import { isCalendarMilestone, type AftercareLine } from '../core/aftercare.ts';
import type { Session } from '../core/document/types.ts';
import { addDays } from '../core/sessions.ts';

/** Identifies the producer of the file (RFC 5545 §3.7.3). */
export const PRODID = '-//SMP Hairline Studio//Aftercare calendar//EN';

/** Right-hand side of event UIDs when the caller gives none (a reserved, never-resolving domain). */
export const DEFAULT_UID_DOMAIN = 'smp-hairline-studio.invalid';

/** Longest physical line, octets, CRLF excluded (RFC 5545 §3.1). */
export const MAX_LINE_OCTETS = 75;

/** What the calendar is built from. */
export interface AftercareCalendarInput {
  readonly sessions: readonly Session[];
  /** The built plan (buildAftercare); lines without a date are not events. */
  readonly lines: readonly AftercareLine[];
  /** The client's name or label, used in the calendar name and descriptions ('' for none). */
  readonly clientLabel: string;
  /** Export time, written as every event's DTSTAMP. */
  readonly now: Date;
  /** Right-hand side of UIDs, e.g. the clinic's domain. */
  readonly uidDomain?: string;
}

/** Escapes a TEXT value: backslash, semicolon, comma and line breaks; other control characters become spaces. */
export function escapeText(s: string): string {
  return (
    s
      .replace(/\r\n?/g, '\n')
      // eslint-disable-next-line no-control-regex
      .replace(/[\u0000-\u0008\u000b-\u001f\u007f]/g, ' ')
      .replace(/[\\;,\n]/g, (c) => (c === '\n' ? '\\n' : `\\${c}`))
  );
}

/** UTF-8 length of one code point, octets. */
function utf8Octets(codePoint: number): number {
  return codePoint < 0x80 ? 1 : codePoint < 0x800 ? 2 : codePoint < 0x10000 ? 3 : 4;
}

/**
 * Folds one content line into physical lines of at most MAX_LINE_OCTETS octets of UTF-8: each
 * continuation starts with one space, which counts toward its length. Splits only between code
 * points, so no character is cut. Returns the physical lines joined by CRLF.
 */
export function foldLine(line: string): string {
  const out: string[] = [];
  let current = '';
  let octets = 0;
  for (const ch of line) {
    const n = utf8Octets(ch.codePointAt(0)!);
    if (octets + n > MAX_LINE_OCTETS) {
      out.push(current);
      current = ' ';
      octets = 1;
    }
    current += ch;
    octets += n;
  }
  out.push(current);
  return out.join('\r\n');
}

/** A moment as a UTC DATE-TIME in basic format, e.g. 20260129T081500Z. */
export function utcStamp(d: Date): string {
  if (Number.isNaN(d.getTime())) throw new RangeError('export time is not a valid date');
  return d.toISOString().replace(/\.\d{3}Z$/, 'Z').replace(/[-:]/g, '');
}

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

/** A YYYY-MM-DD date as an iCalendar DATE, YYYYMMDD. */
function icsDate(date: string): string {
  return date.replace(/-/g, '');
}

/** 32-bit FNV-1a hash of a string's UTF-16 code units, as 8 hex digits (stable, not secret). */
function shortHash(s: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h.toString(16).padStart(8, '0');
}

/** Letters, digits, dots and hyphens only: safe in a UID on either side of the '@'. */
function uidPart(s: string): string {
  return s.replace(/@/g, '.s').replace(/[^A-Za-z0-9.-]/g, '-');
}

/** One all-day event: DTEND is the day after `lastDate` (DTEND is exclusive for dates). */
interface AllDayEvent {
  readonly uid: string;
  readonly firstDate: string;
  readonly lastDate: string;
  readonly summary: string;
  readonly description: string;
}

function eventLines(e: AllDayEvent, stamp: string): string[] {
  return [
    'BEGIN:VEVENT',
    `UID:${escapeText(e.uid)}`,
    `DTSTAMP:${stamp}`,
    `DTSTART;VALUE=DATE:${icsDate(e.firstDate)}`,
    `DTEND;VALUE=DATE:${icsDate(addDays(e.lastDate, 1))}`,
    `SUMMARY:${escapeText(e.summary)}`,
    `DESCRIPTION:${escapeText(e.description)}`,
    'TRANSP:TRANSPARENT',
    'END:VEVENT',
  ];
}

/** The undated warning signs, as a paragraph for session descriptions ('' when there are none). */
function warningNote(lines: readonly AftercareLine[]): string {
  const warnings = lines.filter((l) => l.phase === 'warning' && l.date === null);
  if (warnings.length === 0) return '';
  return `\n\nWarning signs (any time):\n${warnings.map((w) => `• ${w.title}: ${w.text}`).join('\n')}`;
}

/** Session events: one per dated session. */
function sessionEvents(input: AftercareCalendarInput, client: string, domain: string): AllDayEvent[] {
  const n = input.sessions.length;
  const note = warningNote(input.lines);
  const forWhom = input.clientLabel.trim() === '' ? '' : ` for ${input.clientLabel.trim()}`;
  return input.sessions.flatMap((s, i): AllDayEvent[] => {
    if (s.date === null || !ISO_DATE.test(s.date)) return [];
    const k = i + 1;
    return [
      {
        uid: `session-${k}-${icsDate(s.date)}-${client}@${domain}`,
        firstDate: s.date,
        lastDate: s.date,
        summary: `SMP session ${k}`,
        description: `Scalp micropigmentation session ${k} of ${n}${forWhom}.${note}`,
      },
    ];
  });
}

/**
 * The summary of an aftercare event: its title, with the session it belongs to for lines repeated
 * per session (before/after), so overlapping sessions stay apart.
 */
export function eventSummary(line: AftercareLine): string {
  return line.session !== null && (line.phase === 'before' || line.phase === 'after') ? `${line.title} (session ${line.session})` : line.title;
}

/** Aftercare events: one per dated milestone line, spanning date..endDate for lasting restrictions. */
function lineEvents(lines: readonly AftercareLine[], client: string, domain: string): AllDayEvent[] {
  return lines.flatMap((l): AllDayEvent[] => {
    if (l.date === null || !ISO_DATE.test(l.date) || !isCalendarMilestone(l)) return [];
    const lastDate = l.endDate !== undefined && ISO_DATE.test(l.endDate) && l.endDate >= l.date ? l.endDate : l.date;
    return [{ uid: `${uidPart(l.key)}-${icsDate(l.date)}-${client}@${domain}`, firstDate: l.date, lastDate, summary: eventSummary(l), description: l.text }];
  });
}

/**
 * The calendar file (text with CRLF line ends) for a session plan and its built aftercare lines.
 * With no dated session or line it holds no events; callers may want to disable the export then.
 */
export function aftercareCalendar(input: AftercareCalendarInput): string {
  const stamp = utcStamp(input.now);
  const domain = uidPart(input.uidDomain ?? DEFAULT_UID_DOMAIN) || DEFAULT_UID_DOMAIN;
  const client = shortHash(input.clientLabel.trim());
  const label = input.clientLabel.trim();
  const events = [...sessionEvents(input, client, domain), ...lineEvents(input.lines, client, domain)];
  const lines = [
    'BEGIN:VCALENDAR',
    'VERSION:2.0',
    `PRODID:${PRODID}`,
    'CALSCALE:GREGORIAN',
    'METHOD:PUBLISH',
    `X-WR-CALNAME:${escapeText(label === '' ? 'SMP aftercare' : `SMP aftercare: ${label}`)}`,
    ...events.flatMap((e) => eventLines(e, stamp)),
    'END:VCALENDAR',
  ];
  return lines.map(foldLine).join('\r\n') + '\r\n';
}
