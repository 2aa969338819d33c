/**
 * Reading a zip that nobody vouches for: the central directory with every offset and length checked
 * to lie inside the file, and each part inflated no further than its declared size, with its CRC
 * verified. fflate does the inflating (Inflate); this module decides how far it may go.
 *
 * Why not fflate's own readers:
 * - `unzipSync` inflates a part into a buffer of its declared size and keeps decoding past it, and
 *   checks no CRC, so a part that declares 1 KB and inflates to gigabytes is decoded in full.
 * - The streaming `Unzip`, fed 16 KiB at a time with an `ondata` that counts bytes and calls
 *   `terminate()` past the declared size, does stop such a part after one step (a 200 MB bomb
 *   declaring 1 KB: 16.7 MB decoded, then stopped). But it walks the local headers only, so the
 *   directory's checks still need a reader of their own (how many parts before anything is
 *   inflated, one part per name, no encryption, no zip64), it reads parts in stored order rather
 *   than the manifest first, and it checks no CRC either. So the directory is read here, and the
 *   same bounded inflation is done with `Inflate` directly.
 *
 * Errors are ZipError, whose `kind` the caller turns into its own sentence.
 */
import { Inflate } from 'fflate';
import { startsWithAt, u16le, u32le } from './byteReader.ts';
import { crc32 } from './crc32.ts';

/** Why a zip could not be read. */
export type ZipErrorKind =
  /** No end record: the file stops part-way (a copy or download was interrupted). */
  | 'incomplete'
  /** Offsets, sizes, signatures, CRCs or the deflate stream do not hold together. */
  | 'damaged'
  /** A part is encrypted. */
  | 'encrypted'
  /** More parts than the caller allows (`count` says how many). */
  | 'too-many-parts';

export class ZipError extends Error {
  override readonly name = 'ZipError';

  constructor(
    readonly kind: ZipErrorKind,
    /** For 'too-many-parts': the number of parts the directory lists. */
    readonly count = 0,
    options?: ErrorOptions,
  ) {
    super(`zip: ${kind}`, options);
  }
}

/** One part of the zip, from its central directory record. */
export interface ZipEntry {
  readonly name: string;
  /** 0 stored, 8 deflated. */
  readonly method: number;
  readonly crc32: number;
  readonly compressedSize: number;
  /** Size once inflated, as the zip declares it (checked while inflating). */
  readonly originalSize: number;
  /** Offset of the part's data in the file. */
  readonly dataStart: number;
}

const LOCAL_HEADER = [0x50, 0x4b, 0x03, 0x04];
const EMPTY_ZIP = [0x50, 0x4b, 0x05, 0x06];
const END_SIGNATURE = 0x06054b50;
const CENTRAL_SIGNATURE = 0x02014b50;
const LOCAL_SIGNATURE = 0x04034b50;
const ZIP64_LOCATOR_SIGNATURE = 0x07064b50;
const END_BYTES = 22;
const CENTRAL_BYTES = 46;
const LOCAL_BYTES = 30;
const NAMES = new TextDecoder('utf-8');

const damaged = (cause?: unknown): ZipError => new ZipError('damaged', 0, cause === undefined ? undefined : { cause });

/** Whether the bytes start like a zip (a local file header, or the end record of an empty zip). */
export function looksLikeZip(bytes: Uint8Array): boolean {
  return startsWithAt(bytes, 0, LOCAL_HEADER) || startsWithAt(bytes, 0, EMPTY_ZIP);
}

/**
 * Offset of the end-of-central-directory record: the last one whose comment ends exactly at the
 * end of the file; -1 when there is none (a file cut short loses it first).
 */
function findEndRecord(bytes: Uint8Array): number {
  const last = bytes.length - END_BYTES;
  for (let at = last; at >= 0 && last - at <= 0xffff; at--) {
    if (u32le(bytes, at) === END_SIGNATURE && at + END_BYTES + u16le(bytes, at + 20) === bytes.length) return at;
  }
  return -1;
}

/** Start of a part's data, after its local header; throws unless the header is where it should be. */
function localDataStart(bytes: Uint8Array, at: number, directoryStart: number): number {
  if (at + LOCAL_BYTES > directoryStart || u32le(bytes, at) !== LOCAL_SIGNATURE) throw damaged();
  return at + LOCAL_BYTES + u16le(bytes, at + 26) + u16le(bytes, at + 28);
}

