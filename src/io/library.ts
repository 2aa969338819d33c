/**
 * The private client library: whole design files kept in this browser's IndexedDB, so a clinic
 * can find a client's designs again without photos ever leaving the device.
 *
 * Schema (database `smp-library`, version 1):
 * - `entries`: one `LibraryEntry` per design plus `clientKey` (the client's name lower-cased, for
 *   grouping), key path `id`; indexes `by-client` (clientKey) and `by-updated` (updatedAt).
 * - `files`: the design file's bytes (an opaque zip made elsewhere), out-of-line key = entry id.
 * - `autosave`: a single slot under the key `'current'`, for recovery after a crash or closed tab.
 *
 * Every failure reaches the caller as a `LibraryError` whose `reason` is a sentence for the user.
 *
 * Over 300 lines as one file: the schema and everything that reads or writes it (public types,
 * opening and upgrading, entries, search, transactions and the class over one connection) stay
 * together so that a schema change is made in one place. Its failures and sentences are in
 * libraryErrors.ts.
 */
import { openDB, type DBSchema, type IDBPDatabase, type IDBPTransaction, type StoreNames } from 'idb';
import {
  BLOCKED_REASON,
  CLOSED_BY_APP_REASON,
  FORCED_CLOSE_REASON,
  LibraryError,
  mainCause,
  NOT_FOUND_REASON,
  openFailure,
  toLibraryError,
  UNAVAILABLE_REASON,
  VERSION_CHANGE_REASON,
} from './libraryErrors.ts';
import { CLIENT_NAME_MAX } from '../core/document/validate.ts';

/** The database name used when none is given. */
export const DEFAULT_LIBRARY_NAME = 'smp-library';
/** The schema version this module creates and reads. */
export const LIBRARY_SCHEMA_VERSION = 1;

const AUTOSAVE_KEY = 'current';

/** One design in the library (its metadata; the bytes live in the `files` store). */
export interface LibraryEntry {
  readonly id: string;
  /** The client's name, trimmed, 1–120 characters. */
  readonly client: string;
  /** What the design is, e.g. "Hairline, natural, 3 sessions". */
  readonly title: string;
  /** ISO 8601 time of the first save. */
  readonly createdAt: string;
  /** ISO 8601 time of the latest save. */
  readonly updatedAt: string;
  /** Size of the design file in bytes. */
  readonly sizeBytes: number;
  /** A small preview image (opaque JPEG/PNG), or null. */
  readonly thumbnail: Blob | null;
}

/** What `save` needs. Without `id` a new entry is made; with one, that entry is overwritten. */
export interface SaveInput {
  readonly id?: string;
  readonly client: string;
  readonly title: string;
  readonly bytes: Uint8Array;
  /** A new preview; null removes it; left out, an overwrite keeps the previous one. */
  readonly thumbnail?: Blob | null;
  readonly now: Date;
}

/** What `autosave` writes into the single recovery slot. */
export interface AutosaveInput {
  readonly bytes: Uint8Array;
  readonly client: string;
  readonly title: string;
  readonly now: Date;
}

/** The recovery slot as stored. */
export interface AutosaveSlot {
  readonly bytes: Uint8Array;
  /** ISO 8601 time of the automatic save. */
  readonly savedAt: string;
  readonly client: string;
  readonly title: string;
}

/** One client in the library, for the client list. */
export interface ClientSummary {
  /** The name as spelled in the client's most recently updated design. */
  readonly client: string;
  /** How many designs the client has. */
  readonly count: number;
  /** ISO 8601 time of the client's most recently updated design. */
  readonly lastUpdated: string;
}

/** The open library. Every method rejects with `LibraryError` only. */
export interface Library {
  /** Saves a design (new, or overwriting `input.id`) in one transaction; returns its entry. */
  save(input: SaveInput): Promise<LibraryEntry>;
  /** All entries, newest first; `query` words must each be found in the client or title. */
  list(query?: string): Promise<LibraryEntry[]>;
  /** Clients with their design counts, sorted by name. */
  clients(): Promise<ClientSummary[]>;
  /** The design file saved under `id`. */
  load(id: string): Promise<Uint8Array>;
  /** Deletes a design and its file (asking the user first is the caller's job). */
  remove(id: string): Promise<void>;
  /** Replaces the single automatic backup. */
  autosave(slot: AutosaveInput): Promise<void>;
  /** The automatic backup, or null when there is none. */
  recover(): Promise<AutosaveSlot | null>;
  /** Deletes the automatic backup. */
  clearAutosave(): Promise<void>;
  /** Closes the connection; later calls reject. */
  close(): void;
}

