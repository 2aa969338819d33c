/**
 * The design file: round trips, migration of a version-1 design, every refusal with its sentence,
 * zip bombs, and property-based fuzzing (random bytes, damaged copies, random design.json).
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { Inflate, inflateSync, unzipSync, zipSync, type Zippable } from 'fflate';
import { describe, expect, it, vi } from 'vitest';
import { makeArea } from '../../../src/core/areas.ts';
import { newDesign, NO_LANDMARKS } from '../../../src/core/document/defaults.ts';
import { DOCUMENT_VERSION, MAX_VIEWS, type DesignDocument } from '../../../src/core/document/types.ts';
import { readDesignDocument } from '../../../src/core/document/validate.ts';
import { addView, documentOf, VIEW_NAMES, viewOf } from '../../../src/core/document/views.ts';
import { imagePoint } from '../../../src/core/math/types.ts';
import {
  DEFAULT_DESIGN_FILE_LIMITS,
  DesignFileError,
  type DesignFileInput,
  type DesignFileLimits,
  type UnpackedDesignFile,
} from '../../../src/io/designFile.ts';
import { unpackDesignFile } from '../../../src/io/openDesignFile.ts';
import { packDesignFile } from '../../../src/io/saveDesignFile.ts';
import {
  makeIsoBmffLike,
  makeJpeg,
  makeLosslessWebp,
  makePng,
  PATTERN_HEIGHT_PX,
  PATTERN_WIDTH_PX,
  truncateJpeg,
  WEBP_HEIGHT_PX,
  WEBP_WIDTH_PX,
  withExifOrientation,
  withJpegFrameSize,
} from '../../fixtures/photoFixtures.ts';

const MIB = 1024 * 1024;
const SAVED_AT = new Date('2026-03-02T10:15:00.000Z');
const JPEG = makeJpeg();

/** A design of one view on a 96 × 64 photo with every kind of content: areas, brush, landmarks, three sessions. */
function richDesign(widthPx = PATTERN_WIDTH_PX, heightPx = PATTERN_HEIGHT_PX): DesignDocument {
  const base = newDesign({ kind: 'file', name: 'client-front.jpg', widthPx, heightPx }, 4242, 40, '2026-03-02');
  return documentOf({
    ...base,
    areas: [
      makeArea('front', [imagePoint(10, 10), imagePoint(50, 8), imagePoint(86, 12), imagePoint(80, 30), imagePoint(16, 30)]),
      { ...makeArea('crown', [imagePoint(30, 40), imagePoint(60, 40), imagePoint(60, 60), imagePoint(30, 60)], 'crown'), mirrored: true },
      { ...makeArea('mole', [imagePoint(40, 20), imagePoint(44, 20), imagePoint(42, 24)], 'exclusion'), featherMm: 1.5 },
    ],
    landmarks: { ...NO_LANDMARKS, glabella: imagePoint(48, 50), leftEye: imagePoint(30, 55), rightEye: imagePoint(66, 55.5) },
    irregularity: { macroMm: 4.5, microMm: 0.9, stray: 0.25, seed: 77 },
    brush: [
      { mode: 'raise', radiusMm: 6, strength: 0.35, points: [{ x: 20, y: 20, pressure: 0.5 }, { x: 24.5, y: 21, pressure: 1 }] },
      { mode: 'erase', radiusMm: 3, strength: 1, points: [{ x: 70, y: 15, pressure: 0.75 }] },
    ],
  }, 'front');
}

const DESIGN = richDesign();
const INPUT: DesignFileInput = {
  design: DESIGN,
  photos: [{ bytes: JPEG, mime: 'image/jpeg' }],
  client: { name: 'Jordan Ávila' },
  extra: { aftercare: ['No sweating for 4 days', 'No sun for 28 days'], notes: { scarTissue: true, sessionsDone: 1 } },
  savedAt: SAVED_AT,
};
const FILE = await packDesignFile(INPUT);
const DEMO_DESIGN = documentOf(newDesign({ kind: 'demo', name: 'demo', widthPx: 1600, heightPx: 1200 }, 9), 'top');

