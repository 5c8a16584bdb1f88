/**
 * `createLatestOnly()` and `latestOnly()`: per bucket and key, drop events older than one already
 * handled, using `compareSequencers`.
 * @module
 */
import type { S3ObjectEvent } from '../events/normalized.js';
import { compareSequencers } from '../sequencer.js';
import { checkNumber, EventStoreError } from '../store/errors.js';
import { memoryStore } from '../store/memory-store.js';
import type { EventStore } from '../store/types.js';

/**
 * Options of {@link createLatestOnly}.
 *
 * @example
 * ```ts
 * import { createLatestOnly, memoryStore, type LatestOnlyOptions } from 's3-event-kit';
 * const options: LatestOnlyOptions = { store: memoryStore(), ttlSeconds: 7 * 86_400 };
 * const latest = createLatestOnly(options);
 * ```
 * @category Production
 */
export interface LatestOnlyOptions {
  /**
   * Where the newest handled sequencer of each key is kept; the same kind of store as dedupe's
   * (they can share one: keys are namespaced).
   * @defaultValue a new `memoryStore()`
   */
  readonly store?: EventStore | undefined;
  /**
   * Seconds the newest sequencer of a key is remembered; an older event arriving later than this
   * is handled. Notifications usually arrive within seconds, sometimes a minute or more.
   * @defaultValue 86400 (one day)
   */
  readonly ttlSeconds?: number | undefined;
  /** Prefix of every store key. @defaultValue 'latest' */
  readonly namespace?: string | undefined;
}

/**
 * Where an event stands: `latest` (newer than anything handled on its key), `stale` (older than,
 * or equal to, the sequencer `latest` already handled on its key), or `unordered` (it has no
 * sequencer: tagging, ACL, lifecycle transition and restore events, and backfill listings).
 *
 * @example
 * ```ts
 * import type { LatestCheck } from 's3-event-kit';
 * const check: LatestCheck = { status: 'stale', latest: '0055AED6DCD90281E6' };
 * ```
 * @category Production
 */
export type LatestCheck =
  | { readonly status: 'latest' | 'unordered' }
  | { readonly status: 'stale'; readonly latest: string };

/**
 * What {@link LatestOnly.run} did: handled the event, or dropped it as `stale` (with the newer
 * sequencer already handled).
 * @example
 * ```ts
 * import { createLatestOnly, memoryStore, type LatestOutcome, type S3ObjectEvent } from 's3-event-kit';
 * declare const event: S3ObjectEvent;
 * const outcome: LatestOutcome<void> = await createLatestOnly({ store: memoryStore() }).run(event, async () => {});
 * if (outcome.status === 'stale') console.log(`dropped: ${outcome.latest} was handled already`);
 * ```
 * @category Production
 */
export type LatestOutcome<Result> =
  | { readonly status: 'handled'; readonly value: Result }
  | { readonly status: 'stale'; readonly latest: string };

/**
 * Keeps, per bucket and key, the newest sequencer handled, and drops events that are not newer.
 *
 * Limits (S3's, not this library's): sequencers order events on **one key** only, so events on
 * different keys are never ordered; events without a sequencer always pass; two events of the
 * same key handled at the same moment are both handled (the check happens before the handler and
 * the record after it, so a failed handler never hides its event).
 *
 * @example
 * ```ts
 * import { createLatestOnly, normalize } from 's3-event-kit';
 * const latest = createLatestOnly();
 * export const handler = async (input: unknown) => {
 *   for (const event of normalize(input)) {
 *     const outcome = await latest.run(event, async (e) => console.log('newest so far', e.name, e.key));
 *     if (outcome.status === 'stale') console.log('dropped an out-of-order event');
 *   }
 * };
 * ```
 * @category Production
 */
export interface LatestOnly {
  /** The store key of an event's bucket and key. */
  keyOf(event: S3ObjectEvent): string;
  /** Where the event stands against what was handled on its key. */
  check(event: S3ObjectEvent): Promise<LatestCheck>;
  /**
   * Records the event's sequencer as handled, unless a newer one is recorded already; resolves
   * to whether it wrote. Events without a sequencer are not recorded.
   */
  record(event: S3ObjectEvent): Promise<boolean>;
  /** Checks, runs `handler` unless the event is stale, then records it. */
  run<Event extends S3ObjectEvent, Result>(
    event: Event,
    handler: (event: Event) => Result | Promise<Result>,
  ): Promise<LatestOutcome<Result>>;
}

const WHERE = 'createLatestOnly';
const MAX_ATTEMPTS = 10;

