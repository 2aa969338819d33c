import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { decode as decodePng } from 'fast-png';
import { decode as decodeJpeg } from 'jpeg-js';
import { describe, expect, it } from 'vitest';
import {
  DEFAULT_PHOTO_LIMITS,
  checkComplete,
  readImageHeader,
  sniffImageType,
  uprightSize,
  validatePhotoBytes,
  type ExifOrientation,
} from '../../../src/io/photoBytes.ts';
import {
  PHOTO_IMPORT_ERROR_CODES,
  PhotoImportError,
  describePhotoError,
  isPhotoImportError,
  type PhotoImportErrorCode,
} from '../../../src/io/photoErrors.ts';
import {
  HUGE_HEIGHT_PX,
  HUGE_WIDTH_PX,
  PATTERN_HEIGHT_PX,
  PATTERN_WIDTH_PX,
  buildPhotoFixtures,
  chunk,
  makeIsoBmffLike,
  makeJpeg,
  makeLosslessWebp,
  makeLosslessWebpWithExif,
  makeLossyWebpHeaderOnly,
  makePng,
  makeTiffWithOrientation,
  makeVp8lBitstream,
  riff,
  truncateJpeg,
  withExifOrientation,
  withJpegFrameSize,
  withPngExifOrientation,
  withPngSize,
  writePhotoFixtures,
  type ExifByteOrder,
  type PhotoFixtureExpectation,
} from '../../fixtures/photoFixtures.ts';

const fixtures = buildPhotoFixtures();
const jpeg = makeJpeg();
const png = makePng();
const latin1 = (text: string): Uint8Array => Uint8Array.from(text, (c) => c.charCodeAt(0));
const join8 = (...parts: Uint8Array[]): Uint8Array => {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  parts.reduce((at, p) => (out.set(p, at), at + p.length), 0);
  return out;
};

/** Runs `fn` and returns the PhotoImportError it throws (fails the test if it does not). */
function refusal(fn: () => unknown): PhotoImportError {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(PhotoImportError);
    return error as PhotoImportError;
  }
  throw new Error('expected a PhotoImportError, nothing was thrown');
}

const codeOf = (fn: () => unknown): PhotoImportErrorCode => refusal(fn).code;

describe('fixtures', () => {
  it.each(Object.entries(fixtures))('%s is sniffed from its bytes, not its name', (_name, fx) => {
    expect(sniffImageType(fx.bytes)).toBe(fx.expected.type);
  });

  it.each(Object.entries(fixtures))('%s passes or is refused with the expected code', (_name, fx) => {
    const { expected } = fx;
    if ('error' in expected) {
      expect(codeOf(() => validatePhotoBytes(fx.bytes))).toBe(expected.error);
    } else {
      const { type, widthPx, heightPx, orientation } = expected;
      expect(validatePhotoBytes(fx.bytes)).toEqual({ type, widthPx, heightPx, orientation });
    }
  });

  it.each(Object.entries(fixtures).filter(([, fx]) => 'widthPx' in fx.expected))(
    '%s header gives the stored size and orientation',
    (_name, fx) => {
      const expected: PhotoFixtureExpectation = fx.expected;
      const header = readImageHeader(fx.bytes);
      expect(header).toMatchObject({ widthPx: expected.widthPx, heightPx: expected.heightPx });
      expect(header.orientation).toBe(expected.orientation);
    },
  );

  it('the JPEG and PNG patterns really are red top-left and white bottom-right', () => {
    const j = decodeJpeg(jpeg, { useTArray: true });
    const p = decodePng(png);
    const last = (PATTERN_WIDTH_PX * PATTERN_HEIGHT_PX - 1) * 4;
    for (const data of [j.data, p.data]) {
      expect(Array.from(data.subarray(0, 3)).map((v) => Math.round(v / 255))).toEqual([1, 0, 0]);
      expect(Array.from(data.subarray(last, last + 3)).map((v) => Math.round(v / 255))).toEqual([1, 1, 1]);
    }
  });

  it('a file named .jpg that is really a PNG is sniffed as PNG', () => {
    expect(fixtures.pngNamedJpg.fileName.endsWith('.jpg')).toBe(true);
    expect(sniffImageType(fixtures.pngNamedJpg.bytes)).toBe('png');
    expect(validatePhotoBytes(fixtures.pngNamedJpg.bytes).type).toBe('png');
  });

  it('writePhotoFixtures writes every fixture to a folder', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'photo-fixtures-'));
    try {
      const paths = await writePhotoFixtures(dir);
      expect(Object.keys(paths).sort()).toEqual(Object.keys(fixtures).sort());
      const written = new Uint8Array(await readFile(paths.webpExif6));
      expect(written).toEqual(fixtures.webpExif6.bytes);
      expect((await readFile(paths.empty)).length).toBe(0);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});