/** Options of `openLibrary`. */
export interface OpenLibraryOptions {
  readonly name?: string;
  /** Told (with a sentence for the user) when the browser or another tab closes the library. */
  readonly onClose?: (reason: string) => void;
}

/** An entry as stored: the public fields plus the grouping key. */
interface StoredEntry extends LibraryEntry {
  readonly clientKey: string;
}

interface LibrarySchema extends DBSchema {
  entries: { key: string; value: StoredEntry; indexes: { 'by-client': string; 'by-updated': string } };
  files: { key: string; value: Uint8Array };
  autosave: { key: string; value: AutosaveSlot };
}

type LibraryDb = IDBPDatabase<LibrarySchema>;
type WriteTx<S extends StoreNames<LibrarySchema>[]> = IDBPTransaction<LibrarySchema, S, 'readwrite'>;

// ---------------------------------------------------------------------------------------------
// Opening
// ---------------------------------------------------------------------------------------------

/** Whether this page has an IndexedDB factory (it is missing, or access throws, in some private modes). */
function hasIndexedDb(): boolean {
  try {
    return typeof indexedDB !== 'undefined' && indexedDB !== undefined;
  } catch {
    return false;
  }
}

/** Creates the stores and indexes missing at `oldVersion`. */
function upgradeSchema(db: LibraryDb, oldVersion: number): void {
  if (oldVersion < 1) {
    const entries = db.createObjectStore('entries', { keyPath: 'id' });
    entries.createIndex('by-client', 'clientKey');
    entries.createIndex('by-updated', 'updatedAt');
    db.createObjectStore('files');
    db.createObjectStore('autosave');
  }
}

/**
 * Opens the connection with idb's `openDB`. A blocked upgrade rejects at once (the user must close
 * other tabs) rather than waiting; should the connection still arrive afterwards, it is closed
 * again. `onClosed` hears, with a sentence for the user, when another tab's upgrade or the browser
 * closes the connection later.
 */
function openConnection(name: string, onClosed: (reason: string) => void): Promise<LibraryDb> {
  return new Promise((resolve, reject) => {
    let settled = false;
    const fail = (error: LibraryError): void => {
      if (!settled) reject(error);
      settled = true;
    };
    let opening: Promise<LibraryDb>;
    try {
      opening = openDB<LibrarySchema>(name, LIBRARY_SCHEMA_VERSION, {
        upgrade: (db, oldVersion) => upgradeSchema(db, oldVersion),
        blocked: () => fail(new LibraryError('blocked', BLOCKED_REASON)),
        blocking: () => onClosed(VERSION_CHANGE_REASON),
        terminated: () => onClosed(FORCED_CLOSE_REASON),
      });
    } catch (error) {
      // open() itself can throw (SecurityError where storage is blocked).
      fail(openFailure(error));
      return;
    }
    opening.then(
      (db) => {
        if (settled) db.close();
        else resolve(db);
        settled = true;
      },
      (error: unknown) => fail(openFailure(error)),
    );
  });
}

/**
 * Opens (creating on first use) the library in this page's IndexedDB. Rejects with a
 * `LibraryError` when this browser cannot keep designs (no IndexedDB, private mode, storage
 * blocked), another tab blocks the upgrade, or the library is newer.
 */
export async function openLibrary(options: OpenLibraryOptions = {}): Promise<Library> {
  if (!hasIndexedDb()) throw new LibraryError('unavailable', UNAVAILABLE_REASON);
  let library: IdbLibrary | null = null;
  const db = await openConnection(options.name ?? DEFAULT_LIBRARY_NAME, (reason) => library?.shutDown(reason));
  library = new IdbLibrary(db, options.onClose);
  return library;
}

// ---------------------------------------------------------------------------------------------
// Records
// ---------------------------------------------------------------------------------------------

