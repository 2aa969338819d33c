/**
 * The client library over fake-indexeddb: a fresh IDBFactory per test, so every test starts with
 * an empty browser. Storage-full is simulated by making the `files` store's put fail, both as a
 * thrown DOMException and as a transaction aborted with QuotaExceededError at commit.
 */
import 'fake-indexeddb/auto';
import { IDBFactory, IDBObjectStore, IDBOpenDBRequest as FakeOpenRequest, IDBVersionChangeEvent as FakeEvent, forceCloseDatabase } from 'fake-indexeddb';
import { wrap, type IDBPDatabase } from 'idb';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { CLIENT_NAME_MAX } from '../../../src/core/document/validate.ts';
import { foldForSearch, openLibrary, type Library } from '../../../src/io/library.ts';
import { isLibraryError, LibraryError, requestPersistence } from '../../../src/io/libraryErrors.ts';

const DB_NAME = 'library-test';
const MB = 1024 * 1024;

let factory: IDBFactory;
let library: Library;

/** Distinct, recognisable bytes of a given length. */
function designBytes(length: number, seed: number): Uint8Array {
  return Uint8Array.from({ length }, (_, i) => (i * 31 + seed) % 256);
}

/** A fixed moment, `minutes` after a base time. */
function at(minutes: number): Date {
  return new Date(Date.UTC(2025, 2, 14, 9, 0) + minutes * 60_000);
}

/** The rejection of `promise`, failing the test when it resolves. */
async function rejectionOf(promise: Promise<unknown>): Promise<LibraryError> {
  try {
    await promise;
  } catch (error) {
    expect(error).toBeInstanceOf(LibraryError);
    return error as LibraryError;
  }
  throw new Error('expected the promise to reject');
}

/** A second, raw connection to a database of the test's factory. */
async function openRaw(name: string, version?: number): Promise<IDBPDatabase> {
  const db = await wrap(factory.open(name, version));
  if (db === undefined) throw new Error(`could not open ${name}`);
  return db;
}

/** Number of records in a store, read through a second, raw connection. */
async function countRecords(store: 'entries' | 'files' | 'autosave'): Promise<number> {
  const db = await openRaw(DB_NAME);
  try {
    return await db.count(store);
  } finally {
    db.close();
  }
}

/**
 * A factory whose open request fires `event` (with `error`) instead of opening, and then, if
 * `laterDb` is given, succeeds with it after all. The request and events are fake-indexeddb's own,
 * so idb treats them as a browser's.
 */
function failingFactory(event: 'error' | 'blocked', error: DOMException | null, laterDb?: object): IDBFactory {
  const open = (): IDBOpenDBRequest => {
    const request = new FakeOpenRequest() as unknown as { readyState: string; error: DOMException | null; result: unknown; dispatchEvent(e: unknown): boolean };
    queueMicrotask(() => {
      request.readyState = 'done';
      request.error = error;
      request.dispatchEvent(new FakeEvent(event));
      if (!laterDb) return;
      request.result = laterDb;
      request.dispatchEvent(new FakeEvent('success'));
    });
    return request as unknown as IDBOpenDBRequest;
  };
  return { open } as unknown as IDBFactory;
}

/** Makes `f` the page's IndexedDB, as the library finds it. */
function useFactory(f: IDBFactory): void {
  vi.stubGlobal('indexedDB', f);
}

/** Makes every put into the `files` store fail through `fail` (other stores work normally). */
function failFilesPut(fail: (store: IDBObjectStore, put: () => IDBRequest) => IDBRequest): void {
  const originalPut = IDBObjectStore.prototype.put;
  vi.spyOn(IDBObjectStore.prototype, 'put').mockImplementation(function (this: IDBObjectStore, value, key) {
    const put = (): IDBRequest => originalPut.call(this, value, key);
    return this.name === 'files' ? fail(this, put) : put();
  });
}

beforeEach(async () => {
  factory = new IDBFactory();
  useFactory(factory);
  library = await openLibrary({ name: DB_NAME });
});

afterEach(() => {
  library.close();
  vi.restoreAllMocks();
  vi.unstubAllGlobals();
});

