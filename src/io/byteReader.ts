/**
 * Bounds-tolerant integer reads for the photo parsers. Reads past the end give 0 instead of
 * throwing, so callers check lengths once where it matters (truncation) and stay short elsewhere.
 */

/** One byte, or 0 past the end. */
export function u8(bytes: Uint8Array, at: number): number {
  return bytes[at] ?? 0;
}

/** Big-endian unsigned 16-bit (JPEG, PNG, "MM" TIFF). */
export function u16be(bytes: Uint8Array, at: number): number {
  return (u8(bytes, at) << 8) | u8(bytes, at + 1);
}

/** Little-endian unsigned 16-bit (WebP, "II" TIFF). */
export function u16le(bytes: Uint8Array, at: number): number {
  return u8(bytes, at) | (u8(bytes, at + 1) << 8);
}

/** Little-endian unsigned 24-bit (WebP VP8X canvas size). */
export function u24le(bytes: Uint8Array, at: number): number {
  return u8(bytes, at) | (u8(bytes, at + 1) << 8) | (u8(bytes, at + 2) << 16);
}

/** Big-endian unsigned 32-bit. */
export function u32be(bytes: Uint8Array, at: number): number {
  return ((u8(bytes, at) << 24) >>> 0) + ((u8(bytes, at + 1) << 16) | u16be(bytes, at + 2));
}

/** Little-endian unsigned 32-bit. */
export function u32le(bytes: Uint8Array, at: number): number {
  return ((u8(bytes, at + 3) << 24) >>> 0) + ((u8(bytes, at + 2) << 16) | u16le(bytes, at));
}

/** Latin-1 text of `length` bytes (FourCCs, brands, signatures); short if past the end. */
export function ascii(bytes: Uint8Array, at: number, length: number): string {
  let text = '';
  const end = Math.min(at + length, bytes.length);
  for (let i = at; i < end; i++) text += String.fromCharCode(u8(bytes, i));
  return text;
}

/** True when `bytes` holds exactly `expected` starting at `at`. */
export function startsWithAt(bytes: Uint8Array, at: number, expected: readonly number[]): boolean {
  if (at < 0 || at + expected.length > bytes.length) return false;
  return expected.every((value, i) => bytes[at + i] === value);
}