describe('sniffImageType', () => {
  it.each([
    ['heic', ['mif1', 'heic'], 'heic'],
    ['heix', [], 'heic'],
    ['mif1', ['heic'], 'heic'],
    ['msf1', ['hevc'], 'heic'],
    ['mif1', ['miaf'], 'heic'],
    ['avif', ['mif1', 'miaf'], 'avif'],
    ['mif1', ['miaf', 'avif'], 'avif'],
    ['avis', [], 'avif'],
    ['isom', ['iso2', 'mp41'], 'unknown'],
  ] as const)('ftyp major %s with %j is %s', (major, compatible, type) => {
    expect(sniffImageType(makeIsoBmffLike(major, compatible))).toBe(type);
  });

  it('does not take text starting with "BM" for a bitmap', () => {
    expect(sniffImageType(latin1('BMW service history: oil changed at 40,000 km'))).toBe('unknown');
  });

  it('needs the whole PNG signature and the WEBP form type', () => {
    const badPng = png.slice();
    badPng[4] = 0x0a;
    expect(sniffImageType(badPng)).toBe('unknown');
    expect(sniffImageType(join8(latin1('RIFF'), new Uint8Array(4), latin1('WAVEfmt ')))).toBe('unknown');
    expect(sniffImageType(new Uint8Array(0))).toBe('unknown');
    expect(sniffImageType(Uint8Array.of(0xff, 0xd8))).toBe('unknown');
  });
});

describe('orientation', () => {
  const orders: ExifByteOrder[] = ['MM', 'II'];
  const all: ExifOrientation[] = [1, 2, 3, 4, 5, 6, 7, 8];

  it.each(orders.flatMap((order) => all.map((o) => [order, o] as const)))(
    'JPEG EXIF (%s) orientation %i is read, size stays as stored',
    (order, orientation) => {
      const header = readImageHeader(withExifOrientation(jpeg, orientation, order));
      expect(header).toEqual({ type: 'jpeg', widthPx: PATTERN_WIDTH_PX, heightPx: PATTERN_HEIGHT_PX, orientation });
    },
  );

  it.each(orders.flatMap((order) => ([3, 6, 8] as const).map((o) => [order, o] as const)))(
    'WebP VP8X EXIF (%s) orientation %i is read',
    (order, orientation) => {
      expect(readImageHeader(makeLosslessWebpWithExif(orientation, order)).orientation).toBe(orientation);
    },
  );

  it('reads WebP EXIF written with the "Exif\\0\\0" prefix too', () => {
    const plain = makeLosslessWebpWithExif(6);
    const exifAt = plain.length - (8 + makeTiffWithOrientation(6).length);
    const prefixed = riff([
      chunk('VP8X', plain.subarray(20, 30)),
      chunk('VP8L', makeVp8lBitstream()),
      chunk('EXIF', join8(latin1('Exif\0\0'), plain.subarray(exifAt + 8))),
    ]);
    expect(readImageHeader(prefixed).orientation).toBe(6);
  });

  it('PNG eXIf orientation counts before the image data only, as in Chromium', () => {
    const before = withPngExifOrientation(png, 8);
    const after = withPngExifOrientation(png, 8, true);
    expect(readImageHeader(before).orientation).toBe(8);
    expect(readImageHeader(after).orientation).toBe(1);
    expect(() => checkComplete(before, 'png')).not.toThrow();
    expect(() => checkComplete(after, 'png')).not.toThrow();
  });

  it('upright size swaps width and height for 5–8 only', () => {
    for (const orientation of all) {
      const upright = uprightSize(readImageHeader(withExifOrientation(jpeg, orientation)));
      const swapped = orientation >= 5;
      expect(upright).toEqual({
        widthPx: swapped ? PATTERN_HEIGHT_PX : PATTERN_WIDTH_PX,
        heightPx: swapped ? PATTERN_WIDTH_PX : PATTERN_HEIGHT_PX,
      });
    }
  });

  it('reads bad or missing EXIF as upright instead of refusing the photo', () => {
    expect(readImageHeader(jpeg).orientation).toBe(1);
    expect(readImageHeader(withExifOrientation(jpeg, 9)).orientation).toBe(1);
    expect(readImageHeader(withExifOrientation(jpeg, 0, 'II')).orientation).toBe(1);
    const badOrder = withExifOrientation(jpeg, 6);
    badOrder.set(latin1('XX'), 12); // SOI(2) + APP1 header(4) + "Exif\0\0"(6)
    expect(readImageHeader(badOrder).orientation).toBe(1);
    const cutIfd = withExifOrientation(jpeg, 6);
    cutIfd[17] = 0xff; // IFD0 offset far outside the segment
    expect(readImageHeader(cutIfd).orientation).toBe(1);
  });

  it('uses the first EXIF segment when there are two', () => {
    expect(readImageHeader(withExifOrientation(withExifOrientation(jpeg, 3), 6)).orientation).toBe(6);
  });
});