/**
 * Creates a {@link LatestOnly}: per bucket and key, events whose `sequencer` is older than or
 * equal to one already handled are dropped (compared with `compareSequencers`, the library's one
 * sequencer comparison). Useful when only an object's latest state matters (a thumbnail, an
 * index entry), not when every event must be seen (an audit log).
 *
 * @example
 * ```ts
 * import { createLatestOnly, memoryStore, type S3ObjectEvent } from 's3-event-kit';
 * const latest = createLatestOnly({ store: memoryStore() });
 * declare const put: S3ObjectEvent;
 * if ((await latest.check(put)).status !== 'stale') {
 *   // … handle …
 *   await latest.record(put);
 * }
 * ```
 * @category Production
 */
export function createLatestOnly(options: LatestOnlyOptions = {}): LatestOnly {
  const store = options.store ?? memoryStore();
  const ttlSeconds = checkNumber(WHERE, 'ttlSeconds', options.ttlSeconds ?? 86_400, 1);
  const namespace = options.namespace ?? 'latest';
  const keyOf = (event: S3ObjectEvent): string => `${namespace}:${JSON.stringify([event.bucket, event.key])}`;

  async function check(event: S3ObjectEvent): Promise<LatestCheck> {
    if (event.sequencer === undefined) return { status: 'unordered' };
    const handled = await store.get(keyOf(event));
    return handled !== undefined && compareSequencers(event.sequencer, handled) <= 0
      ? { status: 'stale', latest: handled }
      : { status: 'latest' };
  }

  async function record(event: S3ObjectEvent): Promise<boolean> {
    const { sequencer } = event;
    if (sequencer === undefined) return false;
    const key = keyOf(event);
    for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
      const handled = await store.get(key);
      if (handled !== undefined && compareSequencers(sequencer, handled) <= 0) return false;
      const condition = handled === undefined ? ({ absent: true } as const) : { equals: handled };
      if (await store.set(key, sequencer, { ttlSeconds, condition })) return true;
    }
    throw new EventStoreError('latestOnly', 'record', key, new Error(`${MAX_ATTEMPTS} concurrent updates in a row`));
  }

  async function run<Event extends S3ObjectEvent, Result>(
    event: Event,
    handler: (event: Event) => Result | Promise<Result>,
  ): Promise<LatestOutcome<Result>> {
    const checked = await check(event);
    if (checked.status === 'stale') return checked;
    const value = await handler(event);
    await record(event);
    return { status: 'handled', value };
  }

  return { keyOf, check, record, run };
}

/**
 * What {@link latestOnly} found in a batch: the events to handle (`current`, in the batch's
 * order) and those dropped (`stale`: older than or equal to a sequencer already handled, or than
 * a newer event of the same key in the same batch).
 * @example
 * ```ts
 * import { latestOnly, memoryStore, normalize } from 's3-event-kit';
 * declare const input: unknown;
 * const { current, stale } = await latestOnly(normalize(input), { store: memoryStore() });
 * console.log(`${current.length} to handle, ${stale.length} superseded`);
 * ```
 * @category Production
 */
export interface LatestBatch<Event extends S3ObjectEvent = S3ObjectEvent> {
  readonly current: Event[];
  readonly stale: Event[];
}

/**
 * Splits a batch into the events to handle and the stale ones: per bucket and key, only the
 * newest event of the batch is kept, and only if it is newer than what was handled. Events
 * without a sequencer are always kept. Nothing is recorded: call `record(event)` on the
 * {@link LatestOnly} after handling each kept event.
 *
 * @example
 * ```ts
 * import { createLatestOnly, latestOnly, normalize } from 's3-event-kit';
 * const latest = createLatestOnly();
 * export const handler = async (input: unknown) => {
 *   const { current, stale } = await latestOnly(normalize(input), latest);
 *   for (const event of current) {
 *     console.log(event.name, event.key);
 *     await latest.record(event);
 *   }
 *   console.log(`${stale.length} out-of-order events dropped`);
 * };
 * ```
 * @category Production
 */
export async function latestOnly<Event extends S3ObjectEvent>(
  events: readonly Event[],
  latest: LatestOnly | LatestOnlyOptions = {},
): Promise<LatestBatch<Event>> {
  const using = 'record' in latest ? latest : createLatestOnly(latest);
  const newest = new Map<string, Event>();
  for (const event of events) {
    if (event.sequencer === undefined) continue;
    const key = using.keyOf(event);
    const other = newest.get(key);
    if (other?.sequencer === undefined || compareSequencers(event.sequencer, other.sequencer) > 0) newest.set(key, event);
  }
  const keep = new Set<Event>();
  await Promise.all(
    [...newest.values()].map(async (event) => {
      if ((await using.check(event)).status !== 'stale') keep.add(event);
    }),
  );
  const batch: LatestBatch<Event> = { current: [], stale: [] };
  for (const event of events) (event.sequencer === undefined || keep.has(event) ? batch.current : batch.stale).push(event);
  return batch;
}
