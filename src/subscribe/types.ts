/**
 * The types of `subscribe()`: its options, the handler and its context, the subscription (a Lambda
 * handler with `start()`), and Lambda's partial batch response.
 * @module
 */
import type { Deduper, DedupeOptions } from '../dedupe/deduper.js';
import type { S3ObjectEvent } from '../events/normalized.js';
import type { S3EventFilter, S3EventPattern } from '../filter.js';
import type { S3EventParseError } from '../normalize/errors.js';
import type { ParseOptions } from '../normalize/parse.js';
import type { LatestOnly, LatestOnlyOptions } from '../order/latest-only.js';
import type { ConsumerOptions, RetryDelayInput, S3EventConsumer, SqsClientLike } from './consumer-types.js';
import type { S3EventLogger } from './logger.js';
import type { MetricsSink } from './metrics.js';
import type { OnErrorHook } from './observe.js';
import type { PermanentPolicy } from './permanent.js';
import type { S3EventRedrive } from './redrive.js';
import type { S3EventTrace } from './trace.js';

/**
 * What to do with a message that is not an S3 event (not JSON, another service's event, a broken
 * key): `'fail'` leaves it for retry, so the queue's redrive policy moves it to the DLQ (and an
 * asynchronous Lambda invocation throws); `'delete'` acknowledges and drops it. An async function
 * decides per message, for example after forwarding it somewhere; if it rejects, the message fails.
 * (It is typed as returning a promise so that `async () => 'delete'` type-checks without `as const`.)
 *
 * @example
 * ```ts
 * import { subscribe, type InvalidMessagePolicy } from 's3-event-kit';
 * const onInvalid: InvalidMessagePolicy = async (error, message) => {
 *   console.warn('dropping a message that is not an S3 event', error.code, error.messageId, message);
 *   return 'delete';
 * };
 * export const handler = subscribe({ onInvalid }, async (event) => console.log(event.key));
 * ```
 * @category Subscribe
 */
export type InvalidMessagePolicy =
  | 'fail'
  | 'delete'
  | ((error: S3EventParseError, message: unknown) => Promise<'fail' | 'delete'>);

/**
 * Options of {@link subscribe}: a filter (whose `events` narrow the handler's event type), the
 * parse options, and how messages are handled in Lambda and in the consumer.
 *
 * @example
 * ```ts
 * import { subscribe, type SubscribeOptions } from 's3-event-kit';
 * const options = {
 *   events: ['ObjectCreated:*'],
 *   prefix: 'uploads/',
 *   suffix: '.jpg',
 *   onInvalid: 'delete',
 *   concurrency: 20,
 * } as const satisfies SubscribeOptions<readonly ['ObjectCreated:*']>;
 * export const handler = subscribe(options, async (event) => console.log(event.size));
 * ```
 * @category Subscribe
 */
