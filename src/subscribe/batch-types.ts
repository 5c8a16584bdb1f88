/**
 * The types of `subscribeBatch()`: the batch handler, its context and its answer, the worker's
 * batch options, and the subscription it returns.
 * @module
 */
import type { S3ObjectEvent } from '../events/normalized.js';
import type { MatchedEvent, S3EventPattern } from '../filter.js';
import type { ConsumerOptions, S3EventConsumer } from './consumer-types.js';
import type {
  EventBridgeEventLike,
  KinesisStreamEventLike,
  LambdaContextLike,
  S3EventContext,
  S3EventLike,
  SnsEventLike,
  SqsBatchResponse,
  SqsEventLike,
  SubscribeOptions,
} from './types.js';

/**
 * What a batch handler learns besides the events: each event's own context (`of(event)`: its
 * message id, receive count, message and signal), the batch's signal, and the Lambda context.
 *
 * @example
 * ```ts
 * import { subscribeBatch } from 's3-event-kit';
 * export const handler = subscribeBatch({}, async (events, ctx) => {
 *   for (const event of events) {
 *     const { messageId, receiveCount } = ctx.of(event);
 *     console.log(event.key, messageId, receiveCount);
 *   }
 *   await fetch('https://example.com/index', { method: 'POST', body: JSON.stringify(events.map((e) => e.key)), signal: ctx.signal });
 * });
 * ```
 * @category Subscribe
 */
export interface S3EventBatchContext<Event extends S3ObjectEvent = S3ObjectEvent> {
  /**
   * The context of one event of this batch: the message that carried it (id, receive count, the
   * message itself) and its own signal, which also fires when only that message's visibility can
   * no longer be kept (in the worker).
   * @throws {@link UnknownBatchEventError} for an event that is not one of this batch's.
   */
  of(event: Event): S3EventContext;
  /**
   * Fires when the whole batch should give up: Lambda's deadline is near, the batch ran longer
   * than `handlerTimeout`, or the worker is stopping and its `stopTimeout` ran out. Its `reason`
   * is a {@link HandlerAbortedError}.
   */
  readonly signal: AbortSignal;
  /** The Lambda context, when Lambda invoked the subscription. */
  readonly lambdaContext?: LambdaContextLike | undefined;
  /** The batch's events, as the handler gets them (for `around`, which is not given them otherwise). */
  readonly events: readonly Event[];
}

/**
 * The `around` option of {@link subscribeBatch}: wraps each handler call, so once per batch, on
 * every transport, with the batch's context (its `events`, `of(event)` for each one's message
 * context and trace, its `signal`). The rules of the per-message {@link AroundHook}:
 *
 * - `next()` runs the handler (bounded by `handlerTimeout`); call it once (a second call returns
 *   the same promise). It resolves when the handler resolved — also to `{ failed }`, whose events
 *   fail on their own — and rejects with the handler's error when the whole batch failed (a
 *   throw, a timeout, an invalid answer): the batch fails whether `around` rethrows it or not.
 * - What `around` throws itself fails the whole batch, even after `next()` resolved (every
 *   message comes back, every dedupe claim is released; logged once per message); so does
 *   returning without having called `next()`.
 * - Not called when no event of the batch reaches the handler (no handler call is made).
 *
 * @example
 * ```ts
 * import { subscribeBatch, type BatchAroundHook } from 's3-event-kit';
 *
 * const timed: BatchAroundHook = async (ctx, next) => {
 *   const started = performance.now();
 *   try {
 *     await next();
 *   } finally {
 *     const ids = ctx.events.map((event) => ctx.of(event).messageId);
 *     console.log(`${ctx.events.length} events (messages ${ids.join(', ')}) in ${Math.round(performance.now() - started)} ms`);
 *   }
 * };
 * export const handler = subscribeBatch({ around: timed }, async (events) => console.log(events.length));
 * ```
 * @category Subscribe
 */
