/** What the wrappers can carry, recognised at run time. @internal @module */
import type { S3EventBridgeEvent } from '../events/eventbridge.js';
import type { SnsNotification } from '../events/envelopes.js';
import type { S3EventNotification, S3TestEvent } from '../events/notification.js';
import { isPlainObject, regionOfArn } from './defaults.js';
import { S3EventFactoryError } from './errors.js';

/**
 * What an SNS topic can carry on the S3 roads: an S3 notification message (from `asS3Event`), an
 * EventBridge S3 event (from `asEventBridge`, through a rule with an SNS target), an
 * `s3:TestEvent` (from `testEvent`), or any string (to test messages that are not S3 events).
 *
 * @example
 * ```ts
 * import { asEventBridge, asSns, type SnsPayload } from 's3-event-kit/testing';
 * const payload: SnsPayload = asEventBridge({ name: 'ObjectTagging:Put' });
 * asSns(payload).Records[0]?.Sns.Subject; //=> null
 * ```
 * @category Testing
 */
export type SnsPayload = S3EventNotification | S3EventBridgeEvent | S3TestEvent | string;

/**
 * What an SQS message body can be on the S3 roads: everything SNS can carry (delivered by S3,
 * EventBridge or SNS raw delivery), or the SNS notification JSON from
 * `asSns(payload, { delivery: 'sqs' })`.
 *
 * @example
 * ```ts
 * import { asS3Event, asSns, asSqs, s3Record, type SqsPayload } from 's3-event-kit/testing';
 * const bodies: SqsPayload[] = [asS3Event(s3Record()), asSns(asS3Event(s3Record()), { delivery: 'sqs' }), 'not JSON'];
 * asSqs(bodies).Records.length; //=> 3
 * ```
 * @category Testing
 */
export type SqsPayload = SnsPayload | SnsNotification;

/** Who sent a payload, which decides SNS's subject and SQS's sender id. */
export type PayloadKind = 's3' | 'test' | 'eventbridge' | 'sns' | 'text';

export interface PayloadInfo {
  readonly kind: PayloadKind;
  /** The origin's time in epoch milliseconds (or `undefined` when it has none). */
  readonly timeMs: number | undefined;
  /** The origin's Region, if it tells. */
  readonly region: string | undefined;
}

/** Payloads that `asSns(…, { delivery: 'raw' })` produced: SQS then reports SNS as the sender. */
export const rawSnsDeliveries = new WeakSet<object>();

export function inspectPayload(payload: unknown, where: string, snsAllowed: boolean): PayloadInfo {
  if (typeof payload === 'string') return { kind: 'text', timeMs: undefined, region: undefined };
  if (!isPlainObject(payload)) return refuse(where, 'expected an S3 event, an EventBridge event, a test event or a string');
  const records = payload['Records'];
  if (Array.isArray(records)) {
    const first: unknown = records[0];
    if (isPlainObject(first) && first['eventSource'] === 'aws:s3') {
      return { kind: 's3', timeMs: time(first['eventTime']), region: text(first['awsRegion']) };
    }
    if (isPlainObject(first) && first['EventSource'] === 'aws:sns') {
      return refuse(where, 'an SNS Lambda event (asSns(...) with the default delivery) never travels further; ' +
        "for S3 → SNS → SQS build the body with asSns(payload, { delivery: 'sqs' })");
    }
    if (isPlainObject(first) && first['eventSource'] === 'aws:sqs') {
      return refuse(where, 'an SQS Lambda event cannot be carried again; wrap the payload inside it instead');
    }
    if (records.length === 0) return refuse(where, 'an S3 notification needs at least one record');
    return refuse(where, 'the Records are not S3 event records (eventSource "aws:s3")');
  }
  if (Array.isArray(payload['Messages'])) return refuse(where, 'a ReceiveMessage result cannot be carried again');
  if (payload['source'] === 'aws.s3' && typeof payload['detail-type'] === 'string') {
    return { kind: 'eventbridge', timeMs: time(payload['time']), region: text(payload['region']) };
  }
  if (payload['Event'] === 's3:TestEvent') return { kind: 'test', timeMs: time(payload['Time']), region: undefined };
  if (payload['Type'] === 'Notification' && typeof payload['TopicArn'] === 'string') {
    if (!snsAllowed) return refuse(where, 'SNS does not wrap an SNS notification again');
    return { kind: 'sns', timeMs: time(payload['Timestamp']), region: regionOfArn(payload['TopicArn']) };
  }
  return refuse(where, 'expected an S3 event (asS3Event), an EventBridge event (asEventBridge), a test event (testEvent) or a string');
}

function refuse(where: string, why: string): never {
  throw new S3EventFactoryError('INVALID_PAYLOAD', `${where}: ${why}`);
}

function time(value: unknown): number | undefined {
  if (typeof value !== 'string') return undefined;
  const ms = Date.parse(value);
  return Number.isFinite(ms) ? ms : undefined;
}

function text(value: unknown): string | undefined {
  return typeof value === 'string' && value !== '' ? value : undefined;
}

