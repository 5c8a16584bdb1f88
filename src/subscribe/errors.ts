/**
 * The errors `subscribe()` reports: a handler that failed, a Lambda invocation with failed events,
 * an SQS call that failed, an aborted handler and a bad option. Each has a stable `name`, says what
 * failed and where (message id, queue), and keeps the cause and the input.
 * @module
 */
import type { S3ObjectEvent } from '../events/normalized.js';
import type { S3EventParseError } from '../normalize/errors.js';

/** Where an event is, for messages: `ObjectCreated:Put s3://bucket/key`. */
function describe(event: S3ObjectEvent): string {
  return `${event.name} s3://${event.bucket}/${event.key}`;
}

function reasonOf(cause: unknown): string {
  if (cause instanceof Error) return cause.message;
  try {
    return typeof cause === 'string' ? cause : String(JSON.stringify(cause));
  } catch {
    return String(cause);
  }
}

/**
 * A subscribed handler threw (or rejected) for one event. Keeps the event, the message it came in
 * and what the handler threw (`cause`). With `dedupe` or `latestOnly`, the event may also have
 * been left unhandled: `cause` is then an `S3EventInProgressError` (another consumer is handling
 * it right now) or an `EventStoreError` (the store failed). Either way the message is retried.
 *
 * @example
 * ```ts
 * import { subscribe, S3EventHandlerError } from 's3-event-kit';
 * const subscription = subscribe({}, async () => { throw new Error('disk full'); });
 * subscription.start({ queueUrl: 'https://sqs.eu-west-1.amazonaws.com/123456789012/uploads' })
 *   .on('handlerError', (error: S3EventHandlerError) => {
 *     console.error(error.message); // handler failed for ObjectCreated:Put s3://b/k (message 9f…): disk full
 *   });
 * ```
 * @category Subscribe
 */
export class S3EventHandlerError extends Error {
  override readonly name = 'S3EventHandlerError' as const;
  /**
   * The event the handler failed on. Not enumerable: a logger writing the error's own fields
   * writes the event's name, bucket and key (in the message), not the whole record.
   */
  declare readonly event: S3ObjectEvent;
  /** The SQS, SNS or EventBridge message id, when there is one. */
  readonly messageId: string | undefined;

  constructor(event: S3ObjectEvent, cause: unknown) {
    const where = event.messageId === undefined ? '' : ` (message ${event.messageId})`;
    super(`handler failed for ${describe(event)}${where}: ${reasonOf(cause)}`, { cause });
    Object.defineProperty(this, 'event', { value: event, enumerable: false, writable: false, configurable: true });
    this.messageId = event.messageId;
  }
}

/**
 * `AggregateError` at run time (so `instanceof AggregateError` and Node's inspection of `errors`
 * hold), typed as an `Error`: the declarations then need no ES2021 lib, and consumers with any
 * `target` the engines allow compile them with `skipLibCheck: false`.
 */
const AggregateErrorBase: new (errors: Iterable<unknown>, message?: string) => Error = AggregateError;

/**
 * Thrown by a subscription invoked by Lambda on an asynchronous road (S3, SNS or EventBridge
 * invoking the function directly) when any event failed or any message could not be read, so
 * Lambda's retries and on-failure destination apply. `errors` lists every failure.
 *
 * @example
 * ```ts
 * import { subscribe, S3EventBatchError } from 's3-event-kit';
 * const handler = subscribe({}, async () => {});
 * declare const snsEvent: unknown;
 * try {
 *   await handler(snsEvent);
 * } catch (error) {
 *   if (error instanceof S3EventBatchError) console.log(error.messageIds, error.errors.length);
 * }
 * ```
 * @category Subscribe
 */
export class S3EventBatchError extends AggregateErrorBase {
  override readonly name = 'S3EventBatchError' as const;
  /** Every failure: a handler that failed, or a message that could not be read. */
  declare readonly errors: Array<S3EventHandlerError | S3EventParseError>;
  /** The ids of the messages that failed (absent ids, as on a direct S3 invocation, are left out). */
  readonly messageIds: string[];

  constructor(errors: Array<S3EventHandlerError | S3EventParseError>, total: number) {
    const shown = errors.slice(0, 3).map((e) => e.message);
    const more = errors.length > shown.length ? `; and ${errors.length - shown.length} more` : '';
    super(errors, `${errors.length} of ${total} S3 event message(s) failed: ${shown.join('; ')}${more}`);
    this.messageIds = errors.flatMap((e) => (e.messageId === undefined ? [] : [e.messageId]));
  }
}

/**
 * The SQS operation an {@link SqsConsumerError} is about (`LoadSdk`: importing
 * `@aws-sdk/client-sqs` to make a client failed).
 *
 * @example
 * ```ts
 * import type { SqsConsumerError, SqsOperation } from 's3-event-kit';
 * const retriedBySqs = (error: SqsConsumerError): boolean => (['ReceiveMessage'] as SqsOperation[]).includes(error.operation);
 * ```
 * @category Subscribe
 */
export type SqsOperation =
  | 'ReceiveMessage'
  | 'DeleteMessageBatch'
  | 'ChangeMessageVisibilityBatch'
  | 'LoadSdk';