export interface SubscribeOptions<Patterns extends readonly S3EventPattern[] = readonly S3EventPattern[]>
  extends S3EventFilter<Patterns>,
    ParseOptions {
  /**
   * Messages that are not S3 events: fail them (retry, then the DLQ) or delete them.
   * `s3:TestEvent` messages are always acknowledged, never failed.
   * @defaultValue 'fail'
   */
  readonly onInvalid?: InvalidMessagePolicy | undefined;
  /**
   * How many messages are handled at once: the messages of one Lambda SQS batch (standard queues),
   * and the default of the consumer's `concurrency`. Events inside one message are handled one
   * after the other, in order.
   * @defaultValue 10
   */
  readonly concurrency?: number | undefined;
  /**
   * FIFO queues in Lambda: by default the first failure stops the batch, and it and every later
   * message are reported (`batchItemFailures`), which keeps order across the whole batch. With
   * `true`, only later messages of the failed message's group are skipped; other groups go on.
   * @defaultValue false
   */
  readonly skipGroupOnError?: boolean | undefined;
  /**
   * Where failures, warnings and the consumer's life are logged: any object with `error`, `warn`,
   * `info` and `debug` (`console`, the Powertools `Logger`, pino). Every failure — a handler that
   * threw or timed out, a message that is not an S3 event, Lambda's deadline, a dedupe store that
   * failed — is logged once at error level with the message id, the event's name, bucket and key
   * where known, and the error; never a message body.
   * @defaultValue {@link jsonLogger}`()`: one JSON object per line on the console
   * @example
   * ```ts
   * import { subscribe } from 's3-event-kit';
   * export const handler = subscribe({ logger: console }, async (event) => console.log(event.key));
   * ```
   */
  readonly logger?: S3EventLogger | undefined;
  /**
   * Called once for every failed message, after it was logged: send it to an error tracker, count
   * it. See {@link OnErrorHook}.
   * @defaultValue undefined
   */
  readonly onError?: OnErrorHook | undefined;
  /**
   * Where handler durations, event lag and message outcomes go (see {@link MetricsSink}, and
   * {@link emfMetrics} for CloudWatch metrics from Lambda's logs).
   * @defaultValue undefined (none gathered)
   */
  readonly metrics?: MetricsSink | undefined;
  /**
   * Milliseconds a handler may run for one event. Then its `ctx.signal` fires (reason
   * `'timeout'`) and the event's message fails at once, to be retried. In Lambda the function's
   * own deadline also applies (the signal fires 500 ms before it).
   * @defaultValue undefined (no limit but Lambda's deadline, or the consumer's visibility)
   */
  readonly handlerTimeout?: number | undefined;
  /**
   * What becomes of a message whose handler failed with a {@link PermanentError} (or an error that
   * `isPermanent` accepts), a failure no retry can fix: `'drop'` logs it once at error level and
   * acknowledges the message (outcome `'dropped'`; on S3, SNS and EventBridge invocations nothing is
   * thrown, so Lambda does not retry); `{ deadLetterQueueUrl }` sends the message to that queue
   * first, and fails it as usual if the send fails, so nothing is lost. Not the same as
   * `onInvalid`, which is about messages that are not S3 events.
   * @defaultValue 'drop'
   * @example
   * ```ts
   * import { PermanentError, subscribe } from 's3-event-kit';
   * export const handler = subscribe(
   *   { permanent: { deadLetterQueueUrl: 'https://sqs.eu-west-1.amazonaws.com/123456789012/rejected' } },
   *   async (event) => {
   *     if (event.key.endsWith('.exe')) throw new PermanentError('executables are not accepted');
   *   },
   * );
   * ```
   */
  readonly permanent?: PermanentPolicy | undefined;
  /**
   * Which errors that you do not throw yourself are permanent too, besides a {@link PermanentError}
   * anywhere in the cause chain (`S3ObjectGoneError` from `s3-event-kit/aws` is one). What it throws
   * counts as false.
   * @defaultValue undefined (only `PermanentError`s)
   * @example
   * ```ts
   * import { subscribe } from 's3-event-kit';
   * // A library that reports corrupt input with its own error class:
   * class CorruptImageError extends Error {}
   * export const handler = subscribe({ isPermanent: (error) => error instanceof CorruptImageError }, async (event) => {
   *   console.log(event.key);
   * });
   * ```
   */
  readonly isPermanent?: ((error: unknown) => boolean) | undefined;
  /**
   * Acknowledge repeated deliveries of an event without calling the handler again (see
   * `createDeduper`; events are identified by `eventId`). `true` remembers handled events in this
   * process (an in-memory LRU store); `DedupeOptions` with a shared store, such as
   * `dynamoDbStore` from `s3-event-kit/aws`, dedupes across every consumer and Lambda instance
   * on the queue; a `Deduper` can be shared with `backfill()`.
   *
   * A duplicate is acknowledged (left out of `batchItemFailures`, deleted by the consumer) and
   * counted as `skipped`. A handler that fails releases its claim, so the retry runs it again.
   * An event another consumer is handling right now fails its message with an
   * `S3EventInProgressError` as the `cause`: it comes back and is then acknowledged or handled.
   *
   * @defaultValue undefined (off: every delivery calls the handler)
   * @example
   * ```ts
   * import { subscribe } from 's3-event-kit';
   * import { dynamoDbStore } from 's3-event-kit/aws';
   *
   * const store = dynamoDbStore({ tableName: 's3-event-dedupe' });
   * export const handler = subscribe({ dedupe: { store, leaseSeconds: 60 } }, async (event) => {
   *   console.log('first delivery of', event.key);
   * });
   * ```
   */
  readonly dedupe?: Deduper | DedupeOptions | boolean | undefined;
  /**
   * Per bucket and key, acknowledge without calling the handler an event whose `sequencer` is
   * older than (or equal to) one already handled (see `createLatestOnly`). `true` keeps the
   * newest sequencers in this process; `LatestOnlyOptions` with a shared store keep them across
   * consumers (it may be the dedupe store: keys are namespaced); a `LatestOnly` can be shared.
   * Events on different keys are never ordered, and events without a sequencer (tagging, ACL,
   * restore, transitions) always run. Dropped events count as `skipped`.
   *
   * @defaultValue undefined (off: every event calls the handler, in arrival order)
   * @example
   * ```ts
   * import { memoryStore, subscribe } from 's3-event-kit';
   *
   * const store = memoryStore({ maxEntries: 100_000 });
   * export const handler = subscribe(
   *   { events: ['ObjectCreated:*'], dedupe: { store }, latestOnly: { store } },
   *   async (event) => console.log('rebuild the thumbnail of', event.key),
   * );
   * ```
   */
  readonly latestOnly?: LatestOnly | LatestOnlyOptions | boolean | undefined;
  /**
   * How long a failed SQS message stays hidden before it is delivered again: whole seconds (0 to
   * 43 200), or a function of the failure (see {@link exponentialRetryDelay}).
   *
   * In Lambda (SQS event source mapping), every message named in `batchItemFailures` gets a
   * `ChangeMessageVisibilityBatch` call (ten per call) on its queue, found from the record's
   * `eventSourceARN` (see `queueUrlOf`), before the invocation returns: it waits at most 1 s (less
   * near Lambda's deadline), and a call that fails or times out is logged once (warn) and changes
   * nothing else: the message then comes back after the queue's visibility timeout. The function's
   * role needs `sqs:ChangeMessageVisibility` on the queue (the event source mapping does not).
   * The worker (`start()`) uses it too, unless it is given its own.
   * @defaultValue undefined (a failed message comes back when its visibility timeout ends)
   * @example
   * ```ts
   * import { exponentialRetryDelay, subscribe } from 's3-event-kit';
   * // In Lambda: a failed message waits ≤10 s, ≤20 s, ≤40 s… (at most 15 minutes) before its next try.
   * export const handler = subscribe({ retryDelay: exponentialRetryDelay({ base: 10, max: 900 }) }, async (event) => {
   *   await fetch(`https://example.com/index?key=${encodeURIComponent(event.key)}`);
   * });
   * ```
   */
  readonly retryDelay?: number | ((failure: RetryDelayInput) => number) | undefined;
  /**
   * The SQS client a Lambda handler sends its own SQS calls with (today: `retryDelay`'s
   * `ChangeMessageVisibilityBatch`). Without one, an `SQSClient` for the queue's region is made
   * on the first failed batch with a dynamic `import()` of the optional peer `@aws-sdk/client-sqs`
   * (Lambda's Node.js runtimes include it), never at import. The worker has its own `client`.
   * @defaultValue a new `SQSClient({ region })` per queue region, made when first needed
   * @example
   * ```ts
   * import { SQSClient } from '@aws-sdk/client-sqs';
   * import { subscribe } from 's3-event-kit';
   * const sqsClient = new SQSClient({ requestHandler: { requestTimeout: 1_000 } });
   * export const handler = subscribe({ retryDelay: 60, sqsClient }, async (event) => console.log(event.key));
   * ```
   */
  readonly sqsClient?: SqsClientLike | undefined;
  /**
   * The queue URL of a Lambda SQS record's `eventSourceARN`, for `retryDelay`'s calls. Give it for
   * a local server (LocalStack, fauxqs) or a VPC endpoint; an answer of undefined skips the call.
   * @defaultValue {@link queueUrlFromArn}: `https://sqs.<region>.<partition's domain>/<account>/<name>`
   * @example
   * ```ts
   * import { queueUrlFromArn, subscribe } from 's3-event-kit';
   * // Against LocalStack:
   * export const handler = subscribe(
   *   { retryDelay: 30, queueUrlOf: (arn) => queueUrlFromArn(arn, { endpoint: 'http://localhost:4566' }) },
   *   async (event) => console.log(event.key),
   * );
   * ```
   */
  readonly queueUrlOf?: ((queueArn: string) => string | undefined) | undefined;
  /**
   * Wraps the work of each message, on every transport (Lambda on every road, the `start()`
   * consumer): called once per message that holds events, with the message's context and
   * `next`, which runs the message's handler calls (filter, dedupe and latestOnly included) and
   * resolves or rejects like them (with the handler's error). Open an OpenTelemetry span or an
   * X-Ray subsegment, set a logger context (`AsyncLocalStorage.run(store, next)`), time the work.
   * See {@link AroundHook}.
   * @defaultValue undefined
   * @example
   * ```ts
   * import { subscribe } from 's3-event-kit';
   * export const handler = subscribe(
   *   {
   *     around: async (ctx, next) => {
   *       const started = performance.now();
   *       try {
   *         await next();
   *       } finally {
   *         console.log(`message ${ctx.messageId} took ${Math.round(performance.now() - started)} ms`);
   *       }
   *     },
   *   },
   *   async (event) => console.log(event.key),
   * );
   * ```
   */
  readonly around?: AroundHook | undefined;
}

