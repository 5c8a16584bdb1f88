/**
 * `createDeduper()` and `dedupe()`: handle each S3 event once, even though S3, SNS, SQS and
 * Lambda deliver at least once.
 * @module
 */
import type { S3ObjectEvent } from '../events/normalized.js';
import { checkNumber } from '../store/errors.js';
import { memoryStore } from '../store/memory-store.js';
import type { EventStore } from '../store/types.js';
import { S3EventInProgressError } from './errors.js';
import { eventId, objectId } from './event-id.js';

/**
 * Options of {@link createDeduper}.
 *
 * @example
 * ```ts
 * import { createDeduper, memoryStore, type DedupeOptions } from 's3-event-kit';
 * const options: DedupeOptions = { store: memoryStore(), ttlSeconds: 86_400, leaseSeconds: 120 };
 * const deduper = createDeduper(options);
 * ```
 * @category Production
 */
export interface DedupeOptions {
  /**
   * Where handled events are remembered. The default remembers only what this process saw; use
   * a shared store (`dynamoDbStore` from `s3-event-kit/aws`) when several consumers share a queue.
   * @defaultValue a new `memoryStore()`
   */
  readonly store?: EventStore | undefined;
  /**
   * Seconds a handled event is remembered: a duplicate arriving later is handled again. S3
   * duplicates usually arrive within minutes; SQS keeps a message at most 14 days.
   * @defaultValue 86400 (one day)
   */
  readonly ttlSeconds?: number | undefined;
  /**
   * Seconds a claim protects an event that is being handled. A duplicate arriving meanwhile is
   * reported in progress (and retried later); after a crash the claim lapses and the event can be
   * handled again. Keep it at least as long as a handler runs and at most the queue's visibility
   * timeout, or a crashed claim can bounce redeliveries into the dead-letter queue.
   * @defaultValue 120
   */
  readonly leaseSeconds?: number | undefined;
  /** Prefix of every store key, to share one store between applications. @defaultValue 'dedupe' */
  readonly namespace?: string | undefined;
  /**
   * Also remember, for every handled `ObjectCreated` event, the object content it is about
   * (`objectId`: bucket, key, eTag), so a later backfill skips objects already handled live.
   * Costs one more store write per `ObjectCreated` event.
   * @defaultValue true
   */
  readonly rememberObjects?: boolean | undefined;
  /**
   * What to do with an event sent again on purpose and already handled: an EventBridge archive
   * replay, or an SQS message that went through a dead-letter queue (`ctx.redrivenFrom` is set;
   * `subscribe()` tells the deduper, see {@link DedupeRunOptions}). `'acknowledge'` treats it
   * as any duplicate (acknowledged, the handler is not called); `'handle'` calls the handler
   * again and remembers the event anew. An event another consumer is handling right now is
   * still reported in progress either way.
   * @defaultValue 'acknowledge'
   * @example
   * ```ts
   * import { memoryStore, subscribe } from 's3-event-kit';
   * const store = memoryStore();
   * export const handler = subscribe({ dedupe: { store, replays: 'handle' } }, async (event, ctx) => {
   *   console.log(ctx.redrivenFrom ? 'replayed on purpose:' : 'first delivery:', event.key);
   * });
   * ```
   */
  readonly replays?: 'acknowledge' | 'handle' | undefined;
}

/**
 * Per-call options of {@link Deduper.claim} and {@link Deduper.run}: `replay: true` says the
 * event is sent again on purpose (an EventBridge replay, a DLQ redrive). A deduper made with
 * `replays: 'handle'` then claims it even if it was handled before; otherwise it is ignored.
 *
 * @example
 * ```ts
 * import { createDeduper, memoryStore, type DedupeRunOptions, type S3ObjectEvent } from 's3-event-kit';
 * declare const event: S3ObjectEvent;
 * const deduper = createDeduper({ store: memoryStore(), replays: 'handle' });
 * const options: DedupeRunOptions = { replay: true };
 * await deduper.run(event, async (e) => console.log('handled again', e.key), options);
 * ```
 * @category Production
 */
