/**
 * `subscribe()`: one handler, many transports. The subscription is a Lambda handler and starts an
 * SQS consumer; both read messages with `parseMessages` and run them through `runMessage`.
 * @module
 */
import { createGuard, type Guard } from '../dedupe/guard.js';
import type { S3ObjectEvent } from '../events/normalized.js';
import type { MatchedEvent, S3EventPattern } from '../filter.js';
import type { ParseOptions } from '../normalize/parse.js';
import type { ConsumerOptions, S3EventConsumer } from './consumer-types.js';
import { SubscribeOptionsError } from './errors.js';
import { invokeLambda } from './lambda.js';
import { Observer } from './observe.js';
import { startConsumer } from './start.js';
import { filterOf, type Core } from './run-message.js';
import type { LambdaContextLike, S3EventHandler, SqsBatchResponse, SubscribeOptions, Subscription } from './types.js';
import { validateConsumerOptions, validateSubscribeOptions } from './validate.js';

/**
 * Subscribes a handler to S3 events: returns a {@link Subscription} that is a Lambda handler for
 * every road (S3, SQS, SNS, EventBridge, and their combinations) and, with `start()`, a long-polling
 * SQS consumer for containers and servers. The filter's `events` narrow the handler's event type;
 * events the filter leaves out are acknowledged without calling the handler.
 *
 * Delivery is at least once: a message is acknowledged (deleted, or left out of
 * `batchItemFailures`) only after every matching event in it was handled. `s3:TestEvent`s are
 * acknowledged; messages that are not S3 events fail unless `onInvalid` says `'delete'`.
 *
 * @throws {@link SubscribeOptionsError} for an invalid option.
 * @example
 * ```ts
 * import { subscribe } from 's3-event-kit';
 *
 * // Lambda (any road): export it as the function's handler.
 * export const handler = subscribe(
 *   { events: ['ObjectCreated:*'], prefix: 'uploads/', suffix: '.jpg' },
 *   async (event, ctx) => {
 *     // event is an ObjectCreated event: size and eTag are always there
 *     console.log(`${event.name} s3://${event.bucket}/${event.key} ${event.size} B (message ${ctx.messageId})`);
 *   },
 * );
 *
 * // Anywhere else: poll the queue with the same handler.
 * if (process.env.QUEUE_URL) {
 *   const consumer = handler.start({ queueUrl: process.env.QUEUE_URL, concurrency: 20 });
 *   process.once('SIGTERM', () => void consumer.stop());
 * }
 * ```
 * @category Subscribe
 */
export function subscribe<const Patterns extends readonly S3EventPattern[] = readonly ['*']>(
  options: SubscribeOptions<Patterns>,
  handler: S3EventHandler<MatchedEvent<Patterns>>,
): Subscription<MatchedEvent<Patterns>> {
  // The filter guarantees that the handler only sees MatchedEvent<Patterns>.
  const core = createCore(options, handler as S3EventHandler<S3ObjectEvent>, '(event, ctx) => …');
  const { settings } = core;
  const subscription = (event: unknown, context?: LambdaContextLike): Promise<SqsBatchResponse | undefined> =>
    invokeLambda(core, event, context);
  const start = (consumerOptions: ConsumerOptions): S3EventConsumer =>
    startConsumer(core, validateConsumerOptions(consumerOptions, settings));
  // One implementation behind the per-road call signatures of `Subscription`: only an SQS carrier
  // answers `{ batchItemFailures }`; every other road resolves to undefined or throws.
  return Object.assign(subscription, {
    start,
    options: options as SubscribeOptions,
    handler,
  }) as Subscription<MatchedEvent<Patterns>>;
}

/**
 * What `subscribe()` and `subscribeBatch()` are made of: the options checked (and the handler,
 * described by `shape` in the error), the filter, the guard and the observer; warnings logged.
 */
export function createCore(options: SubscribeOptions, handler: S3EventHandler<S3ObjectEvent>, shape: string): Core {
  const settings = validateSubscribeOptions(options);
  if (typeof handler !== 'function') throw new SubscribeOptionsError('handler', handler, `must be a function ${shape}`);
  const parse: ParseOptions = {
    roads: options.roads,
    decodeEventBridgeKeys: options.decodeEventBridgeKeys,
    decodeNotificationKeys: options.decodeNotificationKeys,
  };
  const core: Core = {
    handler,
    filter: filterOf(options),
    parse,
    settings,
    guard: guardOf(options),
    observer: new Observer({ logger: options.logger, onError: options.onError, metrics: options.metrics }),
    around: options.around,
  };
  for (const warning of settings.warnings) core.observer.log('warn', warning, {});
  return core;
}

/** The subscription's dedupe and latestOnly, built once (so their in-memory stores live as long as it does). */
function guardOf(options: SubscribeOptions): Guard | undefined {
  const guard = createGuard({ dedupe: options.dedupe, latestOnly: options.latestOnly });
  return guard.dedupe === undefined && guard.latestOnly === undefined ? undefined : guard;
}
