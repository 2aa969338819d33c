/**
 * The photo a design is drawn on, as the app holds it once loaded: decoded pixels for display and
 * export, and the file's own bytes for design files. A type only; io loads it, the store keeps it.
 */

/** Photo pixels held outside the document (never serialised, never sent anywhere). */
export interface PhotoPixels {
  /** Upright, full-resolution source for export. */
  readonly original: ImageBitmap | null;
  /** Upright copy that fits the GPU's max texture size, for display; the same as original when it fits. */
  readonly display: ImageBitmap | null;
  /** Raw RGBA for generated photos (the demo), full resolution, upright. */
  readonly rgba: Uint8ClampedArray | null;
  /** Full-resolution size. */
  readonly widthPx: number;
  readonly heightPx: number;
  /** The file's own bytes as the user chose it (saved in design files), or null for the generated demo. */
  readonly source: { readonly bytes: Uint8Array; readonly mime: 'image/jpeg' | 'image/png' | 'image/webp' } | null;
}
