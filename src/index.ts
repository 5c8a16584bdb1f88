/**
 * s3-event-kit: typed, decoded, validated Amazon S3 events from every delivery road (S3 → Lambda,
 * SQS, SNS, EventBridge, and their combinations), one matcher, one sequencer comparison, and
 * `subscribe()` for Lambda handlers and SQS workers. Loads no AWS SDK code.
 *
 * @example
 * ```ts
 * import { normalize } from 's3-event-kit';
 * export const handler = async (event: unknown) => {
 *   for (const e of normalize(event)) console.log(e.via.join(' → '), e.name, `s3://${e.bucket}/${e.key}`);
 * };
 * ```
 * @module s3-event-kit
 */
export { S3_EVENT_NAMES, S3_EVENTBRIDGE_DETAIL_TYPES, eventTypeOf, isS3EventName } from './events/names.js';
export type { NamesOf, S3EventBridgeDetailType, S3EventName, S3EventType, S3EventTypeOf } from './events/names.js';
export type * from './events/notification.js';
export type * from './events/eventbridge.js';
export type * from './events/envelopes.js';
export type * from './events/normalized.js';

export { normalize, parse, parseMessages } from './normalize/parse.js';
export type { ParseOptions, ParseResult, ParsedBatch, ParsedMessage } from './normalize/parse.js';
export { S3EventParseError, isS3EventParseError } from './normalize/errors.js';
export type { S3EventParseErrorCode, S3EventParseErrorOptions } from './normalize/errors.js';
export { decodeKey, encodeKey } from './normalize/key.js';
export type { MessageContents } from './normalize/envelopes.js';

export { matches, eventNameMatches } from './filter.js';
export type { MatchedEvent, S3EventFilter, S3EventPattern } from './filter.js';
export { compareSequencers } from './sequencer.js';

export { subscribe } from './subscribe/subscription.js';
export { subscribeBatch } from './subscribe/batch.js';
export { InvalidBatchResultError, UnknownBatchEventError } from './subscribe/batch-errors.js';
export type {
  BatchAroundHook,
  BatchConsumerOptions,
  BatchSubscribeOptions,
  BatchSubscription,
  S3EventBatchContext,
  S3EventBatchFailure,
  S3EventBatchHandler,
  S3EventBatchResult,
} from './subscribe/batch-types.js';
export { jsonLogger } from './subscribe/logger.js';
export type { JsonLoggerOptions, LogFields, LogLevel, S3EventLogger } from './subscribe/logger.js';
export { emfMetrics } from './subscribe/metrics.js';
export type { EmfMetricsOptions, HandlerCallSample, MessageSample, MetricsSink } from './subscribe/metrics.js';
export type { OnErrorHook, S3EventErrorContext } from './subscribe/observe.js';
export { exponentialRetryDelay } from './subscribe/backoff.js';
export { PermanentError, isPermanent } from './subscribe/permanent.js';
export type { PermanentPolicy } from './subscribe/permanent.js';
export { queueUrlFromArn } from './subscribe/lambda-retry.js';
export {
  HandlerAbortedError,
  S3EventBatchError,
  S3EventHandlerError,
  SqsConsumerError,
  SubscribeOptionsError,
} from './subscribe/errors.js';
export type { AbortReason, SqsOperation } from './subscribe/errors.js';
export type {
  EventBridgeEventLike,
  InvalidMessagePolicy,
  KinesisStreamEventLike,
  LambdaContextLike,
  S3EventLike,
  SnsEventLike,
  SqsEventLike,
  S3EventContext,
  S3EventHandler,
  AroundHook,
  SqsBatchResponse,
  SubscribeOptions,
  Subscription,
} from './subscribe/types.js';
export type {
  ConsumerEvents,
  ConsumerOptions,
  ConsumerStats,
  MessageOutcome,
  MessageReport,
  RateLimitOptions,
  RetryDelayInput,
  S3EventConsumer,
  SqsClientLike,
  SqsCommands,
} from './subscribe/consumer-types.js';

export { eventId, objectId } from './dedupe/event-id.js';
export { createDeduper, dedupe } from './dedupe/deduper.js';
export type { DedupeBatch, DedupeClaim, DedupeOptions, DedupeOutcome, DedupeRunOptions, Deduper } from './dedupe/deduper.js';
export type { S3EventTrace, S3EventW3CTrace, S3EventXRayTrace } from './subscribe/trace.js';
export type { S3EventRedrive } from './subscribe/redrive.js';
export { createLatestOnly, latestOnly } from './order/latest-only.js';
export type { LatestBatch, LatestCheck, LatestOnly, LatestOnlyOptions, LatestOutcome } from './order/latest-only.js';
export { createGuard } from './dedupe/guard.js';
export type { Guard, GuardOptions, GuardOutcome } from './dedupe/guard.js';
export { S3EventInProgressError } from './dedupe/errors.js';
export { memoryStore } from './store/memory-store.js';
export type { MemoryStore, MemoryStoreOptions } from './store/memory-store.js';
export type { EventStore, StoreCondition, StoreSetOptions } from './store/types.js';
export { EventStoreError, InvalidOptionError } from './store/errors.js';
export { MissingPeerDependencyError } from './optional-peer.js';
export type { OptionalPeer } from './optional-peer.js';