/**
 * The `around` option of {@link subscribe}: wraps the handler calls of one message. Call `next()`
 * once (a second call returns the same promise) and return or await its promise.
 *
 * - `next()` resolves when every event of the message was handled (or skipped by the filter,
 *   dedupe or latestOnly), and rejects with the handler's error (already logged once) when one
 *   failed: the message fails whether `around` rethrows the error or not.
 * - What `around` throws itself fails the message like a handler error, logged once, even after
 *   `next()` resolved. If it returns without having called `next()`, the message fails (nothing
 *   was handled, so nothing may be acknowledged).
 * - Not called for a message that holds no event: one that is not an S3 event (see
 *   `onInvalid`) or an `s3:TestEvent`.
 *
 * @example
 * ```ts
 * import { AsyncLocalStorage } from 'node:async_hooks';
 * import { subscribe, type AroundHook } from 's3-event-kit';
 *
 * const requestContext = new AsyncLocalStorage<{ messageId: string | undefined; traceId: string | undefined }>();
 * const around: AroundHook = (ctx, next) =>
 *   requestContext.run({ messageId: ctx.messageId, traceId: ctx.trace?.w3c?.traceId ?? ctx.trace?.xray?.root }, next);
 * export const handler = subscribe({ around }, async (event) => {
 *   console.log(requestContext.getStore()?.messageId, event.key);
 * });
 * ```
 * @category Subscribe
 */
