/**
 * Handles one message, whatever carried it: the filter, dedupe and latestOnly (the guard), the
 * handler for each matching event (in order, stopping at the first failure), and the `onInvalid`
 * policy for messages that are not S3 events. Lambda and the consumer both call it; neither
 * re-implements a step.
 * @internal @module
 */
import type { Guard } from '../dedupe/guard.js';
import type { S3ObjectEvent } from '../events/normalized.js';
import { matches, type S3EventFilter } from '../filter.js';
import type { S3EventParseError } from '../normalize/errors.js';
import type { ParsedMessage, ParseOptions } from '../normalize/parse.js';
import { S3EventHandlerError } from './errors.js';
import type { S3EventContext, S3EventHandler } from './types.js';
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

/**
 * Runs the handler for every matching event of one message. Never throws. `abortReason` tells
 * whether the message's signal fired (read without creating the signal).
 */
export async function runMessage(
  core: Core,
  parsed: ParsedMessage,
  context: S3EventContext,
  abortReason: () => unknown,
): Promise<Result> {
  if (parsed.failure) return invalid(core, parsed.failure, parsed.message);
  let handled = 0;
  let skipped = 0;
  for (const event of parsed.events) {
    if (core.filter !== undefined && !matches(event, core.filter)) {
      skipped++;
      continue;
    }
    let ran = true;
    try {
      const reason = abortReason();
      if (reason !== undefined) throw reason;
      if (core.guard === undefined) await core.handler(event, context);
      else ran = (await core.guard.run(event, (e) => core.handler(e, context))).status === 'handled';
    } catch (cause) {
      // The handler threw (its dedupe claim is released, so the retry runs it again), another
      // consumer holds the event (S3EventInProgressError), or the store failed: retry the message.
      return { ack: false, handled, skipped, error: new S3EventHandlerError(event, cause) };
    }
    if (ran) handled++;
    else skipped++; // a duplicate or a stale event: acknowledged without calling the handler
  }
  return { ack: true, handled, skipped };
}

async function invalid(core: Core, error: S3EventParseError, message: unknown): Promise<Result> {
  const policy = core.settings.onInvalid;
  let decision: 'fail' | 'delete' = 'fail';
  if (typeof policy === 'function') {
    try {
      decision = (await policy(error, message)) === 'delete' ? 'delete' : 'fail';
    } catch {
      decision = 'fail';
    }
  } else {
    decision = policy;
  }
  return decision === 'delete'
    ? { ack: true, handled: 0, skipped: 0, dropped: error }
    : { ack: false, handled: 0, skipped: 0, error };
}
