/**
 * The types of the SQS consumer that `subscription.start()` returns: its options, its events, its
 * statistics, and the structural SQS client it accepts.
 * @module
 */
import type { SqsMessage } from '../events/envelopes.js';
import type { S3TestNotification } from '../events/normalized.js';
import type { S3EventParseError } from '../normalize/errors.js';
import type { S3EventHandlerError, SqsConsumerError } from './errors.js';
import type { S3EventLogger } from './logger.js';
import type { InvalidMessagePolicy } from './types.js';

/**
 * Any object with the SQS client's `send`: an `SQSClient` from `@aws-sdk/client-sqs` v3, or a
 * wrapper around one. The consumer passes it SDK command objects (`ReceiveMessageCommand`,
 * `DeleteMessageBatchCommand`, `ChangeMessageVisibilityBatchCommand`).
 *
 * @example
 * ```ts
 * import { SQSClient } from '@aws-sdk/client-sqs';
 * import type { SqsClientLike } from 's3-event-kit';
 * const client: SqsClientLike = new SQSClient({ region: 'eu-west-1' });
 * ```
 * @category Subscribe
 */
export interface SqsClientLike {
  // `abortSignal?: AbortSignal` without `| undefined`: the SDK's HttpHandlerOptions are declared so,
  // and under exactOptionalPropertyTypes an SQSClient would not fit otherwise.
  send(command: unknown, options?: { abortSignal?: AbortSignal }): Promise<unknown>;
}

/**
 * The three command classes of `@aws-sdk/client-sqs` the consumer sends. Pass them (or the whole
 * module: `import * as sqs from '@aws-sdk/client-sqs'`) with your client when the worker is
 * bundled into one file, where the library's lazy `import()` of the SDK cannot reach the copy
 * inside the bundle.
 *
 * @example
 * ```ts
 * import { ChangeMessageVisibilityBatchCommand, DeleteMessageBatchCommand, ReceiveMessageCommand, SQSClient } from '@aws-sdk/client-sqs';
 * import { subscribe, type SqsCommands } from 's3-event-kit';
 * const commands: SqsCommands = { ReceiveMessageCommand, DeleteMessageBatchCommand, ChangeMessageVisibilityBatchCommand };
 * subscribe({}, async (event) => console.log(event.key))
 *   .start({ queueUrl: 'https://sqs.eu-west-1.amazonaws.com/123456789012/uploads', client: new SQSClient({}), commands });
 * ```
 * @category Subscribe
 */
export interface SqsCommands {
  readonly ReceiveMessageCommand: new (input: never) => object;
  readonly DeleteMessageBatchCommand: new (input: never) => object;
  readonly ChangeMessageVisibilityBatchCommand: new (input: never) => object;
}

/**
 * Options of `subscription.start()`.
 *
 * @example
 * ```ts
 * import { subscribe, exponentialRetryDelay, type ConsumerOptions } from 's3-event-kit';
 * const options: ConsumerOptions = {
 *   queueUrl: 'https://sqs.eu-west-1.amazonaws.com/123456789012/uploads',
 *   concurrency: 32,
 *   visibilityTimeout: 60,
 *   retryDelay: exponentialRetryDelay({ base: 5, max: 900 }),
 *   signal: AbortSignal.timeout(60_000),
 * };
 * subscribe({}, async (event) => console.log(event.key)).start(options);
 * ```
 * @category Subscribe
 */