describe('readImageHeader', () => {
  it('reads a lossy VP8 key-frame header, ignoring the scale bits', () => {
    const webp = makeLossyWebpHeaderOnly(4000 | 0x4000, 3000 | 0x8000);
    expect(readImageHeader(webp)).toEqual({ type: 'webp', widthPx: 4000, heightPx: 3000, orientation: 1 });
  });

  it('reads the lossless WebP size', () => {
    expect(readImageHeader(makeLosslessWebp(16383, 2))).toMatchObject({ widthPx: 16383, heightPx: 2 });
  });

  it('works on a prefix of the file', () => {
    const photo = withExifOrientation(withJpegFrameSize(jpeg, 4032, 3024), 6);
    expect(readImageHeader(photo.subarray(0, 700))).toEqual({ type: 'jpeg', widthPx: 4032, heightPx: 3024, orientation: 6 });
    expect(readImageHeader(png.subarray(0, 33))).toMatchObject({ type: 'png', widthPx: PATTERN_WIDTH_PX });
  });

  it('refuses what it cannot read with the right code', () => {
    expect(codeOf(() => readImageHeader(jpeg.subarray(0, 30)))).toBe('truncated');
    expect(codeOf(() => readImageHeader(png.subarray(0, 20)))).toBe('truncated');
    expect(codeOf(() => readImageHeader(fixtures.heic.bytes))).toBe('unsupported-format');
    expect(refusal(() => readImageHeader(fixtures.heic.bytes)).detail['format']).toBe('heic');
    expect(codeOf(() => readImageHeader(fixtures.text.bytes))).toBe('not-an-image');
    expect(codeOf(() => readImageHeader(withJpegFrameSize(jpeg, 0, 10)))).toBe('corrupt');
    expect(codeOf(() => readImageHeader(withPngSize(png, 10, 0)))).toBe('corrupt');
  });
});

