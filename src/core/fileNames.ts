/**
 * File names for everything the app saves: smp-<who>-<date>…, where <who> is the client's name when
 * there is one, else the photo's, reduced to lower-case letters, digits and hyphens, so one client's
 * PNG, comparison sheet, PDF, calendar and design file sort together.
 */
import type { Design } from './document/types.ts';
import { localIsoDate } from './sessions.ts';

/** Longest <who> part, characters. */
const WHO_MAX = 40;

/** Text reduced to a-z, 0-9 and single hyphens, accents dropped ("Zoë O’Neil" → "zoe-o-neil"). */
export function fileSlug(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, WHO_MAX)
    .replace(/-+$/, '');
}

/** Whose file it is: the client, else the photo's name without its extension. */
function who(client: string, photoName: string, fallback: string): string {
  return fileSlug(client.trim() !== '' ? client : photoName.replace(/\.[a-z0-9]+$/i, '')) || fallback;
}

/** A design file or record: client (or photo) and date, e.g. smp-sam-lee-2026-11-24.smpdesign. */
export function recordFileName(design: Design, now: Date, extension: string): string {
  return `smp-${who(design.client, design.photo.name, 'design')}-${localIsoDate(now)}${extension}`;
}

/** An image export, dated to the minute: smp-sam-lee-2026-11-24-1430.png (`suffix` before the extension). */
export function exportFileName(date: Date, photoName: string, client = '', suffix = ''): string {
  const pad = (n: number): string => String(n).padStart(2, '0');
  const stamp = `${localIsoDate(date)}-${pad(date.getHours())}${pad(date.getMinutes())}`;
  return `smp-${who(client, photoName, 'photo')}-${stamp}${suffix}.png`;
}
