/**
 * Hostile photos at the byte door (issue "Hardening", part 3), fuzzed with fast-check: random bytes
 * behind every magic number, mutated and cut-off real files, absurd sizes in the headers, and
 * decompression bombs. Whatever comes in, the door either returns a header that respects the limits
 * or throws a PhotoImportError with a plain sentence; nothing else ever escapes, and a bomb is
 * refused before a single pixel is decoded.
 */
import fc from 'fast-check';
import { zlibSync } from 'fflate';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { loadPhotoBytes } from '../../../src/io/importPhoto.ts';
import {
  DEFAULT_PHOTO_LIMITS,
  checkComplete,
  readImageHeader,
  sniffImageType,
  validatePhotoBytes,
  type ImageHeader,
  type PhotoLimits,
} from '../../../src/io/photoBytes.ts';
import { PHOTO_IMPORT_ERROR_CODES, PhotoImportError, describePhotoError, isPhotoImportError, type PhotoImportErrorCode } from '../../../src/io/photoErrors.ts';
import { crc32 } from '../../../src/io/crc32.ts';
import {
  chunk,
  makeJpeg,
  makeLosslessWebp,
  makeLosslessWebpWithExif,
  makeLossyWebpHeaderOnly,
  makePng,
  makeVp8lBitstream,
  riff,
  withExifOrientation,
  withJpegFrameSize,
  withPngExifOrientation,
  withPngSize,
} from '../../fixtures/photoFixtures.ts';

const latin1 = (text: string): Uint8Array => Uint8Array.from(text, (c) => c.charCodeAt(0));
const cat = (...parts: readonly Uint8Array[]): Uint8Array => {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  parts.reduce((at, p) => (out.set(p, at), at + p.length), 0);
  return out;
};
const u32le = (v: number): Uint8Array => {
  const b = new Uint8Array(4);
  new DataView(b.buffer).setUint32(0, v >>> 0, true);
  return b;
};
const u32be = (v: number): Uint8Array => {
  const b = new Uint8Array(4);
  new DataView(b.buffer).setUint32(0, v >>> 0, false);
  return b;
};

const MAX_MP_TEXT = `${Math.floor(DEFAULT_PHOTO_LIMITS.maxPixels / 1e6)} megapixels`;
const GENERIC = describePhotoError(new Error('not ours'));

/** What the door made of some bytes: a header, or the refusal. Anything else thrown fails the test. */
type Outcome = { readonly header: ImageHeader } | { readonly error: PhotoImportError };

/** Runs `fn`; a PhotoImportError becomes an outcome, any other throw fails the property. */
function attempt<T>(fn: () => T): { value: T } | { error: PhotoImportError } {
  try {
    return { value: fn() };
  } catch (error) {
    if (!(error instanceof PhotoImportError)) throw new Error(`threw something other than PhotoImportError: ${String(error)}`, { cause: error });
    return { error };
  }
}

