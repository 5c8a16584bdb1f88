/**
 * Hand-written option checks with precise messages, and the resolved settings they produce.
 * @internal @module
 */
import type { ConsumerOptions, RetryDelayInput, SqsClientLike, SqsCommands } from './consumer-types.js';
import type { S3EventLogger } from './logger.js';
import { DeadLetterSender } from './permanent.js';
import { SubscribeOptionsError } from './errors.js';
import type { InvalidMessagePolicy, SubscribeOptions } from './types.js';
import { validateFilter } from './validate-filter.js';

/** The largest `concurrency`: beyond this, raise the number of consumers instead. */
export const MAX_CONCURRENCY = 10_000;
/** SQS's visibility cap: 12 hours. */
export const MAX_VISIBILITY_SECONDS = 43_200;

export function validateInteger(name: string, value: unknown, min: number, max: number): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) {
    throw new SubscribeOptionsError(name, value, `must be an integer from ${min} to ${max}`);
  }
  return value;
}

export function validateNumber(name: string, value: unknown, min: number, max: number): number {
  if (typeof value !== 'number' || !Number.isFinite(value) || value < min || value > max) {
    throw new SubscribeOptionsError(name, value, `must be a number from ${min} to ${max}`);
  }
  return value;
}

function optional<T>(value: T | undefined, fallback: T): T {
  return value === undefined ? fallback : value;
}

/** `permanent`: `'drop'` or `{ deadLetterQueueUrl, client? }`. */
function validatePermanent(value: unknown, sqsClient: SqsClientLike | undefined): 'drop' | DeadLetterSender {
  if (value === undefined || value === 'drop') return 'drop';
  const expected = "must be 'drop' or { deadLetterQueueUrl, client? }";
  if (typeof value !== 'object' || value === null) throw new SubscribeOptionsError('permanent', value, expected);
  const { deadLetterQueueUrl, client } = value as { deadLetterQueueUrl?: unknown; client?: unknown };
  if (typeof deadLetterQueueUrl !== 'string' || !/^https?:\/\//.test(deadLetterQueueUrl)) {
    throw new SubscribeOptionsError('permanent.deadLetterQueueUrl', deadLetterQueueUrl, 'must be the queue URL (https://sqs.<region>.amazonaws.com/<account>/<name>)');
  }
  validateClient('permanent.client', client);
  // Without a client of its own, the dead-letter send uses the subscription's `sqsClient` (Lambda) or the consumer's.
  return new DeadLetterSender(deadLetterQueueUrl, (client as SqsClientLike | undefined) ?? sqsClient);
}

/** `handlerTimeout`: milliseconds, at least 1, at most a day. */
function validateHandlerTimeout(value: unknown, fallback: number | undefined): number | undefined {
  return value === undefined ? fallback : validateNumber('handlerTimeout', value, 1, 86_400_000);
}

/** `logger`: an object with the four level methods. */
function validateLogger(value: unknown): void {
  if (value === undefined) return;
  const missing = ['error', 'warn', 'info', 'debug'].filter((m) => typeof (value as Record<string, unknown> | null)?.[m] !== 'function');
  if (typeof value !== 'object' || value === null || missing.length > 0) {
    const which = missing.length > 0 && missing.length < 4 ? `; it lacks ${missing.map((m) => `${m}()`).join(', ')}` : '';
    throw new SubscribeOptionsError('logger', value, `must have error(), warn(), info() and debug() methods (console fits)${which}`);
  }
}

function validateFunction(name: string, value: unknown): void {
  if (value !== undefined && typeof value !== 'function') throw new SubscribeOptionsError(name, value, 'must be a function');
}

/** `metrics`: an object whose `handlerCall`, `message` and `flush`, where present, are functions. */
function validateMetrics(value: unknown): void {
  if (value === undefined) return;
  if (typeof value !== 'object' || value === null) throw new SubscribeOptionsError('metrics', value, 'must be a MetricsSink object (see emfMetrics())');
  for (const method of ['handlerCall', 'message', 'flush']) validateFunction(`metrics.${method}`, (value as Record<string, unknown>)[method]);
}

function validateOnInvalid(value: unknown): InvalidMessagePolicy {
  if (value !== 'fail' && value !== 'delete' && typeof value !== 'function') {
    throw new SubscribeOptionsError('onInvalid', value, "must be 'fail', 'delete' or a function");
  }
  return value as InvalidMessagePolicy;
}