/** The grouping key of a client name: composed, lower-cased, single spaces. */
function clientKeyOf(client: string): string {
  return client.normalize('NFC').toLowerCase().replace(/\s+/g, ' ');
}

/** The trimmed client name, or a LibraryError saying what is wrong with it. */
function validClient(client: string): string {
  const trimmed = client.trim();
  if (trimmed.length === 0) {
    throw new LibraryError('invalid', "Enter the client's name before saving the design to the library.");
  }
  const length = [...trimmed].length;
  if (length > CLIENT_NAME_MAX) {
    throw new LibraryError(
      'invalid',
      `The client's name is ${length} characters long; the library keeps names of up to ` +
        `${CLIENT_NAME_MAX} characters: shorten it and save again.`,
    );
  }
  return trimmed;
}

/** The ISO time of `now`, or a LibraryError when the clock gave an invalid date. */
function isoTime(now: Date): string {
  if (Number.isNaN(now.getTime())) {
    throw new LibraryError('invalid', "The device's clock gave an invalid date: check the date and time settings and save again.");
  }
  return now.toISOString();
}

/** The bytes on their own buffer, so a view into a larger buffer never stores the whole buffer. */
function ownBytes(bytes: Uint8Array): Uint8Array {
  const whole = bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength;
  return whole ? bytes : bytes.slice();
}

/** The stored entry for `input`, keeping `createdAt` (and the thumbnail unless replaced) of `previous`. */
function buildEntry(input: SaveInput, previous: StoredEntry | undefined): StoredEntry {
  const client = validClient(input.client);
  const now = isoTime(input.now);
  if (input.bytes.byteLength === 0) {
    throw new LibraryError('invalid', 'There is nothing to save: the design file is empty.');
  }
  return {
    id: input.id ?? crypto.randomUUID(),
    client,
    clientKey: clientKeyOf(client),
    title: input.title.trim(),
    createdAt: previous?.createdAt ?? now,
    updatedAt: now,
    sizeBytes: input.bytes.byteLength,
    thumbnail: input.thumbnail === undefined ? (previous?.thumbnail ?? null) : input.thumbnail,
  };
}

/** The public entry without the grouping key. */
function publicEntry(stored: StoredEntry): LibraryEntry {
  const { id, client, title, createdAt, updatedAt, sizeBytes, thumbnail } = stored;
  return { id, client, title, createdAt, updatedAt, sizeBytes, thumbnail };
}

// ---------------------------------------------------------------------------------------------
// Search and grouping
// ---------------------------------------------------------------------------------------------

/** Text for matching: decomposed, diacritics stripped, lower-cased ("Zoë" → "zoe"). */
export function foldForSearch(text: string): string {
  return text.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
}

/** The folded words of a query; none for a blank query. */
function queryWords(query: string): string[] {
  return foldForSearch(query).split(/\s+/).filter((word) => word.length > 0);
}

/** True when every word occurs in the entry's client or title. */
function matchesWords(entry: LibraryEntry, words: readonly string[]): boolean {
  const client = foldForSearch(entry.client);
  const title = foldForSearch(entry.title);
  return words.every((word) => client.includes(word) || title.includes(word));
}

/** One summary per client key; `entries` must be newest first so the latest spelling wins. */
function summarizeClients(entries: readonly StoredEntry[]): ClientSummary[] {
  const byKey = new Map<string, ClientSummary>();
  for (const entry of entries) {
    const seen = byKey.get(entry.clientKey);
    byKey.set(
      entry.clientKey,
      seen === undefined
        ? { client: entry.client, count: 1, lastUpdated: entry.updatedAt }
        : { ...seen, count: seen.count + 1 },
    );
  }
  return [...byKey.values()].sort((a, b) => a.client.localeCompare(b.client));
}

// ---------------------------------------------------------------------------------------------
// Transactions
// ---------------------------------------------------------------------------------------------

/** Aborts `tx` unless it has already finished. */
function abortQuietly(tx: { abort(): void }): void {
  try {
    tx.abort();
  } catch {
    // Already committed or aborted: nothing to undo.
  }
}

/**
 * Runs `work` in `tx` and waits for the commit. On any failure the transaction is aborted, so no
 * store is left half-written, and the error reported is the transaction's own when it is the
 * storage-full one (browsers often report quota only when committing).
 */