export interface ConsumerOptions {
  /** The queue's URL, as `CreateQueue`/`GetQueueUrl` return it. */
  readonly queueUrl: string;
  /**
   * The SQS client. Without one, an `SQSClient` with the default configuration (region and
   * credentials from the environment) is created on start with a dynamic `import()` of the
   * optional peer dependency `@aws-sdk/client-sqs`.
   */
  readonly client?: SqsClientLike | undefined;
  /**
   * The SDK's command classes to send on `client`. Needed only when the worker is bundled into one
   * file (esbuild, webpack, ncc) and run where `@aws-sdk/client-sqs` is not installed: the
   * consumer then cannot load the SDK itself, and an `SQSClient` cannot send anything else. Without
   * them in that case, the consumer fails at once with a `MissingPeerDependencyError` (see the
   * `'fatal'` event) instead of polling with commands the client cannot send.
   * @defaultValue loaded from `@aws-sdk/client-sqs` when the consumer starts
   */
  readonly commands?: SqsCommands | undefined;
  /**
   * How many messages are handled at once. The consumer keeps enough `ReceiveMessage` calls in
   * flight to feed them (each returns up to `batchSize` messages), not one batch at a time.
   * @defaultValue the subscription's `concurrency`, else 10
   */
  readonly concurrency?: number | undefined;
  /**
   * `MaxNumberOfMessages` of each `ReceiveMessage` call, 1 to 10.
   * @defaultValue 10
   */
  readonly batchSize?: number | undefined;
  /**
   * Long-poll wait of each `ReceiveMessage` call, 0 to 20 seconds.
   * @defaultValue 20
   */
  readonly waitTimeSeconds?: number | undefined;
  /**
   * Seconds a received message stays hidden from other consumers (sent with every
   * `ReceiveMessage`, so it overrides the queue's setting), 1 to 43 200. While a handler works,
   * the heartbeat keeps extending it.
   * @defaultValue 30
   */
  readonly visibilityTimeout?: number | undefined;
  /**
   * Seconds between visibility extensions of a message that is still held (queued or being
   * handled); each extension sets the visibility to `visibilityTimeout` seconds from now, never
   * past SQS's 12-hour cap counted from the receive. Must be less than `visibilityTimeout`;
   * fractions are allowed. `false` turns the heartbeat off.
   * @defaultValue visibilityTimeout / 3
   */
  readonly heartbeatInterval?: number | false | undefined;
  /**
   * How long a failed message stays hidden before it is delivered again: seconds (0 to 43 200),
   * or a function of the failure (see {@link exponentialRetryDelay}). By default a failed message
   * is left as it is and comes back when its visibility timeout ends.
   * @defaultValue the subscription's `retryDelay`, else undefined
   */
  readonly retryDelay?: number | ((failure: RetryDelayInput) => number) | undefined;
  /**
   * Milliseconds `stop()` waits for running handlers before it aborts their `ctx.signal`
   * (it then waits up to one more second for them to settle).
   * @defaultValue 30000
   */
  readonly stopTimeout?: number | undefined;
  /**
   * Milliseconds a handler may run for one event (sqs-consumer's `handleMessageTimeout`). Then
   * its `ctx.signal` fires (reason `'timeout'`) and the message counts as failed at once; a handler
   * that ignores the signal goes on in the background, no longer counted against `concurrency`.
   * @defaultValue the subscription's `handlerTimeout`, else none
   */
  readonly handlerTimeout?: number | undefined;
  /**
   * Where this consumer logs (failures, SQS errors, start and stop).
   * @defaultValue the subscription's `logger`
   */
  readonly logger?: S3EventLogger | undefined;
  /** Aborting it stops the consumer, like `stop()`. */
  readonly signal?: AbortSignal | undefined;
  /**
   * Back-off after a failed `ReceiveMessage` (network down, throttling, missing queue): the n-th
   * consecutive failure waits a random time up to `min(maxDelay, initialDelay × 2ⁿ⁻¹)` ms ("full
   * jitter"). The first successful receive resets it.
   * @defaultValue `{ initialDelay: 100, maxDelay: 20000 }`
   */
  readonly errorBackoff?: { readonly initialDelay?: number | undefined; readonly maxDelay?: number | undefined } | undefined;
  /**
   * Messages that are not S3 events, in this consumer: `'fail'` (retry, then the DLQ), `'delete'`,
   * or an async function deciding per message.
   * @defaultValue the subscription's `onInvalid`, else 'fail'
   */
  readonly onInvalid?: InvalidMessagePolicy | undefined;
  /**
   * Message attributes to receive (`MessageAttributeNames`), visible on `ctx.message`. The
   * consumer always asks for `traceparent` and `tracestate` too (they make `ctx.trace`), and for
   * the system attributes `ApproximateReceiveCount`, `MessageGroupId`, `AWSTraceHeader` and
   * `DeadLetterQueueSourceArn`.
   * @defaultValue []
   */
  readonly messageAttributeNames?: readonly string[] | undefined;
  /**
   * Paces handler starts: at most `perSecond` on average, and never more than `burst` in any
   * one-second window (see {@link RateLimitOptions}). Received messages wait for their turn in
   * the consumer, their visibility kept by the heartbeat, so none comes back while it waits.
   * @defaultValue undefined (no limit but `concurrency`)
   * @example
   * ```ts
   * import { subscribe } from 's3-event-kit';
   * // A downstream API that allows 5 calls a second:
   * subscribe({}, async (event) => console.log(event.key)).start({
   *   queueUrl: 'https://sqs.eu-west-1.amazonaws.com/123456789012/uploads',
   *   rateLimit: { perSecond: 5 },
   * });
   * ```
   */
  readonly rateLimit?: RateLimitOptions | undefined;
}