describe('save, list and load', () => {
  it('round-trips the bytes and metadata of a new design', async () => {
    const bytes = designBytes(5000, 7);
    const entry = await library.save({ client: '  Zoë Müller ', title: 'Hairline, natural, 3 sessions', bytes, now: at(0) });

    expect(entry.id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(entry).toEqual({
      id: entry.id,
      client: 'Zoë Müller',
      title: 'Hairline, natural, 3 sessions',
      createdAt: '2025-03-14T09:00:00.000Z',
      updatedAt: '2025-03-14T09:00:00.000Z',
      sizeBytes: 5000,
      thumbnail: null,
    });
    expect(await library.list()).toEqual([entry]);

    const loaded = await library.load(entry.id);
    expect(loaded).toBeInstanceOf(Uint8Array);
    expect(loaded.byteLength).toBe(5000);
    expect(Array.from(loaded)).toEqual(Array.from(bytes));
  });

  it('stores only the viewed bytes of a Uint8Array that is a window into a larger buffer', async () => {
    const big = designBytes(1000, 3);
    const view = big.subarray(100, 160);
    const entry = await library.save({ client: 'Ana', title: 'Crown', bytes: view, now: at(0) });

    const loaded = await library.load(entry.id);
    expect(entry.sizeBytes).toBe(60);
    expect(loaded.buffer.byteLength).toBe(60);
    expect(Array.from(loaded)).toEqual(Array.from(big.slice(100, 160)));
  });

  it('keeps the thumbnail as a Blob of the same type and content', async () => {
    const thumbnail = new Blob([new Uint8Array([0x89, 0x50, 0x4e, 0x47])], { type: 'image/png' });
    const entry = await library.save({ client: 'Ana', title: 'Crown', bytes: designBytes(10, 1), thumbnail, now: at(0) });

    const [listed] = await library.list();
    expect(listed?.id).toBe(entry.id);
    expect(listed?.thumbnail).toBeInstanceOf(Blob);
    expect(listed?.thumbnail?.type).toBe('image/png');
    expect(Array.from(new Uint8Array(await listed!.thumbnail!.arrayBuffer()))).toEqual([0x89, 0x50, 0x4e, 0x47]);
  });

  it('overwrites an existing id: createdAt kept, updatedAt, title and bytes replaced', async () => {
    const first = await library.save({ client: 'Ana Lima', title: 'Draft', bytes: designBytes(100, 1), now: at(0) });
    const second = await library.save({ id: first.id, client: 'Ana Lima', title: 'Final', bytes: designBytes(300, 2), now: at(90) });

    expect(second.id).toBe(first.id);
    expect(second.createdAt).toBe('2025-03-14T09:00:00.000Z');
    expect(second.updatedAt).toBe('2025-03-14T10:30:00.000Z');
    expect(second.title).toBe('Final');
    expect(second.sizeBytes).toBe(300);
    expect(await library.list()).toEqual([second]);
    expect(Array.from(await library.load(first.id))).toEqual(Array.from(designBytes(300, 2)));
    expect(await countRecords('files')).toBe(1);
  });

  it('keeps the thumbnail on an overwrite without one, and removes it when given null', async () => {
    const thumbnail = new Blob(['jpeg'], { type: 'image/jpeg' });
    const first = await library.save({ client: 'Ana', title: 'A', bytes: designBytes(10, 1), thumbnail, now: at(0) });

    const kept = await library.save({ id: first.id, client: 'Ana', title: 'B', bytes: designBytes(10, 2), now: at(1) });
    expect(kept.thumbnail?.type).toBe('image/jpeg');

    const removed = await library.save({ id: first.id, client: 'Ana', title: 'C', bytes: designBytes(10, 3), thumbnail: null, now: at(2) });
    expect(removed.thumbnail).toBeNull();
    expect((await library.list())[0]?.thumbnail).toBeNull();
  });

  it('lists newest first, and an overwrite moves a design to the top', async () => {
    const middle = await library.save({ client: 'B', title: 'middle', bytes: designBytes(10, 1), now: at(10) });
    const oldest = await library.save({ client: 'A', title: 'oldest', bytes: designBytes(10, 2), now: at(0) });
    const newest = await library.save({ client: 'C', title: 'newest', bytes: designBytes(10, 3), now: at(20) });

    expect((await library.list()).map((e) => e.title)).toEqual(['newest', 'middle', 'oldest']);

    await library.save({ id: oldest.id, client: 'A', title: 'oldest, revised', bytes: designBytes(10, 4), now: at(30) });
    expect((await library.list()).map((e) => e.id)).toEqual([oldest.id, newest.id, middle.id]);
  });

  it('refuses a blank or too long client name and saves nothing', async () => {
    const blank = await rejectionOf(library.save({ client: '   ', title: 'T', bytes: designBytes(10, 1), now: at(0) }));
    expect(blank.code).toBe('invalid');
    expect(blank.reason).toBe("Enter the client's name before saving the design to the library.");

    const long = 'x'.repeat(CLIENT_NAME_MAX + 1);
    const tooLong = await rejectionOf(library.save({ client: long, title: 'T', bytes: designBytes(10, 1), now: at(0) }));
    expect(tooLong.code).toBe('invalid');
    expect(tooLong.reason).toContain('121 characters long');
    expect(tooLong.reason).toContain('up to 120 characters');

    const longest = await library.save({ client: ` ${'y'.repeat(CLIENT_NAME_MAX)} `, title: 'T', bytes: designBytes(10, 1), now: at(0) });
    expect(longest.client).toHaveLength(120);
    expect(await countRecords('entries')).toBe(1);
    expect(await countRecords('files')).toBe(1);
  });
});

describe('search', () => {
  beforeEach(async () => {
    await library.save({ client: 'Zoë Müller', title: 'Hairline, natural, 3 sessions', bytes: designBytes(10, 1), now: at(0) });
    await library.save({ client: 'ZOE MARTIN', title: 'Scar camouflage', bytes: designBytes(10, 2), now: at(1) });
    await library.save({ client: 'Jean-François Dupont', title: 'Crown density', bytes: designBytes(10, 3), now: at(2) });
  });

  /** The clients of the entries a query finds, in list order. */
  async function found(query: string): Promise<string[]> {
    return (await library.list(query)).map((e) => e.client);
  }

  it('ignores case and accents on both sides', async () => {
    expect(await found('zoe')).toEqual(['ZOE MARTIN', 'Zoë Müller']);
    expect(await found('ZOË')).toEqual(['ZOE MARTIN', 'Zoë Müller']);
    expect(await found('muller')).toEqual(['Zoë Müller']);
    expect(await found('francois')).toEqual(['Jean-François Dupont']);
    expect(await found('Zoe\u0308')).toEqual(['ZOE MARTIN', 'Zoë Müller']);
  });

  it('matches the title as well as the client', async () => {
    expect(await found('CAMOUFLAGE')).toEqual(['ZOE MARTIN']);
    expect(await found('density')).toEqual(['Jean-François Dupont']);
  });

  it('requires every word, each in the client or the title', async () => {
    expect(await found('zoe müller')).toEqual(['Zoë Müller']);
    expect(await found('  zoe   hairline ')).toEqual(['Zoë Müller']);
    expect(await found('zoe crown')).toEqual([]);
    expect(await found('nobody')).toEqual([]);
  });

  it('lists everything for a blank query', async () => {
    expect(await found('   ')).toEqual(['Jean-François Dupont', 'ZOE MARTIN', 'Zoë Müller']);
  });

  it('folds text by stripping diacritics and case', () => {
    expect(foldForSearch('Zoë Müller, Ñandú')).toBe('zoe muller, nandu');
  });
});

describe('clients', () => {
  it('counts designs per client, case-insensitively, sorted by name, with the latest spelling and date', async () => {
    await library.save({ client: 'zoë müller', title: 'first', bytes: designBytes(10, 1), now: at(0) });
    await library.save({ client: 'Bruno Costa', title: 'crown', bytes: designBytes(10, 2), now: at(5) });
    await library.save({ client: 'Zoë  Müller', title: 'second', bytes: designBytes(10, 3), now: at(10) });
    await library.save({ client: 'Ana Lima', title: 'scar', bytes: designBytes(10, 4), now: at(3) });

    expect(await library.clients()).toEqual([
      { client: 'Ana Lima', count: 1, lastUpdated: '2025-03-14T09:03:00.000Z' },
      { client: 'Bruno Costa', count: 1, lastUpdated: '2025-03-14T09:05:00.000Z' },
      { client: 'Zoë  Müller', count: 2, lastUpdated: '2025-03-14T09:10:00.000Z' },
    ]);
  });

  it('is empty for an empty library', async () => {
    expect(await library.clients()).toEqual([]);
  });
});

describe('load and remove', () => {
  it('remove deletes the entry and its file', async () => {
    const keep = await library.save({ client: 'Ana', title: 'keep', bytes: designBytes(10, 1), now: at(0) });
    const gone = await library.save({ client: 'Ana', title: 'gone', bytes: designBytes(10, 2), now: at(1) });
    expect(await countRecords('files')).toBe(2);

    await library.remove(gone.id);

    expect(await library.list()).toEqual([keep]);
    expect(await countRecords('entries')).toBe(1);
    expect(await countRecords('files')).toBe(1);
    expect((await rejectionOf(library.load(gone.id))).code).toBe('not-found');
    expect(Array.from(await library.load(keep.id))).toEqual(Array.from(designBytes(10, 1)));
  });

  it('load of a missing id rejects with a not-found sentence', async () => {
    const error = await rejectionOf(library.load('no-such-id'));
    expect(error.code).toBe('not-found');
    expect(error.reason).toBe(
      'This design is no longer in the library (it may have been deleted in another tab): refresh the list and choose another.',
    );
    expect(isLibraryError(error)).toBe(true);
  });

  it('remove of a missing id does nothing', async () => {
    const entry = await library.save({ client: 'Ana', title: 'keep', bytes: designBytes(10, 1), now: at(0) });
    await library.remove('no-such-id');
    expect(await library.list()).toEqual([entry]);
  });
});

describe('autosave', () => {
  it('recover is null before any autosave', async () => {
    expect(await library.recover()).toBeNull();
  });

  it('keeps one slot: the latest autosave wins, and clearing empties it', async () => {
    await library.autosave({ bytes: designBytes(50, 1), client: 'Ana', title: 'first', now: at(0) });
    await library.autosave({ bytes: designBytes(80, 2), client: 'Zoë Müller', title: 'Hairline', now: at(2) });

    const slot = await library.recover();
    expect(slot).not.toBeNull();
    expect(slot?.savedAt).toBe('2025-03-14T09:02:00.000Z');
    expect(slot?.client).toBe('Zoë Müller');
    expect(slot?.title).toBe('Hairline');
    expect(Array.from(slot!.bytes)).toEqual(Array.from(designBytes(80, 2)));
    expect(await countRecords('autosave')).toBe(1);
    expect(await library.list()).toEqual([]);

    await library.clearAutosave();
    expect(await library.recover()).toBeNull();
  });

  it('survives closing and reopening the library', async () => {
    await library.autosave({ bytes: designBytes(20, 5), client: '', title: 'Untitled', now: at(0) });
    library.close();
    library = await openLibrary({ name: DB_NAME });
    expect(Array.from((await library.recover())!.bytes)).toEqual(Array.from(designBytes(20, 5)));
  });
});

describe('storage full', () => {
  /** Saves one design that must survive the failed save that follows. */
  async function saveSurvivor(): Promise<string> {
    const entry = await library.save({ client: 'Ana Lima', title: 'Survivor', bytes: designBytes(400, 9), now: at(0) });
    return entry.id;
  }

  /** Checks that the survivor's entry and bytes are exactly as first saved, and nothing else is stored. */
  async function expectSurvivorIntact(id: string): Promise<void> {
    const entries = await library.list();
    expect(entries.map((e) => [e.id, e.title, e.sizeBytes, e.updatedAt])).toEqual([[id, 'Survivor', 400, '2025-03-14T09:00:00.000Z']]);
    expect(Array.from(await library.load(id))).toEqual(Array.from(designBytes(400, 9)));
    expect(await countRecords('files')).toBe(1);
  }

  it('reports a thrown QuotaExceededError with the usage figures and leaves saved designs intact', async () => {
    const id = await saveSurvivor();
    vi.stubGlobal('navigator', { storage: { estimate: () => Promise.resolve({ usage: 50 * MB, quota: 50 * MB }) } });
    failFilesPut(() => {
      throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
    });

    const added = await rejectionOf(library.save({ client: 'Bruno', title: 'New', bytes: designBytes(900, 1), now: at(5) }));
    expect(added.code).toBe('quota');
    expect(added.reason).toBe(
      "The browser's storage for this site is full (50 MB used of 50 MB): delete old designs from the library or free space; the design on screen is unchanged.",
    );
    expect(added.cause).toBeInstanceOf(DOMException);

    const overwrite = await rejectionOf(library.save({ id, client: 'Ana Lima', title: 'Overwritten', bytes: designBytes(900, 2), now: at(6) }));
    expect(overwrite.code).toBe('quota');

    vi.restoreAllMocks();
    await expectSurvivorIntact(id);
  });

  it.each([
    ['the request itself succeeds', false],
    ['the request fails first with AbortError', true],
  ])('reports a transaction aborted with QuotaExceededError (tx.error) when %s, rolling back the entry', async (_, requestFails) => {
    const id = await saveSurvivor();
    vi.stubGlobal('navigator', { storage: { estimate: () => Promise.resolve({ usage: 4.25 * MB, quota: 5 * MB }) } });
    failFilesPut((store, put) => {
      const request = put();
      // fake-indexeddb's internal abort, as a browser does when the commit overflows the quota.
      (store.transaction as unknown as { _abort(name: string): void })._abort('QuotaExceededError');
      if (requestFails) throw new DOMException('The transaction was aborted.', 'AbortError');
      return request;
    });

    const error = await rejectionOf(library.save({ id, client: 'Ana Lima', title: 'Overwritten', bytes: designBytes(900, 3), now: at(7) }));
    expect(error.code).toBe('quota');
    expect(error.reason).toContain('(4.3 MB used of 5.0 MB)');

    vi.restoreAllMocks();
    await expectSurvivorIntact(id);
  });

  it('reports storage full without figures where navigator.storage is missing', async () => {
    const id = await saveSurvivor();
    failFilesPut(() => {
      throw new DOMException('full', 'QuotaExceededError');
    });

    const error = await rejectionOf(library.save({ client: 'Bruno', title: 'New', bytes: designBytes(10, 1), now: at(5) }));
    expect(error.reason).toBe(
      "The browser's storage for this site is full: delete old designs from the library or free space; the design on screen is unchanged.",
    );
    vi.restoreAllMocks();
    await expectSurvivorIntact(id);
  });

  it('reports storage full for the autosave slot too', async () => {
    vi.stubGlobal('navigator', { storage: { estimate: () => Promise.reject(new Error('no estimate')) } });
    vi.spyOn(IDBObjectStore.prototype, 'put').mockImplementation(() => {
      throw new DOMException('full', 'QuotaExceededError');
    });
    const error = await rejectionOf(library.autosave({ bytes: designBytes(10, 1), client: 'A', title: 'T', now: at(0) }));
    expect(error.code).toBe('quota');
    expect(error.reason).toContain("storage for this site is full: delete old designs");
  });

  it('wraps other storage errors in a plain sentence', async () => {
    failFilesPut(() => {
      throw new DOMException('disk error', 'UnknownError');
    });
    const error = await rejectionOf(library.save({ client: 'Bruno', title: 'New', bytes: designBytes(10, 1), now: at(5) }));
    expect(error.code).toBe('failed');
    expect(error.reason).toBe(
      'The design could not be saved to the library because the browser reported a storage error: the design on screen is unchanged; try again, or use Save design to a file instead.',
    );
    vi.restoreAllMocks();
    expect(await library.list()).toEqual([]);
  });
});

describe('opening', () => {
  const UNAVAILABLE =
    'The library cannot keep designs in this browser (its storage is turned off or blocked, for example in a private window): use Save design to a file instead.';

  it('refuses when there is no IndexedDB at all', async () => {
    vi.stubGlobal('indexedDB', undefined);
    const error = await rejectionOf(openLibrary({ name: DB_NAME }));
    expect(error.code).toBe('unavailable');
    expect(error.reason).toBe(UNAVAILABLE);
  });

  it('refuses when open throws (storage blocked by the browser)', async () => {
    const blocked = {
      open: () => {
        throw new DOMException('The operation is insecure.', 'SecurityError');
      },
    } as unknown as IDBFactory;
    useFactory(blocked);
    const error = await rejectionOf(openLibrary({ name: DB_NAME }));
    expect(error.code).toBe('unavailable');
    expect(error.reason).toContain('cannot keep designs in this browser');
    expect(error.reason).toContain('use Save design to a file instead');
  });

  it('refuses when the open request fails (private mode)', async () => {
    const failing = failingFactory('error', new DOMException('A mutation operation was attempted', 'InvalidStateError'));
    useFactory(failing);
    const error = await rejectionOf(openLibrary({ name: DB_NAME }));
    expect(error.code).toBe('unavailable');
    expect(error.reason).toBe(UNAVAILABLE);
  });

  it('refuses with its own sentence when an older tab blocks the upgrade', async () => {
    useFactory(failingFactory('blocked', null));
    const error = await rejectionOf(openLibrary({ name: DB_NAME }));
    expect(error.code).toBe('blocked');
    expect(error.reason).toContain('close the other tabs of this app');
  });

  it('refuses a library made by a newer version of the app', async () => {
    library.close();
    const newer = await openRaw('newer', 5);
    newer.close();
    const error = await rejectionOf(openLibrary({ name: 'newer' }));
    expect(error.code).toBe('newer-version');
    expect(error.reason).toContain('made by a newer version of this app');
  });

  it('closes a connection that arrives after the open was refused as blocked', async () => {
    const late = Object.assign(new EventTarget(), { close: vi.fn() });
    useFactory(failingFactory('blocked', null, late));
    const error = await rejectionOf(openLibrary({ name: DB_NAME }));
    expect(error.code).toBe('blocked');
    await vi.waitFor(() => expect(late.close).toHaveBeenCalledTimes(1));
  });

  it('closes gracefully when the browser closes the database, and says why', async () => {
    library.close();
    const connections: IDBOpenDBRequest[] = [];
    const open = factory.open.bind(factory);
    vi.spyOn(factory, 'open').mockImplementation((name, version) => {
      const request = open(name, version);
      connections.push(request);
      return request;
    });
    const onClose = vi.fn<(reason: string) => void>();
    library = await openLibrary({ name: DB_NAME, onClose });
    expect(connections).toHaveLength(1);
    forceCloseDatabase(connections[0]!.result as never);
    expect(onClose).toHaveBeenCalledTimes(1);
    expect(onClose.mock.calls[0]?.[0]).toContain('The browser closed the library');
    const error = await rejectionOf(library.list());
    expect(error.code).toBe('closed');
  });

  it('closes gracefully when another tab upgrades the database, and says why', async () => {
    library.close();
    const onClose = vi.fn<(reason: string) => void>();
    library = await openLibrary({ name: DB_NAME, onClose });
    await library.save({ client: 'Ana', title: 'T', bytes: designBytes(10, 1), now: at(0) });

    const upgraded = await openRaw(DB_NAME, 2);
    upgraded.close();

    expect(onClose).toHaveBeenCalledTimes(1);
    expect(onClose.mock.calls[0]?.[0]).toContain('a newer version of this app was opened in another tab');
    const error = await rejectionOf(library.list());
    expect(error.code).toBe('closed');
    expect(error.reason).toContain('reload this page');
  });

  it('rejects calls after close()', async () => {
    library.close();
    expect((await rejectionOf(library.load('x'))).code).toBe('closed');
  });
});

describe('requestPersistence', () => {
  it('is false where navigator.storage is missing', async () => {
    expect(await requestPersistence()).toBe(false);
    vi.stubGlobal('navigator', {});
    expect(await requestPersistence()).toBe(false);
  });

  it('asks the browser and returns its answer', async () => {
    const persist = vi.fn(() => Promise.resolve(true));
    vi.stubGlobal('navigator', { storage: { persisted: () => Promise.resolve(false), persist } });
    expect(await requestPersistence()).toBe(true);
    expect(persist).toHaveBeenCalledTimes(1);
  });

  it('does not ask again when storage is already persistent', async () => {
    const persist = vi.fn(() => Promise.resolve(false));
    vi.stubGlobal('navigator', { storage: { persisted: () => Promise.resolve(true), persist } });
    expect(await requestPersistence()).toBe(true);
    expect(persist).not.toHaveBeenCalled();
  });

  it('is false when the browser refuses or fails', async () => {
    vi.stubGlobal('navigator', { storage: { persist: () => Promise.resolve(false) } });
    expect(await requestPersistence()).toBe(false);
    vi.stubGlobal('navigator', { storage: { persist: () => Promise.reject(new Error('denied')) } });
    expect(await requestPersistence()).toBe(false);
  });
});