/** Checks every refusal's sentence: present, plain, not the generic fallback, no leaked placeholders. */
function expectPlainSentence(error: PhotoImportError): string {
  expect(isPhotoImportError(error)).toBe(true);
  expect(PHOTO_IMPORT_ERROR_CODES).toContain(error.code);
  const sentence = describePhotoError(error);
  expect(sentence.trim().length).toBeGreaterThan(20);
  expect(sentence).not.toBe(GENERIC);
  expect(sentence).toMatch(/^[A-Z].*[.]$/s);
  expect(sentence).not.toMatch(/undefined|NaN|Infinity|\[object|null/);
  return sentence;
}

/**
 * validatePhotoBytes plus the invariants every answer must keep, and the same answer from the
 * lower-level functions (sniff, header, completeness): they never throw anything but PhotoImportError.
 */
function door(bytes: Uint8Array, limits: PhotoLimits = DEFAULT_PHOTO_LIMITS): Outcome {
  const copy = bytes.slice();
  const result = attempt(() => validatePhotoBytes(bytes, limits));
  expect(Buffer.compare(bytes, copy)).toBe(0); // the door never writes into the bytes
  const type = sniffImageType(bytes);
  const header = attempt(() => readImageHeader(bytes));
  if (type === 'jpeg' || type === 'png' || type === 'webp') attempt(() => checkComplete(bytes, type));
  if ('error' in result) {
    expectPlainSentence(result.error);
    // Same input, same answer: the door is pure.
    const again = attempt(() => validatePhotoBytes(bytes, limits));
    expect('error' in again && again.error.code).toBe(result.error.code);
    return { error: result.error };
  }
  const h = result.value;
  expect(h.type).toBe(type);
  expect('value' in header && header.value).toEqual(h);
  expect(Number.isInteger(h.widthPx) && h.widthPx >= 1).toBe(true);
  expect(Number.isInteger(h.heightPx) && h.heightPx >= 1).toBe(true);
  expect(h.widthPx * h.heightPx).toBeLessThanOrEqual(limits.maxPixels);
  expect(h.orientation >= 1 && h.orientation <= 8 && Number.isInteger(h.orientation)).toBe(true);
  expect(bytes.length).toBeLessThanOrEqual(limits.maxBytes);
  return { header: h };
}

const codeOf = (o: Outcome): PhotoImportErrorCode | 'ok' => ('error' in o ? o.error.code : 'ok');

// ---------------------------------------------------------------- magic numbers

const anyBytes = (maxLength = 3000) => fc.uint8Array({ maxLength });
const MAGICS = {
  jpeg: fc.constant(Uint8Array.of(0xff, 0xd8, 0xff)),
  png: fc.constant(Uint8Array.of(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a)),
  // RIFF, any size field, WEBP, then one of the three first chunks (or anything).
  webp: fc
    .tuple(fc.nat(), fc.constantFrom('VP8 ', 'VP8L', 'VP8X', 'ALPH', '\0\0\0\0'), fc.nat())
    .map(([size, fourCC, chunkSize]) => cat(latin1('RIFF'), u32le(size), latin1('WEBP'), latin1(fourCC), u32le(chunkSize))),
  heic: fc.constantFrom('heic', 'heix', 'mif1').map((brand) => cat(u32be(24), latin1('ftyp'), latin1(brand), new Uint8Array(4), latin1('mif1heic'))),
  avif: fc.constant(cat(u32be(20), latin1('ftypavif'), new Uint8Array(4), latin1('mif1'))),
  gif: fc.constantFrom('GIF87a', 'GIF89a').map(latin1),
  bmp: fc.constantFrom(12, 40, 108, 124).map((dib) => cat(latin1('BM'), new Uint8Array(12), u32le(dib))),
  tiff: fc.constantFrom('II*\0', 'MM\0*', 'II+\0', 'MM\0+').map(latin1),
} as const;

const REFUSED_NAME: Record<'heic' | 'avif' | 'gif' | 'bmp' | 'tiff', RegExp> = { heic: /HEIC/, avif: /AVIF/, gif: /GIF/, bmp: /BMP/, tiff: /TIFF/ };

describe('random bytes behind a valid magic number', () => {
  for (const [format, magic] of Object.entries(MAGICS)) {
    it(`${format}: a header within the limits or a PhotoImportError with a sentence, nothing else`, () => {
      fc.assert(
        fc.property(magic, anyBytes(), (head, tail) => {
          const bytes = cat(head, tail);
          expect(sniffImageType(bytes)).toBe(format);
          const outcome = door(bytes);
          if (format in REFUSED_NAME) {
            expect(codeOf(outcome)).toBe('unsupported-format');
            if ('error' in outcome) expect(describePhotoError(outcome.error)).toMatch(REFUSED_NAME[format as keyof typeof REFUSED_NAME]);
          } else {
            // A format we read: never "not an image" or "unsupported"; garbage is damaged or cut off.
            expect(['ok', 'truncated', 'corrupt', 'too-many-pixels']).toContain(codeOf(outcome));
          }
        }),
        { numRuns: 400 },
      );
    });
  }

  it('bytes with no known magic number are "not a photo", and an empty file is "empty"', () => {
    fc.assert(
      fc.property(anyBytes(600), (bytes) => {
        fc.pre(sniffImageType(bytes) === 'unknown');
        expect(codeOf(door(bytes))).toBe(bytes.length === 0 ? 'empty' : 'not-an-image');
      }),
      { numRuns: 500 },
    );
  });

  it('too many bytes is refused first, whatever the bytes say, naming both sizes', () => {
    fc.assert(
      fc.property(fc.oneof(...Object.values(MAGICS)), anyBytes(400), fc.integer({ min: 1, max: 300 }), (head, tail, maxBytes) => {
        const bytes = cat(head, tail);
        fc.pre(bytes.length > maxBytes);
        const outcome = door(bytes, { maxBytes, maxPixels: DEFAULT_PHOTO_LIMITS.maxPixels });
        expect(codeOf(outcome)).toBe('too-many-bytes');
        if ('error' in outcome) expect(outcome.error.detail).toEqual({ bytes: bytes.length, maxBytes });
      }),
      { numRuns: 300 },
    );
  });
});

// ---------------------------------------------------------------- real files, damaged

const VALID: Readonly<Record<string, Uint8Array>> = {
  jpeg: makeJpeg(),
  jpegExif6: withExifOrientation(makeJpeg(), 6, 'II'),
  png: makePng(),
  pngExif6: withPngExifOrientation(makePng(), 6),
  webp: makeLosslessWebp(),
  webpExif6: makeLosslessWebpWithExif(6),
  webpLossyHeader: makeLossyWebpHeaderOnly(640, 480),
};

/** One change to a file: overwrite bytes, cut it short, insert or delete a run. */
const mutation = fc.oneof(
  fc.record({ op: fc.constant('set' as const), at: fc.nat(), bytes: fc.uint8Array({ minLength: 1, maxLength: 8 }) }),
  fc.record({ op: fc.constant('cut' as const), at: fc.nat() }),
  fc.record({ op: fc.constant('insert' as const), at: fc.nat(), bytes: fc.uint8Array({ minLength: 1, maxLength: 64 }) }),
  fc.record({ op: fc.constant('delete' as const), at: fc.nat(), length: fc.integer({ min: 1, max: 64 }) }),
);
type Mutation = typeof mutation extends fc.Arbitrary<infer M> ? M : never;

function mutate(file: Uint8Array, m: Mutation): Uint8Array {
  const at = file.length === 0 ? 0 : m.at % (file.length + 1);
  switch (m.op) {
    case 'set': {
      const out = file.slice();
      out.set(m.bytes.subarray(0, Math.max(0, out.length - at)), Math.min(at, out.length));
      return out;
    }
    case 'cut':
      return file.slice(0, at);
    case 'insert':
      return cat(file.subarray(0, at), m.bytes, file.subarray(at));
    case 'delete':
      return cat(file.subarray(0, at), file.subarray(at + m.length));
  }
}

describe('real photos, mutated', () => {
  it('any mix of overwritten, cut, inserted and deleted bytes: a header within limits or a sentence', () => {
    fc.assert(
      fc.property(fc.constantFrom(...Object.keys(VALID)), fc.array(mutation, { minLength: 1, maxLength: 6 }), (name, changes) => {
        door(changes.reduce(mutate, VALID[name]!));
      }),
      { numRuns: 1500 },
    );
  });

  it('every file cut short is refused as incomplete (or as not a photo when even the signature is cut)', () => {
    for (const [name, file] of Object.entries(VALID)) {
      const signature = name.startsWith('webp') ? 12 : name.startsWith('png') ? 8 : 3;
      // WebP tolerates one missing padding byte at the very end, as decoders do.
      const shortest = name.startsWith('webp') ? file.length - 1 : file.length;
      for (let n = 0; n < shortest; n++) {
        const outcome = door(file.subarray(0, n));
        const expected = n === 0 ? 'empty' : n < signature ? 'not-an-image' : 'truncated';
        expect(codeOf(outcome), `${name} cut to ${n} of ${file.length} bytes`).toBe(expected);
      }
      expect(codeOf(door(file)), name).toBe('ok');
    }
  });

  it('random EXIF never refuses a photo: it reads as an orientation from 1 to 8', () => {
    const jpeg = makeJpeg();
    const png = makePng();
    fc.assert(
      fc.property(fc.boolean(), fc.uint8Array({ maxLength: 600 }), fc.constantFrom('jpeg', 'png', 'webp'), (prefixed, payload, format) => {
        const exif = prefixed ? cat(latin1('Exif\0\0'), payload) : payload;
        let file: Uint8Array;
        if (format === 'jpeg') {
          const app1 = cat(Uint8Array.of(0xff, 0xe1, (exif.length + 2) >> 8, (exif.length + 2) & 0xff), exif);
          file = cat(jpeg.subarray(0, 2), app1, jpeg.subarray(2));
        } else if (format === 'png') {
          const body = cat(u32be(exif.length), latin1('eXIf'), exif);
          file = cat(png.subarray(0, 33), body, u32be(crc32(body, 4)), png.subarray(33));
        } else {
          const vp8x = cat(Uint8Array.of(0x08, 0, 0, 0), u32le(31).subarray(0, 3), u32le(23).subarray(0, 3));
          file = riff([chunk('VP8X', vp8x), chunk('VP8L', makeVp8lBitstream()), chunk('EXIF', exif)]);
        }
        const outcome = door(file);
        expect(codeOf(outcome)).toBe('ok');
        if ('header' in outcome) expect([outcome.header.widthPx, outcome.header.heightPx]).toEqual(format === 'webp' ? [32, 24] : [96, 64]);
      }),
      { numRuns: 600 },
    );
  });
});

// ---------------------------------------------------------------- sizes in the headers

/** Sizes that break naive code: zero, one, 16-, 24- and 32-bit edges, and anything else. */
const edgeSize = (max: number) =>
  fc.oneof(
    fc.constantFrom(0, 1, 2, 255, 256, 6964, 6965, 8000, 65535, 65536, 16384, 16385, 2 ** 24, 2 ** 31 - 1, 2 ** 31, 2 ** 32 - 1).filter((v) => v <= max),
    fc.integer({ min: 0, max }),
  );

/** What the limits promise for a declared size: refused above maxPixels, accepted at or below it. */
function expectSizeVerdict(outcome: Outcome, widthPx: number, heightPx: number, limits: PhotoLimits): void {
  const pixels = widthPx * heightPx;
  if (pixels > limits.maxPixels) {
    expect(codeOf(outcome)).toBe('too-many-pixels');
    if ('error' in outcome) {
      expect(outcome.error.detail).toEqual({ widthPx, heightPx, pixels, maxPixels: limits.maxPixels });
      const sentence = describePhotoError(outcome.error);
      expect(sentence).toContain(`${(pixels / 1e6).toFixed(1)} megapixels`);
      if (limits === DEFAULT_PHOTO_LIMITS) expect(sentence).toContain(MAX_MP_TEXT);
    }
  } else {
    expect(codeOf(outcome)).toBe('ok');
    if ('header' in outcome) expect([outcome.header.widthPx, outcome.header.heightPx]).toEqual([widthPx, heightPx]);
  }
}

const limitsArb = fc.oneof(fc.constant(DEFAULT_PHOTO_LIMITS), fc.integer({ min: 1, max: 2e9 }).map((maxPixels): PhotoLimits => ({ maxBytes: DEFAULT_PHOTO_LIMITS.maxBytes, maxPixels })));

describe('absurd sizes in the headers', () => {
  const png = makePng();
  const jpeg = makeJpeg();

  it('PNG IHDR (32-bit): zero or over 2^31 − 1 is damaged; otherwise refused or opened exactly as the limits say', () => {
    fc.assert(
      fc.property(edgeSize(2 ** 32 - 1), edgeSize(2 ** 32 - 1), limitsArb, (w, h, limits) => {
        const outcome = door(withPngSize(png, w, h), limits);
        if (w === 0 || h === 0 || w > 2 ** 31 - 1 || h > 2 ** 31 - 1) expect(codeOf(outcome)).toBe('corrupt');
        else expectSizeVerdict(outcome, w, h, limits);
      }),
      { numRuns: 800 },
    );
  });

  it('JPEG SOF (16-bit): zero is damaged; otherwise refused or opened exactly as the limits say', () => {
    fc.assert(
      fc.property(edgeSize(65535), edgeSize(65535), limitsArb, (w, h, limits) => {
        const outcome = door(withJpegFrameSize(jpeg, w, h), limits);
        if (w === 0 || h === 0) expect(codeOf(outcome)).toBe('corrupt');
        else expectSizeVerdict(outcome, w, h, limits);
      }),
      { numRuns: 800 },
    );
  });

  it('WebP VP8X canvas (24-bit + 1) and VP8L (14-bit + 1): refused or opened exactly as the limits say', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 2 ** 24 }), fc.integer({ min: 1, max: 2 ** 24 }), limitsArb, (w, h, limits) => {
        const vp8x = cat(new Uint8Array(4), u32le(w - 1).subarray(0, 3), u32le(h - 1).subarray(0, 3));
        expectSizeVerdict(door(riff([chunk('VP8X', vp8x), chunk('VP8L', makeVp8lBitstream())]), limits), w, h, limits);
      }),
      { numRuns: 500 },
    );
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 2 ** 14 }), fc.integer({ min: 1, max: 2 ** 14 }), limitsArb, (w, h, limits) => {
        const bits = makeVp8lBitstream();
        new DataView(bits.buffer).setUint32(1, ((w - 1) | ((h - 1) << 14)) >>> 0, true);
        expectSizeVerdict(door(riff([chunk('VP8L', bits)]), limits), w, h, limits);
      }),
      { numRuns: 500 },
    );
  });

  it('WebP VP8 (14-bit, scale bits ignored): zero is damaged; otherwise as the limits say', () => {
    fc.assert(
      fc.property(edgeSize(65535), edgeSize(65535), (w, h) => {
        const outcome = door(makeLossyWebpHeaderOnly(w, h));
        const sw = w & 0x3fff;
        const sh = h & 0x3fff;
        if (sw === 0 || sh === 0) expect(codeOf(outcome)).toBe('corrupt');
        else expectSizeVerdict(outcome, sw, sh, DEFAULT_PHOTO_LIMITS);
      }),
      { numRuns: 500 },
    );
  });

  it('the exact edge: 48.5 MP opens, one pixel more is refused', () => {
    // 48 500 000 = 7760 × 6250.
    expectSizeVerdict(door(withPngSize(png, 7760, 6250)), 7760, 6250, DEFAULT_PHOTO_LIMITS);
    expect(codeOf(door(withPngSize(png, 7760, 6250)))).toBe('ok');
    expect(codeOf(door(withPngSize(png, 48_500_001, 1)))).toBe('too-many-pixels');
    expect(codeOf(door(withJpegFrameSize(jpeg, 7760, 6250)))).toBe('ok');
    expect(codeOf(door(withJpegFrameSize(jpeg, 7761, 6250)))).toBe('too-many-pixels');
  });
});