export interface DedupeRunOptions {
  /** The event is a replay or a redrive (for `subscribe()`: `ctx.redrivenFrom` is set). */
  readonly replay?: boolean | undefined;
}

/**
 * What {@link Deduper.claim} found: a `new` event (now claimed by the caller, who must
 * `complete()` or `release()` it), a `duplicate` of an event already handled, or an event another
 * consumer is handling right now (`in-progress`).
 *
 * @example
 * ```ts
 * import { createDeduper, memoryStore, type DedupeClaim, type S3ObjectEvent } from 's3-event-kit';
 * declare const event: S3ObjectEvent;
 * const claim: DedupeClaim = await createDeduper({ store: memoryStore() }).claim(event);
 * if (claim.status === 'new') {
 *   try { console.log('handling', event.key); await claim.complete(); } catch (error) { await claim.release(); throw error; }
 * }
 * ```
 * @category Production
 */
export type DedupeClaim =
  | {
      readonly status: 'new';
      readonly id: string;
      /** Remember the event as handled. */
      complete(): Promise<void>;
      /** Give the claim up (the handler failed), so a redelivery handles the event. */
      release(): Promise<void>;
    }
  | { readonly status: 'duplicate'; readonly id: string }
  | { readonly status: 'in-progress'; readonly id: string };

/**
 * What {@link Deduper.run} did: handled the event (with the handler's result), or acknowledged a
 * duplicate without calling the handler.
 * @example
 * ```ts
 * import { createDeduper, memoryStore, type DedupeOutcome, type S3ObjectEvent } from 's3-event-kit';
 * declare const event: S3ObjectEvent;
 * const outcome: DedupeOutcome<number> = await createDeduper({ store: memoryStore() }).run(event, async () => 42);
 * if (outcome.status === 'duplicate') console.log('already handled', outcome.id);
 * ```
 * @category Production
 */
export type DedupeOutcome<Result> =
  | { readonly status: 'handled'; readonly id: string; readonly value: Result }
  | { readonly status: 'duplicate'; readonly id: string };

/**
 * Handles each event once per store. Make one per application and reuse it.
 *
 * @example
 * ```ts
 * import { createDeduper, normalize } from 's3-event-kit';
 * const deduper = createDeduper();
 * export const handler = async (input: unknown) => {
 *   for (const event of normalize(input)) {
 *     await deduper.run(event, async (e) => console.log('first time', e.key));
 *   }
 * };
 * ```
 * @category Production
 */
export interface Deduper {
  /** The store key an event is remembered under. */
  keyOf(event: S3ObjectEvent): string;
  /** What it does with replays (see {@link DedupeOptions.replays}); absent means `'acknowledge'`. */
  readonly replays?: 'acknowledge' | 'handle' | undefined;
  /** Claims an event: see {@link DedupeClaim} (and {@link DedupeRunOptions} for a replay). */
  claim(event: S3ObjectEvent, options?: DedupeRunOptions): Promise<DedupeClaim>;
  /**
   * Runs `handler` for a new event and remembers it; acknowledges a duplicate without calling the
   * handler. If the handler throws, the claim is released and the error rethrown.
   *
   * @throws {@link S3EventInProgressError} when another consumer is handling the same event now.
   * @throws {@link EventStoreError} when the store fails. If remembering fails after the handler
   *   succeeded, the event was handled but will be handled again on redelivery.
   */
  run<Event extends S3ObjectEvent, Result>(
    event: Event,
    handler: (event: Event) => Result | Promise<Result>,
    options?: DedupeRunOptions,
  ): Promise<DedupeOutcome<Result>>;
}

const DONE = 'done';
const LEASE = 'lease:';
const WHERE = 'createDeduper';