/** `subscribe()` options, checked. */
export interface SubscriptionSettings {
  readonly onInvalid: InvalidMessagePolicy;
  readonly concurrency: number;
  readonly skipGroupOnError: boolean;
  /** Filter values that are legal but probably not meant (from `validateFilter`), for the logger. */
  readonly warnings: readonly string[];
  /** Milliseconds, or undefined for none. */
  readonly handlerTimeout: number | undefined;
  /** What a permanent failure becomes: dropped, or sent to a dead-letter queue first. */
  readonly permanent: 'drop' | DeadLetterSender;
  /** The user's own test for permanent errors (besides `PermanentError`). */
  readonly isPermanent: ((error: unknown) => boolean) | undefined;
  /** How long a failed message stays hidden (Lambda: ChangeMessageVisibilityBatch; the consumer's default). */
  readonly retryDelay: ((failure: RetryDelayInput) => number) | undefined;
  /** Lambda's SQS client for `retryDelay`; undefined: one made lazily from the SDK. */
  readonly sqsClient: SqsClientLike | undefined;
  /** The queue URL of a record's `eventSourceARN`; undefined: `queueUrlFromArn`. */
  readonly queueUrlOf: ((queueArn: string) => string | undefined) | undefined;
}

export function validateSubscribeOptions(options: SubscribeOptions): SubscriptionSettings {
  if (typeof options !== 'object' || options === null) {
    throw new SubscribeOptionsError('options', options, 'must be an object (use {} for no filter)');
  }
  const onInvalid = validateOnInvalid(optional(options.onInvalid, 'fail'));
  const skip = optional(options.skipGroupOnError, false);
  if (typeof skip !== 'boolean') throw new SubscribeOptionsError('skipGroupOnError', skip, 'must be a boolean');
  validateDedupe(options.dedupe);
  validateLatestOnly(options.latestOnly);
  validateLogger(options.logger);
  validateFunction('onError', options.onError);
  validateFunction('isPermanent', options.isPermanent);
  validateFunction('around', options.around);
  validateMetrics(options.metrics);
  validateClient('sqsClient', options.sqsClient);
  validateFunction('queueUrlOf', options.queueUrlOf);
  const { warnings } = validateFilter(options);
  return {
    onInvalid,
    concurrency: validateInteger('concurrency', optional(options.concurrency, 10), 1, MAX_CONCURRENCY),
    skipGroupOnError: skip,
    warnings,
    handlerTimeout: validateHandlerTimeout(options.handlerTimeout, undefined),
    permanent: validatePermanent(options.permanent, options.sqsClient),
    isPermanent: options.isPermanent,
    retryDelay: validateRetryDelay(options.retryDelay),
    sqsClient: options.sqsClient,
    queueUrlOf: options.queueUrlOf,
  };
}

/** An SQS client: an object with `send(command)`. */
function validateClient(name: string, client: unknown): void {
  if (client !== undefined && (typeof client !== 'object' || client === null || typeof (client as { send?: unknown }).send !== 'function')) {
    throw new SubscribeOptionsError(name, client, 'must be an SQSClient or an object with a send(command) method');
  }
}

/** `retryDelay` (of `subscribe()` and of `start()`): whole seconds 0 to 43 200, or a function. */
export function validateRetryDelay(retry: unknown): ((failure: RetryDelayInput) => number) | undefined {
  if (retry === undefined) return undefined;
  if (typeof retry === 'number') {
    const seconds = validateInteger('retryDelay', retry, 0, MAX_VISIBILITY_SECONDS);
    return () => seconds;
  }
  if (typeof retry === 'function') return retry as (failure: RetryDelayInput) => number;
  throw new SubscribeOptionsError('retryDelay', retry, 'must be a number of seconds or a function');
}

/** `rateLimit`, checked, with its `burst` default applied. */
export interface RateLimit {
  readonly perSecond: number;
  readonly burst: number;
}

/** The largest `rateLimit.perSecond` and `rateLimit.burst`. */
export const MAX_RATE = 100_000;