export type BatchAroundHook<Event extends S3ObjectEvent = S3ObjectEvent> = (ctx: S3EventBatchContext<Event>, next: () => Promise<void>) => unknown;

/**
 * The options of {@link subscribeBatch}: those of {@link subscribe}, with an `around` that wraps
 * each batch (see {@link BatchAroundHook}) instead of each message.
 *
 * @example
 * ```ts
 * import { subscribeBatch, type BatchSubscribeOptions } from 's3-event-kit';
 * const options: BatchSubscribeOptions<['ObjectCreated:*']> = {
 *   events: ['ObjectCreated:*'],
 *   around: async (ctx, next) => {
 *     console.log(`a batch of ${ctx.events.length}, ${ctx.events.reduce((sum, e) => sum + e.size, 0)} bytes`);
 *     await next();
 *   },
 * };
 * export const handler = subscribeBatch(options, async (events) => console.log(events.map((e) => e.key)));
 * ```
 * @category Subscribe
 */
export interface BatchSubscribeOptions<Patterns extends readonly S3EventPattern[] = readonly S3EventPattern[]>
  extends Omit<SubscribeOptions<Patterns>, 'around'> {
  /**
   * Wraps each handler call (once per batch), on every transport. See {@link BatchAroundHook}.
   * @defaultValue undefined
   */
  readonly around?: BatchAroundHook<MatchedEvent<Patterns>> | undefined;
}

/**
 * One failed event of a batch, as the batch handler names it: the event (one of the batch's,
 * the very object it was given) and, optionally, why.
 *
 * @example
 * ```ts
 * import type { S3EventBatchFailure, S3ObjectEvent } from 's3-event-kit';
 * declare const event: S3ObjectEvent;
 * const failure: S3EventBatchFailure = { event, error: new Error('the thumbnail service said 503') };
 * ```
 * @category Subscribe
 */
export interface S3EventBatchFailure<Event extends S3ObjectEvent = S3ObjectEvent> {
  readonly event: Event;
  /** Why it failed: becomes the `cause` of the event's {@link S3EventHandlerError}. */
  readonly error?: unknown;
}

/**
 * What a batch handler may resolve to: the events that failed. Their messages are retried
 * (reported in `batchItemFailures`, left undeleted by the worker); every other message of the
 * batch is acknowledged. Resolving to nothing means every event was handled.
 *
 * @example
 * ```ts
 * import { subscribeBatch, type S3EventBatchResult, type S3ObjectEvent } from 's3-event-kit';
 * declare function indexAll(keys: string[]): Promise<Array<{ key: string; ok: boolean }>>;
 * export const handler = subscribeBatch({}, async (events): Promise<S3EventBatchResult<S3ObjectEvent>> => {
 *   const answers = await indexAll(events.map((e) => e.key));
 *   return { failed: events.filter((_, i) => answers[i]?.ok !== true).map((event) => ({ event })) };
 * });
 * ```
 * @category Subscribe
 */
export interface S3EventBatchResult<Event extends S3ObjectEvent = S3ObjectEvent> {
  readonly failed: ReadonlyArray<S3EventBatchFailure<Event>>;
}

/**
 * A batch handler: called once per batch with every matching event of it (in order: message by
 * message, event by event). Resolve to nothing when all were handled, or to `{ failed }` naming
 * the events that failed; throw or reject to fail the whole batch.
 *
 * @example
 * ```ts
 * import type { MatchedEvent, S3EventBatchHandler } from 's3-event-kit';
 * const onCreated: S3EventBatchHandler<MatchedEvent<['ObjectCreated:*']>> = async (events) => {
 *   console.log(`${events.length} objects, ${events.reduce((sum, e) => sum + e.size, 0)} bytes`);
 * };
 * ```
 * @category Subscribe
 */
export type S3EventBatchHandler<Event extends S3ObjectEvent = S3ObjectEvent> = (
  events: readonly Event[],
  context: S3EventBatchContext<Event>,
) => Promise<S3EventBatchResult<Event> | void> | S3EventBatchResult<Event> | void;