/**
 * An SQS call made by the consumer failed: the call itself (network, throttling, permissions,
 * a missing queue), or some entries of a batch call (`code` is then the entry's error code, such as
 * `ReceiptHandleIsInvalid`). The consumer never crashes on these: it reports them on `'error'`
 * and backs off or lets the messages come back after their visibility timeout.
 *
 * @example
 * ```ts
 * import { subscribe } from 's3-event-kit';
 * const consumer = subscribe({}, async () => {}).start({ queueUrl: 'https://sqs.eu-west-1.amazonaws.com/123456789012/uploads' });
 * consumer.on('error', (error) => console.warn(error.operation, error.code, error.messageIds, error.message));
 * ```
 * @category Subscribe
 */
export class SqsConsumerError extends Error {
  override readonly name = 'SqsConsumerError' as const;
  readonly operation: SqsOperation;
  readonly queueUrl: string;
  /** The messages concerned (empty for `ReceiveMessage`). */
  readonly messageIds: string[];
  /** The AWS error code or name (`QueueDoesNotExist`, `ReceiptHandleIsInvalid`, `TimeoutError`, `ECONNREFUSED`…). */
  readonly code: string | undefined;

  constructor(
    operation: SqsOperation,
    queueUrl: string,
    options: { cause: unknown; messageIds?: string[] | undefined; code?: string | undefined; detail?: string | undefined },
  ) {
    const ids = options.messageIds ?? [];
    const about = ids.length === 0 ? '' : ` for message${ids.length === 1 ? '' : 's'} ${ids.join(', ')}`;
    const code = options.code ?? codeOf(options.cause);
    super(
      `${operation} failed${about} on ${queueUrl}: ${options.detail ?? reasonOf(options.cause)}${code ? ` (${code})` : ''}`,
      { cause: options.cause },
    );
    this.operation = operation;
    this.queueUrl = queueUrl;
    this.messageIds = ids;
    this.code = code;
  }
}

/** The AWS error name or the Node.js error code of a failed call. @internal */
export function codeOf(error: unknown): string | undefined {
  if (typeof error !== 'object' || error === null) return undefined;
  const { code, name } = error as { code?: unknown; name?: unknown };
  if (typeof code === 'string') return code;
  return typeof name === 'string' && name !== 'Error' ? name : undefined;
}

/**
 * Why a handler's `signal` fired: see {@link HandlerAbortedError}.
 *
 * @example
 * ```ts
 * import { HandlerAbortedError, type AbortReason } from 's3-event-kit';
 * const why = (signal: AbortSignal): AbortReason | undefined =>
 *   signal.reason instanceof HandlerAbortedError ? signal.reason.reason : undefined;
 * ```
 * @category Subscribe
 */
export type AbortReason =
  /** The consumer is stopping and its grace period (`stopTimeout`) ran out. */
  | 'stop'
  /** The message's visibility could not be kept: it expired, the 12-hour cap was reached, or SQS refused to extend it. */
  | 'visibility'
  /** Lambda's deadline is near (`getRemainingTimeInMillis()`). */
  | 'deadline'
  /** The handler ran longer than `handlerTimeout`. */
  | 'timeout';

/**
 * The `reason` of `ctx.signal` when it fires. A handler that passes the signal to its I/O rejects
 * with this error (or the I/O's own abort error); the message then counts as failed and comes back.
 *
 * @example
 * ```ts
 * import { subscribe, HandlerAbortedError } from 's3-event-kit';
 * export const handler = subscribe({}, async (event, ctx) => {
 *   ctx.signal.addEventListener('abort', () => {
 *     const reason = ctx.signal.reason as HandlerAbortedError;
 *     console.warn(`giving up on ${event.key}: ${reason.reason}`);
 *   });
 * });
 * ```
 * @category Subscribe
 */
export class HandlerAbortedError extends Error {
  override readonly name = 'HandlerAbortedError' as const;
  readonly reason: AbortReason;
  readonly messageId: string | undefined;

  constructor(reason: AbortReason, messageId: string | undefined, detail: string) {
    super(`handler aborted${messageId === undefined ? '' : ` (message ${messageId})`}: ${detail}`);
    this.reason = reason;
    this.messageId = messageId;
  }
}

/**
 * An option of `subscribe()` or `start()` is out of range or of the wrong type. Thrown at once,
 * before anything runs.
 *
 * @example
 * ```ts
 * import { subscribe, SubscribeOptionsError } from 's3-event-kit';
 * try {
 *   subscribe({}, async () => {}).start({ queueUrl: 'https://sqs.eu-west-1.amazonaws.com/1/q', concurrency: 0 });
 * } catch (error) {
 *   if (error instanceof SubscribeOptionsError) console.log(error.option, error.message);
 *   //=> concurrency  concurrency must be an integer from 1 to 10000, got 0
 * }
 * ```
 * @category Subscribe
 */
export class SubscribeOptionsError extends TypeError {
  override readonly name = 'SubscribeOptionsError' as const;
  /** The option's name, e.g. `heartbeatInterval`. */
  readonly option: string;
  /** The value given. */
  readonly value: unknown;

  constructor(option: string, value: unknown, problem: string) {
    super(`${option} ${problem}, got ${show(value)}`);
    this.option = option;
    this.value = value;
  }
}

function show(value: unknown): string {
  if (typeof value === 'function') return 'a function';
  if (typeof value === 'string') return JSON.stringify(value);
  if (typeof value === 'number' || typeof value === 'boolean' || value === undefined || value === null) return String(value);
  try {
    return JSON.stringify(value) ?? typeof value;
  } catch {
    return typeof value;
  }
}
