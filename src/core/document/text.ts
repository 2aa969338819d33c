/** Short free text from outside (a client's name, a view's label), made safe to keep and show. */

/** A string with control characters turned to spaces, trimmed, at most `max` characters; '' for anything else. */
export function readText(v: unknown, max: number): string {
  if (typeof v !== 'string') return '';
  // Counted in characters (code points), as the library counts them, so no emoji is cut in half.
  // eslint-disable-next-line no-control-regex
  return [...v.replace(/[\u0000-\u001f\u007f]/g, ' ').trim()].slice(0, max).join('').trim();
}
