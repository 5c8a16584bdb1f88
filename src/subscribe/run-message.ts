/**
 * Handles one message, whatever carried it: the filter, dedupe and latestOnly (the guard), the
 * handler for each matching event (in order, stopping at the first failure, each call bounded by
 * `handlerTimeout`), the `onInvalid` policy for messages that are not S3 events, and the report of
 * every failure (logger, `onError`, metrics). Lambda and the consumer both call it; neither
 * re-implements a step.
 * @internal @module
 */
import type { Guard } from '../dedupe/guard.js';
import type { S3ObjectEvent } from '../events/normalized.js';
import { matches, type S3EventFilter } from '../filter.js';
import type { S3EventParseError } from '../normalize/errors.js';
import type { ParsedMessage, ParseOptions } from '../normalize/parse.js';
import type { MessageContext } from './context.js';
import type { MessageOutcome } from './consumer-types.js';
import { HandlerAbortedError, S3EventHandlerError } from './errors.js';
import { runAround } from './around.js';
import { S3EventInProgressError } from '../dedupe/errors.js';
import { EventStoreError } from '../store/errors.js';
import { fieldsOf, messageOf, type Observer, type Where } from './observe.js';
import { isPermanent } from './permanent.js';
import { groupOf } from './sqs-attributes.js';
import type { AroundHook, S3EventHandler } from './types.js';
import type { SubscriptionSettings } from './validate.js';

/** What a subscription is made of, once its options are checked. */
export interface Core {
  readonly handler: S3EventHandler<S3ObjectEvent>;
  /** Undefined when the filter keeps everything. */
  readonly filter: S3EventFilter | undefined;
  readonly parse: ParseOptions;
  readonly settings: SubscriptionSettings;
  /** dedupe and latestOnly around each handler call; undefined when both are off. */
  readonly guard: Guard | undefined;
  /** The logger, `onError` and the metrics sink. */
  readonly observer: Observer;
  /** `around(ctx, next)` around each message's handler calls; undefined when not given. */
  readonly around?: AroundHook | undefined;
}

/**
 * What became of a message. `ack` means: delete it / leave it out of `batchItemFailures`.
 * `skipped` counts the events acknowledged without calling the handler: left out by the filter,
 * duplicates (dedupe) and stale events (latestOnly).
 */
export type Result =
  | {
      readonly ack: true;
      readonly handled: number;
      readonly skipped: number;
      /** Not an S3 event, and `onInvalid` deleted it. */
      readonly dropped?: S3EventParseError | undefined;
      /** A permanent failure: dropped (or sent to the dead-letter queue) instead of retried. */
      readonly permanent?: S3EventHandlerError | undefined;
    }
  | { readonly ack: false; readonly handled: number; readonly skipped: number; readonly error: S3EventHandlerError | S3EventParseError };

export function filterOf(options: S3EventFilter): S3EventFilter | undefined {
  const { events, prefix, suffix, bucket } = options;
  if (events === undefined && prefix === undefined && suffix === undefined && bucket === undefined) return undefined;
  return { events, prefix, suffix, bucket };
}

/** The outcome a result stands for (a message with no event handled and some skipped is `'skipped'`). */
export function outcomeOf(result: Result): MessageOutcome {
  if (!result.ack) return result.error instanceof S3EventHandlerError ? 'failed' : 'invalid';
  if (result.dropped || result.permanent) return 'dropped';
  return result.handled === 0 && result.skipped > 0 ? 'skipped' : 'handled';
}

/**
 * Runs the handler for every matching event of one message, and reports its failure. Never
 * throws. The message's context says whether its signal already fired (`ctx.reason`).
 */
export async function runMessage(core: Core, parsed: ParsedMessage, ctx: MessageContext, transport: Where['transport']): Promise<Result> {
  if (parsed.failure) return invalid(core, parsed.failure, whereOf(ctx, transport));
  ctx.attach(parsed.events, core.observer, transport);
  const [first] = parsed.events;
  if (core.around === undefined || first === undefined) return runEvents(core, parsed, ctx, transport);
  return runAround(core.around, first, ctx, () => whereOf(ctx, transport), core.observer, () => runEvents(core, parsed, ctx, transport));
}

/**
 * The events of one readable message: filter, guard, handler, in order; the first transient
 * failure ends it (a permanent one lets the others run, then drops the message).
 */
async function runEvents(core: Core, parsed: ParsedMessage, ctx: MessageContext, transport: Where['transport']): Promise<Result> {
  let handled = 0;
  let skipped = 0;
  // The first permanent failure: the message is dropped (not retried) once every other event is done.
  let permanent: S3EventHandlerError | undefined;
  for (const event of parsed.events) {
    if (core.filter !== undefined && !matches(event, core.filter)) {
      skipped++;
      continue;
    }
    let ran = true;
    try {
      if (ctx.reason !== undefined) throw ctx.reason;
      if (core.guard === undefined) await call(core, event, ctx, transport);
      else ran = (await core.guard.run(event, (e) => call(core, e, ctx, transport), replayOf(core.guard, ctx))).status === 'handled';
    } catch (cause) {
      const error = new S3EventHandlerError(event, cause);
      if (isPermanentFailure(core, cause)) {
        // Other events of the message still run: dropping the message must not lose them.
        permanent ??= error;
        continue;
      }
      // The handler threw or timed out (its dedupe claim is released, so the retry runs it again),
      // another consumer holds the event (S3EventInProgressError), or the store failed: retry the message.
      const where = whereOf(ctx, transport);
      // One failure report (and one onError) per message: the permanent one is only said.
      if (permanent) core.observer.log('warn', `${permanent.message} — permanent failure, but a later event of the message failed too: the message is retried`, { ...fieldsOf(where, permanent.event), error: permanent });
      await core.observer.failed(error, where, event);
      return { ack: false, handled, skipped, error };
    }
    if (ran) handled++;
    else skipped++; // a duplicate or a stale event: acknowledged without calling the handler
  }
  if (permanent) return permanentFailure(core, permanent, whereOf(ctx, transport), parsed.message, handled, skipped);
  return { ack: true, handled, skipped };
}