/** `rateLimit`: `perSecond` above 0; `burst` a whole number, at least `perSecond` rounded up (its default). */
export function validateRateLimit(value: unknown): RateLimit | undefined {
  if (value === undefined) return undefined;
  if (!isObject(value)) throw new SubscribeOptionsError('rateLimit', value, 'must be an object { perSecond, burst? }');
  const { perSecond, burst } = value;
  if (typeof perSecond !== 'number' || !Number.isFinite(perSecond) || perSecond <= 0 || perSecond > MAX_RATE) {
    throw new SubscribeOptionsError('rateLimit.perSecond', perSecond, `must be a number of handler starts per second, above 0 and at most ${MAX_RATE}`);
  }
  const least = Math.ceil(perSecond);
  if (burst === undefined) return { perSecond, burst: least };
  if (typeof burst !== 'number' || !Number.isInteger(burst) || burst < least || burst > MAX_RATE) {
    throw new SubscribeOptionsError(
      'rateLimit.burst',
      burst,
      `must be an integer from ${least} (perSecond ${perSecond}, rounded up: a second holds that many starts) to ${MAX_RATE}`,
    );
  }
  return { perSecond, burst };
}

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);
const hasMethods = (value: Record<string, unknown>, names: readonly string[]): boolean =>
  names.every((name) => typeof value[name] === 'function');

/** `dedupe` / `latestOnly`: `true`/`false`, a ready guard (recognised as `createGuard` does), or its options. */
function validateGuardOption(
  name: 'dedupe' | 'latestOnly',
  value: unknown,
  made: { readonly marker: string; readonly methods: readonly string[]; readonly type: string },
  numbers: readonly string[],
): Record<string, unknown> | undefined {
  if (value === undefined || typeof value === 'boolean') return undefined;
  const expected = `must be a boolean, ${name === 'dedupe' ? 'DedupeOptions' : 'LatestOnlyOptions'} or a ${made.type}`;
  if (!isObject(value)) throw new SubscribeOptionsError(name, value, expected);
  if (made.marker in value) {
    if (!hasMethods(value, made.methods)) {
      throw new SubscribeOptionsError(name, value, `looks like a ${made.type} but lacks ${made.methods.map((m) => `${m}()`).join(', ')}`);
    }
    return undefined;
  }
  const { store, namespace } = value;
  if (store !== undefined && !(isObject(store) && hasMethods(store, ['get', 'set']))) {
    throw new SubscribeOptionsError(`${name}.store`, store, 'must be an EventStore (an object with get(key) and set(key, value, options))');
  }
  for (const option of numbers) {
    const seconds = value[option];
    if (seconds !== undefined && (typeof seconds !== 'number' || !Number.isFinite(seconds) || seconds < 1)) {
      throw new SubscribeOptionsError(`${name}.${option}`, seconds, 'must be a number of seconds, at least 1');
    }
  }
  if (namespace !== undefined && (typeof namespace !== 'string' || namespace === '')) {
    throw new SubscribeOptionsError(`${name}.namespace`, namespace, 'must be a non-empty string');
  }
  return value;
}

function validateDedupe(value: unknown): void {
  const options = validateGuardOption('dedupe', value, { marker: 'claim', methods: ['claim', 'run', 'keyOf'], type: 'Deduper' }, ['ttlSeconds', 'leaseSeconds']);
  const remember = options?.['rememberObjects'];
  if (remember !== undefined && typeof remember !== 'boolean') {
    throw new SubscribeOptionsError('dedupe.rememberObjects', remember, 'must be a boolean');
  }
  const replays = options?.['replays'];
  if (replays !== undefined && replays !== 'acknowledge' && replays !== 'handle') {
    throw new SubscribeOptionsError('dedupe.replays', replays, "must be 'acknowledge' or 'handle'");
  }
}

function validateLatestOnly(value: unknown): void {
  validateGuardOption('latestOnly', value, { marker: 'record', methods: ['check', 'record', 'keyOf'], type: 'LatestOnly' }, ['ttlSeconds']);
}

/** `start()` options, checked and with defaults applied. */
export interface ConsumerSettings {
  readonly queueUrl: string;
  readonly client: SqsClientLike | undefined;
  readonly concurrency: number;
  readonly batchSize: number;
  readonly waitTimeSeconds: number;
  readonly visibilityTimeout: number;
  /** Seconds, or undefined when off. */
  readonly heartbeatInterval: number | undefined;
  readonly retryDelay: ((failure: RetryDelayInput) => number) | undefined;
  readonly stopTimeout: number;
  readonly signal: AbortSignal | undefined;
  readonly initialDelay: number;
  readonly maxDelay: number;
  readonly messageAttributeNames: readonly string[];
  readonly onInvalid: InvalidMessagePolicy;
  readonly commands: SqsCommands | undefined;
  readonly handlerTimeout: number | undefined;
  /** The consumer's own logger, when it has one (else the subscription's). */
  readonly logger: S3EventLogger | undefined;
  /** Handler starts per second and per one-second window; undefined when unlimited. */
  readonly rateLimit: RateLimit | undefined;
}

