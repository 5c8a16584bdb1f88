/**
 * Handles one batch of messages with one handler call, whatever carried them: `onInvalid` for
 * messages that are not S3 events, the filter, dedupe and latestOnly (claims taken before the
 * call; completed for handled events, released for failed ones), the handler (bounded by
 * `handlerTimeout`), and the report of every failed message (once, through the observer). The
 * answer is one `Result` per message, as `runMessage` gives for one: Lambda and the worker settle
 * them exactly as they settle `subscribe()`'s.
 * @internal @module
 */
import { S3EventInProgressError } from '../dedupe/errors.js';
import type { DedupeClaim } from '../dedupe/deduper.js';
import type { Guard } from '../dedupe/guard.js';
import type { S3ObjectEvent } from '../events/normalized.js';
import { matches } from '../filter.js';
import type { ParsedMessage } from '../normalize/parse.js';
import { compareSequencers } from '../sequencer.js';
import { InvalidBatchResultError, UnknownBatchEventError } from './batch-errors.js';
import { callAround } from './around.js';
import type { BatchAroundHook, S3EventBatchContext, S3EventBatchHandler } from './batch-types.js';
import { MessageContext } from './context.js';
import { HandlerAbortedError, S3EventHandlerError } from './errors.js';
import { forEachLimit } from './lambda.js';
import type { Where } from './observe.js';
import { invalid, isPermanentFailure, permanentFailure, replayOf, whereOf, withTimeout, type Core, type Result } from './run-message.js';
import type { LambdaContextLike, S3EventContext } from './types.js';

/** What a `subscribeBatch()` subscription runs for each batch: its handler, and `around` when given. */
export interface BatchWork {
  readonly handler: S3EventBatchHandler;
  readonly around: BatchAroundHook | undefined;
}

/** One message of a batch and its context. */
export interface BatchItem {
  readonly parsed: ParsedMessage;
  readonly ctx: MessageContext;
}

/** The cause of an event the handler named failed without an error. */
const NAMED_FAILED = 'the batch handler named it failed';

/** Abort reasons that concern the whole batch (a lapsed visibility concerns one message). */
const BATCH_REASONS: ReadonlySet<string> = /* @__PURE__ */ new Set(['stop', 'deadline', 'timeout']);

/**
 * The batch handler's context: `of(event)` is the event's message context; the batch's own signal
 * is made when read, and then also fires when a message's signal fires for the whole batch
 * (Lambda's deadline, the worker stopping).
 */
export class BatchContext implements S3EventBatchContext {
  /** Signal and abort of the batch itself (no message of its own). */
  readonly own: MessageContext;
  private readonly contexts = new Map<S3ObjectEvent, MessageContext>();
  /** The events handed to the handler, in order. */
  readonly events: S3ObjectEvent[] = [];
  private linked = false;

  constructor(readonly lambdaContext?: LambdaContextLike | undefined) {
    this.own = new MessageContext(undefined, undefined, undefined, lambdaContext);
  }

  add(event: S3ObjectEvent, ctx: MessageContext): void {
    if (!this.contexts.has(event)) this.events.push(event);
    this.contexts.set(event, ctx);
  }

  has(event: unknown): event is S3ObjectEvent {
    return this.contexts.has(event as S3ObjectEvent);
  }

  of(event: S3ObjectEvent): S3EventContext {
    const ctx = this.contexts.get(event);
    if (ctx === undefined) throw new UnknownBatchEventError('ctx.of()', event);
    return ctx;
  }

  get signal(): AbortSignal {
    if (!this.linked) {
      this.linked = true;
      for (const ctx of new Set(this.contexts.values())) {
        if (ctx.reason !== undefined) this.forward(ctx.reason);
        else ctx.signal.addEventListener('abort', () => this.forward(ctx.signal.reason), { once: true });
      }
    }
    return this.own.signal;
  }

