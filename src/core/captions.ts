/**
 * Words about a design that the panels show and the exports print: the moment shown, an exported
 * image's caption, a comparison sheet's title and the hairline's measurements.
 */
import type { Design, Scale } from './document/types.ts';
import { shownSession, type ShowState } from './dots/dotLook.ts';
import { formatDate } from './format.ts';
import { hairlineMeasures } from './landmarks.ts';
import { densityAfterSession, localIsoDate } from './sessions.ts';

/** A short description of a moment, for captions and the status line: "After session 2 of 3, 3 Jan 2027, healed". */
export function describeShow(design: Design, show: ShowState): string {
  const k = shownSession(design, show);
  if (k === 0) return 'Before';
  const n = design.sessions.length;
  const date = design.sessions[k - 1]!.date;
  const what = show.alone ? `Session ${k} of ${n} alone` : `After session ${k} of ${n}`;
  const stage = show.stage === 'healed' ? (show.years > 0 ? `${show.years} years after healing` : 'healed') : show.stage === 'fresh' ? 'fresh' : 'settling';
  return `${what}${date ? `, ${formatDate(date)}` : ''}, ${stage}`;
}

/**
 * The caption an exported image carries: client, date, the moment shown, and the density and
 * dilution it shows ("Sam Lee · 24 Nov 2026 · After session 2 of 3, 8 Dec 2026, healed · 80 dots/cm² · dilution 3:1").
 */
export function exportCaption(design: Design, show: ShowState, today: string): string {
  const k = shownSession(design, show);
  const parts = [design.client || 'Client not named', formatDate(today), describeShow(design, show)];
  if (k > 0) {
    const density = Math.round(densityAfterSession(design.dots.densityPerCm2, design.sessions, k, show.alone));
    parts.push(`${density} dots/cm²`, `dilution ${design.sessions[k - 1]!.dilutionWaterParts}:1`);
  }
  return parts.join(' · ');
}

/** Title line of a sheet: the photo and today's date. */
export function sheetTitle(photoName: string, today: Date): string {
  return `SMP design for ${photoName}: before and after each session (healed). ${formatDate(localIsoDate(today))}`;
}

/** Title of the sheet of every view, e.g. "SMP design, 3 views after session 2 of 3 (healed). 4 Dec 2026". */
export function viewsSheetTitle(views: number, session: number, sessions: number, today: Date): string {
  const when = session === 0 ? 'before treatment' : `after session ${session} of ${sessions} (healed)`;
  return `SMP design, ${views} views ${when}. ${formatDate(localIsoDate(today))}`;
}

/** The hairline's height above the glabella and its width in a sentence, or null without a hairline. */
export function hairlineSentence(design: Design): string | null {
  const m = hairlineMeasures(design);
  const parts: string[] = [];
  if (m.heightCm !== null) parts.push(`${m.heightCm.toFixed(1)} cm above the glabella`);
  if (m.widthCm !== null) parts.push(`${m.widthCm.toFixed(1)} cm wide`);
  return parts.length ? `Hairline: ${parts.join(', ')}.` : m.widthCm === null ? null : 'Mark the glabella to measure the hairline height.';
}

/** The scale and where it came from, e.g. "58.1 px/cm, measured with a ruler" or "42.3 px/cm, read from the irises (±4 %)". */
export function describeScaleSource(scale: Scale): string {
  const px = `${scale.pxPerCm.toFixed(1)} px/cm`;
  const pct = `±${Math.max(1, Math.round(scale.uncertainty * 100))} %`;
  switch (scale.source) {
    case 'ruler':
      return `${px}, measured with a ruler`;
    case 'iris':
      return `${px}, read from the irises (${pct})`;
    case 'pupils':
      return `${px}, read from the distance between the pupils (${pct})`;
    case 'assumed':
      return `${px}, assumed`;
  }
}

