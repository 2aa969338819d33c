/** The zip reader against archives fflate writes, and the same archives cut, patched and lying. */
import { strToU8, zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { crc32 } from '../../../src/io/crc32.ts';
import { extractEntry, looksLikeZip, readZipDirectory, ZipError, type ZipErrorKind } from '../../../src/io/zip.ts';

const text = 'one design, '.repeat(500);
const raw = Uint8Array.from({ length: 3000 }, (_, i) => (i * 7919) % 251);

function sample(): Uint8Array {
  return zipSync({ 'a.json': [strToU8(text), { level: 6 }], 'b.bin': [raw, { level: 0 }] });
}

/** Offset of the central record of part `index` (0-based). */
function centralAt(zip: Uint8Array, index: number): number {
  const view = new DataView(zip.buffer, zip.byteOffset, zip.byteLength);
  let seen = 0;
  for (let at = 0; at + 4 <= zip.length; at++) {
    if (view.getUint32(at, true) === 0x02014b50 && seen++ === index) return at;
  }
  throw new Error('no such central record');
}

function patch32(zip: Uint8Array, at: number, value: number): Uint8Array {
  const copy = zip.slice();
  new DataView(copy.buffer).setUint32(at, value, true);
  return copy;
}

function kindOf(fn: () => unknown): ZipErrorKind | 'none' {
  try {
    fn();
    return 'none';
  } catch (error) {
    expect(error).toBeInstanceOf(ZipError);
    return (error as ZipError).kind;
  }
}

describe('zip reader', () => {
  it('lists every part with its method and sizes, and extracts both stored and deflated parts byte for byte', () => {
    const zip = sample();
    expect(looksLikeZip(zip)).toBe(true);
    const entries = readZipDirectory(zip, 8);
    expect([...entries.keys()]).toEqual(['a.json', 'b.bin']);
    const a = entries.get('a.json')!;
    const b = entries.get('b.bin')!;
    expect(a.method).toBe(8);
    expect(a.originalSize).toBe(text.length);
    expect(a.compressedSize).toBeLessThan(text.length / 10);
    expect(b.method).toBe(0);
    expect(b.compressedSize).toBe(3000);
    expect(new TextDecoder().decode(extractEntry(zip, a))).toBe(text);
    expect(Array.from(extractEntry(zip, b))).toEqual(Array.from(raw));
    expect(crc32(raw)).toBe(b.crc32);
  });

  it('reads an empty zip as no parts, and tells other bytes from a zip', () => {
    const empty = zipSync({});
    expect(looksLikeZip(empty)).toBe(true);
    expect(readZipDirectory(empty, 8).size).toBe(0);
    expect(looksLikeZip(strToU8('%PDF-1.7'))).toBe(false);
    expect(looksLikeZip(new Uint8Array(0))).toBe(false);
  });

  it('calls a file cut short incomplete, at every length that loses the end record', () => {
    const zip = sample();
    for (const keep of [zip.length - 1, zip.length - 22, Math.floor(zip.length / 2), 4]) {
      expect(kindOf(() => readZipDirectory(zip.subarray(0, keep), 8))).toBe('incomplete');
    }
  });

  it('refuses more parts than allowed before reading any record, and says how many there are', () => {
    const parts = Object.fromEntries(Array.from({ length: 9 }, (_, i) => [`p${i}`, strToU8(String(i))]));
    const zip = zipSync(parts);
    expect(readZipDirectory(zip, 9).size).toBe(9);
    try {
      readZipDirectory(zip, 8);
      expect.unreachable();
    } catch (error) {
      expect((error as ZipError).kind).toBe('too-many-parts');
      expect((error as ZipError).count).toBe(9);
    }
  });

  it('refuses an encrypted part, and a local header offset outside the file', () => {
    const zip = sample();
    const flagged = zip.slice();
    flagged[centralAt(zip, 1) + 8]! |= 1;
    expect(kindOf(() => readZipDirectory(flagged, 8))).toBe('encrypted');
    expect(kindOf(() => readZipDirectory(patch32(zip, centralAt(zip, 0) + 42, zip.length - 30), 8))).toBe('damaged');
    expect(kindOf(() => readZipDirectory(patch32(zip, centralAt(zip, 0) + 20, 0x7fffffff), 8))).toBe('damaged');
  });

  it('refuses two parts of one name', () => {
    const zip = zipSync({ 'a.json': strToU8('1'), 'b.json': strToU8('2') });
    const copy = zip.slice();
    copy[centralAt(zip, 1) + 46] = 'a'.charCodeAt(0);
    expect(kindOf(() => readZipDirectory(copy, 8))).toBe('damaged');
  });

  it('stops a part that inflates past its declared size after one step, not after gigabytes', () => {
    const bomb = zipSync({ 'a.json': [new Uint8Array(64 * 1024 * 1024), { level: 9 }] });
    const lying = patch32(bomb, centralAt(bomb, 0) + 24, 1024);
    const entry = readZipDirectory(lying, 8).get('a.json')!;
    expect(entry.originalSize).toBe(1024);
    expect(kindOf(() => extractEntry(lying, entry))).toBe('damaged');
    // Declared larger than it is: the output falls short, which is damage too.
    const short = patch32(bomb, centralAt(bomb, 0) + 24, 64 * 1024 * 1024 + 1);
    expect(kindOf(() => extractEntry(short, readZipDirectory(short, 8).get('a.json')!))).toBe('damaged');
  });

  it('refuses a part whose CRC differs, and a stored part whose two sizes differ', () => {
    const zip = sample();
    const badCrc = patch32(zip, centralAt(zip, 0) + 16, 0x12345678);
    expect(kindOf(() => extractEntry(badCrc, readZipDirectory(badCrc, 8).get('a.json')!))).toBe('damaged');
    const entry = readZipDirectory(zip, 8).get('b.bin')!;
    expect(kindOf(() => extractEntry(zip, { ...entry, originalSize: entry.originalSize + 1 }))).toBe('damaged');
  });

  it('calls a deflate stream that is not one damaged, keeping the inflater error as the cause', () => {
    const zip = sample();
    const entry = readZipDirectory(zip, 8).get('a.json')!;
    const broken = zip.slice();
    broken.fill(0xff, entry.dataStart, entry.dataStart + 8);
    try {
      extractEntry(broken, entry);
      expect.unreachable();
    } catch (error) {
      expect((error as ZipError).kind).toBe('damaged');
      expect((error as ZipError).cause).toBeInstanceOf(Error);
    }
  });
});