  /** Aborts the batch and every message in it (the batch ran past `handlerTimeout`). */
  abortAll(reason: HandlerAbortedError): void {
    this.own.abort(reason);
    for (const ctx of this.contexts.values()) ctx.abort(reason);
  }

  private forward(reason: unknown): void {
    if (reason instanceof HandlerAbortedError && BATCH_REASONS.has(reason.reason)) this.own.abort(reason);
  }
}

/** An event on its way to the handler. */
interface Entry {
  readonly event: S3ObjectEvent;
  /** Its message's index in the batch. */
  readonly item: number;
  claim?: Extract<DedupeClaim, { status: 'new' }>;
}

/** What the handler's call came to: the failed events and their causes, or one cause for all. */
type Verdict = { readonly failed: ReadonlyMap<S3ObjectEvent, unknown> } | { readonly all: unknown };

/** Per message: counts, the first failure, and whether any failure was not permanent. */
class Tally {
  readonly handled: number[];
  readonly skipped: number[];
  readonly failures: Array<{ readonly error: S3EventHandlerError; readonly event: S3ObjectEvent } | undefined>;
  /** A failure a retry may fix: then the message is retried even if others were permanent. */
  readonly transient: boolean[];

  constructor(
    size: number,
    private readonly isPermanent: (cause: unknown) => boolean,
  ) {
    this.handled = new Array<number>(size).fill(0);
    this.skipped = new Array<number>(size).fill(0);
    this.failures = new Array(size);
    this.transient = new Array<boolean>(size).fill(false);
  }

  /** `fromHandler`: the handler named it failed; only such a failure may be permanent. */
  fail(item: number, event: S3ObjectEvent, cause: unknown, fromHandler = false): void {
    this.failures[item] ??= { error: new S3EventHandlerError(event, cause), event };
    if (!fromHandler || !this.isPermanent(cause)) this.transient[item] = true;
  }

  skip(item: number): void {
    this.skipped[item] = (this.skipped[item] ?? 0) + 1;
  }
}

/** Runs one batch: never throws; one `Result` per item, in order. */
export async function runBatch(
  core: Core,
  work: BatchWork,
  items: readonly BatchItem[],
  batch: BatchContext,
  transport: Where['transport'],
): Promise<Result[]> {
  const results = new Array<Result | undefined>(items.length);
  const tally = new Tally(items.length, (cause) => isPermanentFailure(core, cause));

  // Messages that are not S3 events: onInvalid, as for subscribe().
  const unreadable = items.flatMap((item, i) => (item.parsed.failure ? [i] : []));
  await forEachLimit(unreadable, core.settings.concurrency, async (i) => {
    const { parsed, ctx } = items[i] as BatchItem;
    results[i] = await invalid(core, parsed.failure as NonNullable<ParsedMessage['failure']>, whereOf(ctx, transport));
  });

  // The filter; a message whose signal already fired (deadline passed, visibility lost) fails.
  const candidates: Entry[] = [];
  items.forEach(({ parsed, ctx }, item) => {
    if (parsed.failure) return;
    ctx.attach(parsed.events, core.observer, transport); // ctx.of(event).trace / .redrivenFrom read them
    for (const event of parsed.events) {
      if (core.filter !== undefined && !matches(event, core.filter)) tally.skip(item);
      else if (ctx.reason !== undefined) tally.fail(item, event, ctx.reason);
      else candidates.push({ event, item });
    }
  });

  // dedupe and latestOnly; then a message with a failed event keeps none of its events in the call.
  const admitted =
    core.guard === undefined
      ? candidates
      : await admit(core.guard, candidates, tally, core.settings.concurrency, (entry) => replayOf(core.guard as Guard, (items[entry.item] as BatchItem).ctx));
  const entries: Entry[] = [];
  const released: Entry[] = [];
  for (const entry of admitted) (tally.failures[entry.item] === undefined ? entries : released).push(entry);
  await Promise.all(released.map((entry) => entry.claim?.release().catch(() => undefined)));

  if (entries.length > 0) {
    for (const { event, item } of entries) batch.add(event, (items[item] as BatchItem).ctx);
    const run = (): Promise<Verdict> => call(core, work.handler, entries, batch, transport);
    const verdict = work.around === undefined ? await run() : await aroundCall(work.around, batch, run);
    await settle(core, entries, verdict, tally);
  }

  for (const [i, item] of items.entries()) {
    if (results[i] !== undefined) continue;
    const handled = tally.handled[i] ?? 0;
    const skipped = tally.skipped[i] ?? 0;
    const failure = tally.failures[i];
    if (failure === undefined) {
      results[i] = { ack: true, handled, skipped };
    } else if (!tally.transient[i]) {
      // Every failure of the message is permanent: dropped or sent to the dead-letter queue, as for subscribe().
      results[i] = await permanentFailure(core, failure.error, whereOf(item.ctx, transport), item.parsed.message, handled, skipped);
    } else {
      await core.observer.failed(failure.error, whereOf(item.ctx, transport), failure.event);
      results[i] = { ack: false, handled, skipped, error: failure.error };
    }
  }
  return results as Result[];
}

