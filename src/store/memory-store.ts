/**
 * `memoryStore()`: a bounded, TTL-aware, least-recently-used in-process {@link EventStore}.
 * @module
 */
import { checkInteger, checkNumber } from './errors.js';
import type { EventStore, StoreSetOptions } from './types.js';

/**
 * Options of {@link memoryStore}.
 *
 * @example
 * ```ts
 * import { memoryStore, type MemoryStoreOptions } from 's3-event-kit';
 * const options: MemoryStoreOptions = { maxEntries: 50_000 };
 * const store = memoryStore(options);
 * ```
 * @category Production
 */
export interface MemoryStoreOptions {
  /**
   * How many entries to keep; past that the least recently used one is dropped (a dropped dedupe
   * entry only means a late duplicate is handled again).
   * @defaultValue 10000
   */
  readonly maxEntries?: number | undefined;
  /** The clock, in milliseconds since the epoch (for tests). @defaultValue Date.now */
  readonly now?: (() => number) | undefined;
}

/**
 * An in-process {@link EventStore} with an LRU bound and TTLs, and the number of entries it holds.
 *
 * @example
 * ```ts
 * import { memoryStore, type MemoryStore } from 's3-event-kit';
 * const store: MemoryStore = memoryStore({ maxEntries: 10_000 });
 * await store.set('k', 'v', { ttlSeconds: 60 });
 * console.log(store.size, await store.get('k'));
 * ```
 * @category Production
 */
export interface MemoryStore extends EventStore {
  /** Entries held now, including expired ones not yet evicted. */
  readonly size: number;
}

interface Entry {
  readonly value: string;
  readonly expiresAt: number;
}

const WHERE = 'memoryStore';

/**
 * An in-process store for `createDeduper` and `createLatestOnly`: a `Map` kept in
 * least-recently-used order, bounded by `maxEntries`, whose entries expire after their TTL.
 * It remembers only what this process saw: across Lambda instances or several workers, use a
 * shared store such as `dynamoDbStore` from `s3-event-kit/aws`.
 *
 * @example
 * ```ts
 * import { createDeduper, memoryStore } from 's3-event-kit';
 * const deduper = createDeduper({ store: memoryStore({ maxEntries: 10_000 }), ttlSeconds: 3600 });
 * ```
 * @category Production
 */
export function memoryStore(options: MemoryStoreOptions = {}): MemoryStore {
  const maxEntries = checkInteger(WHERE, 'maxEntries', options.maxEntries ?? 10_000, 1);
  const now = options.now ?? Date.now;
  const entries = new Map<string, Entry>();

  /** The live entry under `key`, marked most recently used; an expired one is dropped. */
  function live(key: string, at: number): Entry | undefined {
    const entry = entries.get(key);
    if (entry === undefined) return undefined;
    entries.delete(key);
    if (entry.expiresAt <= at) return undefined;
    entries.set(key, entry);
    return entry;
  }

  return {
    get size() {
      return entries.size;
    },
    async get(key: string): Promise<string | undefined> {
      return live(key, now())?.value;
    },
    async set(key: string, value: string, { ttlSeconds, condition }: StoreSetOptions): Promise<boolean> {
      checkNumber(WHERE, 'ttlSeconds', ttlSeconds, 0);
      const at = now();
      const current = live(key, at);
      if (condition !== undefined) {
        const holds = 'absent' in condition ? current === undefined : current?.value === condition.equals;
        if (!holds) return false;
      }
      entries.delete(key);
      entries.set(key, { value, expiresAt: at + ttlSeconds * 1000 });
      while (entries.size > maxEntries) {
        const oldest = entries.keys().next();
        if (oldest.done === true) break;
        entries.delete(oldest.value);
      }
      return true;
    },
  };
}