function sha256(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

function text(bytes: Uint8Array | undefined): string {
  return new TextDecoder().decode(bytes);
}

/** The zip's parts, read with fflate (the test's independent reader). */
function partsOf(file: Uint8Array): Record<string, Uint8Array> {
  return unzipSync(file);
}

/** A zip of these parts: strings are written as UTF-8 and deflated, photos are stored. */
function zipOf(parts: Record<string, Uint8Array | string>): Uint8Array {
  const files: Zippable = {};
  for (const [name, value] of Object.entries(parts)) {
    files[name] = typeof value === 'string' ? [new TextEncoder().encode(value), { level: 6 }] : [value, { level: 0 }];
  }
  return zipSync(files, { mtime: SAVED_AT });
}

/** FILE with some parts replaced (undefined removes a part). */
function withParts(changes: Record<string, Uint8Array | string | undefined>): Uint8Array {
  const parts: Record<string, Uint8Array | string> = partsOf(FILE);
  for (const [name, value] of Object.entries(changes)) {
    if (value === undefined) delete parts[name];
    else parts[name] = value;
  }
  return zipOf(parts);
}

/** FILE's manifest with fields replaced. */
function manifestWith(changes: Record<string, unknown>): string {
  return JSON.stringify({ ...(JSON.parse(text(partsOf(FILE)['manifest.json'])) as object), ...changes });
}

/** The manifest photo block for these bytes. */
function photoBlock(bytes: Uint8Array, file = 'photo-1.jpg', mime = 'image/jpeg'): Record<string, unknown> {
  return { file, mime, bytes: bytes.length, sha256: sha256(bytes) };
}

/** Offset of the central directory record of `name` in a zip. */
function centralRecord(zip: Uint8Array, name: string): number {
  const view = new DataView(zip.buffer, zip.byteOffset, zip.byteLength);
  for (let at = zip.length - 46; at >= 0; at--) {
    if (view.getUint32(at, true) !== 0x02014b50) continue;
    const length = view.getUint16(at + 28, true);
    if (text(zip.subarray(at + 46, at + 46 + length)) === name) return at;
  }
  throw new Error(`no central record for ${name}`);
}

/** Offset of the data of `name` in a zip (after its local header). */
function dataStart(zip: Uint8Array, name: string): number {
  const view = new DataView(zip.buffer, zip.byteOffset, zip.byteLength);
  const local = view.getUint32(centralRecord(zip, name) + 42, true);
  return local + 30 + view.getUint16(local + 26, true) + view.getUint16(local + 28, true);
}

/** A copy of a zip with a little-endian field of one central record changed. */
function patchCentral(zip: Uint8Array, name: string, field: number, value: number, bytes: 2 | 4): Uint8Array {
  const out = zip.slice();
  const view = new DataView(out.buffer);
  const at = centralRecord(out, name) + field;
  if (bytes === 2) view.setUint16(at, value, true);
  else view.setUint32(at, value, true);
  return out;
}

/** The DesignFileError's sentence; fails the test if opening succeeds or throws anything else. */
async function refusal(file: Uint8Array, limits?: DesignFileLimits): Promise<string> {
  try {
    await unpackDesignFile(file, limits);
  } catch (e) {
    expect(e).toBeInstanceOf(DesignFileError);
    return (e as DesignFileError).reason;
  }
  throw new Error('the file opened');
}

/** The opened file, or the DesignFileError; anything else thrown fails the property. */
async function outcome(file: Uint8Array): Promise<UnpackedDesignFile | DesignFileError> {
  try {
    return await unpackDesignFile(file);
  } catch (e) {
    if (e instanceof DesignFileError) return e;
    throw e;
  }
}

/**
 * A raw deflate stream (one fixed-Huffman block) that inflates to 1 + 258·copies zero bytes: a
 * literal 0, then `copies` back-references of length 258 at distance 1, 13 bits each.
 */
function zeroBomb(copies: number): Uint8Array {
  const out = new Uint8Array(Math.ceil((3 + 8 + copies * 13 + 7) / 8) + 1);
  let bit = 0;
  const put = (value: number, count: number): void => {
    for (let i = 0; i < count; i++, bit++) if ((value >> i) & 1) out[bit >> 3]! |= 1 << (bit & 7);
  };
  const code = (value: number, count: number): void => {
    for (let i = count - 1; i >= 0; i--, bit++) if ((value >> i) & 1) out[bit >> 3]! |= 1 << (bit & 7);
  };
  put(1, 1); // last block
  put(1, 2); // fixed Huffman codes
  code(0x30, 8); // literal 0
  for (let i = 0; i < copies; i++) {
    code(0xc5, 8); // length 258 (symbol 285)
    code(0, 5); // distance 1
  }
  code(0, 7); // end of block (symbol 256)
  return out;
}

/** A zip whose design.json is `stream` (raw deflate) declaring `declaredSize` bytes once inflated. */
function zipWithDeflatedDesign(stream: Uint8Array, declaredSize: number): Uint8Array {
  const zip = zipOf({ 'manifest.json': manifestWith({}), 'design.json': stream });
  return patchCentral(patchCentral(zip, 'design.json', 10, 8, 2), 'design.json', 24, declaredSize, 4);
}

describe('saving and opening a design file', () => {
  it('round-trips a design with areas, brush, landmarks and three sessions, its photo, client and extra', async () => {
    const opened = await unpackDesignFile(FILE);
    expect(opened.design).toEqual(DESIGN);
    expect(opened.design.views[0]!.areas.map((a) => a.kind)).toEqual(['hairline', 'crown', 'exclusion']);
    expect(opened.design.sessions.map((s) => [s.date, s.sharePercent])).toEqual([
      ['2026-03-02', 30],
      ['2026-03-16', 50],
      ['2026-04-06', 20],
    ]);
    expect(opened.photos[0]?.mime).toBe('image/jpeg');
    expect(opened.photos[0]?.bytes).toEqual(JPEG);
    expect(opened.client).toEqual({ name: 'Jordan Ávila' });
    expect(opened.extra).toEqual(INPUT.extra);
    expect(opened.savedAt).toBe('2026-03-02T10:15:00.000Z');
  });

  it('writes the manifest first, the JSON deflated and the photo stored byte for byte', () => {
    const parts = partsOf(FILE);
    expect(Object.keys(parts)).toEqual(['manifest.json', 'design.json', 'photo-1.jpg', 'extra.json']);
    expect(JSON.parse(text(parts['manifest.json']))).toEqual({
      format: 'smp-hairline-studio-design',
      formatVersion: 2,
      documentVersion: DOCUMENT_VERSION,
      savedAt: '2026-03-02T10:15:00.000Z',
      app: 'SMP Hairline Studio',
      photos: [{ file: 'photo-1.jpg', mime: 'image/jpeg', bytes: JPEG.length, sha256: sha256(JPEG) }],
      client: { name: 'Jordan Ávila' },
    });
    expect(JSON.parse(text(parts['design.json']))).toEqual(DESIGN);
    const view = new DataView(FILE.buffer, FILE.byteOffset, FILE.byteLength);
    expect(view.getUint16(centralRecord(FILE, 'photo-1.jpg') + 10, true)).toBe(0); // stored
    expect(view.getUint16(centralRecord(FILE, 'design.json') + 10, true)).toBe(8); // deflated
    expect(Buffer.from(FILE).indexOf(Buffer.from(JPEG))).toBeGreaterThan(0);
  });

  it('gives the same bytes for the same input', async () => {
    expect(await packDesignFile(INPUT)).toEqual(FILE);
  });

  it('keeps PNG and WebP photos with their own type and name', async () => {
    const png = makePng();
    const fromPng = await packDesignFile({ ...INPUT, photos: [{ bytes: png, mime: 'image/png' }] });
    expect(Object.keys(partsOf(fromPng))).toContain('photo-1.png');
    expect((await unpackDesignFile(fromPng)).photos).toEqual([{ bytes: png, mime: 'image/png' }]);

    const webp = makeLosslessWebp();
    const design = richDesign(WEBP_WIDTH_PX, WEBP_HEIGHT_PX);
    const fromWebp = await packDesignFile({ design, photos: [{ bytes: webp, mime: 'image/webp' }], savedAt: SAVED_AT });
    const opened = await unpackDesignFile(fromWebp);
    expect(opened.photos).toEqual([{ bytes: webp, mime: 'image/webp' }]);
    expect(opened.design).toEqual(design);
    expect(opened.client).toBeNull();
    expect(opened.extra).toBeUndefined();
  });

  it('compares the design with the upright size of a photo turned by EXIF', async () => {
    const turned = withExifOrientation(JPEG, 6); // stored 96 × 64, shown 64 × 96
    const upright = await packDesignFile({ design: richDesign(64, 96), photos: [{ bytes: turned, mime: 'image/jpeg' }], savedAt: SAVED_AT });
    expect((await unpackDesignFile(upright)).photos[0]?.bytes).toEqual(turned);
    const stored = withParts({ 'photo-1.jpg': turned, 'manifest.json': manifestWith({ photos: [photoBlock(turned)] }) });
    expect(await refusal(stored)).toBe('The photo in this design file is 64 × 96 pixels, but the design was drawn on a photo of 96 × 64 pixels.');
  });

  it('saves the demo scalp without a photo and opens it with photo null', async () => {
    const file = await packDesignFile({ design: DEMO_DESIGN, photos: [null], savedAt: SAVED_AT });
    expect(Object.keys(partsOf(file))).toEqual(['manifest.json', 'design.json']);
    const opened = await unpackDesignFile(file);
    expect(opened).toEqual({ design: DEMO_DESIGN, photos: [null], client: null, extra: undefined, savedAt: '2026-03-02T10:15:00.000Z' });
  });

  it('migrates a version-1 design.json inside a container', async () => {
    const v1 = readFileSync(new URL('../../fixtures/design-v1.json', import.meta.url), 'utf8');
    const photo = withJpegFrameSize(JPEG, 4032, 3024);
    // A file of format 1: one photo, named photo.jpg, and `photo` in its manifest.
    const manifest = { format: 'smp-hairline-studio-design', formatVersion: 1, documentVersion: 1, savedAt: SAVED_AT.toISOString(), app: 'SMP Hairline Studio', photo: photoBlock(photo, 'photo.jpg') };
    const file = zipOf({ 'manifest.json': JSON.stringify(manifest), 'design.json': v1, 'photo.jpg': photo });
    const opened = await unpackDesignFile(file);
    expect(opened.design.version).toBe(DOCUMENT_VERSION);
    expect(opened.design.views).toHaveLength(1);
    const [view] = opened.design.views;
    expect(view!.photo).toEqual({ kind: 'file', name: 'client-top.jpg', widthPx: 4032, heightPx: 3024 });
    expect(opened.design.sessions).toEqual([{ date: null, sharePercent: 100, dilutionWaterParts: 6, needle: '1RL-0.25' }]);
    expect(opened.design.dots).toEqual({ densityPerCm2: 95, transitionMm: 8, placementPercent: 100 });
    expect(view!.areas[0]?.hairlineEdges).toEqual([false, false, true, true, false]);
    expect(opened.photos).toEqual([{ bytes: photo, mime: 'image/jpeg' }]);
    expect(opened.client).toBeNull();
  });

  it('refuses to save what it could not open again', async () => {
    await expect(packDesignFile({ ...INPUT, photos: [null] })).rejects.toThrow("This design cannot be saved: the design's photo is missing.");
    await expect(packDesignFile({ ...INPUT, photos: [] })).rejects.toThrow('This design cannot be saved: it has 1 views but 0 photos were given.');
    await expect(packDesignFile({ ...INPUT, photos: [{ bytes: makePng(), mime: 'image/jpeg' }] })).rejects.toThrow(/not the JPEG image/);
    await expect(packDesignFile({ ...INPUT, design: richDesign(100, 64) })).rejects.toThrow(/96 × 64 pixels but it was drawn on 100 × 64/);
    await expect(packDesignFile({ ...INPUT, design: DEMO_DESIGN })).rejects.toThrow(/demo scalp but a photo was given/);
    await expect(packDesignFile({ ...INPUT, photos: [{ bytes: truncateJpeg(JPEG), mime: 'image/jpeg' }] })).rejects.toThrow(/photo cannot be used \(This photo is incomplete/);
    await expect(packDesignFile({ ...INPUT, design: { ...DESIGN, views: [{ ...DESIGN.views[0]!, seed: Number.NaN }] } })).rejects.toThrow(/design is not valid.*seed/);
    await expect(packDesignFile({ ...INPUT, extra: { big: 1n } })).rejects.toThrow(/extra data/);
    await expect(packDesignFile({ ...INPUT, savedAt: new Date('nonsense') })).rejects.toThrow(/save time/);
  });
});

describe('files that are not design files', () => {
  it('refuses an empty file and one over the size limit', async () => {
    expect(await refusal(new Uint8Array(0))).toMatch(/empty/);
    // Six views' photos of at most 64 MB each, and the design.
    expect(DEFAULT_DESIGN_FILE_LIMITS.maxFileBytes).toBe((MAX_VIEWS * 64 + 16) * MIB);
    expect(await refusal(new Uint8Array(3 * MIB), { ...DEFAULT_DESIGN_FILE_LIMITS, maxFileBytes: 2 * MIB })).toMatch(/^This file is 3\.0 MB; design files are at most 2 MB/);
  });

  it('says what the file is when it is a photo, an image or a PDF', async () => {
    expect(await refusal(JPEG)).toBe('This is a JPEG photo, not a design file. To start a new design on it, use Upload photo.');
    expect(await refusal(makePng())).toMatch(/^This is a PNG image, not a design file\. .*Upload photo/);
    expect(await refusal(makeLosslessWebp())).toMatch(/^This is a WebP image, not a design file/);
    expect(await refusal(makeIsoBmffLike('heic', ['mif1']))).toBe('This is a HEIC photo, not a design file.');
    expect(await refusal(new TextEncoder().encode('%PDF-1.7\n...'))).toBe('This is a PDF document, not a design file.');
    expect(await refusal(new TextEncoder().encode(JSON.stringify(DESIGN)))).toMatch(/not a design file\. Design files end in \.smpdesign/);
  });

  it('refuses a zip that is not ours', async () => {
    expect(await refusal(zipOf({ 'readme.txt': 'hello' }))).toBe('This zip file is not a design file from SMP Hairline Studio. It has no manifest.');
    expect(await refusal(zipSync({}))).toMatch(/It has no manifest/);
    expect(await refusal(withParts({ 'manifest.json': manifestWith({ format: 'someone-elses-design' }) }))).toBe('This zip file is not a design file from SMP Hairline Studio.');
    const many = Object.fromEntries(Array.from({ length: 65 }, (_, i) => [`part-${i}.txt`, 'x']));
    expect(await refusal(zipOf(many))).toBe('This file holds 65 parts; a design file holds at most 64, so it is not a design file.');
  });
});

describe('damaged design files', () => {
  it('says a file cut short is incomplete', async () => {
    expect(await refusal(FILE.slice(0, Math.floor(FILE.length / 2)))).toMatch(/^This design file is incomplete: it stops part-way through/);
    expect(await refusal(FILE.slice(0, FILE.length - 1))).toMatch(/incomplete/);
  });

  it('finds damage anywhere through the CRC and the zip structure', async () => {
    const crcOff = patchCentral(FILE, 'design.json', 16, 0x12345678, 4);
    expect(await refusal(crcOff)).toBe('This design file is damaged and cannot be opened. Please try another copy of it.');
    for (const name of ['manifest.json', 'design.json', 'photo-1.jpg', 'extra.json']) {
      const flipped = FILE.slice();
      flipped[dataStart(FILE, name) + 5]! ^= 0x55;
      expect(await refusal(flipped)).toMatch(/damaged/);
    }
    const badSignature = FILE.slice();
    badSignature[centralRecord(FILE, 'design.json')] = 0;
    expect(await refusal(badSignature)).toMatch(/damaged/);
    const trailing = new Uint8Array(FILE.length + 3);
    trailing.set(FILE);
    expect(await refusal(trailing)).toMatch(/incomplete|damaged/);
  });

  it('opens a file unchanged when only a field it does not use was damaged', async () => {
    const retimed = patchCentral(FILE, 'design.json', 12, 0x0021, 2); // modification time
    expect((await unpackDesignFile(retimed)).design).toEqual(DESIGN);
  });

  it('refuses encrypted parts and unknown compression', async () => {
    expect(await refusal(patchCentral(FILE, 'design.json', 8, 1, 2))).toMatch(/password-protected/);
    expect(await refusal(patchCentral(FILE, 'design.json', 10, 14, 2))).toBe('This design file uses a kind of compression this app cannot read.');
  });

  it('refuses a missing, malformed or too new manifest', async () => {
    expect(await refusal(withParts({ 'manifest.json': undefined }))).toMatch(/no manifest/);
    expect(await refusal(withParts({ 'manifest.json': '{"format": "smp-hairline-studio-design",' }))).toBe("This design file's manifest is damaged, so the file cannot be opened.");
    expect(await refusal(withParts({ 'manifest.json': '[1, 2]' }))).toMatch(/manifest is damaged/);
    expect(await refusal(withParts({ 'manifest.json': manifestWith({ formatVersion: '1' }) }))).toMatch(/manifest is damaged/);
    expect(await refusal(withParts({ 'manifest.json': manifestWith({ photos: [{ ...photoBlock(JPEG), sha256: 'abc' }] }) }))).toMatch(/manifest is damaged/);
    expect(await refusal(withParts({ 'manifest.json': manifestWith({ photos: [{ ...photoBlock(JPEG), mime: 'image/png' }] }) }))).toMatch(/manifest is damaged/);
    expect(await refusal(withParts({ 'manifest.json': manifestWith({ formatVersion: 3 }) }))).toBe('This design was saved by a newer version of the app; please update the app to open it.');
    expect(await refusal(withParts({ 'manifest.json': manifestWith({ documentVersion: DOCUMENT_VERSION + 1 }) }))).toMatch(/newer version of the app/);
  });

  it('reads informational manifest fields of the wrong kind as absent', async () => {
    const opened = await unpackDesignFile(withParts({ 'manifest.json': manifestWith({ savedAt: 'yesterday', client: { name: 42 } }) }));
    expect(opened.savedAt).toBeNull();
    expect(opened.client).toBeNull();
    expect(opened.design).toEqual(DESIGN);
  });

  it('refuses a missing, unreadable or invalid design', async () => {
    expect(await refusal(withParts({ 'design.json': undefined }))).toBe('This design file has no design in it (design.json is missing).');
    expect(await refusal(withParts({ 'design.json': '{"version": 2, "seed": ' }))).toBe('The design in this file is damaged: design.json is not valid JSON.');
    expect(await refusal(withParts({ 'design.json': new Uint8Array([0x7b, 0xff, 0xfe, 0x7d]) }))).toMatch(/not valid JSON/);
    expect(await refusal(withParts({ 'design.json': JSON.stringify({ ...DESIGN, views: [{ ...DESIGN.views[0], seed: 'x' }] }) }))).toBe('The design file has no valid seed.');
    expect(await refusal(withParts({ 'design.json': JSON.stringify({ ...DESIGN, version: 99 }) }))).toMatch(/newer version of the app/);
    expect(await refusal(withParts({ 'design.json': '"hello"' }))).toBe('This is not a design file.');
  });

  it('refuses a photo design without its photo', async () => {
    const missing = 'This design was drawn on a photo, but the photo is not in the design file.';
    expect(await refusal(withParts({ 'photo-1.jpg': undefined }))).toBe(missing);
    expect(await refusal(withParts({ 'photo-1.jpg': undefined, 'manifest.json': manifestWith({ photos: [{ file: null }] }) }))).toBe(missing);
    const renamed = withParts({ 'photo-1.jpg': undefined, 'photo-1.png': JPEG });
    expect(await refusal(renamed)).toBe(missing);
  });

  it('refuses a photo that is not the one saved, not what it says, incomplete or of another size', async () => {
    const changed = JPEG.slice();
    changed[JPEG.length - 10]! ^= 0xff;
    expect(await refusal(withParts({ 'photo-1.jpg': changed }))).toBe('The photo in this design file is damaged: it is not the photo the design was saved with.');
    expect(await refusal(withParts({ 'photo-1.jpg': JPEG.slice(0, -1) }))).toMatch(/not the photo the design was saved with/);

    const png = makePng();
    expect(await refusal(withParts({ 'photo-1.jpg': png, 'manifest.json': manifestWith({ photos: [photoBlock(png)] }) }))).toBe(
      'The photo in this design file is not the JPEG image the file says it is: it is a PNG image.',
    );
    const junk = new TextEncoder().encode('not a photo at all');
    expect(await refusal(withParts({ 'photo-1.jpg': junk, 'manifest.json': manifestWith({ photos: [photoBlock(junk)] }) }))).toMatch(/it is not an image at all/);

    const cut = truncateJpeg(JPEG);
    expect(await refusal(withParts({ 'photo-1.jpg': cut, 'manifest.json': manifestWith({ photos: [photoBlock(cut)] }) }))).toMatch(
      /^The photo in this design file cannot be used\. This photo is incomplete/,
    );

    const wider = withParts({ 'design.json': JSON.stringify(richDesign(100, 64)) });
    expect(await refusal(wider)).toBe('The photo in this design file is 96 × 64 pixels, but the design was drawn on a photo of 100 × 64 pixels.');
  });

  it('refuses a demo design whose manifest names a photo, an unknown part, and extra data that is not JSON', async () => {
    expect(await refusal(withParts({ 'design.json': JSON.stringify(DEMO_DESIGN) }))).toMatch(/manifest names a photo, but the design is on the demo scalp/);
    expect(await refusal(withParts({ 'notes.txt': 'hello' }))).toBe(
      'This design file holds a part this app does not know ("notes.txt"), so it is damaged or was made by a newer version of the app.',
    );
    expect(await refusal(withParts({ 'extra.json': 'notes: none' }))).toBe('The extra data in this design file is damaged: extra.json is not valid JSON.');
  });
});

describe('zip bombs', () => {
  it('refuses a part declaring a huge size before inflating anything', async () => {
    const declared = patchCentral(FILE, 'design.json', 24, 200 * MIB, 4);
    expect(await refusal(declared)).toBe('This design file\'s design.json would unpack to 200.0 MB, more than the 16 MB it may hold, so it was not opened.');
    const photo = patchCentral(FILE, 'photo-1.jpg', 24, 65 * MIB, 4);
    expect(await refusal(photo)).toMatch(/photo-1\.jpg would unpack to 65\.0 MB, more than the 64 MB/);
  });

  const copies = 8_500_000;
  const bomb = zeroBomb(copies); // 13.8 MB that inflate to 2.19 GB of zeros

  it('builds a real bomb', () => {
    expect(bomb.length).toBeLessThan(14e6);
    const small = inflateSync(zeroBomb(1000));
    expect(small.length).toBe(1 + 258 * 1000);
    expect(small.every((b) => b === 0)).toBe(true);
  });

  it('refuses a 2 GB bomb that declares its size, before inflating it', async () => {
    expect(await refusal(zipWithDeflatedDesign(bomb, 1 + 258 * copies))).toBe(
      "This design file's design.json would unpack to 2091.4 MB, more than the 16 MB it may hold, so it was not opened.",
    );
  });

  it('stops inflating a bomb that lies about its size at the size it declared', async () => {
    // Inflating all 2.19 GB would feed the inflater all 13.8 MB; the guard stops in its first step.
    const push = vi.spyOn(Inflate.prototype, 'push');
    try {
      expect(await refusal(zipWithDeflatedDesign(bomb, 1000))).toBe('This design file is damaged and cannot be opened. Please try another copy of it.');
      const fed = push.mock.calls.reduce((sum, [chunk]) => sum + chunk.length, 0);
      expect(fed).toBeLessThan(bomb.length / 100);
    } finally {
      push.mockRestore();
    }
  });
});

describe('fuzzing: opening never throws anything but DesignFileError', () => {
  const pk = (tail: Uint8Array): Uint8Array => Uint8Array.from([0x50, 0x4b, 0x03, 0x04, ...tail]);
  const endRecord = (head: Uint8Array, fields: Uint8Array): Uint8Array => Uint8Array.from([0x50, 0x4b, 0x03, 0x04, ...head, 0x50, 0x4b, 0x05, 0x06, ...fields, 0, 0]);

  it('random bytes, zip-like or not', async () => {
    const bytes = fc.oneof(
      fc.uint8Array({ maxLength: 600 }),
      fc.uint8Array({ maxLength: 600 }).map(pk),
      fc.tuple(fc.uint8Array({ maxLength: 300 }), fc.uint8Array({ minLength: 16, maxLength: 16 })).map(([head, fields]) => endRecord(head, fields)),
    );
    await fc.assert(
      fc.asyncProperty(bytes, async (b) => {
        const result = await outcome(b);
        expect(result).toBeInstanceOf(DesignFileError);
        expect((result as DesignFileError).reason).toMatch(/^[A-Z].*\.$/);
      }),
      { numRuns: 200 },
    );
  });

  it('a valid file with bytes flipped or cut short: refused, or opened unchanged', async () => {
    const damage = fc.record({
      flips: fc.array(fc.record({ at: fc.nat(), xor: fc.integer({ min: 1, max: 255 }) }), { minLength: 1, maxLength: 4 }),
      cut: fc.oneof({ arbitrary: fc.constant(null), weight: 3 }, { arbitrary: fc.nat(), weight: 1 }), // mostly flips: a cut file rarely gets past its end record
    });
    await fc.assert(
      fc.asyncProperty(damage, async ({ flips, cut }) => {
        const file = FILE.slice();
        for (const { at, xor } of flips) file[at % file.length]! ^= xor;
        const result = await outcome(cut === null ? file : file.slice(0, cut % file.length));
        if (result instanceof DesignFileError) return;
        expect(() => readDesignDocument(JSON.parse(JSON.stringify(result.design)))).not.toThrow();
        expect(result.design).toEqual(DESIGN); // the CRCs let no changed content through
        expect(result.photos[0]?.bytes).toEqual(JPEG);
        expect(result.extra).toEqual(INPUT.extra);
      }),
      { numRuns: 200 },
    );
  });

  it('a valid file whose design.json is random JSON: refused, or a valid design', async () => {
    const original = JSON.parse(JSON.stringify(DESIGN)) as Record<string, unknown> & { views: Record<string, unknown>[] };
    const view = original.views[0]!;
    const designJson = fc.oneof(
      fc.jsonValue(),
      fc.record({ key: fc.constantFrom(...Object.keys(original)), value: fc.jsonValue() }).map(({ key, value }) => ({ ...original, [key]: value })),
      fc.record({ key: fc.constantFrom(...Object.keys(view)), value: fc.jsonValue() }).map(({ key, value }) => ({ ...original, views: [{ ...view, [key]: value }] })),
      fc.record({ key: fc.constantFrom('kind', 'name', 'widthPx', 'heightPx'), value: fc.jsonValue() }).map(({ key, value }) => ({
        ...original,
        views: [{ ...view, photo: { ...(view.photo as object), [key]: value } }],
      })),
    );
    await fc.assert(
      fc.asyncProperty(designJson, async (json) => {
        const result = await outcome(withParts({ 'design.json': JSON.stringify(json) }));
        if (result instanceof DesignFileError) {
          expect(result.reason).toMatch(/^[A-Z].*\.$/);
          return;
        }
        expect(readDesignDocument(JSON.parse(JSON.stringify(result.design)))).toEqual(result.design);
        expect(result.photos[0]?.bytes).toEqual(JPEG);
      }),
      { numRuns: 200 },
    );
  });
});

describe('designs of several views', () => {
  const SIZES = [
    [PATTERN_WIDTH_PX, PATTERN_HEIGHT_PX],
    [640, 480],
    [1200, 900],
    [800, 1000],
    [4032, 3024],
    [300, 200],
  ] as const;

  /** The rich design with five more views, each on its own photo (of its own size) with an area of its own. */
  function sixViews(): { design: DesignDocument; photos: { bytes: Uint8Array; mime: 'image/jpeg' }[] } {
    let design = richDesign();
    const photos = [{ bytes: JPEG, mime: 'image/jpeg' as const }];
    for (let k = 1; k < MAX_VIEWS; k++) {
      const [w, h] = SIZES[k]!;
      const flat = { ...newDesign({ kind: 'file', name: `view-${k + 1}.jpg`, widthPx: w, heightPx: h }, 100 + k, 30 + k), areas: [makeArea(`a${k}`, [imagePoint(10, 10), imagePoint(w - 10, 12), imagePoint(w / 2, h - 10)], 'crown')] };
      design = addView(design, viewOf(flat, `view-${k + 1}`, VIEW_NAMES[k]!, k === 5 ? 'Crown, close' : ''));
      photos.push({ bytes: withJpegFrameSize(JPEG, w, h), mime: 'image/jpeg' });
    }
    return { design, photos };
  }

  it('round-trips a design of six views, each with its own photo, deep-equal, numbering the photos by view', async () => {
    const { design, photos } = sixViews();
    const file = await packDesignFile({ design, photos, savedAt: SAVED_AT });
    expect(Object.keys(partsOf(file))).toEqual(['manifest.json', 'design.json', 'photo-1.jpg', 'photo-2.jpg', 'photo-3.jpg', 'photo-4.jpg', 'photo-5.jpg', 'photo-6.jpg']);
    const opened = await unpackDesignFile(file);
    expect(opened.design).toEqual(design);
    expect(opened.design.views.map((v) => [v.name, v.label, v.photo.widthPx])).toEqual([
      ['front', '', 96],
      ['top', '', 640],
      ['left', '', 1200],
      ['right', '', 800],
      ['back', '', 4032],
      ['other', 'Crown, close', 300],
    ]);
    expect(opened.photos).toEqual(photos);
  });

  it('refuses a seventh view, on saving and on opening', async () => {
    const { design, photos } = sixViews();
    expect(() => addView(design, { ...design.views[1]!, id: 'view-7' })).toThrow('A design holds at most 6 views; delete one to add another.');
    const seven = { ...design, views: [...design.views, { ...design.views[1]!, id: 'view-7' }] };
    await expect(packDesignFile({ design: seven, photos: [...photos, photos[1]!], savedAt: SAVED_AT })).rejects.toThrow('This design cannot be saved: the design is not valid (The design file holds 7 views; a design holds at most 6.).');
    expect(await refusal(withParts({ 'design.json': JSON.stringify(seven) }))).toBe('The design file holds 7 views; a design holds at most 6.');
    expect(await refusal(withParts({ 'design.json': JSON.stringify({ ...design, views: [] }) }))).toBe('The design file has no view of the head.');
  });

  it('refuses a view that claims more pixels than a photo may have, a view without its photo, and a manifest short of photos', async () => {
    const { design, photos } = sixViews();
    const huge = { ...design, views: design.views.map((v, i) => (i === 2 ? { ...v, photo: { ...v.photo, widthPx: 9000, heightPx: 6000 } } : v)) };
    expect(await refusal(withParts({ 'design.json': JSON.stringify(huge) }))).toBe('The design file says its photo (view 3) is 9000 × 6000 pixels, more than the 48.5 megapixels a photo may have.');
    const file = await packDesignFile({ design, photos, savedAt: SAVED_AT });
    const parts = partsOf(file);
    const without = { ...parts };
    delete without['photo-4.jpg'];
    expect(await refusal(zipOf(without))).toBe('View 4 of this design was drawn on a photo, but the photo is not in the design file.');
    const manifest = JSON.parse(text(parts['manifest.json'])) as { photos: unknown[] };
    expect(await refusal(zipOf({ ...parts, 'manifest.json': JSON.stringify({ ...manifest, photos: manifest.photos.slice(0, 5) }) }))).toBe(
      'This design file is damaged: its manifest lists 5 photos for 6 views.',
    );
    // A photo numbered for another view than the manifest's place for it.
    const swapped = [manifest.photos[1], manifest.photos[0], ...manifest.photos.slice(2)];
    expect(await refusal(zipOf({ ...parts, 'manifest.json': JSON.stringify({ ...manifest, photos: swapped }) }))).toBe("This design file's manifest is damaged, so the file cannot be opened.");
  });
});
