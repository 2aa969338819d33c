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

/** Bytes in a megabyte, as file sizes are shown (MiB). */
export const BYTES_PER_MB = 1024 * 1024;

/** "12.3": bytes as megabytes, one decimal, so a size never looks equal to a limit by rounding. */
export function megabytes(bytes: number): string {
  return (bytes / BYTES_PER_MB).toFixed(1);
}

/** "16": a limit in whole megabytes, rounded down so the promise it makes is kept. */
export function limitMegabytes(bytes: number): string {
  return bytes >= BYTES_PER_MB ? String(Math.floor(bytes / BYTES_PER_MB)) : megabytes(bytes);
}

/** "4.2" below 10 MB, whole megabytes above: storage figures, where the decimals are noise. */
export function roughMegabytes(bytes: number): string {
  const mb = bytes / BYTES_PER_MB;
  return mb < 10 ? mb.toFixed(1) : String(Math.round(mb));
}

/** "850 kB" or "12.3 MB": the size of a saved file. */
export function fileSize(bytes: number): string {
  return bytes >= BYTES_PER_MB ? `${megabytes(bytes)} MB` : `${Math.max(1, Math.round(bytes / 1024))} kB`;
}
