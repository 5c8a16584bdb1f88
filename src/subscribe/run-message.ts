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
import type { Observer, Where } from './observe.js';
import type { S3EventHandler } from './types.js';
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
}

/**
 * What became of a message. `ack` means: delete it / leave it out of `batchItemFailures`.
 * `skipped` counts the events acknowledged without calling the handler: left out by the filter,
 * duplicates (dedupe) and stale events (latestOnly).
 */
export type Result =
  | { readonly ack: true; readonly handled: number; readonly skipped: number; readonly dropped?: S3EventParseError | undefined }
  | { readonly ack: false; readonly handled: number; readonly skipped: number; readonly error: S3EventHandlerError | S3EventParseError };

export function filterOf(options: S3EventFilter): S3EventFilter | undefined {
  const { events, prefix, suffix, bucket } = options;
  if (events === undefined && prefix === undefined && suffix === undefined && bucket === undefined) return undefined;
  return { events, prefix, suffix, bucket };
}

/** The outcome a result stands for (a message with no event handled and some skipped is `'skipped'`). */
export function outcomeOf(result: Result): MessageOutcome {
  if (!result.ack) return result.error instanceof S3EventHandlerError ? 'failed' : 'invalid';
  if (result.dropped) return 'dropped';
  return result.handled === 0 && result.skipped > 0 ? 'skipped' : 'handled';
}

/**
 * Runs the handler for every matching event of one message, and reports its failure. Never
 * throws. The message's context says whether its signal already fired (`ctx.reason`).
 */
export async function runMessage(core: Core, parsed: ParsedMessage, ctx: MessageContext, transport: Where['transport']): Promise<Result> {
  if (parsed.failure) return invalid(core, parsed.failure, whereOf(ctx, transport));
  let handled = 0;
  let skipped = 0;
  for (const event of parsed.events) {
    if (core.filter !== undefined && !matches(event, core.filter)) {
      skipped++;
      continue;
    }
    let ran = true;
    try {
      if (ctx.reason !== undefined) throw ctx.reason;
      if (core.guard === undefined) await call(core, event, ctx, transport);
      else ran = (await core.guard.run(event, (e) => call(core, e, ctx, transport))).status === 'handled';
    } catch (cause) {
      // The handler threw or timed out (its dedupe claim is released, so the retry runs it again),
      // another consumer holds the event (S3EventInProgressError), or the store failed: retry the message.
      const error = new S3EventHandlerError(event, cause);
      await core.observer.failed(error, whereOf(ctx, transport), event);
      return { ack: false, handled, skipped, error };
    }
    if (ran) handled++;
    else skipped++; // a duplicate or a stale event: acknowledged without calling the handler
  }
  return { ack: true, handled, skipped };
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