export type AroundHook = (ctx: S3EventContext, next: () => Promise<void>) => unknown;

/**
 * The parts of the Lambda context `subscribe()` reads. Lambda's own `Context` fits it.
 *
 * @example
 * ```ts
 * import type { LambdaContextLike } from 's3-event-kit';
 * const context: LambdaContextLike = { awsRequestId: 'r1', getRemainingTimeInMillis: () => 30_000 };
 * ```
 * @category Subscribe
 */
export interface LambdaContextLike {
  readonly awsRequestId?: string | undefined;
  readonly functionName?: string | undefined;
  /** When present, `ctx.signal` fires 500 ms before the function's deadline. */
  getRemainingTimeInMillis?(): number;
}

/**
 * What a handler learns besides the event.
 *
 * @example
 * ```ts
 * import { subscribe } from 's3-event-kit';
 * export const handler = subscribe({}, async (event, ctx) => {
 *   if ((ctx.receiveCount ?? 1) > 3) console.warn(`message ${ctx.messageId} is on attempt ${ctx.receiveCount}`);
 *   await fetch(`https://example.com/index?key=${encodeURIComponent(event.key)}`, { signal: ctx.signal });
 * });
 * ```
 * @category Subscribe
 */
export interface S3EventContext {
  /** The id of the message that carried the event (SQS, else SNS, else EventBridge); absent on a direct S3 invocation. */
  readonly messageId: string | undefined;
  /** SQS `ApproximateReceiveCount`: 1 on the first delivery. Absent when SQS was not on the road. */
  readonly receiveCount: number | undefined;
  /**
   * Fires when the handler should give up: the consumer is stopping and its grace period ran out,
   * the message's visibility can no longer be kept (it will be delivered again), or Lambda's
   * deadline is near. Its `reason` is a {@link HandlerAbortedError}.
   */
  readonly signal: AbortSignal;
  /** The Lambda context, when Lambda invoked the subscription. */
  readonly lambdaContext?: LambdaContextLike | undefined;
  /** The message as it arrived: the SQS record or `ReceiveMessage` message, the SNS record, or the whole input. */
  readonly message: unknown;
  /**
   * The trace context the message carried (see {@link S3EventTrace}): the X-Ray `AWSTraceHeader`
   * SQS system attribute, and W3C `traceparent` / `tracestate` message attributes (of the SQS
   * message, of the SNS message, or of the SNS notification inside an SQS body). Undefined when
   * there is none. Parsed when first read; a malformed header is left out, with one debug line
   * on the logger.
   * @example
   * ```ts
   * import { subscribe } from 's3-event-kit';
   * export const handler = subscribe({}, async (event, ctx) => {
   *   console.log(event.key, 'trace', ctx.trace?.w3c?.traceId ?? ctx.trace?.xray?.root ?? 'none');
   * });
   * ```
   */
  readonly trace?: S3EventTrace | undefined;
  /**
   * Set when the message is sent again (see {@link S3EventRedrive}): it went through an SQS
   * dead-letter queue (`deadLetterSourceArn`), or EventBridge replayed it from an archive
   * (`replayName`). Undefined for a message sent once.
   * @example
   * ```ts
   * import { subscribe } from 's3-event-kit';
   * export const handler = subscribe({}, async (event, ctx) => {
   *   if (ctx.redrivenFrom?.replayName !== undefined) console.log(`replay ${ctx.redrivenFrom.replayName}: ${event.key}`);
   * });
   * ```
   */
  readonly redrivenFrom?: S3EventRedrive | undefined;
}