async function inTransaction<S extends StoreNames<LibrarySchema>[], T>(
  tx: WriteTx<S>,
  work: () => Promise<T>,
): Promise<T> {
  try {
    const [result] = await Promise.all([work(), tx.done]);
    return result;
  } catch (error) {
    abortQuietly(tx);
    await tx.done.catch(() => undefined);
    throw mainCause(error, tx.error);
  }
}

// ---------------------------------------------------------------------------------------------
// The library
// ---------------------------------------------------------------------------------------------

/** `Library` over one IndexedDB connection. */
class IdbLibrary implements Library {
  private closedReason: string | null = null;

  constructor(
    private readonly db: LibraryDb,
    private readonly onClose: ((reason: string) => void) | undefined,
  ) {}

  /** Closes the connection once, when another tab or the browser asks, and tells the app why. */
  shutDown(reason: string): void {
    if (this.closedReason !== null) return;
    this.closedReason = reason;
    this.db.close();
    this.onClose?.(reason);
  }

  /** Runs one operation, reporting every failure as a LibraryError. */
  private async run<T>(action: string, operation: () => Promise<T>): Promise<T> {
    if (this.closedReason !== null) throw new LibraryError('closed', this.closedReason);
    try {
      return await operation();
    } catch (error) {
      throw await toLibraryError(error, action, this.closedReason);
    }
  }

  save(input: SaveInput): Promise<LibraryEntry> {
    return this.run('The design could not be saved to the library', async () => {
      const tx = this.db.transaction(['entries', 'files'], 'readwrite');
      const stored = await inTransaction(tx, async () => {
        const entries = tx.objectStore('entries');
        const previous = input.id === undefined ? undefined : await entries.get(input.id);
        const entry = buildEntry(input, previous);
        await entries.put(entry);
        await tx.objectStore('files').put(ownBytes(input.bytes), entry.id);
        return entry;
      });
      return publicEntry(stored);
    });
  }

  list(query = ''): Promise<LibraryEntry[]> {
    return this.run('The library could not be read', async () => {
      const words = queryWords(query);
      const entries = (await this.newestFirst()).map(publicEntry);
      return words.length === 0 ? entries : entries.filter((entry) => matchesWords(entry, words));
    });
  }

  clients(): Promise<ClientSummary[]> {
    return this.run('The client list could not be read', async () => summarizeClients(await this.newestFirst()));
  }

  /** Every stored entry, most recently updated first. */
  private async newestFirst(): Promise<StoredEntry[]> {
    return (await this.db.getAllFromIndex('entries', 'by-updated')).reverse();
  }

  load(id: string): Promise<Uint8Array> {
    return this.run('This design could not be opened from the library', async () => {
      const bytes = await this.db.get('files', id);
      if (bytes === undefined) throw new LibraryError('not-found', NOT_FOUND_REASON);
      return bytes;
    });
  }

  remove(id: string): Promise<void> {
    return this.run('This design could not be deleted from the library', async () => {
      const tx = this.db.transaction(['entries', 'files'], 'readwrite');
      await inTransaction(tx, async () => {
        await tx.objectStore('entries').delete(id);
        await tx.objectStore('files').delete(id);
      });
    });
  }

  autosave(slot: AutosaveInput): Promise<void> {
    return this.run('The automatic backup could not be written', async () => {
      const value: AutosaveSlot = {
        bytes: ownBytes(slot.bytes),
        savedAt: isoTime(slot.now),
        client: slot.client.trim(),
        title: slot.title.trim(),
      };
      await this.db.put('autosave', value, AUTOSAVE_KEY);
    });
  }

  recover(): Promise<AutosaveSlot | null> {
    return this.run('The automatic backup could not be read', async () => {
      return (await this.db.get('autosave', AUTOSAVE_KEY)) ?? null;
    });
  }

  clearAutosave(): Promise<void> {
    return this.run('The automatic backup could not be cleared', () => this.db.delete('autosave', AUTOSAVE_KEY));
  }

  close(): void {
    if (this.closedReason !== null) return;
    this.closedReason = CLOSED_BY_APP_REASON;
    this.db.close();
  }
}
