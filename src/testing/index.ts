/**
 * Factories that build **exact AWS payloads** of S3 events, for every event name and every road,
 * to use in your own unit tests. They return the raw AWS types of `s3-event-kit`, compose like the
 * roads do, and need nothing but `node:crypto`.
 *
 * | road | payload |
 * |---|---|
 * | S3 → Lambda | `asS3Event(s3Record(…))` |
 * | S3 → SQS (Lambda / `ReceiveMessage`) | `asSqs(asS3Event(…))`, `asSqs(asS3Event(…), { shape: 'api' })` |
 * | S3 → SNS → Lambda | `asSns(asS3Event(…))` |
 * | S3 → SNS → SQS | `asSqs(asSns(asS3Event(…), { delivery: 'sqs' }))` |
 * | S3 → SNS → SQS, raw delivery | `asSqs(asSns(asS3Event(…), { delivery: 'raw' }))` |
 * | S3 → EventBridge → Lambda / SQS | `asEventBridge(s3Record(…))`, `asSqs(asEventBridge(…))` |
 * | S3 → EventBridge → SNS (→ SQS) | `asSns(asEventBridge(…))`, `asSqs(asSns(asEventBridge(…), { delivery: 'sqs' }))` |
 * | `s3:TestEvent` | `asSqs(testEvent())`, `asSns(testEvent())` |
 *
 * `deliver(record, road)` does the composition for any road, and `ROADS` lists them all.
 *
 * Keys are given **decoded** (`'red flower.jpg'`) and written URL-encoded as S3 does
 * (`red+flower.jpg`); `normalize()` gives them back decoded. Output is deterministic when you pass
 * a `seed` (every factory takes one) or the times and ids; otherwise times come from the clock and
 * ids from `node:crypto`.
 *
 * The payloads fit the `@types/aws-lambda` event types without casts: `asSqs` gives an
 * `SQSEvent`, `asSns(asS3Event(…))` an `SNSEvent`, `asEventBridge` an `EventBridgeEvent`, and
 * `asS3Event` of records that carry `size`, `eTag` and `sequencer` (created objects, restores,
 * replication) an `S3Event`. (`@types/aws-lambda` claims fields some events lack, such as `size`
 * on a delete: those records honestly do not fit.)
 *
 * @example
 * ```ts
 * import { normalize } from 's3-event-kit';
 * import { asS3Event, asSns, asSqs, s3Record } from 's3-event-kit/testing';
 *
 * const record = s3Record({ name: 'ObjectCreated:Put', bucket: 'photos', key: 'red flower.jpg', size: 42 });
 * const sqsEvent = asSqs(asSns(asS3Event(record), { delivery: 'sqs' }), { messageId: 'm1' });
 *
 * const [event] = normalize(sqsEvent);
 * event?.key; //=> 'red flower.jpg'
 * event?.via; //=> ['s3', 'sns', 'sqs']
 * event?.messageId; //=> 'm1'
 * ```
 * @module s3-event-kit/testing
 */
export { s3Record, asS3Event } from './s3-record.js';
export type { S3EventRecordOf, S3ObjectFieldsOf, S3RecordOptions, ReplicationOptions } from './s3-record.js';
export { asEventBridge } from './eventbridge.js';
export type {
  EventBridgeOptions,
  S3EventBridgeDetailTypeOf,
  S3EventBridgeEventFor,
  S3EventBridgeName,
  S3EventBridgeOptions,
} from './eventbridge.js';
export { asSns } from './sns.js';
export type { BuiltSnsEvent, SnsDelivery, SnsOptions } from './sns.js';
export { asSqs, sqsMessage, sqsRecord } from './sqs.js';
export type {
  BuiltSqsEvent,
  BuiltSqsRecord,
  SqsApiMessage,
  SqsMessageAttributeInput,
  SqsOptions,
  SqsReceiveResult,
  SqsShape,
} from './sqs.js';
export type { SnsPayload, SqsPayload } from './payloads.js';
export { testEvent } from './test-event.js';
export type { TestEventOptions } from './test-event.js';
export { deliver, ROADS } from './roads.js';
export type { DeliverOptions, RoadPayload, S3Road } from './roads.js';
export { S3EventFactoryError, isS3EventFactoryError } from './errors.js';
export type { S3EventFactoryErrorCode } from './errors.js';