/**
 * Creates a {@link Deduper}: events are identified by {@link eventId} (objects found by a
 * backfill listing, `via: ['list']`, by {@link objectId}), claimed in the store with a
 * conditional write before the handler runs, and remembered as handled after it succeeds. A
 * failed handler releases its claim, so at-least-once still holds: an event is never skipped
 * because an earlier attempt failed.
 *
 * @example
 * ```ts
 * import { createDeduper, normalize } from 's3-event-kit';
 * import { dynamoDbStore } from 's3-event-kit/aws';
 *
 * const deduper = createDeduper({ store: dynamoDbStore({ tableName: 's3-event-dedupe' }) });
 * export const handler = async (input: unknown) => {
 *   for (const event of normalize(input)) {
 *     const outcome = await deduper.run(event, async (e) => e.key.length);
 *     if (outcome.status === 'duplicate') console.log('already handled', outcome.id);
 *   }
 * };
 * ```
 * @category Production
 */
export function createDeduper(options: DedupeOptions = {}): Deduper {
  const store = options.store ?? memoryStore();
  const ttlSeconds = checkNumber(WHERE, 'ttlSeconds', options.ttlSeconds ?? 86_400, 1);
  const leaseSeconds = checkNumber(WHERE, 'leaseSeconds', options.leaseSeconds ?? 120, 1);
  const namespace = options.namespace ?? 'dedupe';
  const rememberObjects = options.rememberObjects ?? true;
  const replays = options.replays ?? 'acknowledge';
  if (replays !== 'acknowledge' && replays !== 'handle') {
    throw new TypeError(`${WHERE}: replays must be 'acknowledge' or 'handle', not ${JSON.stringify(replays)}`);
  }

  const objectKey = (event: S3ObjectEvent): string | undefined => {
    const id = objectId(event);
    return id === undefined ? undefined : `${namespace}:object:${id}`;
  };
  const keyOf = (event: S3ObjectEvent): string =>
    (event.via[0] === 'list' ? objectKey(event) : undefined) ?? `${namespace}:event:${eventId(event)}`;

  async function claim(event: S3ObjectEvent, claimOptions?: DedupeRunOptions): Promise<DedupeClaim> {
    const key = keyOf(event);
    const lease = `${LEASE}${globalThis.crypto.randomUUID()}`;
    const again = replays === 'handle' && claimOptions?.replay === true;
    // Claim, or find out why not; a value that expires between the two calls is claimed again.
    // A replay let through claims a handled event by swapping DONE for its lease.
    for (let attempt = 0; attempt < 3; attempt++) {
      let claimed = await store.set(key, lease, { ttlSeconds: leaseSeconds, condition: { absent: true } });
      let current: string | undefined;
      let wasDone = false;
      if (!claimed) {
        current = await store.get(key);
        if (again && current === DONE) {
          claimed = wasDone = await store.set(key, lease, { ttlSeconds: leaseSeconds, condition: { equals: DONE } });
        }
      }
      if (claimed) {
        return {
          status: 'new',
          id: key,
          async complete() {
            await store.set(key, DONE, { ttlSeconds });
            const object = rememberObjects && event.type === 'ObjectCreated' ? objectKey(event) : undefined;
            if (object !== undefined && object !== key) await store.set(object, DONE, { ttlSeconds });
          },
          async release() {
            // A failed replay leaves the event handled, as it was before.
            if (wasDone) await store.set(key, DONE, { ttlSeconds, condition: { equals: lease } });
            else await store.set(key, lease, { ttlSeconds: 0, condition: { equals: lease } });
          },
        };
      }
      if (again && current === DONE) continue; // handled again meanwhile: look once more
      if (current === DONE) return { status: 'duplicate', id: key };
      if (current !== undefined) return { status: 'in-progress', id: key };
    }
    return { status: 'in-progress', id: key };
  }

  async function run<Event extends S3ObjectEvent, Result>(
    event: Event,
    handler: (event: Event) => Result | Promise<Result>,
    runOptions?: DedupeRunOptions,
  ): Promise<DedupeOutcome<Result>> {
    const claimed = await claim(event, runOptions);
    if (claimed.status === 'duplicate') return { status: 'duplicate', id: claimed.id };
    if (claimed.status === 'in-progress') throw new S3EventInProgressError(event, claimed.id);
    let value: Result;
    try {
      value = await handler(event);
    } catch (error) {
      await claimed.release().catch(() => undefined);
      throw error;
    }
    try {
      await claimed.complete();
    } catch (error) {
      await claimed.release().catch(() => undefined);
      throw error;
    }
    return { status: 'handled', id: claimed.id, value };
  }

  return { keyOf, replays, claim, run };
}