/**
 * The consumer's `rateLimit`: a token bucket that gates handler starts (one token per message).
 *
 * - `perSecond`: the sustained rate, above 0 (fractions allowed: `0.5` is one start every 2 s).
 * - `burst`: the most starts in any one-second window, a whole number of at least `perSecond`
 *   rounded up, which is its default. At the default, starts are spread evenly, one every
 *   `1 / perSecond` seconds, never bunched; a larger `burst` lets `burst - ⌈perSecond⌉ + 1`
 *   messages start at once after a quiet spell (the bucket's size), and the window still never
 *   holds more than `burst`.
 *
 * A message waiting for its turn stays held: the heartbeat keeps extending its visibility (turn it
 * off, and a message that waits past its visibility timeout is let go and comes back). Keep
 * `concurrency` near what can start within a few seconds: the consumer holds up to
 * `concurrency + batchSize - 1` received messages.
 *
 * @example
 * ```ts
 * import { subscribe, type RateLimitOptions } from 's3-event-kit';
 * // 2 per second on average; after a quiet spell, up to 9 at once (never more than 10 in a second).
 * const rateLimit: RateLimitOptions = { perSecond: 2, burst: 10 };
 * subscribe({}, async (event) => console.log(event.key)).start({
 *   queueUrl: 'https://sqs.eu-west-1.amazonaws.com/123456789012/uploads',
 *   concurrency: 10,
 *   rateLimit,
 * });
 * ```
 * @category Subscribe
 */
export interface RateLimitOptions {
  /** Handler starts per second, on average: above 0, at most 100 000. */
  readonly perSecond: number;
  /**
   * The most handler starts in any one-second window: an integer from `⌈perSecond⌉` to 100 000.
   * @defaultValue `Math.ceil(perSecond)` (evenly spaced starts)
   */
  readonly burst?: number | undefined;
}

/**
 * What a `retryDelay` function is given.
 *
 * @example
 * ```ts
 * import { S3EventHandlerError, type RetryDelayInput } from 's3-event-kit';
 * // Retry throttling soon, anything else later.
 * const retryDelay = ({ error, receiveCount }: RetryDelayInput): number =>
 *   error instanceof S3EventHandlerError && String(error.cause).includes('SlowDown') ? 5 : 60 * receiveCount;
 * ```
 * @category Subscribe
 */
export interface RetryDelayInput {
  readonly messageId: string | undefined;
  /** `ApproximateReceiveCount` of this delivery (1 on the first). */
  readonly receiveCount: number;
  /** Why the message failed. */
  readonly error: Error;
}

