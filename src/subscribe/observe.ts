/**
 * What a subscription tells the outside world while it works: every failure once to the logger
 * (and to `onError`), the samples of the metrics sink, and warnings. Every transport reports
 * through one `Observer`, so a failure reads the same in Lambda and in the consumer. Nothing here
 * throws: a logger, hook or sink that fails is reported on the logger and ignored.
 * @internal @module
 */
import type { S3ObjectEvent } from '../events/normalized.js';
import type { S3EventParseError } from '../normalize/errors.js';
import type { MessageOutcome } from './consumer-types.js';
import type { S3EventHandlerError } from './errors.js';
import { jsonLogger, type LogFields, type S3EventLogger } from './logger.js';
import type { HandlerCallSample, MessageSample, MetricsSink } from './metrics.js';
import type { LambdaContextLike } from './types.js';

/**
 * What `onError` learns besides the error: where the failure happened.
 *
 * @example
 * ```ts
 * import { subscribe, type S3EventErrorContext } from 's3-event-kit';
 * const onError = (error: Error, ctx: S3EventErrorContext) => {
 *   console.error(`${ctx.transport} message ${ctx.messageId ?? '-'} failed on ${ctx.event?.key ?? 'an unreadable message'}:`, error.message);
 * };
 * export const handler = subscribe({ onError }, async (event) => console.log(event.key));
 * ```
 * @category Observe
 */
export interface S3EventErrorContext {
  /** `lambda`, or `sqs` for the `start()` consumer. */
  readonly transport: 'lambda' | 'sqs';
  /** The SQS, SNS or EventBridge message id; absent on a direct S3 invocation. */
  readonly messageId: string | undefined;
  /** SQS `ApproximateReceiveCount` of this delivery. */
  readonly receiveCount: number | undefined;
  /** The event the handler failed on; undefined when the message could not be read. */
  readonly event: S3ObjectEvent | undefined;
  /** The message as it arrived. */
  readonly message: unknown;
  /** The Lambda context, in Lambda. */
  readonly lambdaContext: LambdaContextLike | undefined;
}

/**
 * Called once for every failure of a message: a handler that threw or timed out (an
 * `S3EventHandlerError`), or a message that is not an S3 event and fails by `onInvalid` (an
 * `S3EventParseError`). It runs after the failure was logged and before the message is reported
 * failed; what it throws is logged and ignored.
 *
 * @example
 * ```ts
 * import { subscribe, type OnErrorHook } from 's3-event-kit';
 * const onError: OnErrorHook = (error, ctx) => {
 *   // e.g. send to Sentry: Sentry.captureException(error, { extra: { messageId: ctx.messageId } })
 *   console.error('failed', ctx.messageId, error.name);
 * };
 * export const handler = subscribe({ onError }, async (event) => console.log(event.key));
 * ```
 * @category Observe
 */
export type OnErrorHook = (error: S3EventHandlerError | S3EventParseError, ctx: S3EventErrorContext) => void | Promise<void>;

/** Where a failure or outcome happened: what the log line and `onError` get. */
export interface Where {
  readonly transport: 'lambda' | 'sqs';
  readonly messageId: string | undefined;
  readonly receiveCount: number | undefined;
  readonly message: unknown;
  readonly lambdaContext?: LambdaContextLike | undefined;
}

export interface ObserveOptions {
  readonly logger?: S3EventLogger | undefined;
  readonly onError?: OnErrorHook | undefined;
  readonly metrics?: MetricsSink | undefined;
}

export class Observer {
  readonly logger: S3EventLogger;
  private readonly onError: OnErrorHook | undefined;
  readonly metrics: MetricsSink | undefined;

  constructor(options: ObserveOptions) {
    this.logger = options.logger ?? jsonLogger();
    this.onError = options.onError;
    this.metrics = options.metrics;
  }

  /** The same observer writing to another logger (a consumer's own). */
  withLogger(logger: S3EventLogger): Observer {
    return new Observer({ logger, onError: this.onError, metrics: this.metrics });
  }

  /** Logs a failed message once (at error level, with what becomes of it when `note` says) and calls `onError`. */
  async failed(error: S3EventHandlerError | S3EventParseError, where: Where, event: S3ObjectEvent | undefined, note?: string): Promise<void> {
    this.log('error', note === undefined ? error.message : `${error.message} — ${note}`, { ...fieldsOf(where, event), error });
    if (this.onError === undefined) return;
    try {
      await this.onError(error, { ...where, lambdaContext: where.lambdaContext, event });
    } catch (hookError) {
      this.log('warn', `onError threw: ${messageOf(hookError)}`, { ...fieldsOf(where, event), error: hookError });
    }
  }

  /** Writes a line, never throwing (a logger that throws is itself reported on the console). */
  log(level: keyof S3EventLogger, message: string, fields: LogFields): void {
    try {
      this.logger[level](message, fields);
    } catch (loggerError) {
      console.error(`[s3-event-kit] the logger's ${level}() threw:`, loggerError, 'while logging:', message);
    }
  }

  handlerCall(sample: HandlerCallSample): void {
    if (this.metrics?.handlerCall) this.sink('handlerCall', () => this.metrics?.handlerCall?.(sample));
  }

  message(outcome: MessageOutcome, handled: number, skipped: number, where: Where): void {
    if (!this.metrics?.message) return;
    const sample: MessageSample = { messageId: where.messageId, outcome, handled, skipped, transport: where.transport };
    this.sink('message', () => this.metrics?.message?.(sample));
  }

  flush(): void {
    if (this.metrics?.flush) this.sink('flush', () => this.metrics?.flush?.());
  }

  private sink(method: string, call: () => void): void {
    try {
      call();
    } catch (error) {
      this.log('warn', `the metrics sink's ${method}() threw: ${messageOf(error)}`, { error });
    }
  }
}

/** The fields of a log line about a message (and its event, when known). */
export function fieldsOf(where: Where, event: S3ObjectEvent | undefined): LogFields {
  const fields: Record<string, unknown> = { transport: where.transport };
  if (where.messageId !== undefined) fields['messageId'] = where.messageId;
  if (where.receiveCount !== undefined) fields['receiveCount'] = where.receiveCount;
  if (event !== undefined) {
    fields['event'] = event.name;
    fields['bucket'] = event.bucket;
    fields['key'] = event.key;
    if (event.versionId !== undefined) fields['versionId'] = event.versionId;
  }
  return fields;
}

export function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