/**
 * A subscribed handler: called once per matching event. Resolve to acknowledge; throw or reject to
 * fail the event's message (it comes back, and ends in the DLQ after `maxReceiveCount`). What it
 * returns is ignored.
 *
 * @example
 * ```ts
 * import type { S3EventHandler, MatchedEvent } from 's3-event-kit';
 * const onCreated: S3EventHandler<MatchedEvent<['ObjectCreated:*']>> = async (event) => {
 *   console.log(`${event.key}: ${event.size} bytes`);
 * };
 * ```
 * @category Subscribe
 */
export type S3EventHandler<Event extends S3ObjectEvent = S3ObjectEvent> = (event: Event, context: S3EventContext) => unknown;

/**
 * Lambda's partial batch response for SQS event source mappings (turn on
 * `ReportBatchItemFailures`): the ids of the messages to retry.
 *
 * @example
 * ```ts
 * import type { SqsBatchResponse } from 's3-event-kit';
 * const response: SqsBatchResponse = { batchItemFailures: [{ itemIdentifier: '059f36b4-87a3-44ab-83d2-661975830a7d' }] };
 * ```
 * @category Subscribe
 */
export interface SqsBatchResponse {
  batchItemFailures: Array<{ itemIdentifier: string }>;
}

/**
 * The least an SQS Lambda event has: `Records` with a `messageId` and a `receiptHandle` each.
 * `SQSEvent` from `@types/aws-lambda` and {@link SqsLambdaEvent} fit it. A {@link Subscription}
 * called with one answers `{ batchItemFailures }` (see {@link SqsBatchResponse}).
 *
 * @example
 * ```ts
 * import { subscribe, type SqsEventLike } from 's3-event-kit';
 * const handler = subscribe({}, async (event) => console.log(event.key));
 * export const onSqs = (event: SqsEventLike) => handler(event); // Promise<SqsBatchResponse>
 * ```
 * @category Subscribe
 */
export interface SqsEventLike {
  readonly Records: ReadonlyArray<{ readonly messageId: string; readonly receiptHandle: string; readonly eventSource: string }>;
}

/**
 * The least an S3 notification Lambda event has: `Records` with an `eventName` and an `s3` block.
 * `S3Event` from `@types/aws-lambda` and {@link S3EventNotification} fit it.
 *
 * @example
 * ```ts
 * import { subscribe, type S3EventLike } from 's3-event-kit';
 * const handler = subscribe({}, async (event) => console.log(event.key));
 * export const onS3 = (event: S3EventLike): Promise<void> => handler(event);
 * ```
 * @category Subscribe
 */
export interface S3EventLike {
  readonly Records: ReadonlyArray<{ readonly eventName: string; readonly s3: object }>;
}

/**
 * The least an SNS subscription's Lambda event has: `Records` with an `Sns` message. `SNSEvent`
 * from `@types/aws-lambda` and {@link SnsLambdaEvent} fit it.
 *
 * @example
 * ```ts
 * import { subscribe, type SnsEventLike } from 's3-event-kit';
 * const handler = subscribe({}, async (event) => console.log(event.key));
 * export const onSns = (event: SnsEventLike): Promise<void> => handler(event);
 * ```
 * @category Subscribe
 */
export interface SnsEventLike {
  readonly Records: ReadonlyArray<{ readonly Sns: object }>;
}