describe('checkComplete', () => {
  it('accepts every valid fixture', () => {
    for (const fx of [fixtures.jpeg, fixtures.jpegExif6, fixtures.png, fixtures.webp, fixtures.webpExif6]) {
      expect(() => checkComplete(fx.bytes, fx.expected.type)).not.toThrow();
    }
  });

  it('JPEG: needs EOI after the scan; anything after EOI is allowed', () => {
    expect(() => checkComplete(join8(jpeg, latin1('trailer from the phone camera app')), 'jpeg')).not.toThrow();
    expect(codeOf(() => checkComplete(jpeg.subarray(0, jpeg.length - 2), 'jpeg'))).toBe('truncated');
    expect(codeOf(() => checkComplete(jpeg.subarray(0, jpeg.length - 1), 'jpeg'))).toBe('truncated');
    expect(codeOf(() => checkComplete(truncateJpeg(jpeg), 'jpeg'))).toBe('truncated');
    expect(codeOf(() => checkComplete(fixtures.jpegCorrupt.bytes, 'jpeg'))).toBe('corrupt');
  });

  it('JPEG: a file that stops before the scan is truncated, one with no frame header is corrupt', () => {
    const sos = jpeg.findLastIndex((v, i) => v === 0xff && jpeg[i + 1] === 0xda);
    expect(codeOf(() => checkComplete(jpeg.subarray(0, sos), 'jpeg'))).toBe('truncated');
    const noFrame = jpeg.slice();
    const sof = jpeg.findIndex((v, i) => v === 0xff && jpeg[i + 1] === 0xc0);
    noFrame[sof + 1] = 0xfe; // SOF0 becomes a comment
    expect(codeOf(() => checkComplete(noFrame, 'jpeg'))).toBe('corrupt');
  });

  it('JPEG: walks restart markers, fill bytes and the segments between progressive scans', () => {
    const sos = jpeg.findLastIndex((v, i) => v === 0xff && jpeg[i + 1] === 0xda);
    const dht = jpeg.findIndex((v, i) => v === 0xff && jpeg[i + 1] === 0xc4);
    const segment = (at: number) => jpeg.subarray(at, at + 2 + ((jpeg[at + 2] ?? 0) << 8) + (jpeg[at + 3] ?? 0));
    const body = jpeg.subarray(0, jpeg.length - 2);
    const multiScan = join8(
      body,
      Uint8Array.of(0xff, 0xd0, 0x12, 0xff, 0x00, 0x34), // restart marker and a stuffed 0xFF
      Uint8Array.of(0xff, 0xff), // fill bytes before the next marker
      segment(dht),
      segment(sos),
      Uint8Array.of(0x56, 0x78, 0xff, 0xd9),
    );
    expect(() => checkComplete(multiScan, 'jpeg')).not.toThrow();
    expect(codeOf(() => checkComplete(multiScan.subarray(0, multiScan.length - 2), 'jpeg'))).toBe('truncated');
    const reserved = join8(body, Uint8Array.of(0xff, 0x05, 0xff, 0xd9));
    expect(codeOf(() => checkComplete(reserved, 'jpeg'))).toBe('corrupt');
  });

  it('PNG: needs IEND with every chunk inside the file; bytes after IEND are ignored', () => {
    expect(() => checkComplete(join8(png, latin1('extra')), 'png')).not.toThrow();
    expect(codeOf(() => checkComplete(png.subarray(0, png.length - 12), 'png'))).toBe('truncated');
    expect(codeOf(() => checkComplete(png.subarray(0, png.length - 1), 'png'))).toBe('truncated');
    expect(codeOf(() => checkComplete(fixtures.pngTruncated.bytes, 'png'))).toBe('truncated');
  });

  it('PNG: a damaged IHDR, unreadable chunk or missing IDAT is corrupt', () => {
    const badCrc = png.slice();
    badCrc[18] = (badCrc[18] ?? 0) ^ 0x01; // width changes, CRC no longer matches
    expect(codeOf(() => checkComplete(badCrc, 'png'))).toBe('corrupt');
    const notIhdr = png.slice();
    notIhdr.set(latin1('IDAT'), 12);
    expect(codeOf(() => checkComplete(notIhdr, 'png'))).toBe('corrupt');
    const garbage = png.slice();
    garbage.set([0x00, 0x01, 0x02, 0x03], 37); // type of the chunk after IHDR
    expect(codeOf(() => checkComplete(garbage, 'png'))).toBe('corrupt');
    const ihdrOnly = join8(png.subarray(0, 33), png.subarray(png.length - 12));
    expect(codeOf(() => checkComplete(ihdrOnly, 'png'))).toBe('corrupt');
  });

  it('WebP: the RIFF size must match the file length, give or take a padding byte', () => {
    const webp = makeLosslessWebp();
    expect(codeOf(() => checkComplete(webp.subarray(0, webp.length - 10), 'webp'))).toBe('truncated');
    expect(() => checkComplete(join8(webp, Uint8Array.of(0)), 'webp')).not.toThrow();
    expect(codeOf(() => checkComplete(join8(webp, Uint8Array.of(0, 0)), 'webp'))).toBe('corrupt');
    // An odd-sized last chunk whose padding byte was not written.
    const odd = riff([chunk('VP8L', join8(makeVp8lBitstream(), new Uint8Array((makeVp8lBitstream().length + 1) % 2)))]);
    expect(odd.at(-1)).toBe(0);
    expect(() => checkComplete(odd.subarray(0, odd.length - 1), 'webp')).not.toThrow();
  });

  it('WebP: a chunk running past the end is truncated; no image chunk is corrupt', () => {
    const webp = makeLosslessWebp();
    const lying = webp.slice();
    new DataView(lying.buffer).setUint32(16, webp.length, true); // VP8L chunk claims too much
    expect(codeOf(() => checkComplete(lying, 'webp'))).toBe('truncated');
    const noImage = riff([chunk('VP8X', new Uint8Array(10)), chunk('XMP ', latin1('<x/>'))]);
    expect(codeOf(() => checkComplete(noImage, 'webp'))).toBe('corrupt');
  });
});