/**
 * What {@link dedupe} found in a batch: the `fresh` events (now claimed: call `complete(event)`
 * after handling each, or `release(event)` if it failed), the `duplicates` (already handled, or
 * repeated within the batch) and the events another consumer is handling (`inProgress`).
 *
 * @example
 * ```ts
 * import { dedupe, memoryStore, normalize } from 's3-event-kit';
 * declare const input: unknown;
 * const batch = await dedupe(normalize(input), { store: memoryStore() });
 * for (const event of batch.fresh) console.log('new', event.key);
 * console.log(`${batch.duplicates.length} duplicates acknowledged`);
 * ```
 * @category Production
 */
export interface DedupeBatch<Event extends S3ObjectEvent = S3ObjectEvent> {
  readonly fresh: Event[];
  readonly duplicates: Event[];
  readonly inProgress: Event[];
  /** Remembers a fresh event as handled. */
  complete(event: Event): Promise<void>;
  /** Releases the claim on a fresh event whose handling failed. */
  release(event: Event): Promise<void>;
}

/**
 * Splits a batch into the events that are new and those that are not, claiming the new ones. A
 * standalone helper for code that handles a batch itself; {@link Deduper.run} does the same per
 * event, including `complete` and `release`.
 *
 * @example
 * ```ts
 * import { createDeduper, dedupe, normalize } from 's3-event-kit';
 * const deduper = createDeduper();
 * export const handler = async (input: unknown) => {
 *   const batch = await dedupe(normalize(input), deduper);
 *   for (const event of batch.fresh) {
 *     try {
 *       console.log('new', event.key);
 *       await batch.complete(event);
 *     } catch (error) {
 *       await batch.release(event);
 *       throw error;
 *     }
 *   }
 *   console.log(`${batch.duplicates.length} duplicates acknowledged`);
 * };
 * ```
 * @category Production
 */
export async function dedupe<Event extends S3ObjectEvent>(
  events: readonly Event[],
  deduper: Deduper | DedupeOptions = {},
): Promise<DedupeBatch<Event>> {
  const using = 'claim' in deduper ? deduper : createDeduper(deduper);
  const first = new Map<string, Event>();
  const repeats: Event[] = [];
  for (const event of events) {
    const key = using.keyOf(event);
    if (first.has(key)) repeats.push(event);
    else first.set(key, event);
  }
  const claims = new Map<Event, DedupeClaim>();
  await Promise.all([...first.values()].map(async (event) => claims.set(event, await using.claim(event))));
  const batch = { fresh: [] as Event[], duplicates: [] as Event[], inProgress: [] as Event[] };
  for (const event of first.values()) {
    const status = claims.get(event)?.status;
    (status === 'new' ? batch.fresh : status === 'duplicate' ? batch.duplicates : batch.inProgress).push(event);
  }
  batch.duplicates.push(...repeats);
  const fresh = (event: Event): Extract<DedupeClaim, { status: 'new' }> => {
    const claimed = claims.get(event);
    if (claimed?.status !== 'new') throw new TypeError(`dedupe: ${using.keyOf(event)} is not a fresh event of this batch`);
    return claimed;
  };
  return {
    ...batch,
    complete: async (event) => fresh(event).complete(),
    release: async (event) => fresh(event).release(),
  };
}