/** Reads one central directory record at `at`; returns the part and where the next record starts. */
function readCentralRecord(bytes: Uint8Array, at: number, directoryStart: number, directoryEnd: number): { entry: ZipEntry; next: number } {
  if (at + CENTRAL_BYTES > directoryEnd || u32le(bytes, at) !== CENTRAL_SIGNATURE) throw damaged();
  const nameLength = u16le(bytes, at + 28);
  const next = at + CENTRAL_BYTES + nameLength + u16le(bytes, at + 30) + u16le(bytes, at + 32);
  if (next > directoryEnd) throw damaged();
  if (u16le(bytes, at + 8) & 1) throw new ZipError('encrypted');
  const compressedSize = u32le(bytes, at + 20);
  const dataStart = localDataStart(bytes, u32le(bytes, at + 42), directoryStart);
  if (dataStart + compressedSize > directoryStart) throw damaged();
  const entry: ZipEntry = {
    name: NAMES.decode(bytes.subarray(at + CENTRAL_BYTES, at + CENTRAL_BYTES + nameLength)),
    method: u16le(bytes, at + 10),
    crc32: u32le(bytes, at + 16),
    compressedSize,
    originalSize: u32le(bytes, at + 24),
    dataStart,
  };
  return { entry, next };
}

/**
 * The zip's parts by name, from its central directory. Nothing is inflated. More than `maxEntries`
 * parts, two parts of one name, split and zip64 archives are refused.
 */
export function readZipDirectory(bytes: Uint8Array, maxEntries: number): ReadonlyMap<string, ZipEntry> {
  const end = findEndRecord(bytes);
  if (end < 0) throw new ZipError('incomplete');
  if (end >= 20 && u32le(bytes, end - 20) === ZIP64_LOCATOR_SIGNATURE) throw damaged();
  const count = u16le(bytes, end + 10);
  if (u16le(bytes, end + 4) !== 0 || u16le(bytes, end + 6) !== 0 || u16le(bytes, end + 8) !== count) throw damaged();
  if (count > maxEntries) throw new ZipError('too-many-parts', count);
  const directoryStart = u32le(bytes, end + 16);
  const directoryEnd = directoryStart + u32le(bytes, end + 12);
  if (directoryEnd > end) throw damaged();
  const entries = new Map<string, ZipEntry>();
  let at = directoryStart;
  for (let i = 0; i < count; i++) {
    const { entry, next } = readCentralRecord(bytes, at, directoryStart, directoryEnd);
    if (entries.has(entry.name)) throw damaged();
    entries.set(entry.name, entry);
    at = next;
  }
  if (at !== directoryEnd) throw damaged();
  return entries;
}

/** Compressed bytes fed to the inflater at a time: at most about 16 MiB of output per step. */
const INFLATE_STEP = 16 * 1024;

/**
 * Inflates a deflated part into exactly `size` bytes, stopping as soon as the output would pass it:
 * a part that lies about its size costs at most one step of work, never gigabytes.
 */
function inflateBounded(compressed: Uint8Array, size: number): Uint8Array {
  const out = new Uint8Array(size);
  let filled = 0;
  const inflater = new Inflate((chunk) => {
    if (filled + chunk.length > size) throw damaged();
    out.set(chunk, filled);
    filled += chunk.length;
  });
  let at = 0;
  do {
    const stepEnd = Math.min(at + INFLATE_STEP, compressed.length);
    inflater.push(compressed.subarray(at, stepEnd), stepEnd === compressed.length);
    at = stepEnd;
  } while (at < compressed.length);
  if (filled !== size) throw damaged();
  return out;
}

/** A part's bytes (stored or deflated), with its length and CRC checked; the caller checks the method and caps the size first. */
export function extractEntry(bytes: Uint8Array, entry: ZipEntry): Uint8Array {
  const data = bytes.subarray(entry.dataStart, entry.dataStart + entry.compressedSize);
  let out: Uint8Array;
  try {
    if (entry.method === 0 && entry.compressedSize !== entry.originalSize) throw damaged();
    out = entry.method === 0 ? data.slice() : inflateBounded(data, entry.originalSize);
  } catch (e) {
    if (e instanceof ZipError) throw e;
    throw damaged(e); // fflate's errors: a deflate stream that is not one
  }
  if (crc32(out) !== entry.crc32) throw damaged();
  return out;
}