/**
 * Options of `start()` on a {@link subscribeBatch} subscription: those of `subscribe()`'s
 * worker, and how receives are gathered into one handler call. `rateLimit` counts events: a
 * batch takes one token per event the filter keeps before it starts, and one larger than the
 * bucket starts from a full bucket and leaves it in debt, so the rate holds over time.
 *
 * @example
 * ```ts
 * import { subscribeBatch, type BatchConsumerOptions } from 's3-event-kit';
 * const options: BatchConsumerOptions = {
 *   queueUrl: 'https://sqs.eu-west-1.amazonaws.com/123456789012/uploads',
 *   maxBatchSize: 100,
 *   batchWindowMs: 2_000,
 * };
 * subscribeBatch({}, async (events) => console.log(events.length)).start(options);
 * ```
 * @category Subscribe
 */
export interface BatchConsumerOptions extends ConsumerOptions {
  /**
   * The most messages in one handler call, 1 to 10 000. Several receives are gathered (up to
   * `batchWindowMs`) until this many messages are held. `concurrency` (messages held at once)
   * must be at least this; it defaults to it when larger than the usual default.
   * @defaultValue `batchSize` (one receive)
   */
  readonly maxBatchSize?: number | undefined;
  /**
   * Milliseconds to wait, from the first message of a batch, for more receives before the
   * handler is called with what is there (sooner when `maxBatchSize` is reached), 0 to 300 000.
   * The heartbeat keeps the waiting messages hidden; without a heartbeat a batch is called
   * before the visibility of its oldest message ends. 0 calls the handler once per receive.
   * @defaultValue 0
   */
  readonly batchWindowMs?: number | undefined;
}

/**
 * What {@link subscribeBatch} returns: a Lambda handler for every road, called with the
 * invocation's events at once, and `start()` to long-poll SQS with one call per batch. It answers
 * Lambda as a {@link Subscription} does: `{ batchItemFailures }` for SQS, nothing or an
 * {@link S3EventBatchError} for S3, SNS and EventBridge.
 *
 * @example
 * ```ts
 * import { subscribeBatch } from 's3-event-kit';
 * export const handler = subscribeBatch({ events: ['ObjectCreated:*'] }, async (events) => {
 *   console.log(events.map((e) => `${e.key} ${e.size}`).join('\n'));
 * });
 * // In a container: handler.start({ queueUrl: process.env.QUEUE_URL!, batchWindowMs: 1000, maxBatchSize: 50 });
 * ```
 * @category Subscribe
 */
export interface BatchSubscription<Event extends S3ObjectEvent = S3ObjectEvent> {
  /** An SQS Lambda event: resolves to `{ batchItemFailures }` naming the messages to retry (see `Subscription`). */
  (event: SqsEventLike, context?: LambdaContextLike): Promise<SqsBatchResponse>;
  /** An asynchronous invocation by S3, SNS or EventBridge: rejects with an {@link S3EventBatchError} when anything failed. */
  (event: S3EventLike | SnsEventLike | EventBridgeEventLike, context?: LambdaContextLike): Promise<void>;
  /** A Kinesis batch is not a road yet (see `Subscription`). */
  (event: KinesisStreamEventLike, context?: LambdaContextLike): Promise<void>;
  /** Anything else: `{ batchItemFailures }` when it turns out to be SQS, else nothing. */
  (event: unknown, context?: LambdaContextLike): Promise<SqsBatchResponse | undefined>;
  /**
   * Starts long-polling an SQS queue, calling the handler once per receive (or per gathered
   * batch, see `batchWindowMs` and `maxBatchSize`). Returns at once.
   * @throws {@link SubscribeOptionsError} for an invalid option.
   */
  start(options: BatchConsumerOptions): S3EventConsumer;
  /** The options given to `subscribeBatch()`. */
  readonly options: BatchSubscribeOptions;
  /** The batch handler given to `subscribeBatch()`. */
  readonly handler: S3EventBatchHandler<Event>;
}
