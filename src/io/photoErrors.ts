/**
 * The typed error of the photo door (docs/architecture.md). Import code throws `PhotoImportError` with a
 * code and machine-readable detail; the UI shows `describePhotoError`, never `error.message`.
 */
import { limitMegabytes, megabytes } from '../core/format.ts';

/** Every reason a photo can be refused, in the order the checks run. */
export const PHOTO_IMPORT_ERROR_CODES = [
  'empty',
  'too-many-bytes',
  'not-an-image',
  'unsupported-format',
  'truncated',
  'corrupt',
  'too-many-pixels',
  'decode-failed',
] as const;

/** Why a photo was refused; the UI picks its sentence from this. */
export type PhotoImportErrorCode = (typeof PHOTO_IMPORT_ERROR_CODES)[number];

/** Numbers and names behind the refusal, e.g. `{ pixels, maxPixels }` or `{ format }`. */
export type PhotoErrorDetail = Readonly<Record<string, number | string>>;

/** Thrown by the photo door so callers can branch on `code` instead of parsing messages. */
export class PhotoImportError extends Error {
  /** Which check refused the photo. */
  readonly code: PhotoImportErrorCode;
  /** Facts for the user sentence and for logs (limits, sizes, format, developer reason). */
  readonly detail: PhotoErrorDetail;

  constructor(code: PhotoImportErrorCode, detail: PhotoErrorDetail = {}, options?: ErrorOptions) {
    const reason = typeof detail['reason'] === 'string' ? `: ${detail['reason']}` : '';
    super(`photo import failed (${code})${reason}`, options);
    this.name = 'PhotoImportError';
    this.code = code;
    this.detail = detail;
  }
}

/** Type guard that also works across bundles/realms, where `instanceof` can fail. */
export function isPhotoImportError(value: unknown): value is PhotoImportError {
  if (value instanceof PhotoImportError) return true;
  if (typeof value !== 'object' || value === null) return false;
  const code = (value as { code?: unknown }).code;
  return (
    (value as { name?: unknown }).name === 'PhotoImportError' &&
    (PHOTO_IMPORT_ERROR_CODES as readonly unknown[]).includes(code)
  );
}

const TRY_AGAIN_SMALLER = 'Please save a smaller copy and try again.';
const CONVERT_HINT = 'Please save it as a JPEG or PNG and try again.';

/** Names users know for the formats we refuse. */
const FORMAT_NAMES: Readonly<Record<string, string>> = {
  heic: 'HEIC',
  avif: 'AVIF',
  gif: 'GIF',
  bmp: 'BMP',
  tiff: 'TIFF',
};

/** "52.1": the photo's own size, one decimal so it never looks equal to the limit by rounding. */
function megapixels(pixels: number): string {
  return (pixels / 1_000_000).toFixed(1);
}

/** "48": the limit, rounded down so the promise ("opens 48 MP") is always kept. */
function limitMegapixels(pixels: number): string {
  const mp = pixels / 1_000_000;
  return mp >= 1 ? String(Math.floor(mp)) : mp.toFixed(1);
}

function num(detail: PhotoErrorDetail, key: string): number | undefined {
  const value = detail[key];
  return typeof value === 'number' && Number.isFinite(value) ? value : undefined;
}

function describeUnsupported(format: string): string {
  if (format === 'heic') {
    return (
      'This photo is in HEIC format, which this tool cannot open. ' +
      'On an iPhone, share or export the photo as JPEG, or set Settings → Camera → Formats to ' +
      '"Most Compatible" for new photos. On a Mac, open it in Photos or Preview and export it as ' +
      'JPEG or PNG. Then try again.'
    );
  }
  const name = FORMAT_NAMES[format];
  return name === undefined
    ? `This type of image cannot be opened here. ${CONVERT_HINT}`
    : `This is a ${name} image, which this tool cannot open. ${CONVERT_HINT}`;
}

function describeTooManyPixels(detail: PhotoErrorDetail): string {
  const pixels = num(detail, 'pixels');
  const max = num(detail, 'maxPixels');
  if (pixels === undefined || max === undefined) {
    return `This photo has too many pixels to open here. ${TRY_AGAIN_SMALLER}`;
  }
  return (
    `This photo is ${megapixels(pixels)} megapixels; the largest photo this tool opens is ` +
    `${limitMegapixels(max)} megapixels. ${TRY_AGAIN_SMALLER}`
  );
}

function describeTooManyBytes(detail: PhotoErrorDetail): string {
  const bytes = num(detail, 'bytes');
  const max = num(detail, 'maxBytes');
  if (bytes === undefined || max === undefined) {
    return `This file is too large to open here. ${TRY_AGAIN_SMALLER}`;
  }
  return (
    `This file is ${megabytes(bytes)} MB; the largest file this tool opens is ` +
    `${limitMegabytes(max)} MB. ${TRY_AGAIN_SMALLER}`
  );
}

/** One plain, friendly sentence (or two) per refusal, stating the limit when a limit was hit. */
export function describePhotoError(error: unknown): string {
  if (!isPhotoImportError(error)) {
    return 'Something went wrong while opening this photo. Please try again.';
  }
  const { code, detail } = error;
  switch (code) {
    case 'empty':
      return (
        'This file is empty, so there is no photo in it. Please choose the photo again; if it ' +
        'is stored in the cloud, wait until it has finished downloading.'
      );
    case 'too-many-bytes':
      return describeTooManyBytes(detail);
    case 'not-an-image':
      return 'This file is not a photo. Please choose a JPEG, PNG or WebP image.';
    case 'unsupported-format':
      return describeUnsupported(String(detail['format'] ?? ''));
    case 'truncated':
      return (
        'This photo is incomplete: the file stops part-way through. This usually means a copy or ' +
        'download was interrupted. Please copy the photo again and retry.'
      );
    case 'corrupt':
      return 'This photo is damaged and cannot be opened. Please try another copy of it.';
    case 'too-many-pixels':
      return describeTooManyPixels(detail);
    case 'decode-failed':
      return `Your browser could not open this photo. ${CONVERT_HINT}`;
  }
}