/**
 * The guard for a batch, in `createGuard`'s order: stale events are dropped (within the batch,
 * only the newest event per key is kept; then against the store), then events are claimed (an
 * event repeated within the batch is claimed once; its repeats are duplicates).
 */
async function admit(
  guard: Guard,
  all: readonly Entry[],
  tally: Tally,
  concurrency: number,
  replay: (entry: Entry) => { readonly replay: boolean } | undefined,
): Promise<Entry[]> {
  const { dedupe, latestOnly } = guard;
  // Keys first (a user's Deduper or LatestOnly may throw): such an event fails its message.
  const candidates = all.filter((entry) => {
    try {
      if (latestOnly !== undefined) latestOnly.keyOf(entry.event);
      if (dedupe !== undefined) dedupe.keyOf(entry.event);
      return true;
    } catch (keyError) {
      tally.fail(entry.item, entry.event, keyError);
      return false;
    }
  });
  const newest = new Map<string, Entry>();
  if (latestOnly !== undefined) {
    for (const entry of candidates) {
      const { sequencer } = entry.event;
      if (sequencer === undefined) continue;
      const key = latestOnly.keyOf(entry.event);
      const other = newest.get(key)?.event.sequencer;
      if (other === undefined || compareSequencers(sequencer, other) > 0) newest.set(key, entry);
    }
  }
  const seen = new Set<string>();
  const checked: Entry[] = [];
  for (const entry of candidates) {
    if (latestOnly !== undefined && entry.event.sequencer !== undefined && newest.get(latestOnly.keyOf(entry.event)) !== entry) {
      tally.skip(entry.item);
      continue;
    }
    if (dedupe !== undefined) {
      const key = dedupe.keyOf(entry.event);
      if (seen.has(key)) {
        tally.skip(entry.item);
        continue;
      }
      seen.add(key);
    }
    checked.push(entry);
  }
  const kept = await forEachLimit(checked, concurrency, async (entry): Promise<boolean> => {
    try {
      if (latestOnly !== undefined && (await latestOnly.check(entry.event)).status === 'stale') {
        tally.skip(entry.item);
        return false;
      }
      if (dedupe === undefined) return true;
      const claim = await dedupe.claim(entry.event, replay(entry));
      if (claim.status === 'duplicate') {
        tally.skip(entry.item);
        return false;
      }
      if (claim.status === 'in-progress') {
        tally.fail(entry.item, entry.event, new S3EventInProgressError(entry.event, claim.id));
        return false;
      }
      entry.claim = claim;
      return true;
    } catch (storeError) {
      tally.fail(entry.item, entry.event, storeError);
      return false;
    }
  });
  return checked.filter((_, i) => kept[i]);
}