/**
 * What became of one message (see the consumer's `'message'` event).
 *
 * @example
 * ```ts
 * import type { MessageOutcome } from 's3-event-kit';
 * const acknowledged = (outcome: MessageOutcome): boolean => outcome === 'handled' || outcome === 'dropped';
 * ```
 * @category Subscribe
 */
export type MessageOutcome =
  /** Its events were handled (some may have been skipped; or it was an `s3:TestEvent`): deleted. */
  | 'handled'
  /** None of its events was handed to the handler: the filter left them out, or they were duplicates or stale: deleted. */
  | 'skipped'
  /**
   * A handler failed (or, with `dedupe`, another consumer was handling one of its events), or the
   * message was not handled (FIFO after a failure, stopping): left for retry.
   */
  | 'failed'
  /** Not an S3 event and `onInvalid` said `'fail'`: left for retry, towards the DLQ. */
  | 'invalid'
  /**
   * Not retried: not an S3 event and `onInvalid` said `'delete'`, or a handler failed permanently
   * (`PermanentError`; sent to the `permanent` policy's dead-letter queue first, if it names one): deleted.
   */
  | 'dropped';

/**
 * The argument of the consumer's `'message'` event.
 *
 * @example
 * ```ts
 * import { subscribe, type MessageReport } from 's3-event-kit';
 * const log = (report: MessageReport) => console.log(report.messageId, report.outcome, `${report.handled} handled`);
 * subscribe({}, async () => {}).start({ queueUrl: 'https://sqs.eu-west-1.amazonaws.com/1/q' }).on('message', log);
 * ```
 * @category Subscribe
 */
export interface MessageReport {
  readonly messageId: string | undefined;
  readonly outcome: MessageOutcome;
  /** Events the handler ran for (and finished) in this message. */
  readonly handled: number;
  /**
   * Events acknowledged without calling the handler: left out by the filter, duplicates
   * (`dedupe`) and events older than one already handled on their key (`latestOnly`).
   */
  readonly skipped: number;
  /** The SQS message. */
  readonly message: SqsMessage;
}

/**
 * The consumer's events and their listener arguments.
 *
 * @example
 * ```ts
 * import { subscribe } from 's3-event-kit';
 * const consumer = subscribe({}, async () => {}).start({ queueUrl: 'https://sqs.eu-west-1.amazonaws.com/1/q' });
 * consumer
 *   .on('error', (error) => console.warn('SQS:', error.message))
 *   .on('handlerError', (error) => console.error(error.event.key, error.cause))
 *   .on('message', (report) => console.log(report.messageId, report.outcome));
 * ```
 * @category Subscribe
 */
export interface ConsumerEvents {
  /** An SQS call failed. The consumer goes on (backs off, or lets messages come back). */
  error: [error: SqsConsumerError];
  /**
   * A handler failed for an event: its message is left for retry, or, for a permanent failure
   * (`isPermanent(error)`), dropped.
   */
  handlerError: [error: S3EventHandlerError];
  /** A message is not an S3 event (what happens next depends on `onInvalid`). */
  invalid: [error: S3EventParseError, message: SqsMessage];
  /** An `s3:TestEvent` arrived (it is deleted). */
  testEvent: [event: S3TestNotification];
  /** A message is done with: handled, failed, invalid or dropped. */
  message: [report: MessageReport];
  /** The first `ReceiveMessage` succeeded: the queue exists and may be read (a readiness probe's signal). */
  ready: [];
  /**
   * The consumer cannot work and has stopped: the SDK cannot be loaded (`MissingPeerDependencyError`
   * as `cause`), the queue does not exist, or access is denied. `stopped` rejects with the same error.
   */
  fatal: [error: SqsConsumerError];
  /** The consumer has stopped: polling ended, handlers settled, deletes flushed. */
  stopped: [];
}

