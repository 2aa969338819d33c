/**
 * How the client library fails, in words for the user: its one error (LibraryError, whose `reason`
 * is the sentence to show), the sentences, the storage figures that make "storage full" concrete,
 * and the sorting of the browser's errors into them. The library itself is in library.ts.
 */
import { roughMegabytes } from '../core/format.ts';

const SAVE_TO_FILE = 'use Save design to a file instead';
const SCREEN_UNCHANGED = 'the design on screen is unchanged';

/** Why the library refused or failed. */
export type LibraryErrorCode =
  | 'unavailable'
  | 'blocked'
  | 'newer-version'
  | 'closed'
  | 'quota'
  | 'not-found'
  | 'invalid'
  | 'failed';

/** The library's only error: `reason` is the sentence to show, `cause` the browser's error. */
export class LibraryError extends Error {
  readonly code: LibraryErrorCode;
  readonly reason: string;

  constructor(code: LibraryErrorCode, reason: string, options?: ErrorOptions) {
    super(reason, options);
    this.name = 'LibraryError';
    this.code = code;
    this.reason = reason;
  }
}

/** Type guard that also works across bundles, where `instanceof` can fail. */
export function isLibraryError(value: unknown): value is LibraryError {
  if (value instanceof LibraryError) return true;
  return (
    typeof value === 'object' &&
    value !== null &&
    (value as { name?: unknown }).name === 'LibraryError' &&
    typeof (value as { reason?: unknown }).reason === 'string'
  );
}

// ---------------------------------------------------------------------------------------------
// Sentences
// ---------------------------------------------------------------------------------------------

export const UNAVAILABLE_REASON =
  'The library cannot keep designs in this browser (its storage is turned off or blocked, for ' +
  `example in a private window): ${SAVE_TO_FILE}.`;
export const BLOCKED_REASON =
  'The library is still open in another tab with an older version of this app: close the other ' +
  `tabs of this app and reload this page, or ${SAVE_TO_FILE}.`;
export const NEWER_VERSION_REASON =
  'The library on this device was made by a newer version of this app: reload this page to use ' +
  `it, or ${SAVE_TO_FILE}.`;
export const VERSION_CHANGE_REASON =
  'The library was closed because a newer version of this app was opened in another tab: reload ' +
  `this page to keep using the library; ${SCREEN_UNCHANGED}.`;
export const FORCED_CLOSE_REASON =
  'The browser closed the library (its stored data may have been cleared): reload this page to ' +
  `keep using the library; ${SCREEN_UNCHANGED}.`;
export const CLOSED_BY_APP_REASON = 'The library has been closed: reload this page to use it again.';
export const NOT_FOUND_REASON =
  'This design is no longer in the library (it may have been deleted in another tab): refresh ' +
  'the list and choose another.';

/** The storage-full sentence, with the figures when the browser gives them. */
function quotaReason(estimate: StorageFigures | null): string {
  const figures = estimate === null ? '' : ` (${roughMegabytes(estimate.usage)} MB used of ${roughMegabytes(estimate.quota)} MB)`;
  return (
    `The browser's storage for this site is full${figures}: delete old designs from the library ` +
    `or free space; ${SCREEN_UNCHANGED}.`
  );
}

/** The sentence for an unexpected browser failure during `action`. */
function failedReason(action: string): string {
  return `${action} because the browser reported a storage error: ${SCREEN_UNCHANGED}; try again, or ${SAVE_TO_FILE}.`;
}

// ---------------------------------------------------------------------------------------------
// Browser storage manager
// ---------------------------------------------------------------------------------------------

interface StorageFigures {
  readonly usage: number;
  readonly quota: number;
}

/** `navigator.storage`, or undefined where there is none (old browsers, Node, insecure pages). */
function storageManager(): StorageManager | undefined {
  if (typeof navigator === 'undefined') return undefined;
  return (navigator as { storage?: StorageManager }).storage;
}

/** Usage and quota from `navigator.storage.estimate()`, or null when unavailable. */
async function storageFigures(): Promise<StorageFigures | null> {
  const storage = storageManager();
  if (storage === undefined || typeof storage.estimate !== 'function') return null;
  try {
    const { usage, quota } = await storage.estimate();
    if (typeof usage !== 'number' || typeof quota !== 'number' || quota <= 0) return null;
    return { usage, quota };
  } catch {
    return null;
  }
}

/**
 * Asks the browser to keep this site's storage even under pressure, so it never evicts a clinic's
 * records. True when storage is (now) persistent; false when refused or not supported.
 */
export async function requestPersistence(): Promise<boolean> {
  const storage = storageManager();
  if (storage === undefined || typeof storage.persist !== 'function') return false;
  try {
    if (typeof storage.persisted === 'function' && (await storage.persisted())) return true;
    return await storage.persist();
  } catch {
    return false;
  }
}

// ---------------------------------------------------------------------------------------------
// Error classification
// ---------------------------------------------------------------------------------------------

/** The `name` of an error-like value, or ''. */
function errorName(error: unknown): string {
  if (typeof error !== 'object' || error === null) return '';
  const name = (error as { name?: unknown }).name;
  return typeof name === 'string' ? name : '';
}

/** True for the storage-full error of any browser (the standard name, Firefox's, legacy code 22). */
function isQuotaError(error: unknown): boolean {
  const name = errorName(error);
  if (name === 'QuotaExceededError' || name === 'NS_ERROR_DOM_QUOTA_REACHED') return true;
  return error instanceof DOMException && error.code === 22;
}

/** The cause worth reporting: a quota error wherever it sits, else the first error. */
export function mainCause(error: unknown, transactionError: unknown): unknown {
  if (!isQuotaError(error) && isQuotaError(transactionError)) return transactionError;
  return error;
}

/** Turns any failure during `action` into a `LibraryError`. */
export async function toLibraryError(error: unknown, action: string, closedReason: string | null): Promise<LibraryError> {
  if (isLibraryError(error)) return error;
  if (isQuotaError(error)) return new LibraryError('quota', quotaReason(await storageFigures()), { cause: error });
  if (closedReason !== null) return new LibraryError('closed', closedReason, { cause: error });
  return new LibraryError('failed', failedReason(action), { cause: error });
}

/** The error for a failed `open` request. */
export function openFailure(error: unknown): LibraryError {
  if (errorName(error) === 'VersionError') return new LibraryError('newer-version', NEWER_VERSION_REASON, { cause: error });
  return new LibraryError('unavailable', UNAVAILABLE_REASON, { cause: error });
}
