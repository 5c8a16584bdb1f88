/**
 * `createGuard()`: dedupe and latestOnly around one handler call, in the right order. What
 * `backfill()` uses, and what a transport (Lambda, SQS consumer) calls per event.
 * @module
 */
import type { S3ObjectEvent } from '../events/normalized.js';
import { createLatestOnly, type LatestOnly, type LatestOnlyOptions } from '../order/latest-only.js';
import { createDeduper, type Deduper, type DedupeOptions, type DedupeRunOptions } from './deduper.js';

/**
 * Options of {@link createGuard}: a ready {@link Deduper} / {@link LatestOnly}, options to create
 * one, `true` for the defaults (an in-memory store), or nothing to leave that guard out.
 *
 * @example
 * ```ts
 * import { createGuard, memoryStore, type GuardOptions } from 's3-event-kit';
 * const store = memoryStore();
 * const options: GuardOptions = { dedupe: { store }, latestOnly: { store } };
 * const guard = createGuard(options);
 * ```
 * @category Production
 */
export interface GuardOptions {
  readonly dedupe?: Deduper | DedupeOptions | boolean | undefined;
  readonly latestOnly?: LatestOnly | LatestOnlyOptions | boolean | undefined;
}

/**
 * What {@link Guard.run} did: `handled` (with the handler's result), `duplicate` (already handled:
 * acknowledge without handling) or `stale` (older than an event already handled on the same key).
 * @example
 * ```ts
 * import { createGuard, type GuardOutcome, type S3ObjectEvent } from 's3-event-kit';
 * declare const event: S3ObjectEvent;
 * const outcome: GuardOutcome<void> = await createGuard({ dedupe: true, latestOnly: true }).run(event, async (e) => {
 *   console.log('handling', e.key);
 * });
 * if (outcome.status !== 'handled') console.log(`skipped (${outcome.status})`);
 * ```
 * @category Production
 */
export type GuardOutcome<Result> =
  | { readonly status: 'handled'; readonly value: Result }
  | { readonly status: 'duplicate'; readonly id: string }
  | { readonly status: 'stale'; readonly latest: string };

/**
 * Runs a handler for an event unless it is stale or a duplicate.
 *
 * @example
 * ```ts
 * import { createGuard, normalize } from 's3-event-kit';
 * const guard = createGuard({ dedupe: true, latestOnly: true });
 * export const handler = async (input: unknown) => {
 *   for (const event of normalize(input)) {
 *     const outcome = await guard.run(event, async (e) => console.log(e.name, e.key));
 *     if (outcome.status !== 'handled') console.log(`acknowledged without handling: ${outcome.status}`);
 *   }
 * };
 * ```
 * @category Production
 */
export interface Guard {
  readonly dedupe: Deduper | undefined;
  readonly latestOnly: LatestOnly | undefined;
  /**
   * Checks latestOnly, claims with dedupe, runs the handler, then remembers the event in both.
   *
   * @throws {@link S3EventInProgressError} when another consumer is handling the same event now.
   * @throws whatever the handler throws (after releasing the dedupe claim).
   * `options.replay` lets a replayed event through a deduper made with `replays: 'handle'`.
   */
  run<Event extends S3ObjectEvent, Result>(
    event: Event,
    handler: (event: Event) => Result | Promise<Result>,
    options?: DedupeRunOptions,
  ): Promise<GuardOutcome<Result>>;
}

function resolve<Made, Options>(
  given: Made | Options | boolean | undefined,
  isMade: (value: Made | Options) => value is Made,
  make: (options: Options | undefined) => Made,
): Made | undefined {
  if (given === undefined || given === false) return undefined;
  if (given === true) return make(undefined);
  return isMade(given) ? given : make(given);
}

/**
 * Combines dedupe and latestOnly around a handler. The order: a stale event is dropped first
 * (one read), then the event is claimed (a conditional write), handled, remembered as handled,
 * and its sequencer recorded. A failing handler leaves no trace, so the event is retried.
 *
 * @example
 * ```ts
 * import { createGuard, memoryStore } from 's3-event-kit';
 * import type { S3ObjectEvent } from 's3-event-kit';
 * const store = memoryStore({ maxEntries: 100_000 });
 * const guard = createGuard({ dedupe: { store, ttlSeconds: 3600 }, latestOnly: { store } });
 * declare const event: S3ObjectEvent;
 * await guard.run(event, async (e) => console.log(e.key));
 * ```
 * @category Production
 */
export function createGuard(options: GuardOptions = {}): Guard {
  const dedupe = resolve<Deduper, DedupeOptions>(options.dedupe, (v): v is Deduper => 'claim' in v, (o) => createDeduper(o));
  const latestOnly = resolve<LatestOnly, LatestOnlyOptions>(
    options.latestOnly,
    (v): v is LatestOnly => 'record' in v,
    (o) => createLatestOnly(o),
  );

  async function run<Event extends S3ObjectEvent, Result>(
    event: Event,
    handler: (event: Event) => Result | Promise<Result>,
    runOptions?: DedupeRunOptions,
  ): Promise<GuardOutcome<Result>> {
    if (latestOnly !== undefined) {
      const checked = await latestOnly.check(event);
      if (checked.status === 'stale') return checked;
    }
    let value: Result;
    if (dedupe === undefined) {
      value = await handler(event);
    } else {
      const outcome = await dedupe.run(event, handler, runOptions);
      if (outcome.status === 'duplicate') return outcome;
      value = outcome.value;
    }
    if (latestOnly !== undefined) await latestOnly.record(event);
    return { status: 'handled', value };
  }

  return { dedupe, latestOnly, run };
}
