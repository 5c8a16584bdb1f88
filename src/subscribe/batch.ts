/**
 * `subscribeBatch()`: `subscribe()` with one handler call per batch. The same core (options,
 * filter, dedupe and latestOnly, observer), the same Lambda answers and the same worker; only the
 * step between a batch of messages and the handler differs (`runBatch`).
 * @module
 */
import type { S3ObjectEvent } from '../events/normalized.js';
import type { MatchedEvent, S3EventPattern } from '../filter.js';
import type { BatchSettings } from './batch-consumer.js';
import { invokeLambdaBatch } from './batch-lambda.js';
import type { BatchAroundHook, BatchConsumerOptions, BatchSubscribeOptions, BatchSubscription, S3EventBatchHandler } from './batch-types.js';
import type { S3EventConsumer } from './consumer-types.js';
import { SubscribeOptionsError } from './errors.js';
import { startConsumer } from './start.js';
import type { Core } from './run-message.js';
import { createCore } from './subscription.js';
import type { LambdaContextLike, SqsBatchResponse, SubscribeOptions } from './types.js';
import { validateConsumerOptions, validateInteger, validateNumber } from './validate.js';

/** The longest `batchWindowMs`. */
const MAX_BATCH_WINDOW_MS = 300_000;
/** The largest `maxBatchSize`. */
const MAX_BATCH_SIZE = 10_000;

/** The per-event handler of a batch subscription's core: never called (its batches go to `runBatch`). */
function perBatchOnly(): never {
  throw new TypeError('subscribeBatch() calls its handler once per batch, never per event');
}

/**
 * Subscribes a handler to S3 events in batches: like {@link subscribe}, but the handler is called
 * once per batch — the events of one Lambda invocation (an SQS batch, or an S3, SNS or
 * EventBridge invocation), or of one receive of the worker (`start()`; several receives with
 * `batchWindowMs` and `maxBatchSize`).
 *
 * It takes the same options: the filter's `events` narrow the type of `events`, and events the
 * filter leaves out, duplicates (`dedupe`) and stale events (`latestOnly`) never reach the
 * handler. The handler resolves to nothing when every event was handled, or to
 * `{ failed: [{ event, error? }] }` naming the events that failed (the objects it was given);
 * throwing fails the whole batch. A message is acknowledged only when none of its events failed;
 * the others come back (`batchItemFailures`, or left undeleted by the worker), and in a FIFO
 * queue every later message of the batch (or of the group, with `skipGroupOnError`; always per
 * group in the worker) comes back with them. Dedupe claims are released for failed events only.
 * Failures are logged once per message, outcomes and metrics are per message as for
 * `subscribe()`; `handlerTimeout` bounds the whole call, and the metrics sink gets one
 * `handlerCall` sample per event with the call's duration. `around` wraps each handler call
 * (see {@link BatchAroundHook}); the worker's `rateLimit` counts events, not messages.
 *
 * @throws {@link SubscribeOptionsError} for an invalid option.
 * @example
 * ```ts
 * import { subscribeBatch } from 's3-event-kit';
 *
 * declare function indexObjects(keys: string[]): Promise<Map<string, Error>>; // errors by key
 *
 * export const handler = subscribeBatch({ events: ['ObjectCreated:*'], suffix: '.json' }, async (events, ctx) => {
 *   // events: readonly ObjectCreated events; ctx.of(event) is each one's message context
 *   const errors = await indexObjects(events.map((e) => e.key));
 *   return { failed: events.filter((e) => errors.has(e.key)).map((event) => ({ event, error: errors.get(event.key) })) };
 * });
 *
 * // Anywhere else: up to 100 messages per call, gathered for at most 2 seconds.
 * if (process.env.QUEUE_URL) handler.start({ queueUrl: process.env.QUEUE_URL, maxBatchSize: 100, batchWindowMs: 2_000 });
 * ```
 * @category Subscribe
 */
export function subscribeBatch<const Patterns extends readonly S3EventPattern[] = readonly ['*']>(
  options: BatchSubscribeOptions<Patterns>,
  handler: S3EventBatchHandler<MatchedEvent<Patterns>>,
): BatchSubscription<MatchedEvent<Patterns>> {
  // The options are checked as subscribe()'s (around: a function); around wraps batches, not messages.
  const core: Core = { ...createCore(options as unknown as SubscribeOptions, perBatchOnly, '(events, ctx) => …'), around: undefined };
  if (typeof handler !== 'function') throw new SubscribeOptionsError('handler', handler, 'must be a function (events, ctx) => …');
  // The filter guarantees that the handler (and around) only see MatchedEvent<Patterns>.
  const work = {
    handler: handler as unknown as S3EventBatchHandler<S3ObjectEvent>,
    around: options.around as BatchAroundHook | undefined,
  };
  const subscription = (event: unknown, context?: LambdaContextLike): Promise<SqsBatchResponse | undefined> =>
    invokeLambdaBatch(core, work, event, context);
  const start = (consumerOptions: BatchConsumerOptions): S3EventConsumer => {
    const { settings, batch } = validateBatchConsumerOptions(consumerOptions, core.settings);
    return startConsumer(core, settings, (c, s) =>
      import('./batch-consumer.js').then(({ BatchSqsConsumer }) => new BatchSqsConsumer(c, s, work, batch)),
    );
  };
  return Object.assign(subscription, {
    start,
    options: options as unknown as BatchSubscribeOptions,
    handler,
  }) as BatchSubscription<MatchedEvent<Patterns>>;
}

function validateBatchConsumerOptions(
  options: BatchConsumerOptions,
  defaults: Parameters<typeof validateConsumerOptions>[1],
): { settings: ReturnType<typeof validateConsumerOptions>; batch: BatchSettings } {
  const settings = validateConsumerOptions(options, defaults);
  const maxBatchSize = validateInteger('maxBatchSize', options.maxBatchSize ?? settings.batchSize, 1, MAX_BATCH_SIZE);
  const batchWindowMs = validateNumber('batchWindowMs', options.batchWindowMs ?? 0, 0, MAX_BATCH_WINDOW_MS);
  // A batch is made of messages held at once: concurrency follows maxBatchSize unless given.
  const concurrency = options.concurrency === undefined ? Math.max(settings.concurrency, maxBatchSize) : settings.concurrency;
  if (concurrency < maxBatchSize) {
    throw new SubscribeOptionsError('maxBatchSize', maxBatchSize, `must be at most concurrency (${concurrency}), the number of messages held at once`);
  }
  return { settings: { ...settings, concurrency }, batch: { maxBatchSize, batchWindowMs } };
}