describe('validatePhotoBytes limits', () => {
  it('opens an 8000 × 6000 (48 MP) photo', () => {
    const header = validatePhotoBytes(withJpegFrameSize(jpeg, 8000, 6000));
    expect(header).toMatchObject({ widthPx: 8000, heightPx: 6000 });
  });

  it.each([
    ['JPEG', fixtures.jpeg50mp.bytes],
    ['PNG', fixtures.png50mp.bytes],
  ])('refuses a 50 MP %s and says so in megapixels', (_kind, bytes) => {
    const error = refusal(() => validatePhotoBytes(bytes));
    expect(error.code).toBe('too-many-pixels');
    expect(error.detail).toMatchObject({
      widthPx: HUGE_WIDTH_PX,
      heightPx: HUGE_HEIGHT_PX,
      pixels: HUGE_WIDTH_PX * HUGE_HEIGHT_PX,
      maxPixels: DEFAULT_PHOTO_LIMITS.maxPixels,
    });
    const message = describePhotoError(error);
    expect(message).toContain('50.0 megapixels');
    expect(message).toContain('48 megapixels');
  });

  it('refuses too many bytes before looking inside, and states both sizes', () => {
    const tooBig = new Uint8Array(DEFAULT_PHOTO_LIMITS.maxBytes + 1);
    const error = refusal(() => validatePhotoBytes(tooBig));
    expect(error.code).toBe('too-many-bytes');
    expect(describePhotoError(error)).toMatch(/64\.0 MB.*64 MB/);
    expect(codeOf(() => validatePhotoBytes(jpeg, { maxBytes: 100, maxPixels: 1e9 }))).toBe('too-many-bytes');
  });

  it('honours custom pixel limits and checks completeness before size', () => {
    const limits = { maxBytes: 1e9, maxPixels: PATTERN_WIDTH_PX * PATTERN_HEIGHT_PX };
    expect(() => validatePhotoBytes(jpeg, limits)).not.toThrow();
    expect(codeOf(() => validatePhotoBytes(makeJpeg(PATTERN_WIDTH_PX + 1), limits))).toBe('too-many-pixels');
    expect(codeOf(() => validatePhotoBytes(truncateJpeg(fixtures.jpeg50mp.bytes)))).toBe('truncated');
  });

  it('reports empty before anything else', () => {
    expect(codeOf(() => validatePhotoBytes(new Uint8Array(0), { maxBytes: 0, maxPixels: 0 }))).toBe('empty');
  });
});

describe('describePhotoError', () => {
  it.each(PHOTO_IMPORT_ERROR_CODES)('has a plain sentence for %s', (code) => {
    const message = describePhotoError(new PhotoImportError(code));
    expect(message.length).toBeGreaterThan(20);
    expect(message).toMatch(/^[A-Z].*\.$/s);
  });

  it('tells HEIC users how to convert, and names other refused formats', () => {
    const heic = describePhotoError(refusal(() => validatePhotoBytes(fixtures.heic.bytes)));
    expect(heic).toContain('HEIC');
    expect(heic).toContain('Most Compatible');
    expect(heic).toMatch(/Preview/);
    expect(heic).toMatch(/JPEG/);
    for (const [format, name] of [['avif', 'AVIF'], ['gif', 'GIF'], ['bmp', 'BMP'], ['tiff', 'TIFF']] as const) {
      expect(describePhotoError(new PhotoImportError('unsupported-format', { format }))).toContain(name);
    }
  });

  it('falls back to a generic sentence for other errors', () => {
    expect(isPhotoImportError(new Error('boom'))).toBe(false);
    expect(describePhotoError(new Error('boom'))).toMatch(/went wrong/);
    expect(describePhotoError(undefined)).toMatch(/went wrong/);
  });

  it('recognises an error that crossed a realm (plain object with the right name and code)', () => {
    expect(isPhotoImportError({ name: 'PhotoImportError', code: 'truncated', detail: {} })).toBe(true);
  });
});
