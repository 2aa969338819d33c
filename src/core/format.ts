/** Formatting for people: dates in words, not in a locale's numeric order. */

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'] as const;

/** "2026-12-05" → "5 Dec 2026"; anything else is returned as it is. */
export function formatDate(iso: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  const month = m ? MONTHS[Number(m[2]) - 1] : undefined;
  return m && month ? `${Number(m[3])} ${month} ${m[1]}` : iso;
}

/** "2026-12-05" → "5 Dec", for narrow tables; anything else is returned as it is. */
export function formatShortDate(iso: string): string {
  return formatDate(iso).replace(/ \d{4}$/, '');
}