// ---------------------------------------------------------------- decompression bombs

/** A small, complete PNG declaring `w` × `h` whose IDAT is a real zlib stream of `rawBytes` zeros. */
function pngBomb(w: number, h: number, rawBytes: number): Uint8Array {
  const ihdr = cat(latin1('IHDR'), u32be(w), u32be(h), Uint8Array.of(8, 2, 0, 0, 0)); // 8-bit RGB
  const data = cat(latin1('IDAT'), zlibSync(new Uint8Array(rawBytes), { level: 9 }));
  const iend = latin1('IEND');
  const pngChunk = (body: Uint8Array): Uint8Array => cat(u32be(body.length - 4), body, u32be(crc32(body)));
  return cat(Uint8Array.of(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a), pngChunk(ihdr), pngChunk(data), pngChunk(iend));
}

describe('decompression bombs', () => {
  const bombs = {
    'PNG 50000 × 50000 (a real zlib stream, 8 MB of zeros in a few kB)': pngBomb(50_000, 50_000, 8 * 1024 * 1024),
    'JPEG 50000 × 50000': withJpegFrameSize(makeJpeg(), 50_000, 50_000),
    'WebP VP8X 50000 × 50000': riff([chunk('VP8X', cat(new Uint8Array(4), u32le(49_999).subarray(0, 3), u32le(49_999).subarray(0, 3))), chunk('VP8L', makeVp8lBitstream())]),
  };

  afterEach(() => {
    vi.unstubAllGlobals();
  });

  for (const [name, bytes] of Object.entries(bombs)) {
    it(`${name}: small enough for a naive size check, refused with the pixel limit before decoding`, async () => {
      expect(bytes.length).toBeLessThan(64 * 1024); // passes any check on the file size alone
      const outcome = door(bytes);
      expect(codeOf(outcome)).toBe('too-many-pixels');
      const sentence = describePhotoError((outcome as { error: PhotoImportError }).error);
      expect(sentence).toBe(`This photo is 2500.0 megapixels; the largest photo this tool opens is ${MAX_MP_TEXT}. Please save a smaller copy and try again.`);
      // Through the whole import path: refused without a single call to the decoder.
      const decoder = vi.fn(() => Promise.reject(new Error('the decoder must not run')));
      vi.stubGlobal('createImageBitmap', decoder);
      const refusal = await loadPhotoBytes(bytes, 4096).then(
        () => null,
        (error: unknown) => error,
      );
      expect(isPhotoImportError(refusal) && refusal.code).toBe('too-many-pixels');
      expect(decoder).not.toHaveBeenCalled();
    });
  }

  it('within the pixel limit, the declared size bounds what a decoder allocates: the door lets it pass, and a decoder failure becomes a sentence', async () => {
    // 1000 × 1000 declared, 8 MB of zeros inside: decoders allocate for the declared size and stop there.
    const bytes = pngBomb(1000, 1000, 8 * 1024 * 1024);
    expect(codeOf(door(bytes))).toBe('ok');
    vi.stubGlobal('createImageBitmap', vi.fn(() => Promise.reject(new DOMException('The source image could not be decoded.', 'InvalidStateError'))));
    const refusal = await loadPhotoBytes(bytes, 4096).then(
      () => null,
      (error: unknown) => error,
    );
    expect(isPhotoImportError(refusal) && refusal.code).toBe('decode-failed');
    expect(describePhotoError(refusal)).toBe('Your browser could not open this photo. Please save it as a JPEG or PNG and try again.');
  });
});

// ---------------------------------------------------------------- the sentences themselves

describe('describePhotoError', () => {
  const detailValue = fc.oneof(fc.integer({ min: 0, max: 2 ** 53 }), fc.double({ noNaN: false }), fc.constantFrom('jpeg', 'png', 'webp', 'heic', 'avif', 'gif', 'bmp', 'tiff', 'unknown'), fc.stringMatching(/^[a-z]{1,8}$/));
  it('every code with any detail (missing, wrong type, NaN, infinite) gives a plain sentence', () => {
    fc.assert(
      fc.property(fc.constantFrom(...PHOTO_IMPORT_ERROR_CODES), fc.dictionary(fc.constantFrom('bytes', 'maxBytes', 'pixels', 'maxPixels', 'widthPx', 'heightPx', 'format', 'reason'), detailValue), (code, detail) => {
        expectPlainSentence(new PhotoImportError(code, detail));
      }),
      { numRuns: 1000 },
    );
  });
});