/** Whether a failure is permanent: a `PermanentError` in its cause chain, or the `isPermanent` option says so. */
export function isPermanentFailure(core: Core, cause: unknown): boolean {
  // The library's own failures (an aborted or timed-out handler, an event another consumer holds,
  // a store that failed) can heal by themselves: never permanent, whatever `isPermanent` says.
  if (cause instanceof HandlerAbortedError || cause instanceof S3EventInProgressError || cause instanceof EventStoreError) return false;
  if (isPermanent(cause)) return true;
  const predicate = core.settings.isPermanent;
  if (predicate === undefined) return false;
  try {
    return predicate(cause) === true;
  } catch {
    return false; // a predicate that throws cannot make a failure permanent: retrying loses nothing
  }
}

/**
 * A failure a retry cannot fix: logged once, then the message is acknowledged — after a send to
 * the dead-letter queue, when the policy names one. If that send fails, the message fails as
 * usual (and comes back), so nothing is lost.
 */
export async function permanentFailure(
  core: Core,
  error: S3EventHandlerError,
  where: Where,
  message: unknown,
  handled: number,
  skipped: number,
): Promise<Result> {
  const { permanent } = core.settings;
  if (permanent === 'drop') {
    await core.observer.failed(error, where, error.event, `permanent failure: dropped, not retried`);
    return { ack: true, handled, skipped, permanent: error };
  }
  let sentAs: string | undefined;
  try {
    sentAs = await permanent.send(message, error, groupOf(message));
  } catch (sendError) {
    await core.observer.failed(error, where, error.event, `permanent failure, but sending it to the dead-letter queue ${permanent.queueUrl} failed (${messageOf(sendError)}): the message fails and comes back`);
    return { ack: false, handled, skipped, error };
  }
  await core.observer.failed(error, where, error.event, `permanent failure: sent to the dead-letter queue ${permanent.queueUrl}${sentAs === undefined ? '' : ` as message ${sentAs}`}, not retried`);
  return { ack: true, handled, skipped, permanent: error };
}

/** Whether dedupe should let this message's events through again (`dedupe: { replays: 'handle' }`): read only then. */
export function replayOf(guard: Guard, ctx: MessageContext): { readonly replay: boolean } | undefined {
  return guard.dedupe?.replays === 'handle' ? { replay: ctx.redrivenFrom !== undefined } : undefined;
}

export function whereOf(ctx: MessageContext, transport: Where['transport']): Where {
  return { transport, messageId: ctx.messageId, receiveCount: ctx.receiveCount, message: ctx.message, lambdaContext: ctx.lambdaContext };
}

/** One handler call: bounded by `handlerTimeout`, timed for the metrics sink when there is one. */
async function call(core: Core, event: S3ObjectEvent, ctx: MessageContext, transport: Where['transport']): Promise<void> {
  const { observer } = core;
  const timed = observer.metrics?.handlerCall !== undefined;
  const started = timed ? performance.now() : 0;
  let ok = false;
  try {
    const timeout = core.settings.handlerTimeout;
    if (timeout === undefined) await core.handler(event, ctx);
    else await withTimeout(core.handler(event, ctx), timeout, ctx);
    ok = true;
  } finally {
    if (timed) {
      const time = Date.parse(event.time);
      const lagMs = Number.isNaN(time) ? undefined : Date.now() - time;
      observer.handlerCall({ event, durationMs: performance.now() - started, lagMs, ok, transport });
    }
  }
}

/**
 * Waits for the handler at most `ms`: then its signal fires and the call fails with a
 * `HandlerAbortedError` ('timeout'). A handler that ignores its signal goes on in the background;
 * its message is already failed and comes back.
 */
export function withTimeout(running: unknown, ms: number, ctx: MessageContext): Promise<unknown> {
  if (typeof (running as PromiseLike<unknown> | undefined)?.then !== 'function') return Promise.resolve(running);
  let timer: ReturnType<typeof setTimeout> | undefined;
  const expired = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      const reason = new HandlerAbortedError('timeout', ctx.messageId, `the handler ran longer than handlerTimeout (${ms} ms)`);
      ctx.abort(reason);
      reject(reason);
    }, ms);
  });
  return Promise.race([running, expired]).finally(() => clearTimeout(timer));
}

/** The `onInvalid` policy for a message that is not an S3 event (shared with subscribeBatch). */
export async function invalid(core: Core, error: S3EventParseError, where: Where): Promise<Result> {
  const policy = core.settings.onInvalid;
  let decision: 'fail' | 'delete' = 'fail';
  if (typeof policy === 'function') {
    try {
      decision = (await policy(error, where.message)) === 'delete' ? 'delete' : 'fail';
    } catch (policyError) {
      core.observer.log('warn', `onInvalid threw, so the message fails: ${policyError instanceof Error ? policyError.message : String(policyError)}`, {
        transport: where.transport,
        messageId: where.messageId,
        error: policyError,
      });
      decision = 'fail';
    }
  } else {
    decision = policy;
  }
  if (decision === 'delete') {
    core.observer.log('warn', `dropped a message that is not an S3 event (onInvalid): ${error.message}`, {
      transport: where.transport,
      messageId: where.messageId,
      outcome: 'dropped',
      error,
    });
    return { ack: true, handled: 0, skipped: 0, dropped: error };
  }
  await core.observer.failed(error, where, undefined);
  return { ack: false, handled: 0, skipped: 0, error };
}