/** The one handler call: bounded by `handlerTimeout`, timed for the metrics sink (a sample per event). */
async function call(core: Core, handler: S3EventBatchHandler, entries: readonly Entry[], batch: BatchContext, transport: Where['transport']): Promise<Verdict> {
  const events = entries.map((entry) => entry.event);
  const { observer } = core;
  const timed = observer.metrics?.handlerCall !== undefined;
  const started = timed ? performance.now() : 0;
  let verdict: Verdict;
  try {
    const timeout = core.settings.handlerTimeout;
    const running = handler(events, batch);
    verdict = readResult(timeout === undefined ? await running : await withTimeout(running, timeout, batch.own), batch);
  } catch (cause) {
    if (cause instanceof HandlerAbortedError && cause.reason === 'timeout') batch.abortAll(cause);
    verdict = { all: cause };
  }
  if (timed) {
    const durationMs = performance.now() - started;
    for (const event of events) {
      const time = Date.parse(event.time);
      const ok = !('all' in verdict) && !verdict.failed.has(event);
      observer.handlerCall({ event, durationMs, lagMs: Number.isNaN(time) ? undefined : Date.now() - time, ok, transport });
    }
  }
  return verdict;
}

/**
 * The handler's call inside `around`: `next()` rejects when the whole batch failed; what `around`
 * throws (or returning without `next()`) fails the whole batch, so every claim is released.
 */
async function aroundCall(around: BatchAroundHook, batch: BatchContext, run: () => Promise<Verdict>): Promise<Verdict> {
  const outcome = await callAround(around, batch, run, (verdict) => ('all' in verdict ? { cause: verdict.all } : undefined), 'batch');
  return outcome.failed ? { all: outcome.failure } : outcome.result;
}

function readResult(result: unknown, batch: BatchContext): Verdict {
  const failed = new Map<S3ObjectEvent, unknown>();
  if (result === undefined) return { failed };
  const list = typeof result === 'object' && result !== null ? (result as { failed?: unknown }).failed : undefined;
  if (!Array.isArray(list)) throw new InvalidBatchResultError(result);
  list.forEach((entry: unknown, i) => {
    if (typeof entry !== 'object' || entry === null || !('event' in entry)) throw new InvalidBatchResultError(result);
    const { event, error } = entry as { event: unknown; error?: unknown };
    if (!batch.has(event)) throw new UnknownBatchEventError(`failed[${i}]`, event);
    if (!failed.has(event)) failed.set(event, error === undefined ? NAMED_FAILED : error);
  });
  return { failed };
}

/** Completes the claims of handled events (and records them for latestOnly), releases those of failed ones. */
async function settle(core: Core, entries: readonly Entry[], verdict: Verdict, tally: Tally): Promise<void> {
  const { guard } = core;
  const failed = (event: S3ObjectEvent): boolean => 'all' in verdict || verdict.failed.has(event);
  // In order, so a message's error is about its first failed event.
  for (const { event, item } of entries) if (failed(event)) tally.fail(item, event, 'all' in verdict ? verdict.all : verdict.failed.get(event), true);
  if (guard === undefined) {
    for (const { event, item } of entries) if (!failed(event)) tally.handled[item] = (tally.handled[item] ?? 0) + 1;
    return;
  }
  await forEachLimit(entries, core.settings.concurrency, async ({ event, item, claim }) => {
    if (failed(event)) {
      await claim?.release().catch(() => undefined);
      return;
    }
    try {
      await claim?.complete();
      if (guard?.latestOnly !== undefined) await guard.latestOnly.record(event);
      tally.handled[item] = (tally.handled[item] ?? 0) + 1;
    } catch (storeError) {
      // Handled, but not remembered: the message fails, and the event is handled again on redelivery.
      await claim?.release().catch(() => undefined);
      tally.fail(item, event, storeError);
    }
  });
}