export function validateConsumerOptions(options: ConsumerOptions, defaults: SubscriptionSettings): ConsumerSettings {
  if (typeof options !== 'object' || options === null) {
    throw new SubscribeOptionsError('options', options, 'must be an object with at least queueUrl');
  }
  const { queueUrl, client, signal } = options;
  if (typeof queueUrl !== 'string' || !/^https?:\/\//.test(queueUrl)) {
    throw new SubscribeOptionsError('queueUrl', queueUrl, 'must be the queue URL (https://sqs.<region>.amazonaws.com/<account>/<name>)');
  }
  validateClient('client', client);
  if (signal !== undefined && !(signal instanceof AbortSignal)) {
    throw new SubscribeOptionsError('signal', signal, 'must be an AbortSignal');
  }
  const { commands, logger } = options;
  const commandNames = ['ReceiveMessageCommand', 'DeleteMessageBatchCommand', 'ChangeMessageVisibilityBatchCommand'] as const;
  if (commands !== undefined && commandNames.some((name) => typeof (commands as unknown as Partial<Record<string, unknown>> | null)?.[name] !== 'function')) {
    throw new SubscribeOptionsError('commands', commands, `must hold the classes ${commandNames.join(', ')} of @aws-sdk/client-sqs`);
  }
  validateLogger(logger);
  const visibilityTimeout = validateInteger('visibilityTimeout', optional(options.visibilityTimeout, 30), 1, MAX_VISIBILITY_SECONDS);
  const heartbeat = optional(options.heartbeatInterval, visibilityTimeout / 3);
  if (heartbeat !== false && (typeof heartbeat !== 'number' || !(heartbeat > 0) || heartbeat >= visibilityTimeout)) {
    throw new SubscribeOptionsError(
      'heartbeatInterval',
      heartbeat,
      `must be false or a number of seconds above 0 and below visibilityTimeout (${visibilityTimeout})`,
    );
  }
  // The consumer's own retryDelay, else the subscription's.
  const retryDelay = options.retryDelay === undefined ? defaults.retryDelay : validateRetryDelay(options.retryDelay);
  const backoff = optional(options.errorBackoff, {});
  if (typeof backoff !== 'object' || backoff === null) {
    throw new SubscribeOptionsError('errorBackoff', backoff, 'must be an object { initialDelay?, maxDelay? }');
  }
  const initialDelay = validateNumber('errorBackoff.initialDelay', optional(backoff.initialDelay, 100), 0, 3_600_000);
  const maxDelay = validateNumber('errorBackoff.maxDelay', optional(backoff.maxDelay, 20_000), initialDelay, 3_600_000);
  const names = optional(options.messageAttributeNames, []);
  if (!Array.isArray(names) || names.some((n) => typeof n !== 'string')) {
    throw new SubscribeOptionsError('messageAttributeNames', names, 'must be an array of strings');
  }
  return {
    queueUrl,
    client,
    concurrency: validateInteger('concurrency', optional(options.concurrency, defaults.concurrency), 1, MAX_CONCURRENCY),
    batchSize: validateInteger('batchSize', optional(options.batchSize, 10), 1, 10),
    waitTimeSeconds: validateInteger('waitTimeSeconds', optional(options.waitTimeSeconds, 20), 0, 20),
    visibilityTimeout,
    heartbeatInterval: heartbeat === false ? undefined : heartbeat,
    retryDelay,
    stopTimeout: validateNumber('stopTimeout', optional(options.stopTimeout, 30_000), 0, 86_400_000),
    signal,
    initialDelay,
    maxDelay,
    messageAttributeNames: names,
    onInvalid: validateOnInvalid(optional(options.onInvalid, defaults.onInvalid)),
    commands,
    handlerTimeout: validateHandlerTimeout(options.handlerTimeout, defaults.handlerTimeout),
    logger,
    rateLimit: validateRateLimit(options.rateLimit),
  };
}
