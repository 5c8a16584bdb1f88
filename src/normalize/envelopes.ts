/**
 * Peels the SQS and SNS envelopes off one message and reads the S3 or EventBridge event inside.
 * The grammar is fixed, so nesting is bounded: SQS ⊃ SNS ⊃ origin, SQS ⊃ origin, SNS ⊃ origin.
 * @internal @module
 */
import type { S3ObjectEvent, S3TestNotification } from '../events/normalized.js';
import type { Carriers, Delivery } from './delivery.js';
import { fromEventBridge, isEventBridgeEvent } from './from-eventbridge.js';
import { fromNotification, isS3Notification } from './from-notification.js';
import { fromTestEvent, isTestEvent } from './from-test-event.js';
import { isObject, parseJson, string, type JsonObject, type Scope } from './read.js';

/**
 * What one message yields: its object events and its `s3:TestEvent`s.
 *
 * @example
 * ```ts
 * import { parseMessages, type MessageContents } from 's3-event-kit';
 * declare const input: unknown;
 * const count = ({ events, testEvents }: MessageContents) => events.length + testEvents.length;
 * parseMessages(input).messages.map(count);
 * ```
 * @category Normalize
 */
export interface MessageContents {
  readonly events: S3ObjectEvent[];
  readonly testEvents: S3TestNotification[];
}

/**
 * Whether a value is the SNS notification JSON (SQS body or HTTP POST without raw delivery). Its
 * `Message` is checked when it is read, so a bad one is reported at its path.
 */
export function isSnsNotification(value: JsonObject): boolean {
  return value['Type'] === 'Notification' && typeof value['TopicArn'] === 'string';
}

/**
 * Reads an origin event (S3 notification, test event, EventBridge event) or, where `carriers`
 * still allows SNS, an SNS notification around one.
 */
export function readCarried(value: unknown, delivery: Delivery, scope: Scope, out: MessageContents): void {
  if (isObject(value)) {
    if (isS3Notification(value)) return fromNotification(value, delivery, scope, out.events);
    if (isEventBridgeEvent(value)) {
      out.events.push(fromEventBridge(value, delivery, scope));
      return;
    }
    if (isTestEvent(value)) {
      out.testEvents.push(fromTestEvent(value, delivery, scope));
      return;
    }
    if (isSnsNotification(value) && (delivery.carriers === '' || delivery.carriers === 'sqs')) {
      return readSnsMessage(value, { ...delivery, carriers: delivery.carriers === '' ? 'sns' : 'sns+sqs' }, scope, out);
    }
  }
  return scope.fail(
    delivery.carriers === '' ? 'UNKNOWN_SHAPE' : 'NOT_S3_EVENT',
    delivery.carriers === ''
      ? 'not an S3 event, nor an SQS, SNS or EventBridge envelope around one'
      : `the ${envelopeName(delivery.carriers)} carries no S3 event (expected S3 notification Records, an s3:TestEvent or an EventBridge event from aws.s3)`,
    '',
    value,
  );
}

function envelopeName(carriers: Carriers): string {
  return carriers === 'sqs' ? 'SQS message body' : 'SNS message';
}

/** The SNS notification JSON (SQS body, HTTP) or the `Sns` object of a Lambda record. */
export function readSnsMessage(sns: JsonObject, delivery: Delivery, scope: Scope, out: MessageContents): void {
  const message = string(sns['Message'], scope, 'Message');
  readCarried(parseJson(message, scope, 'Message'), delivery, scope.enter('Message'), out);
}

/** An SQS message body: an S3 notification, a test event, an EventBridge event or SNS JSON around one. */
export function readSqsBody(body: string, delivery: Delivery, scope: Scope, step: string, out: MessageContents): void {
  readCarried(parseJson(body, scope, step), delivery, scope.enter(step), out);
}