/**
 * Counters of a consumer since it started.
 *
 * @example
 * ```ts
 * import { subscribe } from 's3-event-kit';
 * const consumer = subscribe({}, async () => {}).start({ queueUrl: 'https://sqs.eu-west-1.amazonaws.com/1/q' });
 * setInterval(() => {
 *   const { received, handled, failed, inFlight } = consumer.stats;
 *   console.log(`${received} received, ${handled} handled, ${failed} failed, ${inFlight} in flight`);
 * }, 60_000).unref();
 * ```
 * @category Subscribe
 */
export interface ConsumerStats {
  /** Messages received. */
  readonly received: number;
  /** Messages whose events were handled (outcome `'handled'`). */
  readonly handled: number;
  /** Messages acknowledged without calling the handler (outcome `'skipped'`). */
  readonly skippedMessages: number;
  /** Messages left for retry (outcomes `'failed'` and `'invalid'`). */
  readonly failed: number;
  /** Messages dropped by `onInvalid: 'delete'` or as permanent failures (outcome `'dropped'`). */
  readonly dropped: number;
  /** Messages SQS confirmed deleted. */
  readonly deleted: number;
  /** Messages received but not started when `stop()` was called: made visible again at once. */
  readonly released: number;
  /**
   * Events (not messages) acknowledged without calling the handler: left out by the filter,
   * duplicates (`dedupe`) and stale events (`latestOnly`). The sum of the reports' `skipped`.
   */
  readonly skipped: number;
  /** Messages held now: queued or being handled. */
  readonly inFlight: number;
  /** `ReceiveMessage` calls in flight now. */
  readonly polls: number;
}

/**
 * A running SQS consumer (see `subscription.start()`): long-polls, runs the handler, deletes what
 * was handled, keeps visibility while handlers work, and stops gracefully.
 *
 * @example
 * ```ts
 * import { subscribe } from 's3-event-kit';
 * const consumer = subscribe({ events: ['ObjectCreated:*'] }, async (event) => console.log(event.key))
 *   .start({ queueUrl: 'https://sqs.eu-west-1.amazonaws.com/123456789012/uploads', concurrency: 20 });
 * process.once('SIGTERM', () => void consumer.stop());
 * await consumer.stopped;
 * ```
 * @category Subscribe
 */
export interface S3EventConsumer {
  /** Adds a listener. Listener errors are caught and printed, never thrown into the consumer. */
  on<Name extends keyof ConsumerEvents>(name: Name, listener: (...args: ConsumerEvents[Name]) => void): this;
  /** Removes a listener. */
  off<Name extends keyof ConsumerEvents>(name: Name, listener: (...args: ConsumerEvents[Name]) => void): this;
  /**
   * Stops: no new `ReceiveMessage` calls (pending ones are aborted), received messages not yet
   * started are released at once (visibility 0), running handlers may finish (after `stopTimeout`
   * their signal aborts), pending deletes are flushed. Resolves when all that is done; calling it
   * again returns the same promise.
   */
  stop(): Promise<void>;
  /**
   * Settles once the consumer has stopped: resolves after `stop()` (or the `signal`), rejects with
   * the {@link SqsConsumerError} of a fatal condition (see the `'fatal'` event). Await it in a
   * worker's main function so a fatal condition ends the process with a non-zero exit code; when
   * nothing handles the rejection and no `'fatal'` listener is set, Node's unhandled-rejection rule
   * ends the process the same way.
   */
  readonly stopped: Promise<void>;
  /** Whether it is polling (false once stopping). */
  readonly running: boolean;
  /**
   * For health probes: true while the consumer is running, has received from the queue at least
   * once, and its last `ReceiveMessage` did not fail. False before the first receive, while SQS
   * calls fail (it is backing off), and after a stop or a fatal condition.
   */
  readonly healthy: boolean;
  /** Counters since start. */
  readonly stats: ConsumerStats;
}
