/**
 * The small store `createDeduper` and `createLatestOnly` remember events in: `get` and a
 * conditional `set` with a time to live.
 * @module
 */

/**
 * The condition of a {@link EventStore.set}: write only if the key is absent (or expired), or
 * only if it currently holds exactly `equals`. Without a condition the write is unconditional.
 *
 * @example
 * ```ts
 * import type { StoreCondition } from 's3-event-kit';
 * const claim: StoreCondition = { absent: true };
 * const swap: StoreCondition = { equals: '0055AED6DCD90281E5' };
 * ```
 * @category Production
 */
export type StoreCondition = { readonly absent: true } | { readonly equals: string };

/**
 * Options of {@link EventStore.set}.
 *
 * @example
 * ```ts
 * import type { StoreSetOptions } from 's3-event-kit';
 * const options: StoreSetOptions = { ttlSeconds: 86_400, condition: { absent: true } };
 * ```
 * @category Production
 */
export interface StoreSetOptions {
  /**
   * Seconds until the entry expires. An expired entry reads as absent at once, even where the
   * backing store deletes it later (DynamoDB's TTL deletes within days). `0` expires it now.
   */
  readonly ttlSeconds: number;
  /** Write only when this holds; absent means write unconditionally. */
  readonly condition?: StoreCondition | undefined;
}

/**
 * Where dedupe and latestOnly remember what was handled: an async key/value store with a time to
 * live and an atomic conditional `set`. Implement it over any store that can compare-and-set
 * (Redis `SET NX`/Lua, DynamoDB conditional writes, a SQL `INSERT … ON CONFLICT`); the package
 * ships {@link memoryStore} and, in `s3-event-kit/aws`, `dynamoDbStore`.
 *
 * The contract: `get` never returns an expired value; `set` with `{ absent: true }` succeeds for
 * exactly one of several concurrent callers; `set` with `{ equals }` succeeds only while the
 * current, unexpired value is exactly that string; `set` returns whether it wrote.
 *
 * @example
 * ```ts
 * import type { EventStore } from 's3-event-kit';
 *
 * const values = new Map<string, { value: string; expiresAt: number }>();
 * const naive: EventStore = {
 *   async get(key) {
 *     const entry = values.get(key);
 *     return entry && entry.expiresAt > Date.now() ? entry.value : undefined;
 *   },
 *   async set(key, value, { ttlSeconds, condition }) {
 *     const current = await this.get(key);
 *     if (condition && ('absent' in condition ? current !== undefined : current !== condition.equals)) return false;
 *     values.set(key, { value, expiresAt: Date.now() + ttlSeconds * 1000 });
 *     return true;
 *   },
 * };
 * ```
 * @category Production
 */
export interface EventStore {
  /** The unexpired value under `key`, or `undefined`. */
  get(key: string): Promise<string | undefined>;
  /** Writes `value` under `key` if the condition holds; resolves to whether it wrote. */
  set(key: string, value: string, options: StoreSetOptions): Promise<boolean>;
}