/**
 * The least an EventBridge event has: `source`, `detail-type` and `detail`. `EventBridgeEvent`
 * from `@types/aws-lambda` (any detail type) and {@link S3EventBridgeEvent} fit it.
 *
 * @example
 * ```ts
 * import { subscribe, type EventBridgeEventLike } from 's3-event-kit';
 * const handler = subscribe({}, async (event) => console.log(event.key));
 * export const onRule = (event: EventBridgeEventLike): Promise<void> => handler(event);
 * ```
 * @category Subscribe
 */
export interface EventBridgeEventLike {
  readonly source: string;
  readonly 'detail-type': string;
  readonly detail: unknown;
}

/**
 * The least a Kinesis stream Lambda event has: `Records` with a `kinesis` block (base64 `data`
 * and a `sequenceNumber`). `KinesisStreamEvent` from `@types/aws-lambda` fits it.
 *
 * @example
 * ```ts
 * import { subscribe, type KinesisStreamEventLike } from 's3-event-kit';
 * const handler = subscribe({}, async (event) => console.log(event.key));
 * export const onStream = (event: KinesisStreamEventLike): Promise<void> => handler(event);
 * ```
 * @category Subscribe
 */
export interface KinesisStreamEventLike {
  readonly Records: ReadonlyArray<{ readonly kinesis: { readonly data: string; readonly sequenceNumber: string } }>;
}

/**
 * What {@link subscribe} returns: a Lambda handler for every road, and `start()` to long-poll an
 * SQS queue anywhere else.
 *
 * As a Lambda handler it reads the event (S3, SQS, SNS or EventBridge invocation), runs the handler
 * for each matching event, and then:
 * - for SQS, returns `{ batchItemFailures }` naming exactly the messages that failed, could not be
 *   read (with `onInvalid: 'fail'`), or were not handled (FIFO, after a failure);
 * - for S3, SNS and EventBridge (asynchronous invocations), throws an {@link S3EventBatchError}
 *   if anything failed, so Lambda retries and the on-failure destination apply.
 *
 * @example
 * ```ts
 * import { subscribe } from 's3-event-kit';
 *
 * export const handler = subscribe({ events: ['ObjectCreated:*'], prefix: 'uploads/' }, async (event, ctx) => {
 *   console.log(event.via.join(' → '), event.key, event.size, ctx.messageId);
 * });
 * // In a container instead of Lambda:
 * // const consumer = handler.start({ queueUrl: process.env.QUEUE_URL! });
 * // process.on('SIGTERM', () => void consumer.stop());
 * ```
 * @category Subscribe
 */
export interface Subscription<Event extends S3ObjectEvent = S3ObjectEvent> {
  /**
   * An SQS Lambda event: resolves to `{ batchItemFailures }` naming the messages to retry (or
   * rejects with an {@link S3EventBatchError} when a failed message has no id). (An empty
   * `Records` array, which Lambda never sends, is no SQS batch at run time: it is an unreadable
   * event, so it rejects, or with `onInvalid: 'delete'` resolves to nothing.)
   */
  (event: SqsEventLike, context?: LambdaContextLike): Promise<SqsBatchResponse>;
  /**
   * An asynchronous invocation by S3, SNS or EventBridge: resolves to nothing once every event
   * was handled, and rejects with an {@link S3EventBatchError} when anything failed.
   */
  (event: S3EventLike | SnsEventLike | EventBridgeEventLike, context?: LambdaContextLike): Promise<void>;
  /**
   * A Kinesis batch is not a road yet: it resolves to nothing or rejects (its records are not S3
   * events today). When Kinesis becomes a road, this call answers `{ batchItemFailures }` with
   * sequence numbers, and this signature returns that type.
   */
  (event: KinesisStreamEventLike, context?: LambdaContextLike): Promise<void>;
  /**
   * Anything else (a JSON string, a `ReceiveMessage` result or message, a value of type
   * `unknown`): `{ batchItemFailures }` when it turns out to be SQS, else nothing.
   */
  (event: unknown, context?: LambdaContextLike): Promise<SqsBatchResponse | undefined>;
  /**
   * Starts long-polling an SQS queue with this subscription's handler. Returns at once; the
   * consumer runs until `stop()` is called or `signal` aborts.
   * @throws {@link SubscribeOptionsError} for an invalid option.
   */
  start(options: ConsumerOptions): S3EventConsumer;
  /** The options given to `subscribe()`. */
  readonly options: SubscribeOptions;
  /** The handler given to `subscribe()`. */
  readonly handler: S3EventHandler<Event>;
}
