/**
 * Whether this browser applies EXIF orientation to WebP images. Chromium does for JPEG but not
 * for WebP; others may. We decode a tiny 32 x 24 lossless WebP marked "rotate 90°" once and look at
 * the size that comes back, so photos are turned exactly once whatever the browser does.
 */
const PROBE_WEBP_BASE64 =
  'UklGRoQBAABXRUJQVlA4WAoAAAAIAAAAHwAAFwAAVlA4TDABAAAvH8AFADjA/wH+D/Df/wJIkiRJkiQlSZIkSZJIkiRJkiQlSZIkSZJIkiRJkiQlSZIkSZJIkiRJkiQlSZIkSZJIkiRJkiQlSZIkSZJIkiRJkiQlSZIkSZJIkiRJkiQlSZIkSZJIkiRJkiQlSZIkSZJIkiRJkiQlSZIkSZJIkiRJkiQlSZIkSZJIkiRJkiQlSZIkSZJIkiRJkiQlSZIkSZKQJEmSJEn+//////+TJEmSJEn+//////+TJEmSJEn+//////+TJEmSJEn+//////+TJEmSJEn+//////+TJEmSJEn+//////+TJEmSJEn+//////+TJEmSJEn+//////+TJEmSJEn+//////+TJEmSJEn+//////+TJEmSJEn+//////+TJEmSJEn+//////8DRVhJRi4AAABJSSoACAAAAAIADwECAAgAAAAmAAAAEgEDAAEAAAAGAAAAAAAAAFNNUFRlc3QA';

let cached: Promise<boolean> | null = null;

/** Resolves true when createImageBitmap honours a WebP's EXIF orientation. */
export function browserOrientsWebp(): Promise<boolean> {
  cached ??= (async () => {
    try {
      const bytes = Uint8Array.from(atob(PROBE_WEBP_BASE64), (c) => c.charCodeAt(0));
      const bitmap = await createImageBitmap(new Blob([bytes], { type: 'image/webp' }), { imageOrientation: 'from-image' });
      const turned = bitmap.width === 24 && bitmap.height === 32;
      bitmap.close();
      return turned;
    } catch {
      return false;
    }
  })();
  return cached;
}
